"""The API's one paginator: `limit`/`offset` bounded so no request can overflow a query."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 200
MAX_OFFSET = 10_000_000


class BoundedPagination(LimitOffsetPagination):
    """Limit-offset pages of at most 200 items; out-of-range values answer 422."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

"""The council's open data, public, no token (mounted at /api/v1/collectivities):

GET /{code}/popolo                 the Popolo document of the council of the collectivity
                                   (persons, organizations, memberships, events, motions,
                                   vote_events, votes; see `popolo.py` for the mapping and
                                   `schemas/*.json` for the JSON Schemas it follows)
GET /{code}/popolo.csv?table=...   one table of it as CSV (UTF-8 with BOM, comma-separated):
                                   `votes` (the default: one row per ballot with member, party,
                                   option, item, sitting, time, result, decision number),
                                   `persons`, `organizations`, `memberships`, `events`,
                                   `motions` or `vote_events`

Only the public record appears (see `public.py`). A text cell starting with =, +, @ or a
control character is written with a leading apostrophe (no formula runs in a spreadsheet).
An unknown code answers 404; an unknown table answers 422 with the list of tables.
"""

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from jamaati.core.tenancy.selectors import collectivity_get
from jamaati.council import popolo

router = Router()

CODE_MAX = 20


class CsvFilters(Schema):
    table: str = Field("votes", max_length=20, description="one of " + ", ".join(popolo.TABLES))


def _cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text ('=...)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return "'" + value
    return value


def _collectivity(code: str) -> Any:
    if not code or len(code) > CODE_MAX or "\x00" in code:
        raise Http404("bad code")
    return collectivity_get(code=code)


@router.get("/{code}/popolo", summary="The council's record as Popolo JSON")
def popolo_json(request: HttpRequest, code: str = Path(..., max_length=CODE_MAX)) -> Any:
    """Members, committees, groups, memberships, sessions and sittings, items voted, votes
    with their counts, and every member's ballot: only what is public."""
    return popolo.build(_collectivity(code))


@router.get("/{code}/popolo.csv", summary="One table of the council's record as CSV")
def popolo_csv(
    request: HttpRequest,
    filters: Query[CsvFilters],
    code: str = Path(..., max_length=CODE_MAX),
) -> HttpResponse:
    """`table` chooses the table (default `votes`, one row per ballot)."""
    node = _collectivity(code)
    if filters.table not in popolo.TABLES:
        raise ValidationError(
            _("Unknown table; choose one of: %(tables)s.") % {"tables": ", ".join(popolo.TABLES)}
        )
    header, rows = popolo.table_rows(popolo.build(node), filters.table)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="council-{node.code}-{filters.table}.csv"'
    )
    return response

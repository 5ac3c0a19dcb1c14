"""The project's URLs plus two benchmark-only endpoints, served by the same server with the
same settings as the application (bench/bench_settings.py):

- `POST bench/bare/`: the baseline, a bare Django view that parses the JSON body and inserts
  one row (raw SQL into the bench-only table `bench_bare_row`), through the same middleware;
- `POST bench/file/`: a stand-in for `POST /api/v1/cases`, used only while that operation
  does not exist: bearer token as the API authenticates it, then `case_submit`.
"""

import json

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from jamaati import urls as project_urls

BARE_TABLE = "bench_bare_row"
BARE_TABLE_SQL = (
    f"CREATE TABLE IF NOT EXISTS {BARE_TABLE}"
    " (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL, payload jsonb NOT NULL)"
)


@csrf_exempt
def bare_insert(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        return JsonResponse({"detail": "POST only"}, status=405)
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"detail": "invalid JSON"}, status=400)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (created_at, payload) VALUES (now(), %s) RETURNING id",
            [json.dumps(payload)],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)


@csrf_exempt
def standin_file(request: HttpRequest) -> JsonResponse:
    from jamaati.accounts.selectors import api_token_get_usable
    from jamaati.accounts.services import token_mark_used
    from jamaati.cases.models import Channel
    from jamaati.cases.services import case_submit
    from jamaati.catalogue.selectors import procedure_get_public_by_id

    header = request.headers.get("authorization", "")
    token = api_token_get_usable(header.removeprefix("Bearer ").strip()) if header else None
    if token is None:
        return JsonResponse({"detail": "unauthorized"}, status=401)
    token_mark_used(actor=token.user, token=token)
    try:
        body = json.loads(request.body)
        version = procedure_get_public_by_id(procedure_id=int(body["procedure_id"]))
        case = case_submit(
            actor=token.user, version=version, data=body.get("data") or {}, channel=Channel.API
        )
    except (ValueError, KeyError, ValidationError) as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    return JsonResponse({"number": case.number, "state": case.state}, status=201)


urlpatterns = [
    path("bench/bare/", bare_insert),
    path("bench/file/", standin_file),
    *project_urls.urlpatterns,
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

"""Open311 GeoReport v2 endpoints at /open311/v2/ (https://wiki.open311.org/GeoReport_v2).

Every answer is JSON or XML as the URL's extension asks; every error is the specification's
error document (`[{code, description}]` / `<errors><error>...`) with status 400, 403, 404 or
405, in the language of the Accept-Language header (Arabic by default): never an HTML page.

- `jurisdiction_id` is the HCP code of a collectivity (`07.427.01.01`); it is required,
  because the platform serves many collectivities. Lists take the jurisdiction's subtree.
- Services are the active national complaint categories; none has extra attributes.
- POST needs `api_key`: a platform API token (the civic app's account). A request with a
  name (first and/or last) and an email or phone is a `complaint` filed for that person;
  otherwise an anonymous `observation` (allowed by decree 2.17.265), whose follow-up secret
  is returned as `token` (`GET tokens/<token>`).
- GET requests: `service_request_id` (comma list; the other filters are then ignored),
  `service_code` (comma list), `status` (`open`, `closed` or both), `start_date` /
  `end_date` (W3C datetimes, at most 90 days apart; the last 90 days by default); newest
  first, at most MAX_REQUESTS.
"""

from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from jamaati.accounts.api_auth import TokenAuth
from jamaati.complaints.models import Channel, Complaint, ComplaintKind
from jamaati.complaints.open311.records import (
    filing_notice,
    request_record,
    service_record,
)
from jamaati.complaints.open311.render import error_response, respond
from jamaati.complaints.open311.spec import (
    FORMATS,
    POST_RESPONSE_FIELDS,
    ROOT_DISCOVERY,
    ROOT_REQUESTS,
    ROOT_SERVICE_DEFINITION,
    ROOT_SERVICES,
    SPECIFICATION_URL,
    STATUSES,
)
from jamaati.complaints.selectors import category_list, complaint_public_list
from jamaati.complaints.services import complaint_file
from jamaati.complaints.tracking import token_digest
from jamaati.complaints.workflow import OPEN_STATES
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.tenancy.selectors import collectivity_get

MAX_REQUESTS = 1000
WINDOW = timedelta(days=90)
MAX_LIST_ITEMS = 100  # ids or codes in one comma list
CHANGESET = "2026-11-22T00:00:00+01:00"


class Open311Error(Exception):
    """An error to answer with the specification's document."""

    def __init__(self, status: int, *descriptions: Any) -> None:
        super().__init__(status, descriptions)
        self.status = status
        self.descriptions = [str(d) for d in descriptions]


def _endpoint(*methods: str) -> Callable:
    """Checks the format and the method, and turns every refusal into an error document."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> Any:
            fmt = fmt.lower()
            if fmt not in FORMATS:
                return error_response("json", 400, [_("Unknown format: ask for .json or .xml.")])
            if request.method not in methods:
                response = error_response(fmt, 405, [_("This method is not allowed here.")])
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return error_response(fmt, exc.status, exc.descriptions)
            except Http404:
                return error_response(fmt, 404, [_("Not found.")])
            except PermissionDenied:
                return error_response(fmt, 403, [_("You are not allowed to do this.")])
            except ValidationError as exc:
                return error_response(fmt, 400, exc.messages)
            except (BadRequest, SuspiciousOperation, MultiPartParserError):
                # A body Django will not read: too large, too many fields, broken multipart.
                return error_response(fmt, 400, [_("The request is not valid.")])

        return wrapper

    return decorate


def _param(request: HttpRequest, name: str) -> str:
    """A form or query argument as stripped text ("" when absent); NUL is refused. A POST
    reads its body first, then its query string (some clients put jurisdiction_id there)."""
    value = (request.POST.get(name, "") if request.method == "POST" else "") or request.GET.get(
        name, ""
    )
    if "\x00" in value:
        raise Open311Error(400, _("The request is not valid."))
    return value.strip()


def _jurisdiction(request: HttpRequest, *, required: bool = True) -> Collectivity | None:
    code = _param(request, "jurisdiction_id")
    if not code:
        if required:
            raise Open311Error(
                400,
                _("jurisdiction_id is required: the HCP code of a collectivity."),
            )
        return None
    try:
        return collectivity_get(code=code)
    except Http404:
        raise Open311Error(
            404, _("Unknown jurisdiction_id: %(code)s.") % {"code": code[:40]}
        ) from None


def _comma_list(value: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise Open311Error(400, _("At most %(n)s values in a list.") % {"n": MAX_LIST_ITEMS})
    return items


@_endpoint("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """The discovery document: the one production endpoint and its formats."""
    url = f"{settings.JAMAATI_PUBLIC_URL}{reverse('open311:discovery', kwargs={'fmt': 'json'})}"
    base = url.rsplit("/", 1)[0] + "/"
    document = {
        "changeset": CHANGESET,
        "contact": _("Jamaati, the digital administration of Morocco's collectivities"),
        "key_service": _("Ask the administrator of the platform for an API token."),
        "endpoints": [
            {
                "specification": SPECIFICATION_URL,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return respond(fmt, ROOT_DISCOVERY, document)


@_endpoint("GET")
def services(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """The active complaint categories of the jurisdiction (the national list)."""
    _jurisdiction(request)
    return respond(fmt, ROOT_SERVICES, [service_record(c) for c in category_list()])


@_endpoint("GET")
def service_definition(request: HttpRequest, service_code: str, *, fmt: str) -> HttpResponse:
    """A service's definition: no category asks extra attributes, so `attributes` is empty."""
    _jurisdiction(request)
    if not category_list().filter(code=service_code).exists():
        raise Open311Error(404, _("Unknown service_code: %(code)s.") % {"code": service_code[:60]})
    return respond(fmt, ROOT_SERVICE_DEFINITION, {"service_code": service_code, "attributes": []})


def _moment(request: HttpRequest, name: str, *, end: bool) -> datetime | None:
    """A W3C datetime argument (a bare date is its first or last moment), aware."""
    text = _param(request, name)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = datetime.combine(day, time.max if end else time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(
            400,
            _("%(name)s is not a W3C datetime (e.g. 2026-01-31T09:00:00+01:00).") % {"name": name},
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _window(request: HttpRequest) -> tuple[datetime, datetime]:
    """The filing period asked: at most 90 days; the last 90 days by default."""
    start = _moment(request, "start_date", end=False)
    end = _moment(request, "end_date", end=True)
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - WINDOW
    if end is None:
        end = start + WINDOW
    if end < start:
        raise Open311Error(400, _("end_date comes before start_date."))
    if end - start > WINDOW:
        raise Open311Error(400, _("start_date and end_date may not be more than 90 days apart."))
    return start, end


def _request_list(request: HttpRequest, node: Collectivity) -> list[Complaint]:
    complaints = complaint_public_list(collectivity=node)
    ids = _comma_list(_param(request, "service_request_id"))
    if ids:
        return list(complaints.filter(number__in=ids)[:MAX_REQUESTS])
    codes = _comma_list(_param(request, "service_code"))
    if codes:
        complaints = complaints.filter(category__code__in=codes)
    statuses = set(_comma_list(_param(request, "status").lower()))
    if statuses - set(STATUSES):
        raise Open311Error(400, _("status is open, closed or both."))
    if statuses == {"open"}:
        complaints = complaints.filter(state__in=sorted(OPEN_STATES))
    elif statuses == {"closed"}:
        complaints = complaints.exclude(state__in=sorted(OPEN_STATES))
    start, end = _window(request)
    complaints = complaints.filter(filed_at__gte=start, filed_at__lte=end)
    return list(complaints[:MAX_REQUESTS])


def _file(request: HttpRequest, node: Collectivity) -> dict[str, Any]:
    """File the POSTed request; the answer's one record."""
    api_key = _param(request, "api_key")
    client = TokenAuth().authenticate(request, api_key) if api_key else None
    if client is None:
        raise Open311Error(403, _("A valid api_key is required to create a request."))
    service_code = _param(request, "service_code")
    if not service_code:
        raise Open311Error(400, _("service_code is required."))
    category = category_list().filter(code=service_code).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code: %(code)s.") % {"code": service_code[:60]})
    name = " ".join(p for p in (_param(request, "first_name"), _param(request, "last_name")) if p)
    email, phone = _param(request, "email"), _param(request, "phone")
    is_person = bool(name and (email or phone))
    complaint = complaint_file(
        actor=client,
        collectivity=node,
        kind=ComplaintKind.COMPLAINT if is_person else ComplaintKind.OBSERVATION,
        category=category,
        text=_param(request, "description"),
        channel=Channel.OPEN311,
        photos=request.FILES.getlist("media"),
        latitude=_param(request, "lat") or None,
        longitude=_param(request, "long") or None,
        address=_param(request, "address_string"),
        contact_name=name if is_person else "",
        contact_email=email,
        contact_phone=phone if is_person else "",
        anonymous=not is_person,
    )
    record = {
        "service_request_id": complaint.number,
        "token": getattr(complaint, "tracking_secret", "") or None,
        "service_notice": filing_notice(),
        "account_id": None,
    }
    return {name: record[name] for name in POST_RESPONSE_FIELDS}


@csrf_exempt
@_endpoint("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """GET: the public list of service requests; POST: create one (needs api_key)."""
    node = _jurisdiction(request)
    if request.method == "POST":
        return respond(fmt, ROOT_REQUESTS, [_file(request, node)], status=201)
    return respond(fmt, ROOT_REQUESTS, [request_record(c) for c in _request_list(request, node)])


@_endpoint("GET")
def request_detail(request: HttpRequest, number: str, *, fmt: str) -> HttpResponse:
    """One service request by its id (the tracking number), in a one-item list."""
    node = _jurisdiction(request, required=False)
    complaints = complaint_public_list(collectivity=node).filter(number=number)
    complaint = complaints.first()
    if complaint is None:
        raise Open311Error(404, _("Unknown service_request_id: %(id)s.") % {"id": number[:60]})
    return respond(fmt, ROOT_REQUESTS, [request_record(complaint)])


@_endpoint("GET")
def token_detail(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    """The service request id a token stands for."""
    _jurisdiction(request, required=False)
    complaint = (
        complaint_public_list().filter(tracking_token=token_digest(token)).first()
        if token
        else None
    )
    if complaint is None:
        raise Open311Error(404, _("Unknown token."))
    return respond(fmt, ROOT_REQUESTS, [{"service_request_id": complaint.number, "token": token}])


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /open311/v2/: the specification's 404 document (JSON, or XML
    when the path ends in .xml)."""
    fmt = "xml" if path.lower().endswith(".xml") else "json"
    return error_response(fmt, 404, [_("Not found.")])


__all__ = [
    "discovery",
    "not_found",
    "request_detail",
    "requests",
    "service_definition",
    "services",
    "token_detail",
]

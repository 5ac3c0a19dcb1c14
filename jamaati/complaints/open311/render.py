"""JSON and XML answers of the Open311 endpoints, and their error documents.

Both formats are built from the same plain Python values (lists of dicts, in the field order
of `spec`), so the two can never disagree. XML follows the specification's shape: a root
element, one child per item (`LIST_ITEMS`), one element per field; `true`/`false` for
booleans; an empty element for a missing value.
"""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.complaints.open311.spec import LIST_ITEMS, ROOT_ERRORS

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"


def w3_datetime(moment: datetime | date | None) -> str | None:
    """A W3C datetime with the Moroccan offset (`2026-11-22T09:30:00+01:00`); a date is taken
    at the end of its day (an expected answer date); None stays None."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime(
            moment.year,
            moment.month,
            moment.day,
            23,
            59,
            59,
            tzinfo=timezone.get_current_timezone(),
        )
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _xml_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_fill(element: ET.Element, value: Any) -> None:
    """Write `value` into `element`: a dict as child fields, a list as repeated items."""
    if isinstance(value, dict):
        for name, child in value.items():
            _xml_fill(ET.SubElement(element, name), child)
    elif isinstance(value, list | tuple):
        item_name = LIST_ITEMS.get(element.tag, "item")
        for child in value:
            _xml_fill(ET.SubElement(element, item_name), child)
    else:
        element.text = _xml_text(value)


def to_xml(root: str, value: Any) -> bytes:
    """The XML document of `value` under the element `root`, with its declaration."""
    element = ET.Element(root)
    _xml_fill(element, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """`value` as JSON (the bare list or object) or as XML under `root`."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, value), content_type=XML_TYPE, status=status)
    return JsonResponse(
        _json_value(value),
        safe=False,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type=JSON_TYPE,
    )


def error_response(fmt: str, status: int, descriptions: Iterable[str]) -> HttpResponse:
    """The specification's error document: `[{code, description}]` or
    `<errors><error><code/><description/></error></errors>`, with the HTTP status."""
    errors = [{"code": status, "description": str(d)} for d in descriptions]
    return respond(fmt if fmt in ("json", "xml") else "json", ROOT_ERRORS, errors, status=status)


def bad_request_document() -> HttpResponse:
    """The 400 error document for a request too malformed to reach a view (a NUL character)."""
    return JsonResponse(
        [{"code": 400, "description": _("The request is not valid.")}], safe=False, status=400
    )

"""What Open311 publishes of a category and of a complaint: plain dicts in the field order of
the specification, built from the public fields only.

No person ever appears: no name, email, phone, CIN, account or token; no photo (photos are
private files); no answer text (it may speak about the person). A complaint of kind
`complaint` (harm to a person, decree 2.17.265 art. 2) also keeps its text and its location to
itself: only observations and suggestions, which are about public space, publish them.
"""

from typing import Any

from django.utils.translation import gettext as _

from jamaati.complaints.models import Complaint, ComplaintCategory, ComplaintKind
from jamaati.complaints.open311.render import w3_datetime
from jamaati.complaints.open311.spec import REQUEST_FIELDS, SERVICE_FIELDS

REALTIME = "realtime"


def service_record(category: ComplaintCategory) -> dict[str, Any]:
    """A category as an Open311 service (no attributes: `metadata` is false)."""
    record = {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": REALTIME,
        "keywords": category.keywords,
        "group": category.group,
    }
    return {name: record[name] for name in SERVICE_FIELDS}


def status_of(complaint: Complaint) -> str:
    return "open" if complaint.is_open else "closed"


def _status_notes(complaint: Complaint) -> str:
    if complaint.is_open:
        return complaint.state_label()
    return complaint.get_outcome_display() if complaint.outcome else complaint.state_label()


def _is_public_text(complaint: Complaint) -> bool:
    return complaint.kind != ComplaintKind.COMPLAINT


def request_record(complaint: Complaint) -> dict[str, Any]:
    """A complaint as an Open311 service request, without personal data."""
    public = _is_public_text(complaint)
    agency = complaint.collectivity.name
    if complaint.service_name:
        agency = f"{agency} — {complaint.service_name}"
    record = {
        "service_request_id": complaint.number,
        "status": status_of(complaint),
        "status_notes": _status_notes(complaint),
        "service_name": complaint.category.name,
        "service_code": complaint.category.code,
        "description": complaint.text if public else "",
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": w3_datetime(complaint.filed_at),
        "updated_datetime": w3_datetime(complaint.updated_at),
        "expected_datetime": w3_datetime(complaint.due_on) if complaint.is_open else None,
        "address": complaint.address if public else "",
        "address_id": None,
        "zipcode": None,
        "lat": complaint.latitude if public else None,
        "long": complaint.longitude if public else None,
        "media_url": None,
    }
    return {name: record[name] for name in REQUEST_FIELDS}


def filing_notice() -> str:
    """The notice returned with a new request: the legal delay of the answer."""
    return _("Received. A reasoned answer is due within 60 days (decree 2.17.265, art. 8).")

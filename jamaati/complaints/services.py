"""Every write to a complaint: keyword-only, takes `actor`, atomic, audited.

States change only through `jamaati.core.workflow.transition()`; the services here check the
input (a ValidationError with a clear message means nothing was written), route and number a
new complaint, store its photos, and record the answer's facts next to the transition.
"""

import re
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.accounts.validators import normalize_cin, validate_cin
from jamaati.complaints.geography import is_in_morocco
from jamaati.complaints.models import (
    Channel,
    Complaint,
    ComplaintAddition,
    ComplaintCategory,
    ComplaintKind,
    ComplaintPhoto,
    Level,
)
from jamaati.complaints.tracking import TrackingHolder, new_token, source_digest, token_digest
from jamaati.complaints.workflow import (
    ANSWER_OUTCOMES,
    EXCLUSION_OUTCOMES,
    TEXT_LIMIT,
    ComplaintState,
    Outcome,
)
from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.tenancy.models import PROVINCIAL_KINDS, Collectivity, Kind
from jamaati.core.uploads import PHOTO_TYPES, CheckedFile, check_upload
from jamaati.core.workflow import transition
from jamaati.core.workflow.models import TransitionLog

S = ComplaintState
MAX_PHOTOS = 3
PHONE_PATTERN = re.compile(r"^\+?[0-9 .\-]{8,20}$")


def _refuse(message: Any, field: str = "__all__", code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, limit: int = TEXT_LIMIT, *, required: bool = False) -> str:
    """A person's text, stripped; refused when it is not text, holds a NUL character, is
    longer than `limit`, or is empty while `required`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _refuse(_("Enter text."), field=field, code="not_text")
    if "\x00" in value:
        raise _refuse(
            _("The text contains a character that is not allowed."), field=field, code="null"
        )
    value = value.strip()
    if len(value) > limit:
        raise _refuse(
            _("The text is too long: at most %(limit)s characters.") % {"limit": limit},
            field=field,
            code="too_long",
        )
    if required and not value:
        raise _refuse(_("This field is required."), field=field, code="required")
    return value


# --- checks of the filing -----------------------------------------------------------------


def _category(value: Any) -> ComplaintCategory:
    """An active category, given as an instance or its code."""
    if isinstance(value, ComplaintCategory):
        category = value if value.is_active else None
    else:
        code = value if isinstance(value, str) else ""
        category = ComplaintCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise _refuse(_("Choose a category from the list."), field="category", code="category")
    return category


def _coordinate(value: Any, low: int, high: int) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError("bad") from None
    if not number.is_finite() or not low <= number <= high:
        raise ValidationError("bad")
    return number.quantize(Decimal("0.000001"))


def check_location(latitude: Any, longitude: Any) -> tuple[Decimal | None, Decimal | None]:
    """A whole point inside Morocco, or no point; ValidationError otherwise."""
    try:
        lat, lon = _coordinate(latitude, -90, 90), _coordinate(longitude, -180, 180)
    except ValidationError:
        raise _refuse(
            _("The coordinates are not valid: latitude and longitude in decimal degrees."),
            field="location",
            code="location",
        ) from None
    if (lat is None) != (lon is None):
        raise _refuse(
            _("Give both the latitude and the longitude, or neither."),
            field="location",
            code="half_point",
        )
    if lat is not None and not is_in_morocco(lat, lon):
        raise _refuse(
            _("The location is outside Morocco: complaints concern the national territory."),
            field="location",
            code="outside",
        )
    return lat, lon


def check_photos(photos: Iterable[Any], *, already: int = 0) -> list[CheckedFile]:
    """At most MAX_PHOTOS in all, each a JPEG or PNG (by content) within the size limit."""
    photos = [p for p in (photos or ()) if p]
    if already + len(photos) > MAX_PHOTOS:
        raise _refuse(
            _("At most %(count)s photos per complaint.") % {"count": MAX_PHOTOS},
            field="photos",
            code="too_many",
        )
    checked, errors = [], []
    for upload in photos:
        try:
            checked.append(check_upload(upload, allowed=PHOTO_TYPES))
        except ValidationError as exc:
            errors.extend(exc.error_list)
        except (AttributeError, TypeError):
            errors.append(ValidationError(_("A photo could not be read.")))
    if errors:
        raise ValidationError({"photos": errors})
    return checked


def route(collectivity: Collectivity, category: ComplaintCategory) -> Collectivity:
    """The collectivity in charge: the category's level, walking up from the one the complaint
    was filed at (a commune's province or region); the filing one when no such level is above
    it (a province page for a commune matter keeps the province)."""
    if category.level == Level.COMMUNE:
        return collectivity
    wanted = set(PROVINCIAL_KINDS) if category.level == Level.PROVINCE else {Kind.REGION}
    if collectivity.kind in wanted:
        return collectivity
    for node in reversed(collectivity.ancestors()):
        if node.kind in wanted:
            return node
    return collectivity


def _identity(
    *,
    actor: Any,
    kind: str,
    channel: str,
    anonymous: bool,
    contact_name: Any,
    contact_email: Any,
    contact_phone: Any,
    contact_cin: Any,
) -> dict[str, Any]:
    """Who files: an account, a walk-in person (counter), a client's contact, or nobody (an
    anonymous observation or suggestion). A complaint always needs an identity (art. 2)."""
    name = _text(contact_name, "contact_name", 200)
    email = _text(contact_email, "contact_email", 254)
    phone = _text(contact_phone, "contact_phone", 20)
    cin = normalize_cin(_text(contact_cin, "contact_cin", 12))
    signed_in = bool(getattr(actor, "is_authenticated", False))
    if channel == Channel.WEB and not signed_in:
        anonymous = True
    if anonymous and kind == ComplaintKind.COMPLAINT:
        raise _refuse(
            _(
                "A complaint cannot be anonymous: sign in or give your identity. Observations "
                "and suggestions can be sent anonymously."
            ),
            code="anonymous_complaint",
        )
    errors: dict[str, list] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = [_("Enter a valid email address.")]
    if phone and not PHONE_PATTERN.match(phone):
        errors["contact_phone"] = [_("Enter a valid phone number.")]
    fields: dict[str, Any] = {"is_anonymous": bool(anonymous)}
    if anonymous:
        # An anonymous filer may leave an address for the acknowledgement, nothing else.
        fields.update(contact_email=email)
    elif channel == Channel.COUNTER:
        if not name:
            errors["contact_name"] = [_("Enter the person's full name.")]
        if cin:
            try:
                validate_cin(cin)
            except ValidationError as exc:
                errors["contact_cin"] = exc.messages
        if not cin and not phone:
            errors["contact_cin"] = [_("Enter the person's CIN or phone number.")]
        from django.contrib.auth import get_user_model

        account = get_user_model().objects.filter(cin=cin).first() if cin and not errors else None
        fields.update(
            applicant=account,
            contact_name=name,
            contact_cin=cin,
            contact_email=email or (account.email if account else ""),
            contact_phone=phone,
        )
    elif channel == Channel.OPEN311 and not _is_person(actor, name):
        if not name or not (email or phone):
            errors["contact_name"] = [_("Give the complainant's name and an email or phone.")]
        fields.update(contact_name=name, contact_email=email, contact_phone=phone)
    else:
        fields.update(
            applicant=actor,
            contact_name=(getattr(actor, "display_name", "") or name)[:200],
            contact_email=getattr(actor, "email", "") or email,
            contact_phone=getattr(actor, "phone", "") or phone,
            contact_cin=getattr(actor, "cin", "") or "",
        )
    if errors:
        raise ValidationError(errors)
    return fields


def _is_person(actor: Any, name: str) -> bool:
    """An Open311 client files for a named contact; without one, for its own account."""
    return not name and bool(getattr(actor, "is_authenticated", False))


def _next_number(collectivity: Collectivity) -> str:
    """`<code>-R-<year>-<sequence>`: gap-free per collectivity and year."""
    year, last = next_in_sequence(collectivity=collectivity, series="complaints")
    return f"{collectivity.code}-R-{year}-{last:06d}"


def _store_photo(complaint: Complaint, upload: CheckedFile) -> ComplaintPhoto:
    photo = ComplaintPhoto(
        collectivity_id=complaint.collectivity_id,
        complaint=complaint,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )
    photo.file.save(upload.sha256, upload.file, save=False)
    photo.save()
    return photo


# --- filing -------------------------------------------------------------------------------


def anonymous_filings_per_hour() -> int:
    """How many filings without an account one network address may make in an hour
    (setting COMPLAINTS_ANONYMOUS_PER_HOUR, 5 by default)."""
    return int(getattr(settings, "COMPLAINTS_ANONYMOUS_PER_HOUR", 5))


def _recent_from(digest: str) -> int:
    since = timezone.now() - timedelta(hours=1)
    return Complaint.objects.filter(source_digest=digest, filed_at__gte=since).count()


def complaint_file(
    *,
    actor: Any,
    collectivity: Collectivity,
    kind: str,
    category: Any,
    text: Any,
    channel: str,
    photos: Iterable[Any] = (),
    latitude: Any = None,
    longitude: Any = None,
    address: Any = "",
    contact_name: Any = "",
    contact_email: Any = "",
    contact_phone: Any = "",
    anonymous: bool = False,
    contact_cin: Any = "",
    source: str = "",
) -> Complaint:
    """File an observation, suggestion or complaint at `collectivity` (its page, or the
    Open311 jurisdiction) and return it received, numbered, routed to the collectivity in
    charge, with its answer clock (60 days, art. 8) and its clarification window (15 days,
    art. 11) running. The acknowledgement goes out after the commit.

    `actor` is the signed-in person, AnonymousUser (an anonymous observation or suggestion
    online), the agent at the counter (the walk-in person in `contact_*`), or an API / Open311
    client's account. For an anonymous filing the returned object carries `tracking_secret`,
    the follow-up secret shown once. `source` is the network address a filing without an
    account came from: at most `anonymous_filings_per_hour()` such filings per address and
    hour are taken. ValidationError: nothing was written.
    """
    errors: dict[str, list] = {}

    def collect(check: Any) -> Any:
        try:
            return check()
        except ValidationError as exc:
            for field, messages in exc.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
            return None

    if kind not in ComplaintKind.values:
        errors["kind"] = [ValidationError(_("Choose observation, suggestion or complaint."))]
    if channel not in Channel.values:
        errors["channel"] = [ValidationError(_("Unknown channel."))]
    if not isinstance(collectivity, Collectivity) or collectivity.kind == Kind.COUNTRY:
        errors["collectivity"] = [ValidationError(_("Choose a collectivity."))]
    chosen = collect(lambda: _category(category))
    body = collect(lambda: _text(text, "text", required=True))
    place = collect(lambda: _text(address, "address", 300)) or ""
    point = collect(lambda: check_location(latitude, longitude)) or (None, None)
    if chosen is not None and chosen.needs_location and point[0] is None and not place:
        errors.setdefault("location", []).append(
            ValidationError(_("This category needs a location: a point or an address."))
        )
    checked = collect(lambda: check_photos(photos)) or []
    fields = None
    if "kind" not in errors and "channel" not in errors:
        fields = collect(
            lambda: _identity(
                actor=actor,
                kind=kind,
                channel=channel,
                anonymous=bool(anonymous),
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
                contact_cin=contact_cin,
            )
        )
    signed_in = bool(getattr(actor, "is_authenticated", False))
    digest = source_digest(source) if source and not signed_in else ""
    if digest and _recent_from(digest) >= anonymous_filings_per_hour():
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            ValidationError(
                _(
                    "Too many messages were sent from this connection in the last hour. "
                    "Try again later, or sign in."
                ),
                code="throttled",
            )
        )
    if errors:
        raise ValidationError(errors)
    in_charge = route(collectivity, chosen)
    token = new_token() if fields["is_anonymous"] else ""
    with transaction.atomic():
        complaint = Complaint(
            collectivity=in_charge,
            number=_next_number(in_charge),
            kind=kind,
            category=chosen,
            channel=channel,
            text=body,
            latitude=point[0],
            longitude=point[1],
            address=place,
            service_name=_service_name(chosen),
            state=S.NEW,
            tracking_token=token_digest(token) if token else "",
            source_digest=digest,
            filed_by=actor if getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        authorize(actor, "complaints.file", complaint)
        complaint.save()
        for upload in checked:
            _store_photo(complaint, upload)
        complaint = transition(
            complaint,
            "file",
            actor=actor,
            number=complaint.number,
            kind=kind,
            category=chosen.code,
            channel=channel,
            filed_at=collectivity.code,
            photos=len(checked),
        )
        from jamaati.complaints.notifications import acknowledge

        pk = complaint.pk
        transaction.on_commit(lambda: acknowledge(pk, token), robust=True)
    complaint.refresh_from_db()
    complaint.tracking_secret = token
    return complaint


def _service_name(category: ComplaintCategory) -> str:
    return f"{category.service_name_ar} / {category.service_name_fr}"[:200]


# --- the complainant's moves --------------------------------------------------------------


def complaint_add_information(
    *, actor: Any, complaint: Complaint, text: Any, photos: Iterable[Any] = ()
) -> Complaint:
    """The complainant adds text and/or photos while the complaint is open; when the
    administration had asked for details, this is the reply and the answer clock resumes."""
    authorize(actor, "complaints.complainant_act", complaint)
    complaint.refresh_from_db(fields=["state"])
    if not complaint.is_open:
        raise _refuse(
            _("Information can be added only while the complaint is open."), code="closed"
        )
    body = _text(text, "text")
    photos = [p for p in (photos or ()) if p]
    if not body and not photos:
        raise _refuse(_("Write something or attach a photo."), field="text", code="required")
    checked = check_photos(photos, already=complaint.photos.count())
    with transaction.atomic():
        if body:
            ComplaintAddition.objects.create(
                collectivity_id=complaint.collectivity_id, complaint=complaint, text=body
            )
        for upload in checked:
            _store_photo(complaint, upload)
        record(
            actor=actor,
            action="complaint.add_information",
            collectivity=complaint.collectivity,
            obj=complaint,
            changes={"text": bool(body), "photos": len(checked)},
        )
        state = Complaint.objects.select_for_update().values_list("state", flat=True)
        if state.get(pk=complaint.pk) == S.AWAITING_COMPLAINANT:
            transition(complaint, "provide_clarification", actor=actor, text=body[:500])
    complaint.refresh_from_db()
    return complaint


def complaint_reopen(*, actor: Any, complaint: Complaint, reasons: Any) -> Complaint:
    """Once, within 30 days of an answer marked resolved when the problem is not: the
    complaint is received again and a new 60-day answer clock starts."""
    reasons = _text(reasons, "reasons")
    with transaction.atomic():
        complaint = transition(complaint, "reopen", actor=actor, reasons=reasons)
        Complaint.objects.filter(pk=complaint.pk).update(
            reopen_count=F("reopen_count") + 1,
            outcome="",
            answered_at=None,
            answered_in_time=None,
            rating=None,
        )
    complaint.refresh_from_db()
    return complaint


def complaint_rate(*, actor: Any, complaint: Complaint, score: Any) -> Complaint:
    """The complainant's rating of the answer (1 to 5), once the complaint is closed."""
    authorize(actor, "complaints.read_own", complaint)
    complaint.refresh_from_db(fields=["state", "rating"])
    if complaint.is_open:
        raise _refuse(_("You can rate the answer once the complaint is closed."), code="open")
    if complaint.rating is not None:
        raise _refuse(_("You have already rated this answer."), code="rated")
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise _refuse(_("Choose a rating from 1 to 5."), field="score", code="range")
    with transaction.atomic():
        if not Complaint.objects.filter(pk=complaint.pk, rating__isnull=True).update(rating=value):
            raise _refuse(_("You have already rated this answer."), code="rated")
        record(
            actor=actor,
            action="complaint.rate",
            collectivity=complaint.collectivity,
            obj=complaint,
            changes={"rating": [None, value]},
        )
    complaint.refresh_from_db()
    return complaint


# --- the administration's moves -----------------------------------------------------------


def complaint_request_clarification(*, actor: Any, complaint: Complaint, request: Any) -> Complaint:
    """The reasoned request to complete or clarify (art. 11), within 15 days of receipt; the
    answer clock stands still until the complainant replies."""
    request = _text(request, "request")
    complaint = transition(complaint, "request_clarification", actor=actor, request=request)
    complaint.refresh_from_db()
    return complaint


def _answered_in_time(complaint: Complaint) -> bool:
    """On or before the due day in force now (a suspended clock has not run out)."""
    clock = deadline_open_of(complaint, "answer")
    if clock is None:
        return False
    if clock.status == Deadline.Status.SUSPENDED:
        return True
    return timezone.localdate() <= clock.due_on


def _close(
    complaint: Complaint, name: str, actor: Any, *, outcome: str, reasons: str, body: str = ""
) -> Complaint:
    with transaction.atomic():
        in_time = _answered_in_time(complaint)
        complaint = transition(
            complaint, name, actor=actor, outcome=outcome, reasons=reasons, body=body
        )
        Complaint.objects.filter(pk=complaint.pk).update(
            outcome=outcome,
            answer_text=reasons,
            redirected_to_body=body,
            answered_at=timezone.now(),
            answered_in_time=in_time,
        )
    complaint.refresh_from_db()
    return complaint


def complaint_answer(*, actor: Any, complaint: Complaint, outcome: Any, reasons: Any) -> Complaint:
    """The reasoned answer (art. 8): resolved, answered, rejected as unfounded, or outside the
    collectivity's powers (art. 12); closes the complaint and its clocks."""
    reasons = _text(reasons, "reasons")
    outcome = outcome if outcome in ANSWER_OUTCOMES else ""
    return _close(complaint, "answer", actor, outcome=outcome, reasons=reasons)


def complaint_redirect_external(
    *, actor: Any, complaint: Complaint, body: Any, reasons: Any
) -> Complaint:
    """Art. 12: the matter belongs to a body outside the platform (the water operator, a
    ministry): closed as redirected, the body's name and the reasons told to the complainant."""
    body = _text(body, "body", 200)
    reasons = _text(reasons, "reasons")
    return _close(
        complaint,
        "redirect_external",
        actor,
        outcome=Outcome.REDIRECTED,
        reasons=reasons,
        body=body,
    )


def complaint_exclude(*, actor: Any, complaint: Complaint, outcome: Any, reasons: Any) -> Complaint:
    """Art. 12: pending before the courts or judged, or abusive or defamatory: closed without
    processing, with a reasoned reply."""
    reasons = _text(reasons, "reasons")
    outcome = outcome if outcome in EXCLUSION_OUTCOMES else ""
    return _close(complaint, "exclude", actor, outcome=outcome, reasons=reasons)


def complaint_transfer(*, actor: Any, complaint: Complaint, to: Any, reasons: Any) -> Complaint:
    """Send the complaint to another collectivity on the platform: it moves there with its
    photos, additions, clocks and history; a new 60-day answer clock and 15-day window start
    at the collectivity in charge; the complainant is told why."""
    reasons = _text(reasons, "reasons")
    if not isinstance(to, Collectivity) or to.kind == Kind.COUNTRY:
        raise _refuse(_("Choose the collectivity in charge."), field="to", code="target")
    if to.pk == complaint.collectivity_id:
        raise _refuse(
            _("The complaint is already with this collectivity."), field="to", code="same"
        )
    with transaction.atomic():
        complaint = transition(
            complaint,
            "transfer",
            actor=actor,
            reasons=reasons,
            source=complaint.collectivity.code,
            to=to.code,
        )
        owner = {
            "content_type": ContentType.objects.get_for_model(Complaint),
            "object_id": str(complaint.pk),
        }
        Complaint.objects.filter(pk=complaint.pk).update(
            collectivity=to, service_name=_service_name(complaint.category)
        )
        ComplaintPhoto.objects.filter(complaint=complaint).update(collectivity=to)
        ComplaintAddition.objects.filter(complaint=complaint).update(collectivity=to)
        Deadline.objects.filter(**owner).update(collectivity=to)
        TransitionLog.objects.filter(**owner).update(collectivity=to)
        record(
            actor=actor,
            action="complaint.received_by_transfer",
            collectivity=to,
            obj=complaint,
            changes={"from": complaint.collectivity.code, "reasons": reasons},
        )
    complaint.refresh_from_db()
    return complaint


__all__ = [
    "MAX_PHOTOS",
    "TrackingHolder",
    "check_location",
    "check_photos",
    "complaint_add_information",
    "complaint_answer",
    "complaint_exclude",
    "complaint_file",
    "complaint_rate",
    "complaint_redirect_external",
    "complaint_reopen",
    "complaint_request_clarification",
    "complaint_transfer",
    "route",
]

"""Every write to an information request: keyword-only, takes `actor`, atomic, audited.

States change only through `jamaati.core.workflow.transition()`; the services here check the
person's input, prepare what a transition needs (the answer's file, the art. 7 exceptions,
the art. 18 ground) and issue the documents that follow (receipt, written answer). A
ValidationError means nothing was written.
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.accounts.validators import normalize_cin, validate_cin
from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.names import search_key
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.uploads import check_upload
from jamaati.core.workflow import transition
from jamaati.information.models import (
    CDAI_OUTCOMES,
    Appeal,
    Channel,
    IdKind,
    InformationRequest,
)
from jamaati.information.workflow import (
    CdaiOutcome,
    Exception7,
    PreferredForm,
    RefusalGround,
    RequestState,
)

S = RequestState
# A residence permit (carte de séjour / d'immatriculation) number: letters then digits.
RESIDENCE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{4,10}$")
ANSWER_KINDS = {"given": "answer_given", "partly": "answer_partly", "refuse": "refuse"}


def _refuse(message: Any, field: str = "__all__", code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, limit: int = 4000) -> str:
    """A person's text, stripped and cut to `limit`; refused when it is not text or holds a
    NUL character (which PostgreSQL cannot store)."""
    if value is None:
        return ""
    if isinstance(value, bool | int):
        value = str(value)
    if not isinstance(value, str):
        raise _refuse(_("Enter text."), field=field, code="not_text")
    if "\x00" in value:
        raise _refuse(
            _("The text contains a character that is not allowed."), field=field, code="null"
        )
    return value.strip()[:limit]


def _flag(value: Any) -> bool:
    return value in (True, "on", "true", "True", "1", 1, "yes")


def _day(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _refuse(_("Enter a valid date."), field=field, code="date") from None


# --- filing ------------------------------------------------------------------------------------


def validate_identity(id_kind: str, number: str) -> str:
    """The identity number normalised; ValidationError (field `id_number`) when missing or
    malformed. Art. 14: a CIN, or a residence permit for a foreign resident."""
    number = normalize_cin(number)
    if id_kind not in IdKind.values:
        raise _refuse(_("Choose the identity document."), field="id_kind", code="required")
    if not number:
        raise _refuse(
            _("Enter the number of your identity document (law 31.13, article 14)."),
            field="id_number",
            code="required",
        )
    if id_kind == IdKind.CIN:
        try:
            validate_cin(number)
        except ValidationError as exc:
            raise _refuse(exc.messages[0], field="id_number", code="invalid_cin") from None
    elif not RESIDENCE_PATTERN.match(number):
        raise _refuse(
            _("Enter a valid residence permit number: letters followed by digits."),
            field="id_number",
            code="invalid_residence",
        )
    return number


def _filing_fields(actor: Any, channel: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The request's fields from the form or API body; every error at once."""
    errors: dict[str, list] = {}

    def take(key: str, limit: int = 300) -> str:
        try:
            return _text(data.get(key), key, limit)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            return ""

    name, address, email = take("name", 200), take("address"), take("email", 254)
    sought, reason = take("sought", 4000), take("urgency_reason", 2000)
    id_kind, id_number = take("id_kind", 20) or IdKind.CIN, take("id_number", 20)
    preferred = take("preferred_form", 20)
    urgent = _flag(data.get("is_urgent"))
    if channel != Channel.COUNTER:
        if not getattr(actor, "is_authenticated", False):
            raise PermissionDenied("filing online needs an account")
        name = name or actor.display_name[:200]
        email = email or actor.email or ""
    if not name:
        errors["name"] = [_("Enter the requester's full name.")]
    try:
        id_number = validate_identity(id_kind, id_number)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not address:
        errors["address"] = [_("Enter the requester's address.")]
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
    if len(sought) < 10:
        errors["sought"] = [
            _("Describe the information you are asking for, clearly (at least a sentence).")
        ]
    if preferred not in PreferredForm.values:
        errors["preferred_form"] = [_("Choose the form in which you want the information.")]
    if urgent and not reason:
        errors["urgency_reason"] = [
            _("Say why the information is needed urgently (life, safety or liberty, art. 17).")
        ]
    if errors:
        raise ValidationError(errors)
    return {
        "requester_name": name,
        "id_kind": id_kind,
        "id_number": id_number,
        "address": address,
        "email": email,
        "sought": sought,
        "preferred_form": preferred,
        "is_urgent": urgent,
        "urgency_reason": reason if urgent else "",
    }


def _next_number(collectivity: Any) -> str:
    """`<code>-I-<year>-<sequence>`: gap-free per collectivity and year."""
    year, last = next_in_sequence(collectivity=collectivity, series="information")
    return f"{collectivity.code}-I-{year}-{last:06d}"


def request_file(
    *, actor: Any, collectivity: Any, data: Mapping[str, Any], channel: str = Channel.ONLINE
) -> InformationRequest:
    """File a request with the body `collectivity` and return it, its answer clock running
    (20 working days, or 3 when urgent). Online the requester is `actor`; at the counter
    `actor` is the officer or agent and `data` describes the walk-in person (linked to their
    account when one has that CIN)."""
    if channel not in Channel.values:
        raise _refuse(_("Unknown channel."), code="channel")
    if getattr(collectivity, "kind", "") == "country":
        raise _refuse(_("Choose the body the request is addressed to."), code="body")
    fields = _filing_fields(actor, channel, data)
    requester = actor if channel != Channel.COUNTER else None
    if channel == Channel.COUNTER and fields["id_kind"] == IdKind.CIN:
        from django.contrib.auth import get_user_model

        requester = get_user_model().objects.filter(cin=fields["id_number"]).first()
    with transaction.atomic():
        request = InformationRequest(
            collectivity=collectivity,
            number=_next_number(collectivity),
            state=S.DRAFT,
            channel=channel,
            requester=requester,
            filed_by=actor,
            **fields,
        )
        request.search_key = search_key(request.sought)[:600]
        authorize(actor, "information.file", request)
        request.save()
        request = transition(
            request,
            "file",
            actor=actor,
            number=request.number,
            channel=channel,
            urgent=request.is_urgent,
        )
    request.refresh_from_db()
    return request


# --- the body's moves --------------------------------------------------------------------------


def request_extend(*, actor: Any, request: InformationRequest, reasons: Any) -> InformationRequest:
    """The one extension (art. 16: 20 working days; urgent: 3), with its reasons told to the
    requester, before the delay runs out; the engine refuses a second one and a late one."""
    reasons = _text(reasons, "reasons")
    with transaction.atomic():
        request = transition(request, "extend", actor=actor, reasons=reasons)
        InformationRequest.objects.filter(pk=request.pk).update(extension_reasons=reasons)
    request.refresh_from_db()
    return request


def _publication_reference(request: InformationRequest, publication: Any) -> tuple[str, str]:
    """(url, title) of an item of the body's proactive-publication register (art. 10)."""
    try:
        pk = int(publication)
    except (TypeError, ValueError):
        raise _refuse(_("Choose a publication of the register."), field="publication") from None
    try:
        from jamaati.transparency.selectors import publication_get
    except ImportError:  # the register is not installed
        raise _refuse(
            _("The publication register is not available."), field="publication"
        ) from None
    try:
        item = publication_get(collectivity=request.collectivity, pk=pk)
    except Http404:
        raise _refuse(_("Choose a publication of the register."), field="publication") from None
    url = getattr(item, "public_url", "") or item.get_absolute_url()
    return str(url), str(item.title)[:300]


def _reference(request: InformationRequest, data: Mapping[str, Any]) -> tuple[str, str]:
    publication = data.get("publication")
    if publication not in (None, ""):
        return _publication_reference(request, publication)
    url = _text(data.get("reference_url"), "reference_url", 500)
    title = _text(data.get("reference_title"), "reference_title", 300)
    if url and not url.startswith("/"):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise _refuse(_("Enter a valid link (https://…)."), field="reference_url") from None
    return url, title


def request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    kind: str,
    data: Mapping[str, Any],
    upload: Any = None,
) -> InformationRequest:
    """Answer in writing: `given` (a file, or the link where it is published), `partly` (the
    redacted file and the art. 7 exceptions, art. 8) or `refuse` (an art. 18 ground and
    reasons). The written answer (PDF, with the appeal path) is issued at once."""
    name = ANSWER_KINDS.get(kind)
    if name is None:
        raise _refuse(_("Choose how you answer."), field="kind")
    text = _text(data.get("text"), "text", 8000)
    exceptions = data.get("exceptions") or []
    if isinstance(exceptions, str):
        exceptions = [exceptions]
    if not isinstance(exceptions, list | tuple) or any(not isinstance(e, str) for e in exceptions):
        raise _refuse(_("Choose the exceptions from the list."), field="exceptions")
    exceptions = sorted({e for e in exceptions if e})
    if any(e not in Exception7.values for e in exceptions):
        raise _refuse(_("Choose the exceptions from the list."), field="exceptions")
    ground = _text(data.get("ground"), "ground", 20) if kind == "refuse" else ""
    url, title = _reference(request, data)
    checked = check_upload(upload) if upload is not None and kind != "refuse" else None
    if kind == "refuse" and ground != RefusalGround.PUBLISHED:
        url, title = "", ""
    if kind == "refuse" and ground != RefusalGround.EXCEPTION:
        exceptions = []
    with transaction.atomic():
        # The ground first: a refused row without its ground cannot exist (a constraint).
        InformationRequest.objects.filter(pk=request.pk).update(refusal_ground=ground)
        request = transition(
            request,
            name,
            actor=actor,
            reasons=text,
            has_file=checked is not None,
            reference_url=url,
            exceptions=exceptions,
            ground=ground,
        )
        request.answered_at = timezone.now()
        request.answer_text = text
        request.exceptions = exceptions
        request.refusal_ground = ground
        request.published_reference_url = url
        request.published_reference_title = title or url
        fields = [
            "answered_at",
            "answer_text",
            "exceptions",
            "refusal_ground",
            "published_reference_url",
            "published_reference_title",
        ]
        if checked is not None:
            request.answer_sha256 = checked.sha256
            request.answer_file_name = checked.name
            request.answer_file_type = checked.content_type
            request.answer_file_size = checked.size
            request.answer_file.save(checked.sha256, checked.file, save=False)
            fields += ["answer_sha256", "answer_file_name", "answer_file_type", "answer_file_size"]
            fields.append("answer_file")
        request.save(update_fields=fields)
        record(
            actor=actor,
            action="information.answer_details",
            collectivity=request.collectivity,
            obj=request,
            changes={"file": checked.sha256 if checked else None, "reference": url},
        )
        from jamaati.information.documents import issue_answer

        issue_answer(actor=actor, request=request)
    request.refresh_from_db()
    return request


# --- complaints (art. 19-21) -------------------------------------------------------------------


def request_appeal_head(
    *, actor: Any, request: InformationRequest, reasons: Any
) -> InformationRequest:
    """The complaint to the head of the body, within 20 working days of the answer or of the
    expiry of the delay (art. 19); the head's 15 days start."""
    reasons = _text(reasons, "reasons")
    with transaction.atomic():
        request = transition(request, "appeal_head", actor=actor, reasons=reasons)
        Appeal.objects.create(
            collectivity_id=request.collectivity_id,
            request=request,
            level=Appeal.Level.HEAD,
            lodged_on=timezone.localdate(),
            reasons=reasons,
        )
    request.refresh_from_db()
    return request


def request_head_decide(
    *, actor: Any, request: InformationRequest, grant: bool, reasons: Any
) -> InformationRequest:
    """The head's answer: upheld (the officers then give the information) or dismissed (the
    requester may go to the CDAI within 30 days)."""
    reasons = _text(reasons, "reasons")
    with transaction.atomic():
        request = transition(
            request, "head_grant" if grant else "head_dismiss", actor=actor, reasons=reasons
        )
        appeal = Appeal.objects.filter(
            request=request, level=Appeal.Level.HEAD, outcome=Appeal.Outcome.PENDING
        ).first()
        if appeal is not None:
            appeal.outcome = Appeal.Outcome.UPHELD if grant else Appeal.Outcome.DISMISSED
            appeal.decided_on = timezone.localdate()
            appeal.decision = reasons
            appeal.recorded_by = actor
            appeal.save(update_fields=["outcome", "decided_on", "decision", "recorded_by"])
            from jamaati.information.documents import issue_head_decision

            issue_head_decision(actor=actor, request=request, appeal=appeal)
    request.refresh_from_db()
    return request


def request_cdai_complaint(
    *, actor: Any, request: InformationRequest, complained_on: Any = None, reasons: Any = ""
) -> InformationRequest:
    """A complaint lodged with the CDAI (outside the platform), declared by the requester or
    recorded by an officer with the day it was lodged, within 30 days (art. 20)."""
    day = _day(complained_on, "complained_on") or timezone.localdate()
    reasons = _text(reasons, "reasons")
    with transaction.atomic():
        request = transition(
            request, "cdai_complaint", actor=actor, complained_on=day, reasons=reasons
        )
        Appeal.objects.create(
            collectivity_id=request.collectivity_id,
            request=request,
            level=Appeal.Level.CDAI,
            lodged_on=day,
            reasons=reasons,
            recorded_by=actor,
        )
    request.refresh_from_db()
    return request


def request_cdai_record(
    *, actor: Any, request: InformationRequest, outcome: Any, decided_on: Any, decision: Any
) -> InformationRequest:
    """The officer records the CDAI's decision: its date, outcome and text."""
    outcome = _text(outcome, "outcome", 20)
    day = _day(decided_on, "decided_on")
    decision = _text(decision, "decision", 8000)
    if day is not None and day > timezone.localdate():
        raise _refuse(_("The date of the decision cannot be in the future."), field="decided_on")
    with transaction.atomic():
        request = transition(
            request,
            "cdai_record",
            actor=actor,
            outcome=outcome,
            decided_on=day,
            decision=decision,
        )
        Appeal.objects.filter(
            request=request, level=Appeal.Level.CDAI, outcome=Appeal.Outcome.PENDING
        ).update(
            outcome=CDAI_OUTCOMES[CdaiOutcome(outcome)],
            decided_on=day,
            decision=decision,
            recorded_by=actor,
        )
    request.refresh_from_db()
    return request


def head_silence_record(*, actor: Any, request: InformationRequest) -> None:
    """The head's 15 days ran out: the pending complaint is closed as unanswered."""
    with transaction.atomic():
        Appeal.objects.filter(
            request=request, level=Appeal.Level.HEAD, outcome=Appeal.Outcome.PENDING
        ).update(outcome=Appeal.Outcome.NO_ANSWER)


# --- the register ------------------------------------------------------------------------------


def request_mask(*, actor: Any, request: InformationRequest, text: Any) -> InformationRequest:
    """The text the public register shows instead of the request as written (to remove the
    personal data it contains); empty restores the text as written."""
    authorize(actor, "information.handle", request)
    text = _text(text, "masked_text")
    with transaction.atomic():
        before = request.masked_text
        request.masked_text = text
        request.search_key = search_key(request.public_text)[:600]
        request.save(update_fields=["masked_text", "search_key"])
        record(
            actor=actor,
            action="information.mask",
            collectivity=request.collectivity,
            obj=request,
            changes={"masked": [bool(before), bool(text)]},
        )
    return request

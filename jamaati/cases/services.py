"""Every write to a case: keyword-only, takes `actor`, atomic, audited.

States change only through `jamaati.core.workflow.transition()`; the services here prepare
what a transition needs (files, missing documents, reasons) and issue the documents that
follow it (decision, refusal, attestation). A ValidationError means nothing was written.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.accounts.validators import normalize_cin, validate_cin
from jamaati.cases.models import (
    NUMBER_SERIES,
    ApplicantKind,
    Attachment,
    Case,
    Channel,
    Consultation,
    IdempotencyKey,
    Message,
    Rating,
)
from jamaati.cases.workflow import OPINION_BASIS, RATEABLE_STATES, CaseState
from jamaati.catalogue.form_schema import form_class_for
from jamaati.catalogue.models import ProcedureVersion, RequiredDocument
from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.deadlines.services import deadline_start, deadline_stop
from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.names import search_key
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.uploads import CheckedFile, check_upload
from jamaati.core.workflow import transition

S = CaseState
# Upload keys for documents the administration asked for outside the procedure's list.
EXTRA_PREFIX = "extra"


def _refuse(message: Any, field: str = "__all__", code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, limit: int = 4000) -> str:
    """A person's text, stripped and cut to `limit`; refused when it is not text or holds a
    NUL character (which PostgreSQL cannot store)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _refuse(_("Enter text."), field=field, code="not_text")
    if "\x00" in value:
        raise _refuse(
            _("The text contains a character that is not allowed."), field=field, code="null"
        )
    return value.strip()[:limit]


# The input each action takes (all text; a missing one is empty, an unknown one refused).
ACTION_INPUTS: dict[str, tuple[str, ...]] = {
    "accept": (),
    "deliver": (),
    "grant_appeal": (),
    "order_ruling": (),
    "refuse": ("reasons", "legal_basis"),
    "request_info": ("request",),
    "extend": ("reason",),
    "appeal": ("reasons",),
    "appeal_silence": ("reasons",),
    "refer_governor": ("reasons",),
    "dismiss_appeal": ("reasons",),
    "dismiss_after_ruling": ("reasons",),
    "withdraw": ("reasons",),
}


# --- filing -------------------------------------------------------------------------------


def user_supplied_requirements(version: ProcedureVersion) -> list[RequiredDocument]:
    """The documents the applicant brings (the administration fetches the others itself)."""
    return [d for d in version.documents.all() if d.supplied_by == "user"]


def missing_documents(case: Case) -> list[RequiredDocument]:
    """The mandatory documents the applicant has not supplied yet (all of them, at once)."""
    supplied = set(
        case.attachments.filter(replaced_by__isnull=True).values_list("requirement_id", flat=True)
    )
    return [
        d
        for d in user_supplied_requirements(case.version)
        if d.is_mandatory and d.pk not in supplied
    ]


def _check_files(
    version: ProcedureVersion, files: Mapping[str, Any], *, allow_extra: bool = False
) -> dict[int | str, CheckedFile]:
    """Each upload checked and tied to one of the version's user-supplied documents; with
    `allow_extra`, files under keys starting `extra` are kept too, tied to no document (what
    the administration asked for may not be on the procedure's list)."""
    requirements = {str(d.pk): d for d in user_supplied_requirements(version)}
    checked: dict[int | str, CheckedFile] = {}
    errors: dict[str, list] = {}
    for key, upload in files.items():
        if allow_extra and str(key).startswith(EXTRA_PREFIX):
            try:
                checked[str(key)] = check_upload(upload)
            except ValidationError as exc:
                errors[str(key)] = exc.error_list
            continue
        requirement = requirements.get(str(key).removeprefix("document_"))
        if requirement is None:
            errors.setdefault("__all__", []).append(
                ValidationError(
                    _("A file was sent for a document this procedure does not ask for.")
                )
            )
            continue
        try:
            checked[requirement.pk] = check_upload(upload)
        except ValidationError as exc:
            errors[f"document_{requirement.pk}"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return checked


def _applicant_fields(
    *, actor: Any, channel: str, applicant: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Who the case is for: the signed-in person online, the walk-in citizen at the counter."""
    details = {
        key: _text(value, f"applicant_{key}", 254) for key, value in dict(applicant or {}).items()
    }
    errors: dict[str, list] = {}
    kind = details.get("kind") or ApplicantKind.PERSON
    if kind not in ApplicantKind.values:
        errors["applicant_kind"] = [_("Choose a person or a business.")]
    fields: dict[str, Any] = {"applicant_kind": kind}
    if channel == Channel.COUNTER:
        name = str(details.get("name", "")).strip()
        cin = normalize_cin(str(details.get("cin", "")))
        if not name:
            errors["applicant_name"] = [_("Enter the applicant's full name.")]
        try:
            validate_cin(cin)
        except ValidationError as exc:
            errors["applicant_cin"] = exc.messages
        from django.contrib.auth import get_user_model

        account = get_user_model().objects.filter(cin=cin).first() if cin else None
        fields.update(
            applicant=account,
            applicant_name=name[:200],
            applicant_cin=cin,
            applicant_email=str(details.get("email", "")).strip()[:254]
            or (account.email if account else "")
            or "",
            applicant_phone=str(details.get("phone", "")).strip()[:20],
        )
    else:
        if not getattr(actor, "is_authenticated", False):
            raise PermissionDenied("filing online needs an account")
        fields.update(
            applicant=actor,
            applicant_name=actor.display_name[:200],
            applicant_cin=actor.cin or "",
            applicant_email=actor.email or "",
            applicant_phone=actor.phone or "",
        )
    if kind == ApplicantKind.BUSINESS:
        business = str(details.get("business_name", "")).strip()
        ice = str(details.get("business_ice", "")).strip()
        if not business:
            errors["business_name"] = [_("Enter the business name.")]
        if not (ice.isdigit() and len(ice) == 15):
            errors["business_ice"] = [_("The ICE is the business's 15-digit identifier.")]
        fields.update(business_name=business[:200], business_ice=ice)
    if errors:
        raise ValidationError(errors)
    return fields


def _next_number(collectivity: Any) -> str:
    """The next case number of the collectivity this year: `<code>-<year>-<sequence>`,
    gap-free (the kernel's sequence row stays locked until the filing commits)."""
    year, last = next_in_sequence(collectivity=collectivity, series=NUMBER_SERIES)
    return f"{collectivity.code}-{year}-{last:06d}"


def validate_answers(version: ProcedureVersion, data: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as the procedure's declarative form cleans them; ValidationError per field."""
    form = form_class_for(version.form_schema)(data=data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def case_submit(
    *,
    actor: Any,
    version: ProcedureVersion,
    data: Mapping[str, Any],
    files: Mapping[str, Any] | None = None,
    channel: str = Channel.ONLINE,
    applicant: Mapping[str, Any] | None = None,
    idempotency_key: str = "",
) -> Case:
    """File a case under a published version and return it, filed (complete) or in filing
    (documents missing, with its 30-day completion clock), with its attachments.

    Online the applicant is `actor`; at the counter `actor` is the agent and `applicant`
    describes the walk-in citizen (name, CIN, phone, email; linked to their account when one
    has that CIN). With `idempotency_key` a retry by the same user returns the first case.
    """
    if version.status != "published":
        raise _refuse(_("This procedure is not open for requests."), code="not_published")
    if channel == Channel.COUNTER and not version.is_at_counter:
        raise _refuse(_("This procedure is not handled at the counter."), code="channel")
    if channel in (Channel.ONLINE, Channel.API) and not version.is_online:
        raise _refuse(_("This procedure cannot be requested online yet."), code="channel")
    fingerprint = _fingerprint(version, data, applicant)
    if idempotency_key:
        previous = _idempotent_case(actor, idempotency_key, fingerprint)
        if previous is not None:
            return previous
    answers = validate_answers(version, data)
    checked = _check_files(version, files or {})
    fields = _applicant_fields(actor=actor, channel=channel, applicant=applicant)
    try:
        with transaction.atomic():
            case = _create(actor, version, answers, checked, channel, fields)
            if idempotency_key:
                IdempotencyKey.objects.create(
                    user=actor, key=idempotency_key[:120], fingerprint=fingerprint, case=case
                )
    except IntegrityError:  # two identical submissions raced: the other one won
        previous = (
            _idempotent_case(actor, idempotency_key, fingerprint) if idempotency_key else None
        )
        if previous is None:
            raise
        return previous
    case.is_replay = False
    return case


def _fingerprint(version: ProcedureVersion, data: Any, applicant: Any) -> str:
    payload = json.dumps(
        [version.pk, _json_safe(dict(data)), _json_safe(dict(applicant or {}))],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _idempotent_case(actor: Any, key: str, fingerprint: str) -> Case | None:
    """The case a first submission with this key created; a refusal when the key comes
    back with a different request (a client bug that must not pass silently)."""
    if not getattr(actor, "is_authenticated", False):
        return None
    row = IdempotencyKey.objects.filter(user=actor, key=key[:120]).select_related("case").first()
    if row is None:
        return None
    if row.fingerprint != fingerprint:
        raise _refuse(
            _("This Idempotency-Key was already used for a different request."),
            code="idempotency_mismatch",
        )
    case = row.case
    case.is_replay = True  # the caller answers "already filed" (HTTP 200, not 201)
    return case


def _create(
    actor: Any,
    version: ProcedureVersion,
    answers: dict[str, Any],
    checked: dict[int, CheckedFile],
    channel: str,
    fields: dict[str, Any],
) -> Case:
    collectivity = version.collectivity
    required = [d for d in user_supplied_requirements(version) if d.is_mandatory]
    missing = [d for d in required if d.pk not in checked]  # every one of them, at once
    case = Case(
        collectivity=collectivity,
        number=_next_number(collectivity),
        complete_on=None if missing else timezone.localdate(),
        procedure_id=version.procedure_id,
        version=version,
        state=S.DRAFT,
        channel=channel,
        filed_by=actor,
        data=_json_safe(answers),
        **fields,
    )
    case.search_key = search_key(
        " ".join([case.number, case.applicant_name, case.applicant_cin, case.business_name])
    )[:400]
    authorize(actor, "cases.file", case)
    case.save()
    for requirement_id, upload in checked.items():
        _store(case, requirement_id, upload, actor)
    # The deposit's facts travel as the filing transition's input: its log row and its audit
    # event (`case.file_complete` / `case.file_incomplete`) record them, one event for both.
    name = "file_incomplete" if missing else "file_complete"
    case = transition(
        case,
        name,
        actor=actor,
        number=case.number,
        version=version.pk,
        channel=channel,
        documents=sorted(checked),
        missing=[d.pk for d in missing],
    )
    case.refresh_from_db()
    return case


def _json_safe(answers: dict[str, Any]) -> dict[str, Any]:
    from jamaati.core.audit.chain import to_plain

    return to_plain(answers)


def _store(
    case: Case, requirement_id: int | str | None, upload: CheckedFile, actor: Any
) -> Attachment:
    if isinstance(requirement_id, str):  # an extra document, tied to no requirement
        requirement_id = None
    attachment = Attachment(
        collectivity_id=case.collectivity_id,
        case=case,
        requirement_id=requirement_id,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=actor,
    )
    attachment.file.save(upload.sha256, upload.file, save=False)
    attachment.save()
    if requirement_id is not None:  # a new copy of a required document replaces the old one
        previous = case.attachments.filter(
            requirement_id=requirement_id, replaced_by__isnull=True
        ).exclude(pk=attachment.pk)
        previous.update(replaced_by=attachment)
    return attachment


def case_add_documents(*, actor: Any, case: Case, files: Mapping[str, Any]) -> Case:
    """The applicant supplies missing or replacement documents; a file that becomes complete
    moves to filed (its decision clock starts)."""
    authorize(actor, "cases.applicant_act", case)
    if case.state not in (S.INCOMPLETE, S.AWAITING_APPLICANT, S.SUBMITTED):
        raise _refuse(_("Documents can no longer be added to this file."), code="closed")
    if not files:
        raise _refuse(_("Choose at least one file."), field="files", code="required")
    checked = _check_files(case.version, files)
    with transaction.atomic():
        for requirement_id, upload in checked.items():
            _store(case, requirement_id, upload, actor)
        record(
            actor=actor,
            action="case.add_documents",
            collectivity=case.collectivity,
            obj=case,
            changes={"documents": sorted(checked)},
        )
        if case.state == S.INCOMPLETE and not missing_documents(case):
            case = transition(case, "complete", actor=actor, missing=[])
            Case.objects.filter(pk=case.pk).update(complete_on=timezone.localdate())
    case.refresh_from_db()
    return case


# --- the administration's moves -----------------------------------------------------------


def case_request_info(*, actor: Any, case: Case, request: str) -> Case:
    """The one request for a replacement document or extra information (law 55.19 art. 14):
    suspends the decision clock; the engine refuses a second one and one after half the delay."""
    request = _text(request, "request")
    with transaction.atomic():
        case = transition(case, "request_info", actor=actor, request=request)
        Case.objects.filter(pk=case.pk).update(info_requested=True)
        if request:
            _message(case, actor, request, from_staff=True)
    case.refresh_from_db()
    return case


def case_answer_info(*, actor: Any, case: Case, answer: str, files: Mapping[str, Any]) -> Case:
    """The applicant's answer (a message and/or documents); the decision clock resumes with
    the days that were left."""
    answer = _text(answer, "answer")
    if not answer and not files:
        raise _refuse(_("Write an answer or attach a document."), field="answer", code="required")
    checked = _check_files(case.version, files or {}, allow_extra=True)
    with transaction.atomic():
        for requirement_id, upload in checked.items():
            _store(case, requirement_id, upload, actor)
        if answer:
            _message(case, actor, answer, from_staff=False)
        case = transition(case, "answer_info", actor=actor, documents=sorted(map(str, checked)))
    case.refresh_from_db()
    return case


def case_extend(*, actor: Any, case: Case, reason: str) -> Case:
    """The one extension of the decision delay, for the expert study or public inquiry the
    procedure provides for (law 55.19 art. 17)."""
    reason = _text(reason, "reason", 40)
    case = transition(case, "extend", actor=actor, reason=reason)
    case.refresh_from_db()
    return case


def case_accept(*, actor: Any, case: Case) -> Case:
    """Accept; the output document is issued, signed by the deciding signatory."""
    with transaction.atomic():
        case = transition(case, "accept", actor=actor)
        _mark_decided(case)
        from jamaati.cases.documents import issue_decision

        issue_decision(actor=actor, case=case)
    case.refresh_from_db()
    return case


def case_refuse(*, actor: Any, case: Case, reasons: str, legal_basis: str) -> Case:
    """Refuse, with reasons and legal basis (art. 18); the refusal carries the appeal path."""
    reasons, legal_basis = _text(reasons, "reasons"), _text(legal_basis, "legal_basis", 250)
    with transaction.atomic():
        # The reasons are written first: a refused case without them cannot exist (a check
        # constraint); should the transition be refused, the whole block rolls back.
        Case.objects.filter(pk=case.pk).update(
            decision_reasons=reasons, decision_legal_basis=legal_basis
        )
        case = transition(case, "refuse", actor=actor, reasons=reasons, legal_basis=legal_basis)
        _mark_decided(case)
        from jamaati.cases.documents import issue_refusal

        issue_refusal(actor=actor, case=case)
    case.refresh_from_db()
    return case


def _mark_decided(case: Case) -> None:
    """Record when the decision came and whether it came within the legal delay."""
    from jamaati.core.deadlines.selectors import deadlines_of

    clock = deadlines_of(case).filter(kind="decision").order_by("-pk").first()
    today = timezone.localdate()
    on_time = clock is not None and clock.status != "expired" and today <= clock.due_on
    # The first decision counts (a granted appeal does not make a refusal late or on time).
    Case.objects.filter(pk=case.pk, decided_at__isnull=True).update(
        decided_at=timezone.now(), decided_on_time=on_time
    )


def case_deliver(*, actor: Any, case: Case) -> Case:
    """After deemed acceptance: deliver the output document (within 7 days, art. 20)."""
    with transaction.atomic():
        case = transition(case, "deliver", actor=actor)
        from jamaati.cases.documents import issue_decision

        issue_decision(actor=actor, case=case)
    case.refresh_from_db()
    return case


def case_act(
    *, actor: Any, case: Case, name: str, data: Mapping[str, Any] | None = None, **inputs: Any
) -> Case:
    """Apply the action `name` (a transition a person may take) with its text inputs (given
    as `data`, for input that comes from outside, and/or as keywords), the decisions through
    their own services (documents, dates). Unknown actions and inputs are refused with a
    message; nothing is written."""
    data = {**dict(data or {}), **inputs}
    if name not in ACTION_INPUTS:
        raise _refuse(_("This action does not exist."), code="unknown_action")
    allowed = ACTION_INPUTS[name]
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise _refuse(
            _("This action does not take: %(fields)s.") % {"fields": ", ".join(unknown)},
            code="unknown_input",
        )
    clean = {key: _text(data.get(key), key) for key in allowed}
    special = {
        "accept": case_accept,
        "refuse": case_refuse,
        "deliver": case_deliver,
        "request_info": case_request_info,
        "extend": case_extend,
    }
    if name in special:
        return special[name](actor=actor, case=case, **clean)
    with transaction.atomic():
        case = transition(case, name, actor=actor, **clean)
        if name == "grant_appeal":
            _mark_decided(case)
            from jamaati.cases.documents import issue_decision

            issue_decision(actor=actor, case=case)
    case.refresh_from_db()
    return case


def case_assign(*, actor: Any, cases: Iterable[Case], assignee: Any | None) -> int:
    """Assign cases (bulk) to an agent of their collectivity, or unassign; return how many."""
    from jamaati.cases.policies import AGENTS, DECIDERS
    from jamaati.core.access.actors import can_reach

    changed = 0
    with transaction.atomic():
        for case in cases:
            authorize(actor, "cases.instruct", case)
            if assignee is not None and not can_reach(
                assignee, case.collectivity, roles=AGENTS | DECIDERS
            ):
                raise _refuse(
                    _("%(name)s is not an agent of this collectivity.")
                    % {"name": assignee.display_name},
                    field="assignee",
                )
            before = case.assignee_id
            if before == (assignee.pk if assignee else None):
                continue
            Case.objects.filter(pk=case.pk).update(assignee=assignee)
            record(
                actor=actor,
                action="case.assign",
                collectivity=case.collectivity,
                obj=case,
                changes={"assignee": [before, assignee.pk if assignee else None]},
            )
            changed += 1
    return changed


# --- messages, opinions, rating -----------------------------------------------------------


def _message(case: Case, actor: Any, body: str, *, from_staff: bool) -> Message:
    message = Message.objects.create(
        collectivity_id=case.collectivity_id,
        case=case,
        author=actor,
        from_staff=from_staff,
        body=body,
    )
    record(
        actor=actor,
        action="case.message",
        collectivity=case.collectivity,
        obj=case,
        changes={"message": message.pk, "from_staff": from_staff},
    )
    return message


def message_send(*, actor: Any, case: Case, body: str, from_staff: bool) -> Message:
    """A message on the case, from the applicant or from an agent; notifies the other side."""
    body = _text(body, "body", 10_000)
    if not body:
        raise _refuse(_("Write a message."), field="body", code="required")
    if len(body) > 4000:
        raise _refuse(_("A message is at most 4,000 characters."), field="body", code="long")
    authorize(actor, "cases.instruct" if from_staff else "cases.read_own", case)
    with transaction.atomic():
        message = _message(case, actor, body, from_staff=from_staff)
    from jamaati.cases.notifications import message_notify

    transaction.on_commit(lambda: message_notify(case, message))
    return message


def messages_mark_read(*, actor: Any, case: Case, staff_side: bool) -> int:
    """Mark the other side's messages as read by this side; return how many were unread.
    Not audited: a read marker is not a change to the file."""
    return Message.objects.filter(
        collectivity_id=case.collectivity_id,
        case=case,
        from_staff=not staff_side,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def consultation_request(
    *, actor: Any, case: Case, service: str, question: str, days: int
) -> Consultation:
    """Ask another service for its opinion, with its own clock in working days."""
    authorize(actor, "cases.instruct", case)
    service, question = _text(service, "service", 200), _text(question, "question")
    errors: dict[str, list] = {}
    if not service.strip():
        errors["service"] = [_("Name the service consulted.")]
    if not question.strip():
        errors["question"] = [_("Write the question.")]
    if not isinstance(days, int) or not 1 <= days <= 30:
        errors["days"] = [_("Give between 1 and 30 working days.")]
    if not case.is_open:
        errors["__all__"] = [_("This file is closed.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            collectivity_id=case.collectivity_id,
            case=case,
            service=service.strip()[:200],
            question=question.strip()[:4000],
            days=days,
            asked_by=actor,
        )
        record(
            actor=actor,
            action="case.consult",
            collectivity=case.collectivity,
            obj=case,
            changes={"consultation": consultation.pk, "service": consultation.service},
        )
        deadline_start(
            actor=actor,
            owner=consultation,
            spec=DeadlineSpec("opinion", days=days, calendar="working", legal_basis=OPINION_BASIS),
        )
    return consultation


def consultation_answer(*, actor: Any, consultation: Consultation, opinion: str) -> Consultation:
    """Record the service's opinion; its clock stops."""
    authorize(actor, "cases.instruct", consultation.case)
    opinion = _text(opinion, "opinion")
    if not opinion:
        raise _refuse(_("Write the opinion."), field="opinion", code="required")
    if consultation.answered_at is not None:
        raise _refuse(_("This opinion was already given."), code="answered")
    with transaction.atomic():
        consultation.opinion = opinion.strip()[:4000]
        consultation.answered_at = timezone.now()
        consultation.save(update_fields=["opinion", "answered_at"])
        clock = deadline_open_of(consultation, "opinion")
        if clock is not None:
            deadline_stop(actor=actor, deadline=clock)
        record(
            actor=actor,
            action="case.opinion",
            collectivity=consultation.collectivity,
            obj=consultation.case,
            changes={"consultation": consultation.pk},
        )
    return consultation


def case_rate(*, actor: Any, case: Case, score: Any, comment: str = "") -> Rating:
    """The applicant's satisfaction, once, after the case is closed (law 54.19)."""
    authorize(actor, "cases.read_own", case)
    if case.state not in RATEABLE_STATES:
        raise _refuse(_("You can rate the service once your request is closed."), code="open")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise _refuse(_("Choose a rating from 1 to 5."), field="score", code="range")
    comment = _text(comment, "comment", 2000)
    if Rating.objects.filter(case=case).exists():
        raise _refuse(_("You have already rated this request."), code="rated")
    with transaction.atomic():
        rating = Rating.objects.create(
            collectivity_id=case.collectivity_id,
            case=case,
            score=score,
            comment=comment.strip()[:2000],
        )
        record(
            actor=actor,
            action="case.rate",
            collectivity=case.collectivity,
            obj=case,
            changes={"score": score},
        )
    return rating

"""Petitions to the council (art. 121-125): filing with its receipt, and the reasoned answer
within 3 months."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.documents.services import document_issue
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.workflow import transition
from jamaati.council import rules
from jamaati.council.models import Petition, PetitionerKind, required_petition_signatures
from jamaati.council.policies import is_secretariat_of
from jamaati.council.services.sessions import carry_over_to_next
from jamaati.council.services.sittings import (
    local_day,
    now_or,
    refuse,
)

PETITION_SERIES = "council-petitions"
PETITION_RECEIPT = "council_petition_receipt"


def _text(value: Any, limit: int | None = None) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return text[:limit] if limit else text


def petition_file(
    *,
    actor: Any,
    collectivity: Any,
    petitioner_kind: str,
    title: str,
    text: str,
    agent_name: str,
    signatures: int,
    agent_email: str = "",
    agent_phone: str = "",
    association_name: str = "",
    association_founded_on: date | None = None,
    now=None,
) -> Petition:
    """File a petition to the council of the commune `collectivity`, numbered
    `<code>-P-<year>-<seq>`, with its 3-month answer clock and a receipt PDF.

    Refused (nothing written): not a commune, fewer citizens' signatures than the commune
    requires (100 / 200 / 400, art. 125; an association needs none), an association without a
    name or not more than 3 years old, a missing title, text or agent. Filed online by a
    signed-in person (filed_by) or at the counter by the secretariat."""
    now = now_or(now)
    today = local_day(now)
    at_counter = is_secretariat_of(actor, collectivity)
    draft = Petition(
        collectivity=collectivity,
        filed_by=None if at_counter or not getattr(actor, "is_authenticated", False) else actor,
    )
    authorize(actor, "council.petition_file", draft)
    if getattr(collectivity, "kind", None) != "commune":
        raise refuse(
            "collectivity",
            _("Petitions are addressed to the council of a commune (art. 121)."),
        )
    errors: dict[str, list[str]] = {}
    if petitioner_kind not in PetitionerKind.values:
        errors["petitioner_kind"] = [_("Say whether citizens or an association petition.")]
    title, body, agent = _text(title, 200), _text(text), _text(agent_name, 160)
    if not title:
        errors["title"] = [_("Give the petition a title.")]
    if not body:
        errors["text"] = [_("Write what the petition asks the council.")]
    if not agent:
        errors["agent_name"] = [_("Name the agent of the petition (art. 123).")]
    # Citizens sign in numbers set by the commune's size (art. 123); an association
    # petitions through its organs, on conditions of age and standing (art. 124).
    required = required_petition_signatures(collectivity)
    required_count = required.value if petitioner_kind == PetitionerKind.CITIZENS else 0
    if isinstance(signatures, bool) or not isinstance(signatures, int) or signatures < 0:
        errors["signatures"] = [_("Give the number of signatures.")]
    elif signatures < required_count:
        errors["signatures"] = [
            _(
                "A petition to this council needs at least %(required)s signatures (art. 125): "
                "%(count)s given."
            )
            % {"required": required_count, "count": signatures}
        ]
    association = _text(association_name, 200)
    if petitioner_kind == PetitionerKind.ASSOCIATION:
        if not association:
            errors["association_name"] = [_("Give the name of the association.")]
        # "More than three years": founded the day before that anniversary at the latest.
        latest = rules.months_later(today, -12 * rules.ASSOCIATION_MIN_AGE.value) - timedelta(
            days=1
        )
        if not isinstance(association_founded_on, date):
            errors["association_founded_on"] = [_("Give the association's founding date.")]
        elif association_founded_on > latest:
            errors["association_founded_on"] = [
                _(
                    "An association petitions after %(years)s years of existence (art. 125): "
                    "founded on %(day)s, it must have been founded on %(latest)s at the latest."
                )
                % {
                    "years": rules.ASSOCIATION_MIN_AGE.value,
                    "day": association_founded_on,
                    "latest": latest,
                }
            ]
    else:
        association, association_founded_on = "", None
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        year, seq = next_in_sequence(
            collectivity=collectivity, series=PETITION_SERIES, year=today.year
        )
        petition = Petition.objects.create(
            collectivity=collectivity,
            number=f"{collectivity.code}-P-{year}-{seq:06d}",
            petitioner_kind=petitioner_kind,
            title=title,
            text=body,
            agent_name=agent,
            agent_email=_text(agent_email, 254),
            agent_phone=_text(agent_phone, 20),
            association_name=association,
            association_founded_on=association_founded_on,
            signatures=signatures,
            required_signatures=required_count,
            filed_by=draft.filed_by,
            filed_at=now,
        )
        record(
            actor=actor,
            action="council.petition_file",
            collectivity=collectivity,
            obj=petition,
            changes={
                "number": petition.number,
                "petitioner_kind": petitioner_kind,
                "signatures": signatures,
                "required": required_count,
                "basis": required.basis,
                "at_counter": bool(at_counter),
            },
        )
        petition = transition(petition, "file", actor=actor, effective_on=today)
        petition_receipt_issue(actor=actor, petition=petition)
    return petition


def petition_receipt_issue(*, actor: Any, petition: Petition) -> IssuedDocument:
    """The receipt of a filed petition, in Arabic, with its answer's due day."""
    clock = deadline_open_of(petition, "answer")
    return document_issue(
        actor=actor,
        owner=petition,
        kind=PETITION_RECEIPT,
        title_ar="وصل إيداع عريضة",
        title_fr="Récépissé de dépôt d'une pétition",
        template_name="council/pdf/petition_receipt.html",
        context={"petition": petition, "answer_clock": clock},
        language="ar",
        summary=[
            {"label_ar": "رقم العريضة", "label_fr": "Numéro", "value": petition.number},
            {
                "label_ar": "تاريخ الإيداع",
                "label_fr": "Déposée le",
                "value": local_day(petition.filed_at).isoformat(),
            },
            {"label_ar": "الوكيل", "label_fr": "Mandataire", "value": petition.agent_name},
        ],
    )


def _answer(*, actor: Any, petition: Petition, name: str, reasons: str, now) -> Petition:
    now = now_or(now)
    reasons = _text(reasons)
    if name == "refuse" and not reasons:
        authorize(actor, "council.manage", petition)
        raise refuse("reasons", _("A refusal of a petition states its reasons (art. 125)."))
    with transaction.atomic():
        current = transition(
            petition, name, actor=actor, effective_on=local_day(now), reasons=reasons
        )
        current.answer_reasons = reasons
        current.answered_at = now
        current.save(update_fields=["answer_reasons", "answered_at"])
        if name == "accept":
            carry_over_to_next(actor=actor, collectivity=current.collectivity, today=local_day(now))
        record(
            actor=actor,
            action=f"council.petition_{name}",
            collectivity=current.collectivity,
            obj=current,
            changes={"answered_at": [None, now], "reasons": reasons},
        )
    for field in current._meta.concrete_fields:
        setattr(petition, field.attname, getattr(current, field.attname))
    return current


def petition_accept(*, actor: Any, petition: Petition, reasons: str = "", now=None) -> Petition:
    """Accept the petition: it goes on the next session's agenda (art. 125)."""
    return _answer(actor=actor, petition=petition, name="accept", reasons=reasons, now=now)


def petition_refuse(*, actor: Any, petition: Petition, reasons: str, now=None) -> Petition:
    """Refuse the petition with its reasons (art. 125)."""
    return _answer(actor=actor, petition=petition, name="refuse", reasons=reasons, now=now)

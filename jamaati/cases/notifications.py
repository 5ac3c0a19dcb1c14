"""Tell the applicant (email and SMS) at every step of their case, and the assigned agent
when the applicant acts. Runs after the commit (the workflow engine's hooks)."""

import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jamaati.core.notify.channels import notify
from jamaati.core.workflow import on_transition

logger = logging.getLogger(__name__)


def _link(case: Any, language: str) -> str:
    base = getattr(settings, "JAMAATI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    with translation.override(language):
        return base + reverse("cases:case-detail", args=[case.number])


def _language(case: Any) -> str:
    account = case.applicant
    language = getattr(account, "preferred_language", "") or "ar"
    return language if language in dict(settings.LANGUAGES) else "ar"


@on_transition("case")
def case_step_notify(case: Any, name: str, actor: Any, data: dict[str, Any]) -> None:
    """The applicant hears of every step their case takes; agents of what the applicant did."""
    t = case.workflow.get(name)  # `case` is the row as the transition saved it
    if "applicant" in t.notify and (case.applicant_email or case.applicant_phone):
        language = _language(case)
        with translation.override(language):
            subject = _("Request %(number)s: %(state)s") % {
                "number": case.number,
                "state": case.state_label(),
            }
            body = _("Your request “%(procedure)s” is now: %(state)s. Follow it at %(link)s") % {
                "procedure": case.version.name,
                "state": case.state_label(),
                "link": _link(case, language),
            }
        notify(email=case.applicant_email, phone=case.applicant_phone, subject=subject, body=body)
    if "agents" in t.notify and case.assignee_id and case.assignee.email:
        with translation.override(case.assignee.preferred_language or "ar"):
            subject = _("Request %(number)s: %(state)s") % {
                "number": case.number,
                "state": case.state_label(),
            }
            body = _("The applicant acted on request %(number)s.") % {"number": case.number}
        notify(email=case.assignee.email, subject=subject, body=body)


def message_notify(case: Any, message: Any) -> None:
    """A new message: the applicant by email and SMS, or the assigned agent by email."""
    try:
        if message.from_staff and (case.applicant_email or case.applicant_phone):
            language = _language(case)
            with translation.override(language):
                subject = _("New message on request %(number)s") % {"number": case.number}
                body = _("You have a new message. Read it at %(link)s") % {
                    "link": _link(case, language)
                }
            notify(
                email=case.applicant_email,
                phone=case.applicant_phone,
                subject=subject,
                body=body,
            )
        elif not message.from_staff and case.assignee_id and case.assignee.email:
            with translation.override(case.assignee.preferred_language or "ar"):
                subject = _("New message on request %(number)s") % {"number": case.number}
            notify(email=case.assignee.email, subject=subject, body=message.body[:500])
    except Exception:  # a failed notification must not undo the message
        logger.exception("case %s: message notification failed", case.pk)


@on_transition("case")
def attestation_on_deemed_acceptance(case: Any, name: str, actor: Any, data: dict) -> None:
    """Deemed acceptance comes from the clock: issue the attestation right after it."""
    if name != "deem_accept":
        return
    from django.db import transaction
    from django.utils import timezone

    from jamaati.cases.documents import issue_attestation
    from jamaati.cases.models import Case

    with transaction.atomic():
        # Silence is not a decision within the delay: it counts as late in the indicators.
        Case.objects.filter(pk=case.pk, decided_at__isnull=True).update(
            decided_at=timezone.now(), decided_on_time=False
        )
        issue_attestation(actor=actor, case=case)

"""Tell the complainant (email, and SMS when a phone is known) at every step, and the agents
in charge when the complainant acts or a due day nears. Runs after the commit; a failed
notification never undoes the step."""

import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jamaati.complaints.models import Complaint
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.notify.channels import notify
from jamaati.core.workflow import on_transition

logger = logging.getLogger(__name__)
AGENT_ROLES = (Role.AGENT, Role.COLLECTIVITY_ADMIN)


def _base() -> str:
    return getattr(settings, "JAMAATI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def follow_link(complaint: Complaint, language: str, token: str = "") -> str:
    """Where the complainant follows the complaint: their page, or the tracking link (with
    the secret only when it is known, at filing)."""
    with translation.override(language):
        if complaint.applicant_id and not complaint.is_anonymous:
            return _base() + reverse("complaints:complaint-detail", args=[complaint.number])
        url = reverse(
            "public:complaint-track",
            kwargs={"code": complaint.collectivity.code, "number": complaint.number},
        )
    return _base() + url + (f"?t={token}" if token else "")


def acknowledge(pk: int, token: str = "") -> None:
    """The acknowledgement with the tracking number (and the tracking link for an anonymous
    filer), when an address or phone is known (decree 2.17.265 art. 5)."""
    try:
        complaint = Complaint.objects.select_related("collectivity", "applicant").get(pk=pk)
        number = complaint.number
        email, phone = complaint.reply_email(), complaint.contact_phone
        if not (email or phone):
            return
        language = complaint.reply_language()
        with translation.override(language):
            subject = _("Complaint %(number)s received") % {"number": number}
            body = _(
                "We received your %(kind)s under number %(number)s on %(date)s. The answer is "
                "due within 60 days. Follow it at %(link)s"
            ) % {
                "kind": complaint.get_kind_display().lower(),
                "number": number,
                "date": complaint.filed_at.date().isoformat(),
                "link": follow_link(complaint, language, token),
            }
        notify(email=email, phone=phone, subject=subject, body=body)
    except Exception:
        logger.exception("complaint %s: acknowledgement failed", pk)


def _agents(complaint: Complaint) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(collectivity_id=complaint.collectivity_id, role__in=AGENT_ROLES)
        .select_related("user")
        if m.user.email
    ]


def _tell_agents(complaint: Complaint, subject_of: Any, body_of: Any) -> None:
    for user in _agents(complaint):
        with translation.override(getattr(user, "preferred_language", "") or "ar"):
            notify(email=user.email, subject=subject_of(), body=body_of())


def _step_text(complaint: Complaint, name: str, data: dict[str, Any]) -> str:
    if name == "request_clarification":
        return _("The administration asks you to complete or clarify your complaint: %(r)s") % {
            "r": data.get("request", "")
        }
    if name == "transfer":
        return _("Your complaint was sent to %(body)s, which is in charge. Reasons: %(r)s") % {
            "body": complaint.collectivity.name,
            "r": data.get("reasons", ""),
        }
    if name == "redirect_external":
        return _("Your complaint concerns %(body)s, to which it was sent. Reasons: %(r)s") % {
            "body": data.get("body", ""),
            "r": data.get("reasons", ""),
        }
    if name in ("answer", "exclude"):
        return _("The answer to your complaint (%(outcome)s): %(r)s") % {
            "outcome": complaint.get_outcome_display() or data.get("outcome", ""),
            "r": data.get("reasons", ""),
        }
    return _("Your complaint is now: %(state)s") % {"state": complaint.state_label()}


@on_transition("complaint")
def complaint_step_notify(obj: Any, name: str, actor: Any, data: dict[str, Any]) -> None:
    """Every step the complaint takes (the filing has its own acknowledgement)."""
    try:
        complaint = Complaint.objects.select_related("collectivity", "applicant").get(pk=obj.pk)
        t = complaint.workflow.get(name)
        email, phone = complaint.reply_email(), complaint.contact_phone
        if "complainant" in t.notify and (email or phone):
            language = complaint.reply_language()
            with translation.override(language):
                subject = _("Complaint %(number)s: %(state)s") % {
                    "number": complaint.number,
                    "state": complaint.state_label(),
                }
                body = (
                    _step_text(complaint, name, data)
                    + "\n"
                    + _("Follow it at %(link)s") % {"link": follow_link(complaint, language)}
                )
            notify(email=email, phone=phone, subject=subject, body=body)
        if "agents" in t.notify:
            _tell_agents(
                complaint,
                lambda: (
                    _("Complaint %(number)s: %(state)s")
                    % {"number": complaint.number, "state": complaint.state_label()}
                ),
                lambda: (
                    _("Complaint %(number)s needs your attention: %(step)s")
                    % {"number": complaint.number, "step": t.display}
                ),
            )
    except Exception:
        logger.exception("complaint %s: notification failed", getattr(obj, "pk", None))


def remind(complaint: Complaint, deadline: Any) -> None:
    """Before a due day: the agents in charge hear of it (sent by the daily sweep)."""
    _tell_agents(
        complaint,
        lambda: (
            _("Complaint %(number)s: due on %(due)s")
            % {"number": complaint.number, "due": deadline.due_on.isoformat()}
        ),
        lambda: (
            _("The delay “%(basis)s” of complaint %(number)s runs out on %(due)s.")
            % {
                "basis": deadline.legal_basis,
                "number": complaint.number,
                "due": deadline.due_on.isoformat(),
            }
        ),
    )

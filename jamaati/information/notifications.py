"""Tell the requester (email) at every step of their request, the information officers of the
body when a request arrives or a delay runs out, and the head of the body of a complaint.
Runs after the commit (the workflow engine's hooks) or from the daily sweep's reminders."""

import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.notify.channels import notify
from jamaati.core.workflow import on_transition

logger = logging.getLogger(__name__)

NEW_SUBJECT = gettext_lazy("Information request %(number)s")
NEW_BODY = gettext_lazy("Information request %(number)s needs your attention: %(link)s")
HEAD_SUBJECT = gettext_lazy("Complaint about information request %(number)s")
HEAD_BODY = gettext_lazy(
    "A complaint about information request %(number)s awaits your answer: %(link)s"
)


def _base() -> str:
    return getattr(settings, "JAMAATI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def _language(user: Any) -> str:
    language = getattr(user, "preferred_language", "") or "ar"
    return language if language in dict(settings.LANGUAGES) else "ar"


def _staff(request: Any, roles: set[str]) -> list[Any]:
    """Members with one of `roles` at the request's collectivity (not its ancestors: the
    officers designated by this body)."""
    return [
        m.user
        for m in Membership.objects.filter(
            collectivity_id=request.collectivity_id, role__in=roles, is_active=True
        ).select_related("user")
        if m.user.email and m.user.is_active
    ]


def _tell_staff(request: Any, roles: set[str], subject_text: Any, body_text: Any) -> None:
    for user in _staff(request, roles):
        with translation.override(_language(user)):
            link = _base() + reverse(
                "bo:informationrequest-detail",
                kwargs={"code": request.collectivity.code, "information_request_id": request.pk},
            )
            subject = str(subject_text) % {"number": request.number}
            body = str(body_text) % {"number": request.number, "link": link}
        notify(email=user.email, subject=subject, body=body)


@on_transition("information")
def information_step_notify(request: Any, name: str, actor: Any, data: dict[str, Any]) -> None:
    """The requester hears of every step; officers of new requests and lapses; the head of
    complaints."""
    t = request.workflow.get(name)
    if "requester" in t.notify and request.email:
        language = _language(request.requester) if request.requester_id else "ar"
        with translation.override(language):
            link = _base() + reverse("information:request-detail", args=[request.number])
            subject = _("Information request %(number)s: %(state)s") % {
                "number": request.number,
                "state": request.state_label(),
            }
            body = _("Your information request is now: %(state)s. Follow it at %(link)s") % {
                "state": request.state_label(),
                "link": link,
            }
            if name == "extend":
                body += "\n" + _("Reasons for the extension: %(reasons)s") % {
                    "reasons": data.get("reasons", "")
                }
        notify(email=request.email, subject=subject, body=body)
    if "officers" in t.notify:
        _tell_staff(request, {Role.INFORMATION_OFFICER}, NEW_SUBJECT, NEW_BODY)
    if "head" in t.notify:
        _tell_staff(request, {Role.SIGNATORY}, HEAD_SUBJECT, HEAD_BODY)


def reminder_notify(request: Any, deadline: Any, today: Any) -> None:
    """A due day comes near: the officers (the head for a complaint's answer) are told."""
    roles = {Role.SIGNATORY} if deadline.kind == "head_answer" else {Role.INFORMATION_OFFICER}
    for user in _staff(request, roles):
        with translation.override(_language(user)):
            subject = _("Information request %(number)s: due on %(date)s") % {
                "number": request.number,
                "date": date_format(deadline.due_on, "SHORT_DATE_FORMAT"),
            }
            body = _("The legal delay of information request %(number)s runs out on %(date)s.") % {
                "number": request.number,
                "date": date_format(deadline.due_on, "DATE_FORMAT"),
            }
        notify(email=user.email, subject=subject, body=body)

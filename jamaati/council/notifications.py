"""Who hears of the council's steps, after the commit (a failed message never undoes a step).

- A decision sent to the governor: the governor's office (SUPERVISOR memberships at the
  council's collectivity or above).
- The governor's opposition, visa, refusal, and the visa deemed given by silence: the
  secretariat (COUNCIL_SECRETARY and SIGNATORY memberships of the collectivity).
- A petition: its agent (email, and SMS when a phone is known) at filing and at the answer;
  the secretariat at filing.
- Before a council clock's due day (daily sweep): the secretariat.
"""

import logging
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.deadlines.signals import deadline_reminder
from jamaati.core.notify.channels import notify
from jamaati.core.workflow import on_transition
from jamaati.council.models import Decision, Petition, Sitting

logger = logging.getLogger(__name__)
SECRETARIAT_ROLES = (Role.COUNCIL_SECRETARY, Role.SIGNATORY)


def _users(collectivities: list[Any], roles: tuple[str, ...]) -> list[Any]:
    seen, users = set(), []
    for membership in (
        Membership.objects.active()
        .filter(collectivity__in=collectivities, role__in=roles)
        .select_related("user")
        .order_by("pk")
    ):
        user = membership.user
        if user.email and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def supervisors_of(collectivity: Any) -> list[Any]:
    """The governor's office: SUPERVISOR memberships at the collectivity or above."""
    return _users([*collectivity.ancestors(), collectivity], (Role.SUPERVISOR,))


def secretariat_of(collectivity: Any) -> list[Any]:
    return _users([collectivity], SECRETARIAT_ROLES)


def _tell(users: list[Any], subject_of: Any, body_of: Any) -> None:
    for user in users:
        with translation.override(getattr(user, "preferred_language", "") or "ar"):
            notify(email=user.email, subject=subject_of(), body=body_of())


def _decision_subject(decision: Decision) -> str:
    return _("Council decision %(number)s: %(state)s") % {
        "number": decision.number,
        "state": decision.get_state_display(),
    }


@on_transition("council_decision")
def decision_step_notify(obj: Any, name: str, actor: Any, data: dict[str, Any]) -> None:
    """A decision sent to the governor, and the governor's answer (or its silence)."""
    try:
        decision = Decision.objects.select_related("collectivity").get(pk=obj.pk)
        t = decision.workflow.get(name)
        collectivity = decision.collectivity
        if "supervisor" in t.notify:
            _tell(
                supervisors_of(collectivity),
                lambda: _decision_subject(decision),
                lambda: (
                    _(
                        "The council of %(council)s sent you decision %(number)s, “%(title)s”, "
                        "for control: %(step)s."
                    )
                    % {
                        "council": collectivity.name,
                        "number": decision.number,
                        "title": decision.title,
                        "step": t.display,
                    }
                ),
            )
        if "secretariat" in t.notify:
            _tell(
                secretariat_of(collectivity),
                lambda: _decision_subject(decision),
                lambda: (
                    _("Decision %(number)s: %(step)s.")
                    % {"number": decision.number, "step": t.display}
                    + (
                        "\n" + _("Reasons: %(r)s") % {"r": data.get("reasons")}
                        if data.get("reasons")
                        else ""
                    )
                ),
            )
    except Exception:
        logger.exception("council decision %s: notification failed", getattr(obj, "pk", None))


@on_transition("council_petition")
def petition_step_notify(obj: Any, name: str, actor: Any, data: dict[str, Any]) -> None:
    """The agent at filing (the number and the 3-month answer) and at the answer."""
    try:
        petition = Petition.objects.select_related("collectivity").get(pk=obj.pk)
        t = petition.workflow.get(name)
        if "petitioner" in t.notify and (petition.agent_email or petition.agent_phone):
            with translation.override("ar"):
                if name == "file":
                    subject = _("Petition %(number)s received") % {"number": petition.number}
                    body = _(
                        "The council of %(council)s received your petition “%(title)s” under "
                        "number %(number)s. Its bureau answers within three months."
                    ) % {
                        "council": petition.collectivity.name,
                        "title": petition.title,
                        "number": petition.number,
                    }
                else:
                    subject = _("Petition %(number)s: %(state)s") % {
                        "number": petition.number,
                        "state": petition.get_state_display(),
                    }
                    body = _("The council's answer to your petition: %(state)s. %(reasons)s") % {
                        "state": petition.get_state_display(),
                        "reasons": petition.answer_reasons or data.get("reasons", ""),
                    }
            notify(
                email=petition.agent_email, phone=petition.agent_phone, subject=subject, body=body
            )
        if "secretariat" in t.notify:
            _tell(
                secretariat_of(petition.collectivity),
                lambda: (
                    _("Petition %(number)s: %(state)s")
                    % {"number": petition.number, "state": petition.get_state_display()}
                ),
                lambda: (
                    _("A petition was filed: “%(title)s” (%(count)s signatures).")
                    % {"title": petition.title, "count": petition.signatures}
                ),
            )
    except Exception:
        logger.exception("council petition %s: notification failed", getattr(obj, "pk", None))


def _remind(sender: Any, deadline: Any, owner: Any, **kwargs: Any) -> None:
    """Before the due day of a council clock: the secretariat."""
    try:
        _tell(
            secretariat_of(owner.collectivity),
            lambda: _("Council: due on %(due)s") % {"due": deadline.due_on.isoformat()},
            lambda: (
                _("The delay “%(basis)s” of %(what)s runs out on %(due)s.")
                % {
                    "basis": deadline.legal_basis,
                    "what": str(owner),
                    "due": deadline.due_on.isoformat(),
                }
            ),
        )
    except Exception:
        logger.exception("council reminder for deadline %s failed", getattr(deadline, "pk", None))


for _model in (Decision, Petition, Sitting):
    deadline_reminder.connect(
        _remind, sender=_model, dispatch_uid=f"council-remind-{_model.__name__}"
    )

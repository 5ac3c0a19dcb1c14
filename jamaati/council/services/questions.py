"""Written questions of the members (art. 46): filed at least one month before the session
opens, answered at the session's answer sitting."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.council import rules
from jamaati.council.models import Member, Session, SessionState, Sitting, WrittenQuestion
from jamaati.council.services._common import refusal as _refuse


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or "\x00" in value:
        return ""
    return value.strip()[:limit]


def question_deadline(session: Session) -> date:
    """The last day to file a written question for `session`: one month before it opens."""
    return rules.months_later(session.opens_on, -rules.WRITTEN_QUESTION_LEAD_MONTHS.value)


def question_file(
    *,
    actor: Any,
    session: Session,
    member: Member,
    question: str,
    now: datetime | None = None,
) -> WrittenQuestion:
    """File a member's written question for `session`, at least one month before it opens
    (art. 46); the member must be in office."""
    authorize(actor, "council.manage", session)
    today = timezone.localdate(now) if now else timezone.localdate()
    question = _text(question, 4000)
    if not question:
        raise _refuse("question", _("Enter the question."), "required")
    member = Member.objects.filter(
        collectivity=session.collectivity, pk=getattr(member, "pk", None)
    ).first()
    if member is None:
        raise _refuse("member", _("Choose a member of this council."), "member")
    if not member.in_office_on(today):
        raise _refuse("member", _("This member is not in office."), "not_in_office")
    if session.state == SessionState.CLOSED:
        raise _refuse("__all__", _("The session is closed."), "closed")
    last = question_deadline(session)
    if today > last:
        raise _refuse(
            "__all__",
            _(
                "Written questions are filed at least one month before the session opens: by "
                "%(day)s for this session (art. 46)."
            )
            % {"day": date_format(last, "j F Y")},
            "late",
        )
    with transaction.atomic():
        written = WrittenQuestion.objects.create(
            collectivity=session.collectivity,
            session=session,
            member=member,
            filed_on=today,
            question=question,
        )
        record(
            actor=actor,
            action="council.question_file",
            collectivity=session.collectivity,
            obj=written,
            changes={"session": session.pk, "member": member.pk, "question": question},
        )
    return written


def question_answer(
    *,
    actor: Any,
    question: WrittenQuestion,
    answer: str,
    sitting: Sitting | None = None,
    now: datetime | None = None,
) -> WrittenQuestion:
    """Record the answer to a written question, given once, at a sitting of its session."""
    authorize(actor, "council.manage", question)
    answer = _text(answer, 10000)
    if not answer:
        raise _refuse("answer", _("Enter the answer."), "required")
    if sitting is not None and (
        not isinstance(sitting, Sitting) or sitting.session_id != question.session_id
    ):
        raise _refuse("sitting", _("Choose a sitting of the question's session."), "sitting")
    moment = now or timezone.now()
    with transaction.atomic():
        current = WrittenQuestion.objects.select_for_update().get(pk=question.pk)
        if current.answered_at is not None:
            raise _refuse("__all__", _("This question has already been answered."), "answered")
        current.answer, current.answered_at, current.answer_sitting = answer, moment, sitting
        current.save(update_fields=["answer", "answered_at", "answer_sitting"])
        record(
            actor=actor,
            action="council.question_answer",
            collectivity=current.collectivity,
            obj=current,
            changes={"answer": answer, "sitting": sitting.pk if sitting else None},
        )
    return current

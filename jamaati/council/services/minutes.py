"""The minutes of a sitting (art. 47-49): issued as two PDFs (Arabic and French) from the
sitting's record, signed by the president and the secretary, sent to the members within
15 days of the sitting."""

from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.deadlines.services import deadline_stop
from jamaati.core.documents.render import verify_url
from jamaati.core.documents.services import document_issue, document_supersede
from jamaati.core.notify.channels import notify
from jamaati.council.models import (
    Attendance,
    Ballot,
    Member,
    Office,
    Presence,
    Sitting,
    SittingState,
    VoteEvent,
    WrittenQuestion,
)
from jamaati.council.services.sittings import MINUTES, local_day, members_in_office, now_or, refuse

MINUTES_KIND = "council_minutes"
TITLES = {
    "ar": ("محضر جلسة المجلس", "Procès-verbal de la séance du conseil"),
    "fr": ("محضر جلسة المجلس", "Procès-verbal de la séance du conseil"),
}
SIGN_AS = {
    "president": ("council.sign_as_president", "minutes_signed_by_president_at"),
    "secretary": ("council.sign_as_secretary", "minutes_signed_by_secretary_at"),
}


def _locked(sitting: Sitting) -> Sitting:
    return (
        Sitting.objects.select_for_update(of=("self",))
        .select_related("collectivity", "session", "minutes_ar", "minutes_fr")
        .get(pk=sitting.pk)
    )


def _sync(target: Sitting, source: Sitting) -> Sitting:
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return source


def _names(member: Member, language: str) -> str:
    return member.name_fr if language == "fr" and member.first_name_fr else member.name_ar


def minutes_context(sitting: Sitting, language: str) -> dict[str, Any]:
    """What the minutes say, read from the record: attendance by name, every item voted with
    its rule, counts, result, each member's vote and decision number, answered questions."""
    attendance = list(
        Attendance.objects.filter(sitting=sitting)
        .select_related("member")
        .order_by("member__last_name_fr", "member_id")
    )
    by_presence = {p: [] for p in Presence.values}
    for row in attendance:
        by_presence[row.presence].append(_names(row.member, language))
    votes = []
    for event in (
        VoteEvent.objects.filter(sitting=sitting)
        .select_related("item")
        .order_by("item__position", "item_id")
    ):
        ballots = [
            {"name": _names(b.member, language), "choice": b.get_choice_display()}
            for b in Ballot.objects.filter(vote=event)
            .select_related("member")
            .order_by("member__last_name_fr", "member_id")
        ]
        decision = getattr(event, "decision", None)  # None when the vote adopted nothing
        votes.append(
            {
                "event": event,
                "title": event.item.title_fr if language == "fr" else event.item.title_ar,
                "rule": event.get_rule_display(),
                "result": event.get_result_display(),
                "ballots": ballots,
                "decision_number": decision.number if decision else "",
            }
        )
    questions = [
        {"member": _names(q.member, language), "question": q.question, "answer": q.answer}
        for q in WrittenQuestion.objects.filter(answer_sitting=sitting)
        .select_related("member")
        .order_by("filed_on", "pk")
    ]
    day = local_day(sitting.scheduled_at)
    officers = members_in_office(sitting.collectivity, day)
    president = officers.filter(office=Office.PRESIDENT).first()
    secretary = officers.filter(office=Office.SECRETARY).first()
    return {
        "sitting": sitting,
        "session": sitting.session,
        "separator": "، " if language == "ar" else ", ",
        "present": by_presence[Presence.PRESENT],
        "excused": by_presence[Presence.EXCUSED],
        "absent": by_presence[Presence.ABSENT],
        "votes": votes,
        "questions": questions,
        "president_name": _names(president, language) if president else "",
        "secretary_name": _names(secretary, language) if secretary else "",
    }


def minutes_issue(*, actor: Any, sitting: Sitting, now=None) -> Sitting:
    """Issue the minutes of a closed sitting in Arabic and French (verifiable PDFs). Issuing
    again (before they are sent) supersedes the earlier ones and clears their signatures."""
    now_or(now)
    with transaction.atomic():
        current = _locked(sitting)
        authorize(actor, "council.manage", current)
        if current.state != SittingState.CLOSED:
            raise refuse("sitting", _("Minutes are drawn up once the sitting is closed."))
        if current.minutes_sent_at is not None:
            raise refuse("sitting", _("These minutes were already sent to the members."))
        previous = [d for d in (current.minutes_ar, current.minutes_fr) if d is not None]
        for document in previous:
            if document.is_valid:
                document_supersede(
                    actor=actor, document=document, reason=_("Replaced by new minutes.")
                )
        issued = {}
        for language in ("ar", "fr"):
            with translation.override(language):
                context = minutes_context(current, language)
            title_ar, title_fr = TITLES[language]
            issued[language] = document_issue(
                actor=actor,
                owner=current,
                kind=MINUTES_KIND,
                title_ar=title_ar,
                title_fr=title_fr,
                template_name="council/pdf/minutes.html",
                context=context,
                language=language,
                summary=[
                    {
                        "label_ar": "تاريخ الجلسة",
                        "label_fr": "Date de la séance",
                        "value": local_day(current.scheduled_at).isoformat(),
                    },
                    {
                        "label_ar": "الحاضرون",
                        "label_fr": "Présents",
                        "value": f"{current.present_count} / {current.in_office_count}",
                    },
                ],
            )
        current.minutes_ar = issued["ar"]
        current.minutes_fr = issued["fr"]
        current.minutes_signed_by_president_at = None
        current.minutes_signed_by_secretary_at = None
        current.save(
            update_fields=[
                "minutes_ar",
                "minutes_fr",
                "minutes_signed_by_president_at",
                "minutes_signed_by_secretary_at",
            ]
        )
        record(
            actor=actor,
            action="council.minutes_issue",
            collectivity=current.collectivity,
            obj=current,
            changes={
                "minutes_ar": issued["ar"].code,
                "minutes_fr": issued["fr"].code,
                "superseded": [d.code for d in previous],
            },
        )
    return _sync(sitting, current)


def minutes_sign(*, actor: Any, sitting: Sitting, as_role: str, now=None) -> Sitting:
    """Sign the minutes as the president or as the secretary of the council (art. 47)."""
    now = now_or(now)
    if as_role not in SIGN_AS:
        authorize(actor, "council.view", sitting)
        raise refuse("as_role", _("The minutes are signed by the president or the secretary."))
    action, field = SIGN_AS[as_role]
    with transaction.atomic():
        current = _locked(sitting)
        authorize(actor, action, current)
        if current.minutes_ar_id is None or current.minutes_fr_id is None:
            raise refuse("sitting", _("Issue the minutes before signing them."))
        if getattr(current, field) is not None:
            raise refuse("as_role", _("The minutes are already signed in this capacity."))
        setattr(current, field, now)
        current.save(update_fields=[field])
        record(
            actor=actor,
            action="council.minutes_sign",
            collectivity=current.collectivity,
            obj=current,
            changes={"as": as_role, field: [None, now]},
        )
    return _sync(sitting, current)


def minutes_send(*, actor: Any, sitting: Sitting, now=None) -> Sitting:
    """Send the signed minutes to every member in office who has an email (after the
    commit), with the links to verify and read them; stops the 15-day clock (art. 49)."""
    now = now_or(now)
    with transaction.atomic():
        current = _locked(sitting)
        authorize(actor, "council.manage", current)
        if current.minutes_ar_id is None or current.minutes_fr_id is None:
            raise refuse("sitting", _("Issue the minutes before sending them."))
        if (
            current.minutes_signed_by_president_at is None
            or current.minutes_signed_by_secretary_at is None
        ):
            raise refuse(
                "sitting",
                _("The minutes are sent once signed by the president and the secretary (art. 47)."),
            )
        if current.minutes_sent_at is not None:
            raise refuse("sitting", _("These minutes were already sent to the members."))
        current.minutes_sent_at = now
        current.save(update_fields=["minutes_sent_at"])
        recipients = [
            (m.email, m.pk)
            for m in members_in_office(current.collectivity, local_day(current.scheduled_at))
            if m.email
        ]
        record(
            actor=actor,
            action="council.minutes_send",
            collectivity=current.collectivity,
            obj=current,
            changes={"minutes_sent_at": [None, now], "members": [pk for _e, pk in recipients]},
        )
        clock = deadline_open_of(current, MINUTES.kind)
        if clock is not None:
            deadline_stop(actor=actor, deadline=clock, on=local_day(now))
        codes = {"ar": current.minutes_ar.code, "fr": current.minutes_fr.code}
        day = local_day(current.scheduled_at)
        name_ar, name_fr = current.collectivity.name_ar, current.collectivity.name_fr
        transaction.on_commit(
            lambda: _mail_members([e for e, _pk in recipients], codes, day, name_ar, name_fr),
            robust=True,
        )
    return _sync(sitting, current)


def _mail_members(emails: list[str], codes: dict[str, str], day, name_ar, name_fr) -> None:
    with translation.override("ar"):
        subject = _("Minutes of the council's sitting of %(day)s") % {"day": day.isoformat()}
        body = _(
            "The minutes of the sitting of %(day)s of the council of %(council)s are signed.\n"
            "Arabic: %(ar)s\nFrench: %(fr)s"
        ) % {
            "day": day.isoformat(),
            "council": name_ar,
            "ar": verify_url(codes["ar"], "ar"),
            "fr": verify_url(codes["fr"], "fr"),
        }
    for email in emails:
        notify(email=email, subject=subject, body=body)

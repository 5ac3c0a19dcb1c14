"""Convocations: one row per member with its PDF (Arabic, names also in Latin script), then
an email and an SMS after the commit (art. 35). Called by sessions.session_convene and
sessions.call_convene, inside their transaction, after their checks."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.documents.services import document_issue
from jamaati.core.notify.channels import notify
from jamaati.council.models import (
    AgendaItem,
    Convocation,
    ItemDocument,
    ItemState,
    Member,
    Session,
    Sitting,
    SittingState,
)

KIND = "council_convocation"
AGENDA_STATES = (ItemState.ON_AGENDA, ItemState.PROPOSED)


def _agenda(session: Session) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(session=session, state=ItemState.ON_AGENDA)
        .select_related("rapporteur")
        .order_by("position", "pk")
    )


def _in(language: str, render: Any, *args: Any) -> str:
    with translation.override(language):
        return render(*args)


def _message(session: Session, sittings: list[Sitting], items: list[AgendaItem]) -> str:
    lines = [
        _(
            "You are convened to the %(session)s of the council of %(place)s, from %(start)s to "
            "%(end)s."
        )
        % {
            "session": session.get_kind_display(),
            "place": session.collectivity.name,
            "start": date_format(session.opens_on, "j F Y"),
            "end": date_format(session.ends_on, "j F Y"),
        },
        _("Sittings:"),
    ]
    lines += [
        f"- {date_format(timezone.localtime(s.scheduled_at), 'j F Y, H:i')} {s.place}"
        for s in sittings
    ]
    lines.append(_("Agenda:"))
    lines += [f"{item.position}. {item.title}" for item in items]
    return "\n".join(lines)


def convocations_send(
    *,
    actor: Any,
    session: Session,
    members: list[Member],
    sittings: list[Sitting],
    now: datetime,
    sitting: Sitting | None = None,
    issue_pdfs: bool = False,
) -> list[Convocation]:
    """Write one Convocation per member; queue the email and SMS for after the commit.
    `sitting` is the later call (2 or 3) convened, None for the whole session. The PDFs are
    issued now when `issue_pdfs`, else on first demand (convocation_document): a PDF takes
    seconds to render and a council has up to 61 members."""
    items = _agenda(session)
    documents = list(ItemDocument.objects.filter(item__in=items).order_by("item__position", "pk"))

    def subject_text() -> str:
        if sitting is not None:
            return _("Convocation: call %(call)s of a sitting of the council") % {
                "call": sitting.call
            }
        return _("Convocation to the session of the council")

    # Members keep no language preference: the message goes in Arabic, then in French.
    body = "\n\n".join(
        _in(language, _message, session, sittings, items) for language in ("ar", "fr")
    )
    subject = " / ".join(_in(language, subject_text) for language in ("ar", "fr"))
    convocations = []
    for member in members:
        convocation = Convocation.objects.create(
            collectivity=session.collectivity,
            session=session,
            sitting=sitting,
            member=member,
            sent_at=now,
            by_email=bool(member.email),
            by_sms=bool(member.phone),
        )
        if issue_pdfs:
            _issue(actor, convocation, items=items, documents=documents, sittings=sittings)
        record(
            actor=actor,
            action="council.convocation_send",
            collectivity=session.collectivity,
            obj=convocation,
            changes={
                "session": session.pk,
                "sitting": sitting.pk if sitting else None,
                "member": member.pk,
                "by_email": convocation.by_email,
                "by_sms": convocation.by_sms,
                "document": convocation.document.code if convocation.document else None,
            },
        )
        if member.email or member.phone:
            transaction.on_commit(
                lambda email=member.email, phone=member.phone: notify(
                    email=email, phone=phone, subject=subject, body=body
                ),
                robust=True,
            )
        convocations.append(convocation)
    return convocations


def _issue(
    actor: Any,
    convocation: Convocation,
    *,
    items: list[AgendaItem],
    documents: list[ItemDocument],
    sittings: list[Sitting],
) -> None:
    session, member, sitting = convocation.session, convocation.member, convocation.sitting
    convocation.document = document_issue(
        actor=actor,
        owner=convocation,
        kind=KIND,
        title_ar="استدعاء لحضور دورة المجلس",
        title_fr="Convocation à la session du conseil",
        template_name="council/pdf/convocation.html",
        context={
            "session": session,
            "member": member,
            "sittings": sittings,
            "items": items,
            "documents": documents,
            "call_sitting": sitting,
            "sent_at": convocation.sent_at,
        },
        language="ar",
        summary=[
            {"label_ar": "العضو", "label_fr": "Membre", "value": member.name_ar},
            {"label_ar": "الدورة", "label_fr": "Session", "value": str(session.opens_on)},
            {
                "label_ar": "تاريخ الإرسال",
                "label_fr": "Envoyée le",
                "value": convocation.sent_at.date().isoformat(),
            },
        ],
    )
    convocation.save(update_fields=["document"])


def convocation_document(*, actor: Any, convocation: Convocation) -> IssuedDocument:
    """The convocation's PDF (Arabic, the member's name also in Latin script, the timetable,
    the agenda and its documents), issued once, on first demand; later calls return it."""
    authorize(actor, "council.view", convocation)
    with transaction.atomic():
        current = (
            Convocation.objects.select_for_update(of=("self",))
            .select_related("session", "session__collectivity", "member", "sitting", "document")
            .get(pk=convocation.pk)
        )
        if current.document is not None:
            return current.document
        session = current.session
        if current.sitting is not None:
            sittings = [current.sitting]
        else:
            sittings = list(Sitting.objects.filter(session=session).order_by("scheduled_at", "pk"))
        items = _agenda(session)
        documents = list(
            ItemDocument.objects.filter(item__in=items).order_by("item__position", "pk")
        )
        _issue(actor, current, items=items, documents=documents, sittings=sittings)
    convocation.document = current.document
    return current.document


def scheduled_sittings(session: Session) -> list[Sitting]:
    """The sittings still to be held, in order."""
    return list(
        Sitting.objects.filter(session=session, state=SittingState.SCHEDULED).order_by(
            "scheduled_at", "pk"
        )
    )

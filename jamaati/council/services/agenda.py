"""The agenda of a session (art. 38-41): items, members' requests, documents.

Who adds an item and until when:
- the president, before the agenda goes to the governor (ordinary session) or before the
  convocation (extraordinary session);
- the governor, within 8 days after the agenda was sent (art. 39);
- members, by a request (state "proposed") before the agenda goes to the governor; a request
  by half the members in office is mandatory and cannot be refused (art. 40);
- nobody after the convocation.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.uploads import check_upload
from jamaati.council import rules
from jamaati.council.models import (
    AgendaItem,
    Committee,
    ItemDocument,
    ItemOrigin,
    ItemState,
    Member,
    Session,
    SessionKind,
    SessionState,
    in_office_filter,
)
from jamaati.council.rules import ItemSubject
from jamaati.council.services._common import day_text as _day
from jamaati.council.services._common import person_text as _text
from jamaati.council.services._common import refusal as _refuse

ADDED_BY_PEOPLE = frozenset({ItemOrigin.PRESIDENT, ItemOrigin.GOVERNOR, ItemOrigin.MEMBERS})


def _today(now: datetime | None) -> date:
    return timezone.localdate(now) if now is not None else timezone.localdate()


def governor_window_end(session: Session) -> date | None:
    """The last day the governor may add items: 8 days after the agenda was sent (art. 39)."""
    if session.agenda_sent_on is None:
        return None
    return session.agenda_sent_on + timedelta(days=rules.GOVERNOR_ADDITIONS.value)


def add_to_agenda(
    *,
    actor: Any,
    session: Session,
    title_ar: str,
    title_fr: str,
    subject: str,
    origin: str,
    today: date,
    state: str = ItemState.ON_AGENDA,
    **extra: Any,
) -> AgendaItem:
    """Append an item at the end of `session`'s agenda and audit it; the caller has checked
    the policy and the law (used by item_add, the session's carry-over and extraordinary
    requests). Runs inside the caller's transaction."""
    last = AgendaItem.objects.filter(session=session).aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        collectivity=session.collectivity,
        session=session,
        position=(last or 0) + 1,
        state=state,
        origin=origin,
        title_ar=title_ar,
        title_fr=title_fr,
        subject=subject,
        needs_absolute_majority=rules.needs_absolute_majority(subject),
        needs_visa=rules.needs_visa(subject),
        added_on=today,
        **extra,
    )
    record(
        actor=actor,
        action="council.item_add",
        collectivity=session.collectivity,
        obj=item,
        changes={
            "session": session.pk,
            "position": item.position,
            "origin": origin,
            "state": state,
            "subject": subject,
            "title_ar": title_ar,
            "title_fr": title_fr,
            **{k: getattr(v, "pk", v) for k, v in extra.items()},
        },
    )
    return item


def _check_window(session: Session, origin: str, today: date) -> None:
    """The law's limit for adding an item of `origin` to `session` on `today`."""
    if session.state != SessionState.PLANNED or session.convened_at is not None:
        raise _refuse(
            "__all__",
            _(
                "Added after the limit: the session is already convened; no item can be added "
                "after the convocation (art. 35)."
            ),
            "after_convocation",
        )
    ordinary = session.kind == SessionKind.ORDINARY
    if origin == ItemOrigin.GOVERNOR:
        end = governor_window_end(session)
        if end is None:
            raise _refuse(
                "__all__",
                _("The governor adds items once the agenda has been sent to him (art. 39)."),
                "agenda_not_sent",
            )
        if today > end:
            raise _refuse(
                "__all__",
                _(
                    "Added after the limit: the governor may add items within 8 days of "
                    "receiving the agenda, until %(day)s (art. 39)."
                )
                % {"day": _day(end)},
                "governor_late",
            )
    elif ordinary and session.agenda_sent_on is not None:
        raise _refuse(
            "__all__",
            _(
                "Added after the limit: the agenda was sent to the governor on %(day)s; only the "
                "governor may still add items (art. 39)."
            )
            % {"day": _day(session.agenda_sent_on)},
            "agenda_sent",
        )


def _requesters(session: Session, requested_by: Any, today: date) -> list[Member]:
    ids = set()
    for person in requested_by or ():
        pk = getattr(person, "pk", person)
        try:
            ids.add(int(pk))
        except (TypeError, ValueError):
            raise _refuse("requested_by", _("Choose members of the council."), "members") from None
    if not ids:
        raise _refuse(
            "requested_by", _("Choose the members who request the item."), "no_requesters"
        )
    found = list(
        Member.objects.filter(collectivity=session.collectivity, pk__in=ids).filter(
            in_office_filter(today)
        )
    )
    if len(found) != len(ids):
        raise _refuse(
            "requested_by",
            _("Only members of this council in office may request an item (art. 40)."),
            "not_in_office",
        )
    return found


def item_add(
    *,
    actor: Any,
    session: Session,
    title_ar: str,
    title_fr: str,
    subject: str = ItemSubject.OTHER,
    description: str = "",
    rapporteur: Committee | None = None,
    origin: str = ItemOrigin.PRESIDENT,
    requested_by: Any = (),
    now: datetime | None = None,
) -> AgendaItem:
    """Add an item to `session`'s agenda within the law's limits (see the module); a members'
    request is "proposed" and mandatory when made by half the members in office. Its
    majority and visa follow from its subject."""
    if origin not in ADDED_BY_PEOPLE:
        raise _refuse("origin", _("Choose who puts the item on the agenda."), "origin")
    authorize(
        actor, "council.governor" if origin == ItemOrigin.GOVERNOR else "council.manage", session
    )
    today = _today(now)
    title_ar, title_fr = _text(title_ar, "title_ar", 300), _text(title_fr, "title_fr", 300)
    if not (title_ar or title_fr):
        raise _refuse("title_ar", _("Enter the item's title."), "required")
    if subject not in ItemSubject.values:
        raise _refuse("subject", _("Choose what the item decides."), "subject")
    if rapporteur is not None and (
        not isinstance(rapporteur, Committee)
        or rapporteur.collectivity_id != session.collectivity_id
    ):
        raise _refuse("rapporteur", _("Choose a committee of this council."), "rapporteur")
    description = _text(description, "description", 10000)
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        _check_window(current, origin, today)
        extra: dict[str, Any] = {"description": description, "rapporteur": rapporteur}
        state = ItemState.ON_AGENDA
        people: list[Member] = []
        if origin == ItemOrigin.MEMBERS:
            people = _requesters(current, requested_by, today)
            count = in_office_count(current.collectivity, today)
            extra["is_mandatory"] = rules.share_reached(
                len(people), count, rules.MANDATORY_ITEM_SHARE
            )
            state = ItemState.PROPOSED
        item = add_to_agenda(
            actor=actor,
            session=current,
            title_ar=title_ar or title_fr,
            title_fr=title_fr or title_ar,
            subject=subject,
            origin=origin,
            today=today,
            state=state,
            **extra,
        )
        if people:
            item.requested_by.set(people)
    return item


def in_office_count(collectivity: Any, day: date) -> int:
    return Member.objects.filter(collectivity=collectivity).filter(in_office_filter(day)).count()


def _locked_proposed(item: AgendaItem) -> AgendaItem:
    current = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
    if current.state != ItemState.PROPOSED:
        raise _refuse("__all__", _("This item is not a request awaiting the president."), "state")
    if current.session.state != SessionState.PLANNED:
        raise _refuse("__all__", _("The session is already convened."), "after_convocation")
    return current


def item_accept(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """Put a members' requested item on the agenda."""
    authorize(actor, "council.manage", item)
    with transaction.atomic():
        current = _locked_proposed(item)
        current.state = ItemState.ON_AGENDA
        current.save(update_fields=["state"])
        record(
            actor=actor,
            action="council.item_accept",
            collectivity=current.collectivity,
            obj=current,
            changes={"state": [ItemState.PROPOSED, ItemState.ON_AGENDA]},
        )
    return current


def item_refuse(*, actor: Any, item: AgendaItem, reasons: str) -> AgendaItem:
    """Refuse a members' requested item, with reasons; an item requested by half the members
    in office is mandatory and cannot be refused (art. 40)."""
    authorize(actor, "council.manage", item)
    reasons = _text(reasons, "reasons", 4000)
    if not reasons:
        raise _refuse("reasons", _("A refusal needs its reasons (art. 40)."), "reasons")
    with transaction.atomic():
        current = _locked_proposed(item)
        if current.is_mandatory:
            raise _refuse(
                "__all__",
                _(
                    "This item was requested by half of the members in office: it is mandatory "
                    "and cannot be refused (art. 40)."
                ),
                "mandatory",
            )
        current.state, current.refusal_reasons = ItemState.REFUSED, reasons
        current.save(update_fields=["state", "refusal_reasons"])
        record(
            actor=actor,
            action="council.item_refuse",
            collectivity=current.collectivity,
            obj=current,
            changes={"state": [ItemState.PROPOSED, ItemState.REFUSED], "reasons": reasons},
        )
    return current


def item_document_add(*, actor: Any, item: AgendaItem, upload: Any, title: str) -> ItemDocument:
    """Attach a document (PDF or image, checked by content) to an item; it is stored under its
    SHA-256, never under the uploaded name, and listed with the agenda."""
    authorize(actor, "council.manage", item)
    title = _text(title, "title", 200)
    if not title:
        raise _refuse("title", _("Enter the document's title."), "required")
    if upload is None or not hasattr(upload, "read"):
        raise _refuse("upload", _("Choose a file."), "required")
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from None
    with transaction.atomic():
        current = AgendaItem.objects.select_related("session").get(pk=item.pk)
        if current.session.state == SessionState.CLOSED:
            raise _refuse("__all__", _("The session is closed."), "closed")
        document = ItemDocument(
            collectivity=current.collectivity,
            item=current,
            title=title,
            file_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        document.file.save(checked.sha256, checked.file, save=False)
        document.save()
        record(
            actor=actor,
            action="council.item_document_add",
            collectivity=current.collectivity,
            obj=document,
            changes={
                "item": current.pk,
                "title": title,
                "sha256": checked.sha256,
                "size": checked.size,
                "content_type": checked.content_type,
            },
        )
    return document

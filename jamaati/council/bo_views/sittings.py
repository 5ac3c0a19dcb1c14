"""Sittings: attendance and the calls, closed sitting, nominal votes, minutes."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.documents.responses import document_file_response
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _url
from jamaati.council.forms import (
    AttendanceForm,
    CloseDoorForm,
    ConfirmForm,
    VoteForm,
    apply_service_errors,
)
from jamaati.council.models import Sitting, SittingState
from jamaati.council.services import minutes as minutes_services
from jamaati.council.services import sessions as sessions_services
from jamaati.council.services import sittings as sittings_services
from jamaati.council.services import votes as votes_services


def _open(actor: Any, sitting: Sitting, data: dict, form: AttendanceForm) -> Any:
    return sittings_services.sitting_open(
        actor=actor,
        sitting=sitting,
        presence=form.presence(),
        next_call_at=data.get("next_call_at"),
    )


SITTING_ACTIONS: dict[str, Action] = {
    "open": Action(
        "open",
        gettext_lazy("Take the attendance and open the sitting"),
        AttendanceForm,
        "council.manage",
        _open,
    ),
    "call_convene": Action(
        "call_convene",
        gettext_lazy("Send the convocations of this call"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d, f: sessions_services.call_convene(actor=actor, sitting=s),
    ),
    "close_door": Action(
        "close_door",
        gettext_lazy("Hold the sitting in closed session"),
        CloseDoorForm,
        "council.manage",
        lambda actor, s, d, f: sittings_services.sitting_close_door(
            actor=actor,
            sitting=s,
            requested_by=d["requested_by"],
            requesters=list(d.get("requesters") or ()),
            reason=d.get("reason", ""),
        ),
        secondary=True,
        hint=gettext_lazy(
            "At the request of the president or of a third of the members (art. 48)."
        ),
    ),
    "close": Action(
        "close",
        gettext_lazy("Close the sitting"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d, f: sittings_services.sitting_close(actor=actor, sitting=s),
        secondary=True,
    ),
    "minutes_issue": Action(
        "minutes_issue",
        gettext_lazy("Issue the minutes (Arabic and French)"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d, f: minutes_services.minutes_issue(actor=actor, sitting=s),
    ),
    "sign_president": Action(
        "sign_president",
        gettext_lazy("Sign the minutes as president"),
        ConfirmForm,
        "council.sign_as_president",
        lambda actor, s, d, f: minutes_services.minutes_sign(
            actor=actor, sitting=s, as_role="president"
        ),
    ),
    "sign_secretary": Action(
        "sign_secretary",
        gettext_lazy("Sign the minutes as secretary"),
        ConfirmForm,
        "council.sign_as_secretary",
        lambda actor, s, d, f: minutes_services.minutes_sign(
            actor=actor, sitting=s, as_role="secretary"
        ),
    ),
    "minutes_send": Action(
        "minutes_send",
        gettext_lazy("Send the minutes to the members"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d, f: minutes_services.minutes_send(actor=actor, sitting=s),
        hint=gettext_lazy("Within 15 days (art. 49)."),
    ),
}


def _sitting_form(action: Action, sitting: Sitting, data: Any = None) -> forms.Form:
    day = timezone.localdate(sitting.scheduled_at)
    if action.form is AttendanceForm:
        members = list(sel.members_in_office(sitting.collectivity, day))
        return AttendanceForm(data, prefix=action.name, members=members)
    if action.form is CloseDoorForm:
        return CloseDoorForm(
            data, prefix=action.name, members=sel.members_in_office(sitting.collectivity, day)
        )
    return action.form(data, prefix=action.name)


def _sitting_offered(sitting: Sitting) -> list[str]:
    state = sitting.state
    offered: list[str] = []
    if state == SittingState.SCHEDULED:
        offered.append("open")
        if sitting.call > 1 or sitting.previous_id:
            offered.append("call_convene")
    if state in (SittingState.SCHEDULED, SittingState.OPEN) and not sitting.is_closed_door:
        offered.append("close_door")
    if state == SittingState.OPEN:
        offered.append("close")
    if state == SittingState.CLOSED and not sitting.minutes_sent_at:
        if not (sitting.minutes_signed_by_president_at or sitting.minutes_signed_by_secretary_at):
            offered.append("minutes_issue")
        if sitting.minutes_ar_id:
            if not sitting.minutes_signed_by_president_at:
                offered.append("sign_president")
            if not sitting.minutes_signed_by_secretary_at:
                offered.append("sign_secretary")
            if sitting.minutes_signed_by_president_at and sitting.minutes_signed_by_secretary_at:
                offered.append("minutes_send")
    return offered


def _sitting_page(
    request: HttpRequest, sitting: Sitting, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    page = sel.sitting_page(sitting)
    actions = []
    offered = _sitting_offered(sitting)
    if failed and failed[0] in SITTING_ACTIONS and failed[0] not in offered:
        offered = [failed[0], *offered]
    for name in offered:
        action = SITTING_ACTIONS[name]
        if not is_allowed(request.user, action.permission, sitting):
            continue
        form = failed[1] if failed and failed[0] == name else _sitting_form(action, sitting)
        actions.append(
            {
                "name": name,
                "action": action,
                "form": form,
                "url": _url("sitting-act", sitting, sitting_id=sitting.pk, action=name),
            }
        )
    can_vote = sitting.state == SittingState.OPEN and is_allowed(
        request.user, "council.manage", sitting
    )
    for row in page["items"]:
        row["form"] = None
        if can_vote and row["votable"]:
            key = f"vote:{row['item'].pk}"
            row["form"] = (
                failed[1]
                if failed and failed[0] == key
                else VoteForm(prefix=f"item{row['item'].pk}", members=page["present"])
            )
    next_call = page["next_call"]
    context = {
        "node": sitting.collectivity,
        "sitting": sitting,
        "session": sitting.session,
        "call": sel.call_label(sitting),
        "actions": actions,
        "failed": failed[1] if failed else None,
        "next_call": next_call,
        "next_call_label": sel.call_label(next_call) if next_call else "",
        "can_convene_next": next_call is not None
        and next_call.state == SittingState.SCHEDULED
        and is_allowed(request.user, "council.manage", sitting),
        **{k: v for k, v in page.items() if k != "next_call"},
    }
    return render(request, "council/bo/sitting_detail.html", context, status=200)


def sitting_detail(request: HttpRequest, code: str, sitting_id: int) -> HttpResponse:
    sitting = sel.sitting_get_for_staff(request.user, sitting_id, collectivity=request.collectivity)
    return _sitting_page(request, sitting)


def sitting_act(request: HttpRequest, code: str, sitting_id: int, action: str) -> HttpResponse:
    """POST one action on the sitting (attendance, votes, closing, minutes)."""
    sitting = sel.sitting_get_for_staff(request.user, sitting_id, collectivity=request.collectivity)

    def back() -> HttpResponse:
        return redirect("bo:sitting-detail", code=sitting.collectivity.code, sitting_id=sitting.pk)

    if action == "vote":
        return _vote(request, sitting, back)
    chosen = SITTING_ACTIONS.get(action)
    if chosen is None:
        raise Http404
    if request.method != "POST":
        return back()
    authorize(request.user, chosen.permission, sitting)
    form = _sitting_form(chosen, sitting, request.POST)
    if form.is_valid():
        try:
            result = chosen.run(request.user, sitting, form.cleaned_data, form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if action == "open" and isinstance(result, Sitting):
                sitting.refresh_from_db()
                if sitting.state == SittingState.NO_QUORUM:
                    messages.warning(
                        request,
                        _(
                            "No quorum: %(present)s present of %(in_office)s in office. "
                            "The next call is scheduled; send its convocations."
                        )
                        % {"present": sitting.present_count, "in_office": sitting.in_office_count},
                    )
                    return back()
            messages.success(request, _("Done: %(action)s.") % {"action": chosen.label})
            return back()
    return _sitting_page(request, sitting, failed=(action, form))


def _vote(request: HttpRequest, sitting: Sitting, back: Callable) -> HttpResponse:
    if request.method != "POST":
        return back()
    authorize(request.user, "council.manage", sitting)
    try:
        item_id = int(str(request.POST.get("item", "")))
    except ValueError:
        raise Http404 from None
    item = sitting.session.items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    present = sel.sitting_page(sitting)["present"]
    form = VoteForm(request.POST, prefix=f"item{item.pk}", members=present)
    if form.is_valid():
        try:
            votes_services.vote_record(
                actor=request.user, sitting=sitting, item=item, ballots=form.ballots()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The vote is recorded."))
            return back()
    return _sitting_page(request, sitting, failed=(f"vote:{item.pk}", form))


def sitting_minutes(request: HttpRequest, code: str, sitting_id: int, language: str) -> Any:
    sitting = sel.sitting_get_for_staff(request.user, sitting_id, collectivity=request.collectivity)
    document = {"ar": sitting.minutes_ar, "fr": sitting.minutes_fr}.get(language)
    if document is None:
        raise Http404
    return document_file_response(document, inline=True)

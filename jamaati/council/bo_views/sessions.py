"""The council's home and its sessions: plan, agenda, convocations, written questions."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _act, _action_rows, _url
from jamaati.council.forms import (
    AnswerQuestionForm,
    ConfirmForm,
    ExtendForm,
    ItemForm,
    QuestionForm,
    ScheduleSittingForm,
    SessionPlanForm,
    apply_service_errors,
)
from jamaati.council.models import Session, SessionKind, SessionState
from jamaati.council.services import agenda as agenda_services
from jamaati.council.services import questions as questions_services
from jamaati.council.services import sessions as sessions_services
from jamaati.council.services import sittings as sittings_services


def session_list(request: HttpRequest, code: str) -> HttpResponse:
    """The council's home: sessions with the law's warnings, absences to flag, pending
    extraordinary requests and petitions with their clocks."""
    node = request.collectivity
    context = sel.council_home(request.user, collectivity=node)
    context.update(
        {
            "node": node,
            "can_manage": is_allowed(request.user, "council.manage", Session(collectivity=node)),
        }
    )
    return render(request, "council/bo/session_list.html", context)


def session_create(request: HttpRequest, code: str) -> HttpResponse:
    """Plan an ordinary session (first week of February, May or October)."""
    node = request.collectivity
    authorize(request.user, "council.view", node)
    authorize(request.user, "council.manage", Session(collectivity=node))
    form = SessionPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions_services.session_plan(
                actor=request.user,
                collectivity=node,
                kind=SessionKind.ORDINARY,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data.get("closes_on"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The session is planned."))
            return redirect("bo:session-detail", code=node.code, session_id=session.pk)
    return render(
        request,
        "council/bo/form_page.html",
        {
            "node": node,
            "form": form,
            "title": _("Plan an ordinary session"),
            "submit": _("Plan the session"),
            "back_url": _url("session-list", Session(collectivity=node)),
            "back_label": _("Council"),
        },
    )


def _add_item(actor: Any, session: Session, data: dict) -> Any:
    return agenda_services.item_add(
        actor=actor,
        session=session,
        title_ar=data["title_ar"],
        title_fr=data["title_fr"],
        subject=data["subject"],
        description=data.get("description", ""),
        rapporteur=data.get("rapporteur"),
        origin=data["origin"],
        requested_by=list(data.get("requested_by") or ()),
    )


SESSION_ACTIONS: dict[str, Action] = {
    "add_item": Action(
        "add_item",
        gettext_lazy("Add an item to the agenda"),
        ItemForm,
        "council.governor",
        _add_item,
    ),
    "send_agenda": Action(
        "send_agenda",
        gettext_lazy("Send the agenda to the governor"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d: sessions_services.agenda_send_to_governor(actor=actor, session=s),
        hint=gettext_lazy("At least 20 days before the opening (art. 39)."),
    ),
    "schedule_sitting": Action(
        "schedule_sitting",
        gettext_lazy("Schedule a sitting"),
        ScheduleSittingForm,
        "council.manage",
        lambda actor, s, d: sittings_services.sitting_schedule(
            actor=actor, session=s, scheduled_at=d["scheduled_at"], place=d.get("place", "")
        ),
    ),
    "convene": Action(
        "convene",
        gettext_lazy("Send the convocations"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d: sessions_services.session_convene(actor=actor, session=s),
        hint=gettext_lazy(
            "To every member in office, by email and SMS with the PDF, at least 10 days "
            "before the opening (art. 35) and after the governor's 8 days (art. 39)."
        ),
    ),
    "extend": Action(
        "extend",
        gettext_lazy("Extend the session"),
        ExtendForm,
        "council.manage",
        lambda actor, s, d: sessions_services.session_extend(
            actor=actor, session=s, until=d["until"], reason=d["reason"]
        ),
        secondary=True,
    ),
    "add_question": Action(
        "add_question",
        gettext_lazy("Record a written question"),
        QuestionForm,
        "council.manage",
        lambda actor, s, d: questions_services.question_file(
            actor=actor, session=s, member=d["member"], question=d["question"]
        ),
        secondary=True,
        hint=gettext_lazy("Filed at least one month before the session (art. 46)."),
    ),
    "close": Action(
        "close",
        gettext_lazy("Close the session"),
        ConfirmForm,
        "council.manage",
        lambda actor, s, d: sessions_services.session_close(actor=actor, session=s),
        secondary=True,
    ),
}


def _session_offered(session: Session) -> list[str]:
    if session.state == SessionState.CLOSED:
        return []
    offered = ["add_item"] if session.state == SessionState.PLANNED else []
    if session.kind == SessionKind.ORDINARY and session.agenda_sent_on is None:
        offered.append("send_agenda")
    offered.append("schedule_sitting")
    if session.state == SessionState.PLANNED:
        offered.append("convene")
    if session.kind == SessionKind.ORDINARY and not session.extended_until:
        offered.append("extend")
    offered += ["add_question", "close"]
    return offered


def _session_page(
    request: HttpRequest, session: Session, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    page = sel.session_page(session)
    actions = _action_rows(
        request,
        session,
        SESSION_ACTIONS,
        _session_offered(session),
        "session-act",
        {"session_id": session.pk},
        failed,
    )
    can_manage = is_allowed(request.user, "council.manage", session)
    answer_forms = {}
    for question in page["questions"]:
        if can_manage and not question.answer:
            form = AnswerQuestionForm(prefix=f"q{question.pk}")
            if failed and failed[0] == f"answer_question:{question.pk}":
                form = failed[1]
            answer_forms[question.pk] = form
    context = {
        "node": session.collectivity,
        "session": session,
        "warnings": sel.session_warnings(session),
        "actions": actions,
        "failed": failed[1] if failed else None,
        "can_manage": can_manage,
        "questions": [{"q": q, "form": answer_forms.get(q.pk)} for q in page["questions"]],
        "call_label": sel.call_label,
        **{k: v for k, v in page.items() if k != "questions"},
    }
    context["sittings"] = [{"s": s, "call": sel.call_label(s)} for s in page["sittings"]]
    return render(request, "council/bo/session_detail.html", context)


def session_detail(request: HttpRequest, code: str, session_id: int) -> HttpResponse:
    session = sel.session_get_for_staff(request.user, session_id, collectivity=request.collectivity)
    return _session_page(request, session)


def session_act(request: HttpRequest, code: str, session_id: int, action: str) -> HttpResponse:
    session = sel.session_get_for_staff(request.user, session_id, collectivity=request.collectivity)

    def back() -> HttpResponse:
        return redirect("bo:session-detail", code=session.collectivity.code, session_id=session.pk)

    if action == "answer_question":
        return _answer_question(request, session, back)
    if action == "add_item" and request.method == "POST":
        origin = str(request.POST.get("add_item-origin", ""))
        permission = "council.governor" if origin == "governor" else "council.manage"
        authorize(request.user, permission, session)
    return _act(
        request,
        session,
        SESSION_ACTIONS,
        action,
        lambda failed: _session_page(request, session, failed),
        back,
    )


def _answer_question(request: HttpRequest, session: Session, back: Callable) -> HttpResponse:
    if request.method != "POST":
        return back()
    authorize(request.user, "council.manage", session)
    try:
        qid = int(str(request.POST.get("question", "")))
    except ValueError:
        raise Http404 from None
    question = session.questions.filter(pk=qid).first()
    if question is None:
        raise Http404
    form = AnswerQuestionForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            questions_services.question_answer(
                actor=request.user, question=question, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The answer is recorded."))
            return back()
    return _session_page(request, session, failed=(f"answer_question:{question.pk}", form))

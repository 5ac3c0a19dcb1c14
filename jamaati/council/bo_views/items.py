"""Agenda items: accept or refuse a member's item, documents, convocation PDFs."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import is_allowed
from jamaati.core.documents.responses import document_file_response
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _act, _action_rows
from jamaati.council.forms import ConfirmForm, DocumentForm, ReasonsForm
from jamaati.council.models import AgendaItem, ItemState, SessionState
from jamaati.council.services import agenda as agenda_services
from jamaati.council.services import convocations as convocations_services


def _add_document(actor: Any, item: AgendaItem, data: dict) -> Any:
    return agenda_services.item_document_add(
        actor=actor, item=item, upload=data["file"], title=data["title"]
    )


ITEM_ACTIONS: dict[str, Action] = {
    "accept": Action(
        "accept",
        gettext_lazy("Put the item on the agenda"),
        ConfirmForm,
        "council.manage",
        lambda actor, i, d: agenda_services.item_accept(actor=actor, item=i),
    ),
    "refuse": Action(
        "refuse",
        gettext_lazy("Refuse the item, with reasons"),
        ReasonsForm,
        "council.manage",
        lambda actor, i, d: agenda_services.item_refuse(actor=actor, item=i, reasons=d["reasons"]),
        secondary=True,
        hint=gettext_lazy(
            "A refusal needs reasons; an item requested by half the members is mandatory (art. 40)."
        ),
    ),
    "add_document": Action(
        "add_document",
        gettext_lazy("Add a document"),
        DocumentForm,
        "council.manage",
        _add_document,
    ),
}


def _item_page(
    request: HttpRequest, item: AgendaItem, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    offered = []
    if item.state == ItemState.PROPOSED:
        offered += ["accept", "refuse"]
    if item.session.state != SessionState.CLOSED and item.state != ItemState.REFUSED:
        offered.append("add_document")
    context = {
        "node": item.collectivity,
        "item": item,
        "session": item.session,
        "documents": list(item.documents.order_by("uploaded_at", "pk")),
        "requested_by": list(item.requested_by.all()),
        "votes": list(item.votes.select_related("sitting").order_by("voted_at")),
        "actions": _action_rows(
            request,
            item,
            ITEM_ACTIONS,
            offered,
            "agendaitem-act",
            {"agendaitem_id": item.pk},
            failed,
        ),
        "failed": failed[1] if failed else None,
    }
    return render(request, "council/bo/item_detail.html", context, status=200)


def item_detail(request: HttpRequest, code: str, agendaitem_id: int) -> HttpResponse:
    item = sel.item_get_for_staff(request.user, agendaitem_id, collectivity=request.collectivity)
    return _item_page(request, item)


def item_act(request: HttpRequest, code: str, agendaitem_id: int, action: str) -> HttpResponse:
    item = sel.item_get_for_staff(request.user, agendaitem_id, collectivity=request.collectivity)
    return _act(
        request,
        item,
        ITEM_ACTIONS,
        action,
        lambda failed: _item_page(request, item, failed),
        lambda: redirect(
            "bo:agendaitem-detail", code=item.collectivity.code, agendaitem_id=item.pk
        ),
    )


def item_document(request: HttpRequest, code: str, itemdocument_id: int) -> FileResponse:
    document = sel.itemdocument_get_for_staff(
        request.user, itemdocument_id, collectivity=request.collectivity
    )
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file_name or "document",
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def convocation_pdf(request: HttpRequest, code: str, convocation_id: int) -> FileResponse:
    convocation = sel.convocation_get_for_staff(
        request.user, convocation_id, collectivity=request.collectivity
    )
    # Issued on first demand by the secretariat (a council has up to 61 members and a PDF
    # takes seconds): an idempotent, audited fill of the convocation's document. Readers
    # (the governor's office, auditors) get the document once it exists.
    document = convocation.document
    if document is None:
        if not is_allowed(request.user, "council.manage", convocation):
            raise Http404
        document = convocations_services.convocation_document(
            actor=request.user, convocation=convocation
        )
    return document_file_response(document, inline=True)

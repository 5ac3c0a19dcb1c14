"""Back-office pages of the publication register at the URL's collectivity: the register with
each obligation's status, the form to publish (or replace) an item, an item's page with its
history and the withdrawal form, and the file.

The middleware has already answered 404 for a collectivity the actor does not reach; each view
calls `authorize()` for the 403 of staff without a role on the register.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.transparency.forms import PublishForm, WithdrawForm, apply_service_errors
from jamaati.transparency.selectors import (
    publication_get_for_staff,
    publication_history,
    publications_in_force,
    register_of,
)
from jamaati.transparency.services import publication_publish, publication_withdraw


def register(request: HttpRequest, code: str) -> HttpResponse:
    """Every obligation with its status, the items in force and the withdrawn ones."""
    node = request.collectivity
    authorize(request.user, "transparency.view_register", node)
    return render(
        request,
        "transparency/bo/register.html",
        {
            "node": node,
            "register": register_of(node),
            "history": publication_history(node)[:50],
            "can_publish": is_allowed(request.user, "transparency.publish", node),
        },
    )


@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, code: str) -> HttpResponse:
    """Publish an item, optionally replacing one in force (the old one is withdrawn)."""
    node = request.collectivity
    authorize(request.user, "transparency.publish", node)
    current = list(publications_in_force(node)[:500])
    initial = {}
    if request.method == "GET":
        if request.GET.get("obligation"):
            initial["obligation"] = request.GET["obligation"][:40]
        if request.GET.get("replaces"):
            initial["replaces"] = request.GET["replaces"][:20]
    posted = request.method == "POST"
    form = PublishForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        current_items=current,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = publication_publish(
                actor=request.user,
                collectivity=node,
                obligation=data["obligation"],
                title_ar=data["title_ar"],
                title_fr=data["title_fr"],
                summary_ar=data["summary_ar"],
                summary_fr=data["summary_fr"],
                period_year=data["period_year"],
                file=data["file"],
                external_url=data["external_url"],
                replaces=data["replaces"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The item is published."))
            return redirect("bo:publication-detail", code=node.code, pk=item.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "transparency/bo/publish.html", {"node": node, "form": form}, status=status
    )


def detail(request: HttpRequest, code: str, pk: str) -> HttpResponse:
    """One item (in force or withdrawn) with what replaced it and the withdrawal form."""
    node = request.collectivity
    item = publication_get_for_staff(request.user, pk, collectivity=node)
    can_publish = is_allowed(request.user, "transparency.publish", item)
    return render(
        request,
        "transparency/bo/detail.html",
        {
            "node": node,
            "item": item,
            "replaced": list(item.supersedes.all()),
            "can_publish": can_publish,
            "withdraw_form": WithdrawForm() if can_publish and not item.is_withdrawn else None,
        },
    )


def withdraw(request: HttpRequest, code: str, pk: str) -> HttpResponse:
    """Withdraw an item with a reason; the row and its history stay. The item is looked up
    before the method is checked, so another collectivity's item answers 404 to any method."""
    node = request.collectivity
    item = publication_get_for_staff(request.user, pk, collectivity=node)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    authorize(request.user, "transparency.publish", item)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            publication_withdraw(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The item is withdrawn. It stays in the history."))
            return redirect("bo:publication-detail", code=node.code, pk=item.pk)
    return render(
        request,
        "transparency/bo/detail.html",
        {
            "node": node,
            "item": item,
            "replaced": list(item.supersedes.all()),
            "can_publish": True,
            "withdraw_form": form,
        },
        status=422,
    )


def download(request: HttpRequest, code: str, pk: str) -> HttpResponse:
    """The item's file for staff, withdrawn items included."""
    item = publication_get_for_staff(request.user, pk, collectivity=request.collectivity)
    if not item.file:
        raise Http404
    return file_response(item)


def file_response(item) -> FileResponse:
    """The stored file as a download under its original name, with its checked type."""
    content_type = item.content_type
    if content_type == "text/csv":
        content_type = "text/csv; charset=utf-8"
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name or f"publication-{item.pk}",
        content_type=content_type or "application/octet-stream",
    )

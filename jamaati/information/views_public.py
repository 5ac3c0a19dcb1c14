"""Public pages at /<lang>/c/<code>/information/: the filing form (signed in), and the
register of requests and answers, without personal data (Alaveteli-like), searchable."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jamaati.information.forms import FilingForm, apply_service_errors
from jamaati.information.models import Channel
from jamaati.information.selectors import (
    REGISTER_PAGE_SIZE,
    register_get,
    register_search,
    similar_requests,
)
from jamaati.information.services import request_file
from jamaati.information.views_common import released_file_response


@login_required
def request_file_view(request: HttpRequest, code: str) -> HttpResponse:
    """The request form. A first step ("check earlier answers") shows similar requests to
    this body already answered; filing leads to the receipt."""
    node = request.collectivity
    if node.kind == "country":
        raise PermissionDenied
    user = request.user
    initial = {"name": user.display_name, "email": user.email, "id_number": user.cin or ""}
    form = FilingForm(request.POST if request.method == "POST" else None, initial=initial)
    similar: list = []
    checked = False
    if request.method == "POST":
        text = str(request.POST.get("sought", ""))[:4000]
        similar = similar_requests(collectivity=node, text=text)
        checked = True
        if request.POST.get("step") != "check" and form.is_valid():
            try:
                filed = request_file(
                    actor=user, collectivity=node, data=form.cleaned_data, channel=Channel.ONLINE
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                return redirect("information:request-receipt", number=filed.number)
    context = {"node": node, "form": form, "similar": similar, "checked": checked}
    return render(request, "information/public/file.html", context)


def register_list(request: HttpRequest, code: str) -> HttpResponse:
    """The register of the body's requests and answers, newest first, searchable."""
    node = request.collectivity
    q = str(request.GET.get("q", ""))[:200]
    paginator = Paginator(register_search(collectivity=node, q=q), REGISTER_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "information/public/register.html", {"node": node, "page": page, "q": q})


def register_detail(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """One request of the register: its text (masked if need be), dates, state and answer."""
    node = request.collectivity
    item = register_get(collectivity=node, number=number)
    context: dict[str, Any] = {"node": node, "item": item}
    return render(request, "information/public/register_detail.html", context)


def register_file(request: HttpRequest, code: str, number: str) -> FileResponse:
    """The document released with an answer, for anyone (it was released)."""
    item = register_get(collectivity=request.collectivity, number=number)
    return released_file_response(item)


def similar_fragment(request: HttpRequest, code: str) -> HttpResponse:
    """The similar-requests box for the text typed so far (fetched by similar.js while the
    person types; the form's first step gives the same without JavaScript)."""
    node = request.collectivity
    text = str(request.GET.get("q", ""))[:4000]
    similar = similar_requests(collectivity=node, text=text) if len(text.strip()) >= 10 else []
    return render(
        request,
        "information/_similar.html",
        {"node": node, "similar": similar, "checked": bool(text.strip())},
    )

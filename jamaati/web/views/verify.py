"""The public verify page: anyone checks that a paper document is authentic and still valid."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jamaati.core.documents.selectors import document_get_by_code, normalise_code
from jamaati.web.forms import VerifyCodeForm


def verify_form(request: HttpRequest) -> HttpResponse:
    """GET: the form; with `?code=`, the code's page, or the form again with the error."""
    form = VerifyCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("web:verify-code", verification_code=form.cleaned_data["code"])
    return render(request, "web/verify.html", {"form": form})


def verify_code(request: HttpRequest, verification_code: str) -> HttpResponse:
    """What the platform knows of the document with this code (the QR code opens this page).

    A code typed in another spelling (lowercase, grouped, O for 0) is redirected to its
    canonical address; a malformed or unknown code answers 404 with the form to try again.
    """
    code = normalise_code(verification_code)
    if code is not None and code != verification_code:
        return redirect("web:verify-code", verification_code=code)
    document = None
    if code is not None:
        try:
            document = document_get_by_code(code)
        except Http404:
            document = None
    if document is None:
        form = VerifyCodeForm(initial={"code": verification_code[:40]})
        context = {"form": form, "not_found": True, "malformed": code is None}
        return render(request, "web/verify.html", context, status=404)
    return render(request, "web/verify.html", {"document": document, "form": VerifyCodeForm()})

"""The public and the complainant's pages: file online (signed in, or anonymously for an
observation or suggestion), the acknowledgement, follow a complaint (own list and page, or
the anonymous tracking link), add information, reopen, rate, see one's photos.

Views are thin: they parse a form, call one service or selector, render. A service's
ValidationError puts the page back with the messages on their fields (status 200) and
nothing written; someone else's complaint answers 404.
"""

from typing import Any
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jamaati.complaints import forms
from jamaati.complaints.models import Channel, Complaint
from jamaati.complaints.selectors import (
    category_list,
    complaint_get_own,
    complaint_get_tracked,
    complaint_history,
    complaint_list_mine,
    complaint_photo,
)
from jamaati.complaints.services import (
    MAX_PHOTOS,
    complaint_add_information,
    complaint_file,
    complaint_rate,
    complaint_reopen,
)
from jamaati.complaints.workflow import COMPLAINT_FLOW, REOPEN_WINDOW_DAYS, Outcome, reopen_refusal
from jamaati.core.access.policies import authorize

COMPLAINANT_ACTIONS = ("add", "reopen", "rate")


def _filing_input(request: HttpRequest) -> dict[str, Any]:
    """The filing's input as the service takes it (raw: the service checks everything)."""
    data = request.POST
    return {
        "kind": data.get("kind", ""),
        "category": data.get("category", ""),
        "text": data.get("text", ""),
        "photos": request.FILES.getlist("photos"),
        "latitude": data.get("latitude", ""),
        "longitude": data.get("longitude", ""),
        "address": data.get("address", ""),
        "anonymous": data.get("anonymous") in ("on", "true", "1"),
        "contact_email": data.get("contact_email", ""),
    }


def complaint_file_view(request: HttpRequest, code: str) -> HttpResponse:
    """The filing page of the collectivity (`request.collectivity`)."""
    node = request.collectivity
    signed_in = request.user.is_authenticated
    form = forms.FilingForm(request.POST or None, request.FILES or None, signed_in=signed_in)
    if request.method == "POST":
        try:
            complaint = complaint_file(
                actor=request.user,
                collectivity=node,
                channel=Channel.WEB,
                source=get_client_ip_address(request) or "",
                **_filing_input(request),
            )
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            if complaint.is_anonymous:
                query = urlencode({"t": complaint.tracking_secret, "new": 1})
                return redirect(_track_url(complaint) + "?" + query)
            return redirect(
                reverse("complaints:complaint-detail", args=[complaint.number]) + "?new=1"
            )
    return allow_geolocation(
        render(
            request,
            "complaints/file.html",
            {
                "node": node,
                "form": form,
                "categories": category_list(),
                "signed_in": signed_in,
                "max_photos": MAX_PHOTOS,
            },
        )
    )


# The filing pages may ask the browser for the position (the rest of the site may not: the
# hardening middleware's default keeps geolocation off).
GEOLOCATION_POLICY = "camera=(), microphone=(), geolocation=(self)"


def allow_geolocation(response: HttpResponse) -> HttpResponse:
    """The page may use navigator.geolocation on this origin ("Use my position")."""
    response["Permissions-Policy"] = GEOLOCATION_POLICY
    return response


def _track_url(complaint: Complaint) -> str:
    return reverse(
        "public:complaint-track",
        kwargs={"code": complaint.collectivity.code, "number": complaint.number},
    )


# --- following a complaint ----------------------------------------------------------------


def history_rows(complaint: Complaint) -> list[dict[str, Any]]:
    """The steps as the complainant reads them: when, what, and the reasons given."""
    rows = []
    for log in complaint_history(complaint):
        t = COMPLAINT_FLOW.by_name.get(log.transition)
        data = log.data or {}
        rows.append(
            {
                "at": log.at,
                "name": log.transition,
                "label": t.display if t else log.transition,
                "state": COMPLAINT_FLOW.state_label(log.target),
                "text": data.get("request") or data.get("reasons") or data.get("text") or "",
                "body": data.get("body", ""),
                "outcome": Outcome(data["outcome"]).label
                if data.get("outcome") in Outcome.values
                else "",
            }
        )
    return rows


def _can_reopen(complaint: Complaint) -> bool:
    return reopen_refusal(complaint) is None


def _complainant_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    token: str = "",
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    bound = bound or {}
    if token:
        act_base = reverse(
            "public:complaint-track-act",
            kwargs={"code": complaint.collectivity.code, "number": complaint.number, "action": "x"},
        )[: -len("x/")]
    else:
        act_base = reverse("complaints:complaint-act", args=[complaint.number, "x"])[: -len("x/")]
    photos = list(complaint.photos.all())
    history = history_rows(complaint)
    asked = [h for h in history if h["name"] == "request_clarification"]
    context = {
        "complaint": complaint,
        "token": token,
        "is_new": request.GET.get("new") == "1",
        "history": history,
        "request": asked[-1] if asked and complaint.state == "awaiting_complainant" else None,
        "additions": list(complaint.additions.all()),
        "photos": photos,
        "act_base": act_base,
        "add_form": bound.get("add") or (forms.AddInformationForm() if complaint.is_open else None),
        "can_add_photos": len(photos) < MAX_PHOTOS,
        "reopen_form": bound.get("reopen")
        or (forms.ReasonsForm() if _can_reopen(complaint) else None),
        "rating_form": bound.get("rate")
        or (forms.RatingForm() if not complaint.is_open and complaint.rating is None else None),
        "reopen_days": REOPEN_WINDOW_DAYS,
    }
    return render(request, "complaints/complainant_detail.html", context)


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's complaints, newest first."""
    page = Paginator(complaint_list_mine(actor=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "complaints/complaint_list.html", {"page": page})


@login_required
def complaint_detail(request: HttpRequest, number: str) -> HttpResponse:
    complaint = complaint_get_own(actor=request.user, number=number)
    return _complainant_page(request, complaint)


def complaint_track(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """The anonymous follow-up page: the number and the secret of the tracking link."""
    complaint, _holder = complaint_get_tracked(number=number, token=request.GET.get("t"))
    return _complainant_page(request, complaint, token=request.GET["t"])


def _act(request: HttpRequest, complaint: Complaint, actor: Any, action: str, token: str = ""):
    """POST one of the complainant's actions; the page again with the message when refused."""
    if action not in COMPLAINANT_ACTIONS:
        raise Http404
    authorize(actor, "complaints.read_own", complaint)
    back = (
        (_track_url(complaint) + "?" + urlencode({"t": token}))
        if token
        else reverse("complaints:complaint-detail", args=[complaint.number])
    )
    if request.method != "POST":
        return redirect(back)
    form_class = {
        "add": forms.AddInformationForm,
        "reopen": forms.ReasonsForm,
        "rate": forms.RatingForm,
    }[action]
    form = form_class(request.POST, request.FILES)
    try:
        if action == "add":
            complaint_add_information(
                actor=actor,
                complaint=complaint,
                text=request.POST.get("text", ""),
                photos=request.FILES.getlist("photos"),
            )
            messages.success(request, _("Your information was added to the complaint."))
        elif action == "reopen":
            complaint_reopen(actor=actor, complaint=complaint, reasons=request.POST.get("reasons"))
            messages.success(request, _("Your complaint is reopened."))
        else:
            complaint_rate(actor=actor, complaint=complaint, score=request.POST.get("score"))
            messages.success(request, _("Thank you for your rating."))
    except ValidationError as exc:
        forms.apply_service_errors(form, exc)
        complaint.refresh_from_db()
        return _complainant_page(request, complaint, token=token, bound={action: form})
    return redirect(back)


@login_required
def complaint_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    complaint = complaint_get_own(actor=request.user, number=number)
    return _act(request, complaint, request.user, action)


def complaint_track_act(request: HttpRequest, code: str, number: str, action: str) -> HttpResponse:
    token = request.POST.get("t") or request.GET.get("t")
    complaint, holder = complaint_get_tracked(number=number, token=token)
    return _act(request, complaint, holder, action, token=token)


def _photo_response(complaint: Complaint, photo_id: Any) -> FileResponse:
    photo = complaint_photo(complaint=complaint, photo_id=photo_id)
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # A photo is shown, never run: a file that is also HTML gets no script and no origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def complaint_photo_view(request: HttpRequest, number: str, photo: int) -> FileResponse:
    complaint = complaint_get_own(actor=request.user, number=number)
    return _photo_response(complaint, photo)


def complaint_track_photo(request: HttpRequest, code: str, number: str, photo: int) -> FileResponse:
    complaint, holder = complaint_get_tracked(number=number, token=request.GET.get("t"))
    authorize(holder, "complaints.read_own", complaint)
    return _photo_response(complaint, photo)

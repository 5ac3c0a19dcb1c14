"""Public pages of a council at /<lang>/c/<code>/council/: the record (sessions, sittings,
decisions with every member's vote, members with their attendance), the Atom feed of posted
decisions, a public item document, and a signed-in citizen's petition with its receipt.

Reads go through `public.py` (only what is public, scoped to the collectivity of the URL: an
object of another one answers 404 like a missing one). Filing goes through
`services.petitions.petition_file`; its ValidationError is put back on the form, nothing
written.
"""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jamaati.core.charts import Bar, bar_chart_svg
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.responses import document_file_response
from jamaati.core.documents.selectors import documents_of
from jamaati.council import public
from jamaati.council.models import Petition, PetitionerKind, required_petition_signatures
from jamaati.council.rules import ASSOCIATION_MIN_AGE, ItemSubject
from jamaati.council.services.petitions import PETITION_RECEIPT
from jamaati.council.services.petitions import petition_file as file_petition

DECISIONS_PAGE_SIZE = 20
FEED_SIZE = 30
HOME_DECISIONS = 8


def _rtl() -> bool:
    return (get_language() or "ar").startswith("ar")


def _attendance_chart(members: list[Any]) -> Any:
    bars = []
    for member in members:
        rate = public.attendance_rate(member)
        if rate is None:
            continue
        bars.append(Bar(label=member.name, width=float(rate), value=f"{rate}%"))
    if not bars:
        return None
    return bar_chart_svg(bars, title=_("Attendance rate per member"), rtl=_rtl())


def _vote_chart(vote: Any) -> Any:
    counts = [
        (_("For"), vote.for_count),
        (_("Against"), vote.against_count),
        (_("Abstention"), vote.abstain_count),
    ]
    top = max((c for _label, c in counts), default=0) or 1
    bars = [Bar(label=str(label), width=100.0 * c / top, value=str(c)) for label, c in counts]
    return bar_chart_svg(bars, title=_("Votes"), rtl=_rtl())


def council_home(request: HttpRequest, code: str) -> HttpResponse:
    """Next sessions with their agenda and documents, past sittings, latest decisions with
    their counts, the members with their attendance rate (table and chart)."""
    node = request.collectivity
    members = public.ordered_members(public.public_members(node))
    for member in members:
        member.rate = public.attendance_rate(member)
    in_office = [m for m in members if m.in_office_on(timezone.localdate())]
    context = {
        "node": node,
        "upcoming": public.upcoming_sessions(node, today=timezone.localdate()),
        "sessions": list(public.public_sessions(node)[:10]),
        "sittings": public.recent_sittings(node),
        "decisions": list(public.public_decisions(node)[:HOME_DECISIONS]),
        "members": in_office,
        "attendance_chart": _attendance_chart(in_office),
    }
    return render(request, "council/public/home.html", context)


def session_detail(request: HttpRequest, code: str, session_id: int) -> HttpResponse:
    node = request.collectivity
    session = public.session_get(node, session_id)
    context = {"node": node, "session": session, **public.session_detail(node, session)}
    return render(request, "council/public/session.html", context)


def decision_list(request: HttpRequest, code: str) -> HttpResponse:
    """Posted decisions, newest first, by year and subject, 20 a page."""
    node = request.collectivity
    year = str(request.GET.get("year", ""))[:4]
    subject = str(request.GET.get("subject", ""))[:40]
    decisions = public.decisions_filtered(node, year=year, subject=subject)
    page = Paginator(decisions, DECISIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "node": node,
        "page": page,
        "year": year if year.isdigit() else "",
        "subject": subject if subject in ItemSubject.values else "",
        "years": public.decision_years(node),
        "subjects": ItemSubject.choices,
    }
    return render(request, "council/public/decisions.html", context)


def decision_detail(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """A decision: text, rule applied, counts (table and chart), every member's vote, the
    governor's control state."""
    node = request.collectivity
    decision = public.decision_get(node, number)
    vote = decision.vote
    context = {
        "node": node,
        "decision": decision,
        "vote": vote,
        "ballots": public.ballots_of(vote),
        "control": public.control_state(decision),
        "vote_chart": _vote_chart(vote),
    }
    return render(request, "council/public/decision.html", context)


def member_detail(request: HttpRequest, code: str, member_id: int) -> HttpResponse:
    node = request.collectivity
    member = public.member_get(node, member_id)
    context = {
        "node": node,
        "member": member,
        "rate": public.attendance_rate(member),
        "committees": public.member_committees(member),
        "attendance": public.member_attendance(member),
        "ballots": public.member_ballots(member),
    }
    return render(request, "council/public/member.html", context)


def item_document(request: HttpRequest, code: str, itemdocument_id: int) -> FileResponse:
    """A document of an item on a public agenda, downloaded under its original name."""
    document = public.item_document_get(request.collectivity, itemdocument_id)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except OSError:  # the stored file is missing: as a missing document
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file_name or f"document-{document.pk}",
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DecisionFeed(Feed):
    """Atom feed of the latest posted decisions of the collectivity."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, code: str) -> Any:
        return request.collectivity

    def title(self, obj: Any) -> str:
        return _("Decisions of the council of %(name)s") % {"name": obj.name}

    def link(self, obj: Any) -> str:
        return reverse("public:council-decisions", kwargs={"code": obj.code})

    def subtitle(self, obj: Any) -> str:
        return _("The decisions of the council, as they are posted (organic law 113.14).")

    def items(self, obj: Any) -> Any:
        return (
            public.public_decisions(obj)
            .select_related("collectivity", "vote")
            .order_by("-posted_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Any) -> str:
        return f"{item.number} — {item.title}"

    def item_description(self, item: Any) -> str:
        vote = item.vote
        return _("%(title)s. For %(for)d, against %(against)d, abstentions %(abstain)d.") % {
            "title": item.title,
            "for": vote.for_count,
            "against": vote.against_count,
            "abstain": vote.abstain_count,
        }

    def item_link(self, item: Any) -> str:
        return reverse(
            "public:council-decision",
            kwargs={"code": item.collectivity.code, "number": item.number},
        )

    def item_guid(self, item: Any) -> str:
        return f"urn:jamaati:council-decision:{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Any) -> Any:
        return item.posted_at

    def item_updateddate(self, item: Any) -> Any:
        return item.posted_at


# --- Petitions ---


class PetitionForm(forms.Form):
    """A petition's fields; the service checks the law (signatures, the association's age)."""

    petitioner_kind = forms.ChoiceField(
        label=gettext_lazy("Who files the petition"),
        choices=PetitionerKind.choices,
        widget=forms.RadioSelect,
        initial=PetitionerKind.CITIZENS,
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    text = forms.CharField(
        label=gettext_lazy("What you ask the council to put on its agenda"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    agent_name = forms.CharField(
        label=gettext_lazy("Name of the agent of the petition"), max_length=160
    )
    agent_email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    agent_phone = forms.CharField(label=gettext_lazy("Mobile phone"), max_length=20, required=False)
    signatures = forms.IntegerField(
        label=gettext_lazy("Number of signatures"), min_value=0, max_value=10_000_000
    )
    association_name = forms.CharField(
        label=gettext_lazy("Name of the association"), max_length=200, required=False
    )
    association_founded_on = forms.DateField(
        label=gettext_lazy("Date the association was founded"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if "\x00" in text:
            raise ValidationError(_("The text contains a character that is not allowed."))
        return text


def _apply_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def petition_file(request: HttpRequest, code: str) -> HttpResponse:
    """The petition form; it says how many signatures this commune requires and the
    associations' rule. Filing leads to the receipt."""
    node = request.collectivity
    user = request.user
    initial = {"agent_name": getattr(user, "display_name", ""), "agent_email": user.email}
    form = PetitionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = file_petition(
                actor=user,
                collectivity=node,
                petitioner_kind=data["petitioner_kind"],
                title=data["title"],
                text=data["text"],
                agent_name=data["agent_name"],
                signatures=data["signatures"],
                agent_email=data["agent_email"] or "",
                agent_phone=data["agent_phone"] or "",
                association_name=data["association_name"] or "",
                association_founded_on=data["association_founded_on"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("public:council-petition", code=node.code, number=petition.number)
    required = required_petition_signatures(node) if node.kind == "commune" else None
    context = {
        "node": node,
        "form": form,
        "required": required,
        "association_years": ASSOCIATION_MIN_AGE.value,
        "association_basis": ASSOCIATION_MIN_AGE.basis,
    }
    return render(request, "council/public/petition_file.html", context)


def _own_petition(request: HttpRequest, number: str) -> Petition:
    if not number or len(number) > 40:
        raise Http404("bad number")
    try:
        return Petition.objects.get(
            collectivity=request.collectivity, number=number, filed_by_id=request.user.pk
        )
    except Petition.DoesNotExist:
        raise Http404("no such petition") from None


@login_required
def petition_receipt(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """The receipt page, for the petition's filer only (404 for anyone else)."""
    petition = _own_petition(request, number)
    context = {
        "node": request.collectivity,
        "petition": petition,
        "answer": deadline_open_of(petition, "answer"),
        "has_pdf": _receipt_document(petition) is not None,
    }
    return render(request, "council/public/petition_receipt.html", context)


def _receipt_document(petition: Petition) -> Any:
    return documents_of(petition, PETITION_RECEIPT).first()


@login_required
def petition_receipt_pdf(request: HttpRequest, code: str, number: str) -> FileResponse:
    petition = _own_petition(request, number)
    document = _receipt_document(petition)
    if document is None:
        raise Http404("no receipt")
    return document_file_response(document, inline=False)

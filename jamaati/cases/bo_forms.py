"""Forms of the back-office case pages: the queue's filters, bulk assignment, the actions on a
case, messages and consultations. They parse input only; the services check and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jamaati.cases.selectors import QueueFilters
from jamaati.cases.workflow import EXTENSION_REASONS, CaseState
from jamaati.core.forms import NamedErrorsMixin

MAX_PAGE = 10_000


class QueueFilterForm(forms.Form):
    """The queue's filters (GET). A value that does not parse is ignored, never an error page."""

    q = forms.CharField(label=_("Case number, applicant's name or CIN"), required=False)
    procedure = forms.TypedChoiceField(label=_("Procedure"), required=False, coerce=int)
    state = forms.ChoiceField(label=_("State"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[
            ("", _("Any date")),
            ("overdue", _("Overdue")),
            ("week", _("Due within 7 days")),
        ],
    )
    include_closed = forms.BooleanField(label=_("Include closed cases"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(
        self, *args: Any, procedures: list[tuple[int, str]], agents: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].max_length = 100
        self.fields["procedure"].choices = [("", _("All procedures")), *procedures]
        self.fields["state"].choices = [("", _("All states")), *CaseState.choices]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody (unassigned)")),
            *[(str(agent.pk), agent.display_name) for agent in agents],
        ]

    def filters(self) -> tuple[QueueFilters, int]:
        """The QueueFilters and the page number; invalid values fall back to their default."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return (
            QueueFilters(
                procedure=data.get("procedure") or None,
                state=data.get("state") or "",
                assignee=data.get("assignee") or "",
                due=data.get("due") or "",
                q=(data.get("q") or "")[:100],
                include_closed=bool(data.get("include_closed")),
            ),
            data.get("page") or 1,
        )


class CaseIdsField(forms.TypedMultipleChoiceField):
    """Case ids, any number: the view checks that each is a case of the collectivity."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and len(str(value)) < 12


class AssignForm(NamedErrorsMixin, forms.Form):
    """Bulk assignment: the selected cases to one agent, or to nobody."""

    cases = CaseIdsField(label=_("Cases"), coerce=int)
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args: Any, agents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agents = {str(agent.pk): agent for agent in agents}
        self.fields["assignee"].choices = [
            ("", _("Choose…")),
            ("none", _("Nobody (unassign)")),
            *[(pk, agent.display_name) for pk, agent in self.agents.items()],
        ]
        self.fields["assignee"].error_messages["invalid_choice"] = _(
            "This person is not an agent of this collectivity."
        )
        self.fields["cases"].error_messages["required"] = _("Select at least one case.")
        self.fields["cases"].error_messages["invalid_choice"] = _(
            "A selected case is not a case of this collectivity."
        )

    def clean_cases(self) -> list[int]:
        pks = self.cleaned_data["cases"]
        if len(pks) > 500:
            raise forms.ValidationError(_("Select at most 500 cases at once."))
        return pks

    def assignee_user(self) -> Any | None:
        value = self.cleaned_data["assignee"]
        return None if value == "none" else self.agents[value]


# --- actions on a case -------------------------------------------------------------------


class NoInputForm(forms.Form):
    """An action without input (the button is the confirmation)."""

    def inputs(self) -> dict[str, Any]:
        return {}


class ConfirmForm(NamedErrorsMixin, forms.Form):
    """A decision that issues a document: the agent ticks a confirmation first."""

    confirm = forms.BooleanField(label=_("I have checked the file and confirm this decision"))

    def inputs(self) -> dict[str, Any]:
        return {}


class RequestInfoForm(NamedErrorsMixin, forms.Form):
    request = forms.CharField(
        label=_("What is needed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only one request is possible, within the first half of the delay; the delay is "
            "suspended until the applicant answers (law 55.19 art. 14)."
        ),
    )

    def inputs(self) -> dict[str, Any]:
        return {"request": self.cleaned_data["request"]}


class ExtendForm(NamedErrorsMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for the extension"),
        choices=[
            ("", _("Choose…")),
            (EXTENSION_REASONS[0], _("Expert study")),
            (EXTENSION_REASONS[1], _("Public inquiry")),
        ],
        help_text=_("The delay can be extended once (law 55.19 art. 17)."),
    )

    def inputs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class RefuseForm(NamedErrorsMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the refusal"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A refusal must be reasoned (law 55.19 art. 18)."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis of the refusal"),
        max_length=250,
        help_text=_("The text and article the refusal rests on."),
    )

    def inputs(self) -> dict[str, Any]:
        return {
            "reasons": self.cleaned_data["reasons"],
            "legal_basis": self.cleaned_data["legal_basis"],
        }


class StaffReasonsForm(NamedErrorsMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def inputs(self) -> dict[str, Any]:
        return {"reasons": self.cleaned_data["reasons"]}


class MessageForm(NamedErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Message to the applicant"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 4,000 characters. The applicant is notified."),
    )


class ConsultForm(NamedErrorsMixin, forms.Form):
    service = forms.CharField(label=_("Service consulted"), max_length=200)
    question = forms.CharField(
        label=_("Question"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    days = forms.IntegerField(
        label=_("Days to answer"),
        min_value=1,
        max_value=30,
        initial=10,
        help_text=_("Working days, between 1 and 30."),
        widget=forms.NumberInput(attrs={"class": "input-short"}),
    )


class OpinionForm(NamedErrorsMixin, forms.Form):
    opinion = forms.CharField(
        label=_("Opinion received"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

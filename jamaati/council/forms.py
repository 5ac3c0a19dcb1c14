"""Forms of the council's back office. They only parse and check the shape of the input; the
law (delays, shares, quorum) is checked by the services, whose ValidationError comes back on
the form with `apply_service_errors` (on the field it names, else at the top)."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamaati.council.models import (
    Choice,
    Committee,
    ItemOrigin,
    LeftReason,
    Member,
    Office,
    PetitionerKind,
    Presence,
    RequestOrigin,
    Sex,
)
from jamaati.council.rules import ItemSubject

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Each key of the service's error on its field when the form has it, else on the form."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _text(label: Any, *, required: bool = True, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
        **kwargs,
    )


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, **kwargs)


def _line(label: Any, *, required: bool = True, max_length: int = 200, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        **kw,
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.name} ({obj.get_office_display()})"


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.name


class ConfirmForm(forms.Form):
    """An action without input (send the agenda, convene, close)."""


class ReasonsForm(forms.Form):
    reasons = _text(
        _("Reasons"), error_messages={"required": _("Give the reasons: the law requires them.")}
    )


# --- sessions -------------------------------------------------------------------------------


class SessionPlanForm(forms.Form):
    opens_on = _date(
        _("Opens on"),
        help_text=_("Ordinary sessions open in the first week of February, May or October."),
    )
    closes_on = _date(
        _("Closes on"),
        required=False,
        help_text=_("At most 15 days; empty for the 15th day."),
    )


class ExtendForm(forms.Form):
    until = _date(_("Extended until"), help_text=_("Once, by up to 7 working days (art. 34)."))
    reason = _text(_("Reason for the extension"))


class ItemForm(forms.Form):
    title_ar = _line(_("Title in Arabic"), max_length=300)
    title_fr = _line(_("Title in French"), max_length=300)
    subject = forms.ChoiceField(
        label=_("Subject"),
        choices=ItemSubject.choices,
        initial=ItemSubject.OTHER,
        help_text=_("The subject sets the majority and whether the governor's visa is needed."),
    )
    description = _text(_("Description"), required=False)
    rapporteur = forms.ModelChoiceField(
        label=_("Rapporteur committee"), queryset=Committee.objects.none(), required=False
    )
    origin = forms.ChoiceField(
        label=_("Requested by"),
        choices=[
            (ItemOrigin.PRESIDENT, ItemOrigin.PRESIDENT.label),
            (ItemOrigin.GOVERNOR, ItemOrigin.GOVERNOR.label),
            (ItemOrigin.MEMBERS, ItemOrigin.MEMBERS.label),
        ],
        initial=ItemOrigin.PRESIDENT,
    )
    requested_by = MembersField(
        label=_("Members who request the item"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for an item requested by members."),
    )

    def __init__(self, *args: Any, collectivity: Any = None, members: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        if collectivity is not None:
            self.fields["rapporteur"].queryset = Committee.objects.filter(collectivity=collectivity)
        if members is not None:
            self.fields["requested_by"].queryset = members


class ScheduleSittingForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Date and time"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = _line(_("Place"), required=False)


class QuestionForm(forms.Form):
    member = MemberChoiceField(label=_("Member"), queryset=Member.objects.none())
    question = _text(_("Question"))

    def __init__(self, *args: Any, members: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        if members is not None:
            self.fields["member"].queryset = members


class AnswerQuestionForm(forms.Form):
    answer = _text(_("Answer"))


class DocumentForm(forms.Form):
    title = _line(_("Title of the document"))
    file = forms.FileField(label=_("File"))


# --- sittings -------------------------------------------------------------------------------


class AttendanceForm(forms.Form):
    """One radio group per member in office: present, excused or absent."""

    next_call_at = forms.DateTimeField(
        label=_("Next call, if there is no quorum"),
        required=False,
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        help_text=_("Second call: 3 to 5 days later (art. 42). Empty: 3 days later, same hour."),
    )

    def __init__(self, *args: Any, members: list[Member] = (), **kw: Any):
        super().__init__(*args, **kw)
        self.members = list(members)
        for member in self.members:
            self.fields[f"presence_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Presence.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Say whether this member is present.")},
            )

    def presence(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"presence_{m.pk}"] for m in self.members}

    def rows(self) -> list[tuple[Member, Any]]:
        return [(m, self[f"presence_{m.pk}"]) for m in self.members]


class VoteForm(forms.Form):
    """The nominal vote on one item: one radio group per member present."""

    def __init__(self, *args: Any, members: list[Member] = (), **kw: Any):
        super().__init__(*args, **kw)
        self.members = list(members)
        for member in self.members:
            self.fields[f"ballot_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Record this member's vote.")},
            )

    def ballots(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"ballot_{m.pk}"] for m in self.members}

    def rows(self) -> list[tuple[Member, Any]]:
        return [(m, self[f"ballot_{m.pk}"]) for m in self.members]


class CloseDoorForm(forms.Form):
    requested_by = forms.ChoiceField(
        label=_("Requested by"),
        choices=[("president", _("The president")), ("members", _("A third of the members"))],
    )
    requesters = MembersField(
        label=_("Members who request it"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = _text(_("Reason"), required=False)

    def __init__(self, *args: Any, members: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        if members is not None:
            self.fields["requesters"].queryset = members


# --- members --------------------------------------------------------------------------------


class MemberForm(forms.Form):
    first_name_ar = _line(_("First name (Arabic)"), max_length=80)
    last_name_ar = _line(_("Family name (Arabic)"), max_length=80)
    first_name_fr = _line(_("First name (Latin script)"), max_length=80)
    last_name_fr = _line(_("Family name (Latin script)"), max_length=80)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    political_group = _line(_("Political group"), required=False, max_length=120)
    office = forms.ChoiceField(label=_("Office"), choices=Office.choices, initial=Office.MEMBER)
    office_rank = forms.IntegerField(
        label=_("Rank of the vice-president"), min_value=0, max_value=20, initial=0, required=False
    )
    mandate_start = _date(_("Start of mandate"))
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)

    def clean_office_rank(self) -> int:
        return self.cleaned_data.get("office_rank") or 0


class MemberUpdateForm(MemberForm):
    mandate_start = None  # the mandate's start is not edited


class LeaveForm(forms.Form):
    left_on = _date(_("Left office on"))
    reason = forms.ChoiceField(label=_("Reason"), choices=LeftReason.choices)


class CommitteeForm(forms.Form):
    name_ar = _line(_("Name in Arabic"))
    name_fr = _line(_("Name in French"))
    is_standing = forms.BooleanField(label=_("Standing committee"), required=False, initial=True)
    chair = MemberChoiceField(label=_("Chair"), queryset=Member.objects.none(), required=False)
    members = MembersField(
        label=_("Members"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        if members is not None:
            self.fields["chair"].queryset = members
            self.fields["members"].queryset = members


# --- extraordinary requests -----------------------------------------------------------------


class RequestForm(forms.Form):
    origin = forms.ChoiceField(label=_("Requested by"), choices=RequestOrigin.choices)
    received_on = _date(_("Received on"), initial=date.today)
    subjects = _text(_("Questions to put on the agenda"))
    signatories = MembersField(
        label=_("Members who signed the request"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least a third of the members in office (art. 36)."),
    )

    def __init__(self, *args: Any, members: Any = None, **kw: Any):
        super().__init__(*args, **kw)
        if members is not None:
            self.fields["signatories"].queryset = members


class RequestAcceptForm(forms.Form):
    opens_on = _date(_("The session opens on"))
    closes_on = _date(_("The session closes on"), required=False)


# --- petitions ------------------------------------------------------------------------------


class PetitionCounterForm(forms.Form):
    petitioner_kind = forms.ChoiceField(label=_("Petitioner"), choices=PetitionerKind.choices)
    title = _line(_("Title"))
    text = _text(_("Request"), rows=5)
    agent_name = _line(_("Name of the agent of the petition"), max_length=160)
    agent_email = forms.EmailField(label=_("Email"), required=False)
    agent_phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    association_name = _line(_("Association"), required=False)
    association_founded_on = _date(_("Association founded on"), required=False)
    signatures = forms.IntegerField(
        label=_("Number of signatures"), min_value=0, max_value=10_000_000
    )

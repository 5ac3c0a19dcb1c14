"""The council of a collectivity and its record (organic law 113.14): members and committees,
sessions and their agenda, convocations, sittings with attendance and nominal votes, the
decisions register under the governor's control, written questions and petitions.

Every row is a TenantModel of the collectivity whose council it belongs to. States of
decisions, petitions and extraordinary requests change only through
`jamaati.core.workflow.transition()` (see `workflow.py`); every other write goes through
`services/`. The numbers of the law are in `rules.py`.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.tenancy.models import TenantModel
from jamaati.council import rules
from jamaati.council.rules import ItemSubject
from jamaati.council.workflow import (
    DECISION_FLOW,
    EXTRAORDINARY_FLOW,
    PETITION_FLOW,
    DecisionState,
    PetitionState,
    RequestState,
)


def _in_language(ar: str, fr: str) -> str:
    return ar if (get_language() or "ar").startswith("ar") or not fr else fr


class Office(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARY = "secretary", _("Secretary of the council")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    MEMBER = "member", _("Member")


class LeftReason(models.TextChoices):
    RESIGNED = "resigned", _("Resigned")
    REMOVED = "removed", _("Removed from office")
    DECEASED = "deceased", _("Deceased")
    MANDATE_ENDED = "mandate_ended", _("End of mandate")


class Sex(models.TextChoices):
    FEMALE = "F", _("Woman")
    MALE = "M", _("Man")


class Member(TenantModel):
    """An elected member of the council of `collectivity` for one mandate.

    In office on day d when mandate_start <= d and neither mandate_end nor left_on is before
    or on d. `office` is the member's place in the bureau; committee chairs are on Committee.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_mandates",
        verbose_name=_("account"),
    )
    first_name_ar = models.CharField(_("first name (Arabic)"), max_length=80)
    last_name_ar = models.CharField(_("family name (Arabic)"), max_length=80)
    first_name_fr = models.CharField(_("first name (Latin script)"), max_length=80)
    last_name_fr = models.CharField(_("family name (Latin script)"), max_length=80)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    political_group = models.CharField(_("political group"), max_length=120, blank=True)
    office = models.CharField(
        _("office"), max_length=20, choices=Office.choices, default=Office.MEMBER
    )
    office_rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Order of the vice-presidents: 1 is the first.")
    )
    mandate_start = models.DateField(_("start of mandate"))
    mandate_end = models.DateField(_("end of mandate"), null=True, blank=True)
    left_on = models.DateField(_("left office on"), null=True, blank=True)
    left_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeftReason.choices, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        indexes = [models.Index(fields=["collectivity", "office", "office_rank"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(
            f"{self.first_name_ar} {self.last_name_ar}", f"{self.first_name_fr} {self.last_name_fr}"
        )

    @property
    def name_ar(self) -> str:
        return f"{self.first_name_ar} {self.last_name_ar}"

    @property
    def name_fr(self) -> str:
        return f"{self.first_name_fr} {self.last_name_fr}"

    def in_office_on(self, day: date) -> bool:
        if self.mandate_start > day:
            return False
        return all(end is None or end > day for end in (self.mandate_end, self.left_on))


def in_office_filter(day: date, prefix: str = "") -> Q:
    """A Q matching the members (through `prefix`, e.g. "member__") in office on `day`."""
    return (
        Q(**{f"{prefix}mandate_start__lte": day})
        & (Q(**{f"{prefix}mandate_end__isnull": True}) | Q(**{f"{prefix}mandate_end__gt": day}))
        & (Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day}))
    )


class Committee(TenantModel):
    """A standing or temporary committee of the council; it reports on agenda items."""

    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    is_standing = models.BooleanField(_("standing committee"), default=True)
    chair = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_committees",
        verbose_name=_("chair"),
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="committees", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        indexes = [models.Index(fields=["collectivity", "name_fr"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_ar, self.name_fr)


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary session")
    EXTRAORDINARY_MEMBERS = "extraordinary_members", _("Extraordinary session (members)")
    EXTRAORDINARY_GOVERNOR = "extraordinary_governor", _("Extraordinary session (governor)")


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Being prepared")
    CONVENED = "convened", _("Convened")
    CLOSED = "closed", _("Closed")


class Session(TenantModel):
    """A session of the council: opens on `opens_on`, lasts until `closes_on` (at most 15
    days for an ordinary session, once extended by up to 7 working days to `extended_until`;
    at most 7 working days for an extraordinary one). Its sittings are Sitting rows."""

    kind = models.CharField(_("kind"), max_length=24, choices=SessionKind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=SessionState.choices, default=SessionState.PLANNED
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    agenda_sent_on = models.DateField(_("agenda sent to the governor on"), null=True, blank=True)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["collectivity", "opens_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opens_on:%Y-%m}"

    @property
    def ends_on(self) -> date:
        return self.extended_until or self.closes_on

    @property
    def is_governors(self) -> bool:
        return self.kind == SessionKind.EXTRAORDINARY_GOVERNOR


class RequestOrigin(models.TextChoices):
    MEMBERS = "members", _("A third of the members or more")
    GOVERNOR = "governor", _("The governor")


class ExtraordinaryRequest(TenantModel):
    """A request for an extraordinary session (art. 36), by members or by the governor."""

    state = models.CharField(
        _("state"), max_length=12, choices=RequestState.choices, default=RequestState.DRAFT
    )
    origin = models.CharField(_("requested by"), max_length=12, choices=RequestOrigin.choices)
    received_on = models.DateField(_("received on"))
    signatories = models.ManyToManyField(
        Member, blank=True, related_name="extraordinary_requests", verbose_name=_("signatories")
    )
    in_office_count = models.PositiveSmallIntegerField(_("members in office"), default=0)
    subjects = models.TextField(_("questions to put on the agenda"))
    refusal_reasons = models.TextField(_("reasons for the refusal"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    session = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("session"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    workflow = EXTRAORDINARY_FLOW

    class Meta:
        verbose_name = _("extraordinary session request")
        verbose_name_plural = _("extraordinary session requests")
        indexes = [models.Index(fields=["collectivity", "state"])]

    def __str__(self) -> str:
        return f"{self.get_origin_display()} {self.received_on}"


class ItemOrigin(models.TextChoices):
    PRESIDENT = "president", _("The president")
    GOVERNOR = "governor", _("The governor")
    MEMBERS = "members", _("Members")
    PETITION = "petition", _("A petition")
    REDELIBERATION = "redeliberation", _("New deliberation after the governor's opposition")


class ItemState(models.TextChoices):
    PROPOSED = "proposed", _("Requested: awaiting the president")
    ON_AGENDA = "on_agenda", _("On the agenda")
    REFUSED = "refused", _("Refused, with reasons")
    DECIDED = "decided", _("Voted")
    POSTPONED = "postponed", _("To be voted again at a second sitting")


class AgendaItem(TenantModel):
    """A point of a session's agenda. The subject sets the majority and the control; an item
    requested by half the members in office is mandatory and cannot be refused (art. 40)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    state = models.CharField(
        _("state"), max_length=12, choices=ItemState.choices, default=ItemState.ON_AGENDA
    )
    origin = models.CharField(_("origin"), max_length=16, choices=ItemOrigin.choices)
    title_ar = models.CharField(_("title in Arabic"), max_length=300)
    title_fr = models.CharField(_("title in French"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    subject = models.CharField(
        _("subject"), max_length=24, choices=ItemSubject.choices, default=ItemSubject.OTHER
    )
    needs_absolute_majority = models.BooleanField(
        _("needs the absolute majority of members in office"), default=False
    )
    needs_visa = models.BooleanField(_("needs the governor's visa"), default=False)
    rapporteur = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("rapporteur committee"),
    )
    requested_by = models.ManyToManyField(
        Member, blank=True, related_name="requested_items", verbose_name=_("requested by")
    )
    is_mandatory = models.BooleanField(_("mandatory (half of the members)"), default=False)
    refusal_reasons = models.TextField(_("reasons for the refusal"), blank=True)
    petition = models.ForeignKey(
        "Petition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("petition"),
    )
    redeliberation_of = models.ForeignKey(
        "Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="redeliberations",
        verbose_name=_("new deliberation of"),
    )
    added_on = models.DateField(_("added on"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("position", "pk")
        indexes = [models.Index(fields=["collectivity", "session", "position"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self.title_ar, self.title_fr)


def _item_document_upload_to(instance: "ItemDocument", filename: str) -> str:
    # The stored name never uses the uploaded file's name (kept in `file_name`).
    return f"council/{instance.collectivity_id}/items/{instance.item_id}/{instance.sha256}"


class ItemDocument(TenantModel):
    """A document of an agenda item (report, draft, annex), public with the agenda."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("item")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_item_document_upload_to, max_length=200)
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item document")
        verbose_name_plural = _("item documents")
        indexes = [models.Index(fields=["collectivity", "item"])]

    def __str__(self) -> str:
        return self.title


class Convocation(TenantModel):
    """The convocation of one member to a session (or to a later call of a sitting), with
    when it was sent and by which channels, and its PDF."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="convocations", verbose_name=_("session")
    )
    sitting = models.ForeignKey(
        "Sitting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="convocations",
        verbose_name=_("sitting"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="convocations", verbose_name=_("member")
    )
    sent_at = models.DateTimeField(_("sent at"))
    by_email = models.BooleanField(_("by email"), default=False)
    by_sms = models.BooleanField(_("by SMS"), default=False)
    document = models.ForeignKey(
        "core.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")
        indexes = [models.Index(fields=["collectivity", "session", "member"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.sent_at:%Y-%m-%d}"


class SittingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("In progress")
    NO_QUORUM = "no_quorum", _("Not held: no quorum")
    CLOSED = "closed", _("Closed")


class Sitting(TenantModel):
    """One sitting of a session. `call` is 1, 2 or 3 (art. 42): a first call without quorum
    leads to a second 3 to 5 days later under the same rule, then a third after 3 working
    days with any attendance; `previous` is the failed call it follows. For the governor's
    extraordinary session the next day's sitting needs no quorum (art. 36)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="sittings", verbose_name=_("session")
    )
    call = models.PositiveSmallIntegerField(_("call"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_call",
        verbose_name=_("previous call"),
    )
    quorum_needed = models.BooleanField(_("quorum needed"), default=True)
    state = models.CharField(
        _("state"), max_length=12, choices=SittingState.choices, default=SittingState.SCHEDULED
    )
    scheduled_at = models.DateTimeField(_("scheduled at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    in_office_count = models.PositiveSmallIntegerField(_("members in office"), default=0)
    present_count = models.PositiveSmallIntegerField(_("members present"), default=0)
    is_closed_door = models.BooleanField(_("closed sitting"), default=False)
    closed_door_requested_by = models.CharField(
        _("closed sitting requested by"), max_length=12, blank=True
    )
    closed_door_reason = models.TextField(_("reason for the closed sitting"), blank=True)
    minutes_ar = models.ForeignKey(
        "core.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes_fr = models.ForeignKey(
        "core.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes_signed_by_president_at = models.DateTimeField(null=True, blank=True)
    minutes_signed_by_secretary_at = models.DateTimeField(null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent to members at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ("scheduled_at", "pk")
        indexes = [models.Index(fields=["collectivity", "session", "scheduled_at"])]

    def __str__(self) -> str:
        return f"{self.session} · {self.scheduled_at:%Y-%m-%d %H:%M}"


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent, excused")
    ABSENT = "absent", _("Absent")


class Attendance(TenantModel):
    """Whether a member in office attended a sitting, taken at opening."""

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("sitting")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("member")
    )
    presence = models.CharField(_("presence"), max_length=8, choices=Presence.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "member"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["collectivity", "member"])]


class MajorityRule(models.TextChoices):
    VOTES_CAST = "votes_cast", _("Absolute majority of votes cast")
    MEMBERS_IN_OFFICE = "members_in_office", _("Absolute majority of members in office")


class VoteResult(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    NO_ABSOLUTE_MAJORITY = (
        "no_absolute_majority",
        _("No absolute majority of members in office: to a second sitting"),
    )


class VoteEvent(TenantModel):
    """The nominal vote on one item at one sitting, with the rule applied and its result."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="votes", verbose_name=_("item")
    )
    sitting = models.ForeignKey(
        Sitting, on_delete=models.PROTECT, related_name="votes", verbose_name=_("sitting")
    )
    rule = models.CharField(_("majority rule"), max_length=20, choices=MajorityRule.choices)
    in_office_count = models.PositiveSmallIntegerField(_("members in office"))
    for_count = models.PositiveSmallIntegerField(_("for"), default=0)
    against_count = models.PositiveSmallIntegerField(_("against"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    result = models.CharField(_("result"), max_length=24, choices=VoteResult.choices)
    tie_broken_by_president = models.BooleanField(_("tie decided by the president's side"))
    voted_at = models.DateTimeField(_("voted at"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "sitting"], name="vote_once_per_sitting")
        ]
        indexes = [models.Index(fields=["collectivity", "voted_at"])]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_result_display()}"


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstention")


class Ballot(TenantModel):
    """One member's vote in a vote event (votes are nominal and minuted, art. 43)."""

    vote = models.ForeignKey(
        VoteEvent, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("vote")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["vote", "member"], name="ballot_once")]
        indexes = [models.Index(fields=["collectivity", "member"])]


class Decision(TenantModel):
    """An adopted deliberation, numbered `<code>-D-<year>-<seq>` in the council's register,
    posted publicly and sent to the governor for control."""

    number = models.CharField(_("decision number"), max_length=40, unique=True)
    state = models.CharField(
        _("state"), max_length=16, choices=DecisionState.choices, default=DecisionState.ADOPTED
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("item")
    )
    vote = models.OneToOneField(
        VoteEvent, on_delete=models.PROTECT, related_name="decision", verbose_name=_("vote")
    )
    adopted_on = models.DateField(_("adopted on"))
    title_ar = models.CharField(_("title in Arabic"), max_length=300)
    title_fr = models.CharField(_("title in French"), max_length=300)
    text = models.TextField(_("text of the decision"), blank=True)
    subject = models.CharField(_("subject"), max_length=24, choices=ItemSubject.choices)
    needs_visa = models.BooleanField(_("needs the governor's visa"), default=False)
    posted_at = models.DateTimeField(_("posted publicly at"), null=True, blank=True)
    transmitted_at = models.DateTimeField(_("sent to the governor at"), null=True, blank=True)
    governor_reasons = models.TextField(_("reasons of the opposition or refusal"), blank=True)
    governor_decided_at = models.DateTimeField(null=True, blank=True)

    workflow = DECISION_FLOW

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["collectivity", "adopted_on"]),
            models.Index(fields=["collectivity", "state"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def title(self) -> str:
        return _in_language(self.title_ar, self.title_fr)

    def clock_for(self, spec: DeadlineSpec) -> DeadlineSpec:
        """Urbanism decisions go to the governor within 5 working days, not 15 (art. 116)."""
        if spec.kind != "transmission":
            return spec
        rule = rules.transmission_rule(self.subject)
        return DeadlineSpec(
            kind=spec.kind,
            days=rule.value,
            calendar=spec.calendar,
            legal_basis=rule.basis,
            remind_days_before=min(spec.remind_days_before or 1, rule.value - 1) or None,
        )


class WrittenQuestion(TenantModel):
    """A member's written question, filed at least a month before the session (art. 46)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="questions", verbose_name=_("session")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="questions", verbose_name=_("member")
    )
    filed_on = models.DateField(_("filed on"))
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_sitting = models.ForeignKey(
        Sitting, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )

    class Meta:
        verbose_name = _("written question")
        verbose_name_plural = _("written questions")
        indexes = [models.Index(fields=["collectivity", "session"])]


class PetitionerKind(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    ASSOCIATION = "association", _("An association")


class Petition(TenantModel):
    """A petition asking the council to put a question on its agenda (art. 121-125)."""

    number = models.CharField(_("petition number"), max_length=40, unique=True)
    state = models.CharField(
        _("state"), max_length=12, choices=PetitionState.choices, default=PetitionState.DRAFT
    )
    petitioner_kind = models.CharField(
        _("petitioner"), max_length=12, choices=PetitionerKind.choices
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("request"))
    agent_name = models.CharField(_("name of the agent of the petition"), max_length=160)
    agent_email = models.EmailField(_("email"), blank=True)
    agent_phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    association_name = models.CharField(_("association"), max_length=200, blank=True)
    association_founded_on = models.DateField(_("association founded on"), null=True, blank=True)
    signatures = models.PositiveIntegerField(_("number of signatures"))
    required_signatures = models.PositiveIntegerField(_("signatures required"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_petitions",
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    answer_reasons = models.TextField(_("reasons of the answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    workflow = PETITION_FLOW

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["collectivity", "state"])]

    def __str__(self) -> str:
        return self.number

    def clock_for(self, spec: DeadlineSpec) -> DeadlineSpec:
        """Three months from filing, to the same day (art. 125), not a fixed count of days."""
        if spec.kind != "answer":
            return spec
        start = timezone.localdate(self.filed_at) if self.filed_at else timezone.localdate()
        days = (rules.months_later(start, rules.PETITION_ANSWER.value) - start).days
        return DeadlineSpec(
            kind=spec.kind,
            days=days,
            calendar=spec.calendar,
            legal_basis=spec.legal_basis,
            remind_days_before=spec.remind_days_before,
        )


def required_petition_signatures(collectivity: Any) -> rules.Rule:
    """100 in communes under 35,000 inhabitants, 400 in communes with arrondissements, 200 in
    the others (art. 125)."""
    if collectivity.children.filter(kind="arrondissement").exists():
        return rules.PETITION_SIGNATURES_ARRONDISSEMENTS
    population = collectivity.population_2024 or 0
    if population and population < rules.PETITION_SMALL_COMMUNE_POPULATION.value:
        return rules.PETITION_SIGNATURES_SMALL
    return rules.PETITION_SIGNATURES_OTHER

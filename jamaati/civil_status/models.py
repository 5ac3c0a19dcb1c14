"""The civil-status register (law 36.21): offices, persons, acts, marginal notes,
pre-declarations and the log of consultations.

An act, once signed, never changes: `Act.save()` and `Act.delete()` refuse it, and a database
trigger (migration 0001) refuses any UPDATE of a signed row, so that neither a queryset
`update()` nor raw SQL can alter one. Marginal notes are append-only in the same way. A
`pre_delete` receiver refuses deleting a signed act or any note, so that `QuerySet.delete()`
is refused too (on SQLite the trigger guards UPDATE only). Every later change to a person's
status is a note on the birth act.
"""

import hashlib
import json
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.civil_status.rules import Relation
from jamaati.civil_status.workflow import ACT_FLOW, PREDECLARATION_FLOW, ActState, PreState
from jamaati.core.names import name_keys, search_key
from jamaati.core.tenancy.models import TenantModel


class ImmutableRecordError(ValidationError):
    """A signed act or a recorded note cannot be changed or deleted (L3621 art. 22, 36)."""


def hijri_of(day: date | None) -> str:
    """The Hijri (Umm al-Qura) date of a Gregorian day as `YYYY-MM-DD`, or "" outside the
    range the tables cover (1924-2077) or for no day."""
    if day is None:
        return ""
    from hijridate import Gregorian

    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().isoformat()
    except (OverflowError, ValueError):
        return ""


class OfficeKind(models.TextChoices):
    COMMUNE = "commune", _("Commune office")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement office")
    CONSULATE = "consulate", _("Consular office")


class Office(TenantModel):
    """A civil-status office: one per commune and per arrondissement (its collectivity);
    consular offices hang from the country node. Its officers are the memberships with the
    civil-status officer role at that collectivity, and the president (signatory) by law."""

    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind.choices)
    code = models.CharField(_("office code"), max_length=20, unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("civil-status office")
        verbose_name_plural = _("civil-status offices")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity"],
                condition=~models.Q(kind="consulate"),
                name="civil_status_one_office_per_collectivity",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.code})"

    @property
    def numbering_series(self) -> str:
        """The name of the office's yearly act sequence in jamaati.core.numbering."""
        return f"cs.act.{self.pk}"


class Facility(TenantModel):
    """A hospital or clinic whose accounts pre-declare the births and deaths that happen
    there (L3621 art. 20)."""

    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="civil_status_facilities", blank=True
    )

    class Meta:
        verbose_name = _("health facility")
        verbose_name_plural = _("health facilities")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name_fr


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class Names(models.Model):
    """First and family names in Arabic, Latin and Tifinagh script (L3621 art. 19)."""

    first_name_ar = models.CharField(_("first name (Arabic)"), max_length=100)
    family_name_ar = models.CharField(_("family name (Arabic)"), max_length=100)
    first_name_lat = models.CharField(_("first name (Latin)"), max_length=100)
    family_name_lat = models.CharField(_("family name (Latin)"), max_length=100)
    first_name_tfng = models.CharField(_("first name (Tifinagh)"), max_length=100, blank=True)
    family_name_tfng = models.CharField(_("family name (Tifinagh)"), max_length=100, blank=True)

    class Meta:
        abstract = True


def _distinct_keys(*keys: str) -> str:
    return " ".join(dict.fromkeys(k for k in keys if k))


class Person(Names, TenantModel):
    """A person of the register, stored by the office that first recorded them.

    The search keys are derived from the names in both scripts on every save (jamaati.core
    .names): `key_first` and `key_family` hold the distinct phonetic keys of the Arabic and
    the Latin spelling, `key_full` the distinct first+family and family+first keys, and
    `search_text` the normalised names, for the national search to come. The person row is
    the index of the register; what an act certifies is the act's own frozen content.
    """

    idcs = models.CharField(_("IDCS"), max_length=11, unique=True, null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    born_on = models.DateField(_("date of birth"))
    born_on_hijri = models.CharField(_("date of birth (Hijri)"), max_length=10, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=200)
    father = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mother = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    father_name_ar = models.CharField(_("father's name (Arabic)"), max_length=200, blank=True)
    father_name_lat = models.CharField(_("father's name (Latin)"), max_length=200, blank=True)
    mother_name_ar = models.CharField(_("mother's name (Arabic)"), max_length=200, blank=True)
    mother_name_lat = models.CharField(_("mother's name (Latin)"), max_length=200, blank=True)
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    key_first = models.CharField(max_length=200, editable=False, db_index=True)
    key_family = models.CharField(max_length=200, editable=False, db_index=True)
    key_full = models.CharField(max_length=400, editable=False)
    search_text = models.CharField(max_length=600, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["key_family", "born_on"], name="cs_person_family_born")]

    def __str__(self) -> str:
        return f"{self.first_name_lat} {self.family_name_lat}".strip() or str(self.pk)

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        if kwargs.get("update_fields") is not None:
            derived = {"born_on_hijri", "key_first", "key_family", "key_full", "search_text"}
            kwargs["update_fields"] = set(kwargs["update_fields"]) | derived
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        """Recompute the Hijri date and the search keys from the dates and names."""
        self.born_on_hijri = hijri_of(self.born_on)
        ar = name_keys(self.first_name_ar, self.family_name_ar)
        lat = name_keys(self.first_name_lat, self.family_name_lat)
        self.key_first = _distinct_keys(ar["first"], lat["first"])[:200]
        self.key_family = _distinct_keys(ar["family"], lat["family"])[:200]
        self.key_full = _distinct_keys(
            ar["full"], lat["full"], ar["full_reversed"], lat["full_reversed"]
        )[:400]
        names = (
            self.first_name_ar,
            self.family_name_ar,
            self.first_name_lat,
            self.family_name_lat,
            self.first_name_tfng,
            self.family_name_tfng,
        )
        self.search_text = search_key(" ".join(n for n in names if n))[:600]


class ActKind(models.TextChoices):
    BIRTH = "birth", _("Birth act")
    DEATH = "death", _("Death act")


class Act(TenantModel):
    """A birth or death act of an office (its collectivity), electronic only.

    Drafted by an officer, then signed: the signature gives the act its number (the office's
    yearly sequence, the office code and the year: `12/07.427.01.01/2026`), freezes its
    content (`content`, with its SHA-256) and makes the row immutable.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField(_("kind"), max_length=10, choices=ActKind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ActState.choices, default=ActState.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    number = models.CharField(_("act number"), max_length=40, unique=True, null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="acts")
    event_on = models.DateField(_("date of the event"))
    event_place = models.CharField(_("place of the event"), max_length=200)
    is_abroad = models.BooleanField(_("Moroccan abroad"), default=False)
    declared_on = models.DateField(_("declared on"))
    declarant_name = models.CharField(_("declarant"), max_length=200)
    declarant_relation = models.CharField(
        _("declarant's relation"), max_length=20, choices=Relation.choices
    )
    precedence_reason = models.CharField(
        _("why the declarants before could not declare"), max_length=500, blank=True
    )
    authorisation_reference = models.CharField(
        _("late registration authorisation"), max_length=100, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_capacity = models.CharField(_("signed as"), max_length=20, blank=True)
    content = models.JSONField(_("content as signed"), default=dict, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)

    workflow = ACT_FLOW

    class Meta:
        verbose_name = _("civil-status act")
        verbose_name_plural = _("civil-status acts")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="civil_status_act_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft")
                | models.Q(
                    number__isnull=False,
                    year__isnull=False,
                    sequence__isnull=False,
                    signed_at__isnull=False,
                    signed_by__isnull=False,
                ),
                name="civil_status_signed_act_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["collectivity", "year", "sequence"], name="cs_act_register"),
            models.Index(fields=["person", "kind"], name="cs_act_person"),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} ({_('draft')})"

    @property
    def is_signed(self) -> bool:
        return self.state == ActState.SIGNED

    @staticmethod
    def digest(content: dict) -> str:
        """SHA-256 of the canonical JSON of an act's content."""
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def _stored_state(self) -> str | None:
        return type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True).first()

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and self._stored_state() == ActState.SIGNED:
            raise ImmutableRecordError(
                _("A signed act never changes: add a marginal note instead (law 36.21)."),
                code="signed_act",
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_state() == ActState.SIGNED:
            raise ImmutableRecordError(_("A signed act cannot be deleted."), code="signed_act")
        return super().delete(*args, **kwargs)


class NoteKind(models.TextChoices):
    MARRIAGE = "marriage", _("Marriage")
    DIVORCE = "divorce", _("Divorce")
    DEATH = "death", _("Death")
    RECTIFICATION = "rectification", _("Judicial rectification")
    OTHER = "other", _("Other")


class NoteSource(models.TextChoices):
    COURT = "court", _("Court")
    CONSULATE = "consulate", _("Consulate")
    OFFICE = "office", _("Civil-status office")


class MarginalNote(TenantModel):
    """A note in the margin of a signed birth act: every change after signature, with its
    source and date. Append-only (model and database trigger)."""

    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=NoteSource.choices)
    source_name = models.CharField(_("issued by"), max_length=200)
    reference = models.CharField(_("reference"), max_length=100)
    noted_on = models.DateField(_("date of the source decision"))
    text = models.TextField(_("text of the note"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("marginal note")
        verbose_name_plural = _("marginal notes")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reference}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise ImmutableRecordError(_("A marginal note never changes."), code="note")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(_("A marginal note cannot be deleted."), code="note")


class PreSource(models.TextChoices):
    FACILITY = "facility", _("Health facility")
    CITIZEN = "citizen", _("Citizen online")
    COUNTER = "counter", _("At the office counter")


class PreDeclaration(Names, TenantModel):
    """A declaration before registration: filed by a health facility's account, by a citizen
    online or at the counter; an officer verifies and completes it, then registers the act.
    A late one is held until the central authorisation is recorded (D3621 art. 41).

    For a death, the names are the deceased's and `subject` links the person when known.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="predeclarations")
    kind = models.CharField(_("kind"), max_length=10, choices=ActKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=PreState.choices, default=PreState.FILED
    )
    source = models.CharField(_("filed through"), max_length=20, choices=PreSource.choices)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("declared on"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    event_on = models.DateField(_("date of the event"))
    event_place = models.CharField(_("place of the event"), max_length=200)
    is_abroad = models.BooleanField(_("Moroccan abroad"), default=False)
    subject = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    born_on = models.DateField(_("date of birth of the deceased"), null=True, blank=True)
    # The IDCS as typed by the filer: resolved into `subject`, `father`, `mother` by an
    # officer only (at the counter or at verification), never for the filer.
    subject_idcs = models.CharField(_("IDCS of the deceased"), max_length=11, blank=True)
    father_idcs = models.CharField(_("father's IDCS"), max_length=11, blank=True)
    mother_idcs = models.CharField(_("mother's IDCS"), max_length=11, blank=True)
    father = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mother = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    father_name_ar = models.CharField(_("father's name (Arabic)"), max_length=200, blank=True)
    father_name_lat = models.CharField(_("father's name (Latin)"), max_length=200, blank=True)
    mother_name_ar = models.CharField(_("mother's name (Arabic)"), max_length=200, blank=True)
    mother_name_lat = models.CharField(_("mother's name (Latin)"), max_length=200, blank=True)
    declarant_name = models.CharField(_("declarant"), max_length=200)
    declarant_relation = models.CharField(
        _("declarant's relation"), max_length=20, choices=Relation.choices
    )
    precedence_reason = models.CharField(
        _("why the declarants before could not declare"), max_length=500, blank=True
    )
    is_late = models.BooleanField(_("late"), default=False)
    authorisation_reference = models.CharField(
        _("late registration authorisation"), max_length=100, blank=True
    )
    authorised_on = models.DateField(_("authorised on"), null=True, blank=True)
    act = models.OneToOneField(
        Act, on_delete=models.PROTECT, null=True, blank=True, related_name="predeclaration"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    workflow = PREDECLARATION_FLOW

    class Meta:
        verbose_name = _("pre-declaration")
        verbose_name_plural = _("pre-declarations")
        indexes = [
            models.Index(fields=["collectivity", "state", "filed_on"], name="cs_predecl_queue")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.first_name_lat} {self.family_name_lat}"


@receiver(pre_delete, sender=Act, dispatch_uid="civil_status_signed_act_delete")
def _refuse_signed_act_delete(sender, instance: Act, **kwargs) -> None:
    """A signed act is never deleted, whatever the path (`QuerySet.delete()` included)."""
    if instance.state == ActState.SIGNED or instance._stored_state() == ActState.SIGNED:
        raise ImmutableRecordError(_("A signed act cannot be deleted."), code="signed_act")


@receiver(pre_delete, sender=MarginalNote, dispatch_uid="civil_status_note_delete")
def _refuse_note_delete(sender, instance: MarginalNote, **kwargs) -> None:
    """A marginal note is never deleted, whatever the path."""
    raise ImmutableRecordError(_("A marginal note cannot be deleted."), code="note")


class Consultation(TenantModel):
    """A staff consultation of an act: who, which act, why, when. `collectivity` is the act's,
    so that the office holding the act sees who read it, from whichever office."""

    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="consultations")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["collectivity", "at"], name="cs_consultation_at")]

    def __str__(self) -> str:
        return f"{self.act_id} · {self.officer_id} · {self.at:%Y-%m-%d %H:%M}"

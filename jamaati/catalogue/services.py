"""Writes to the catalogue: national templates, adoption by a collectivity, versions.

Every service is keyword-only, takes `actor`, runs in one transaction and appends an audit
event on the chain of the collectivity that owns the procedure. Published versions never
change: a change is a new draft, and publishing it retires the previous version.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jamaati.catalogue.form_schema import validate_form_schema
from jamaati.catalogue.models import (
    MAX_DELAY_DAYS,
    MAX_INVESTMENT_DELAY_DAYS,
    DelayCalendar,
    ExtensionReason,
    Fee,
    ImmutableVersionError,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    SuppliedBy,
    VersionStatus,
)
from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import diff, record
from jamaati.core.tenancy.models import Collectivity, Kind
from jamaati.core.tenancy.selectors import country

# Everything a version states (law 55.19 art.6), copied from one version to the next.
CONTENT_FIELDS = (
    "name_ar",
    "name_fr",
    "description_ar",
    "description_fr",
    "legal_basis_text",
    "legal_basis_article",
    "service_ar",
    "service_fr",
    "office_hours",
    "max_delay_days",
    "delay_calendar",
    "is_investment_related",
    "silence_means_acceptance",
    "silence_legal_basis",
    "allows_extension",
    "extension_reason",
    "appeal_ar",
    "appeal_fr",
    "is_online",
    "is_at_counter",
    "output_document_ar",
    "output_document_fr",
    "form_schema",
)
# What a collectivity may change in a procedure adopted from a national template.
LOCAL_FIELDS = frozenset({"service_ar", "service_fr", "office_hours"})
DOCUMENT_FIELDS = (
    "name_ar",
    "name_fr",
    "supplied_by",
    "holder_ar",
    "holder_fr",
    "legal_basis",
    "is_mandatory",
)
FEE_FIELDS = ("key", "label_ar", "label_fr", "amount", "legal_basis", "is_local")

# The default appeal path of law 55.19 art.21.
DEFAULT_APPEAL_AR = (
    "في حالة الرفض أو السكوت، يمكنكم تقديم تظلم داخل أجل 30 يوما إلى رئيس الجماعة الذي يجيب "
    "داخل أجل 15 يوما، ثم إلى عامل العمالة أو الإقليم (القانون 55.19، المادة 21)."
)
DEFAULT_APPEAL_FR = (
    "En cas de refus ou de silence, vous pouvez former un recours dans les 30 jours auprès du "
    "président de la collectivité, qui répond sous 15 jours, puis auprès du gouverneur de la "
    "préfecture ou de la province (loi 55.19, art. 21)."
)


@dataclass(frozen=True)
class CommandActor:
    """A trusted actor outside the web (a management command run with shell access): recorded
    by name in the audit trail, not asked for authorization."""

    label: str
    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return self.label


def _authorize(actor: Any, action: str, obj: Any) -> None:
    if not isinstance(actor, CommandActor):
        authorize(actor, action, obj)


def _manage_action(node: Collectivity) -> str:
    return "catalogue.manage_templates" if node.kind == Kind.COUNTRY else "catalogue.manage_local"


def _snapshot(version: ProcedureVersion) -> dict[str, Any]:
    return {f: getattr(version, f) for f in ("status", *CONTENT_FIELDS)}


def version_errors(
    version: ProcedureVersion,
    *,
    documents: list[RequiredDocument] | None = None,
    fees: list[Fee] | None = None,
    publishing: bool = False,
) -> dict[str, list[str]]:
    """The rules of law 55.19 a version breaks, by field (empty when it may be saved, or
    published when `publishing`)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not version.name_ar.strip():
        add("name_ar", _("Enter the name in Arabic."))
    if not version.name_fr.strip():
        add("name_fr", _("Enter the name in French."))
    delay = version.max_delay_days
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 1:
        add("max_delay_days", _("Enter the maximum delay as a whole number of days."))
    elif delay > MAX_DELAY_DAYS:
        add(
            "max_delay_days",
            _("The maximum delay cannot exceed %(days)d days (law 55.19, art.16).")
            % {"days": MAX_DELAY_DAYS},
        )
    elif version.is_investment_related and delay > MAX_INVESTMENT_DELAY_DAYS:
        add(
            "max_delay_days",
            _(
                "An investment-related decision is taken within %(days)d days at most "
                "(law 55.19, art.16)."
            )
            % {"days": MAX_INVESTMENT_DELAY_DAYS},
        )
    if version.delay_calendar not in DelayCalendar.values:
        add("delay_calendar", _("Choose working days or calendar days."))
    if version.silence_means_acceptance and not version.silence_legal_basis.strip():
        add(
            "silence_legal_basis",
            _(
                "Silence means acceptance only for the decisions listed by decree "
                "(law 55.19, art.19-20): give that legal basis."
            ),
        )
    if version.extension_reason not in ExtensionReason.values:
        add("extension_reason", _("Choose an expert study or a public inquiry."))
    elif version.allows_extension and not version.extension_reason:
        add(
            "extension_reason",
            _(
                "The delay may be extended only for an expert study or a public inquiry "
                "(law 55.19, art.17): say which."
            ),
        )
    if not (version.is_online or version.is_at_counter):
        add("is_at_counter", _("Offer at least one channel: online or at the counter."))
    for problem in validate_form_schema(version.form_schema):
        add("form_schema", problem)
    for document in documents or []:
        if not (document.name_ar.strip() and document.name_fr.strip()):
            add("documents", _("Give each document a name in Arabic and in French."))
        if document.supplied_by not in SuppliedBy.values:
            add("documents", _("Say who supplies each document."))
        elif document.supplied_by == SuppliedBy.ADMINISTRATION and not (
            document.holder_ar.strip() or document.holder_fr.strip()
        ):
            add(
                "documents",
                _(
                    "A document the administration fetches names the body that holds it "
                    "(law 55.19, art.23)."
                ),
            )
    keys = [fee.key for fee in fees or []]
    if len(set(keys)) != len(keys):
        add("fees", _("Each fee needs its own key."))
    for fee in fees or []:
        if not fee.key or not (fee.label_ar.strip() and fee.label_fr.strip()):
            add("fees", _("Give each fee a key and a label in Arabic and in French."))
        if not isinstance(fee.amount, Decimal) or fee.amount < 0:
            add("fees", _("Enter each fee as an amount in dirhams, zero or more."))
    if publishing:
        if not version.legal_basis_text.strip():
            add(
                "legal_basis_text",
                _(
                    "A procedure without a legal basis cannot be published "
                    "(law 55.19, art.3 and 6)."
                ),
            )
        for fee in fees or []:
            if not fee.legal_basis.strip():
                add("fees", _("Give the legal basis of each fee before publishing."))
    return errors


def _amount(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: [_("Enter an amount in dirhams.")]}) from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise ValidationError({field: [_("Enter an amount in dirhams, zero or more.")]})
    return amount.quantize(Decimal("0.01"))


def _documents_from(
    rows: list[dict[str, Any]], version: ProcedureVersion
) -> list[RequiredDocument]:
    out = []
    for i, row in enumerate(rows):
        unknown = set(row) - set(DOCUMENT_FIELDS)
        if unknown:
            raise ValidationError({"documents": [_("Unknown document fields.")]})
        out.append(
            RequiredDocument(
                collectivity_id=version.collectivity_id,
                version=version,
                position=i,
                **{"supplied_by": SuppliedBy.USER, "is_mandatory": True, **row},
            )
        )
    return out


def _fees_from(rows: list[dict[str, Any]], version: ProcedureVersion) -> list[Fee]:
    out = []
    for i, row in enumerate(rows):
        unknown = set(row) - set(FEE_FIELDS)
        if unknown:
            raise ValidationError({"fees": [_("Unknown fee fields.")]})
        values = {**row, "amount": _amount(row.get("amount"), "fees")}
        out.append(
            Fee(collectivity_id=version.collectivity_id, version=version, position=i, **values)
        )
    return out


def _copy_children(source: ProcedureVersion, target: ProcedureVersion) -> tuple[list, list]:
    documents = [
        RequiredDocument(
            collectivity_id=target.collectivity_id,
            version=target,
            position=d.position,
            **{f: getattr(d, f) for f in DOCUMENT_FIELDS},
        )
        for d in source.documents.all()
    ]
    fees = [
        Fee(
            collectivity_id=target.collectivity_id,
            version=target,
            position=f.position,
            **{k: getattr(f, k) for k in FEE_FIELDS},
        )
        for f in source.fees.all()
    ]
    return documents, fees


def _apply_local_fees(fees: list[Fee], local_fees: dict[str, Any] | None) -> dict[str, list]:
    """Set the amounts of the fees marked local; any other key is refused."""
    changes: dict[str, list] = {}
    by_key = {fee.key: fee for fee in fees}
    for key, value in (local_fees or {}).items():
        fee = by_key.get(key)
        if fee is None:
            raise ValidationError(
                {"local_fees": [_("This procedure has no fee %(key)r.") % {"key": key}]}
            )
        if not fee.is_local:
            raise ValidationError(
                {
                    "local_fees": [
                        _("The amount of %(key)r is set nationally; it cannot be changed here.")
                        % {"key": key}
                    ]
                }
            )
        amount = _amount(value, "local_fees")
        changes[key] = [fee.amount, amount]
        fee.amount = amount
    return changes


def _check(version, documents, fees, *, publishing: bool = False) -> None:
    errors = version_errors(version, documents=documents, fees=fees, publishing=publishing)
    if errors:
        raise ValidationError(errors)


def _save_children(documents: list[RequiredDocument], fees: list[Fee]) -> None:
    for document in documents:
        document.save()
    for fee in fees:
        fee.save()


def _retire_published(procedure: Procedure) -> ProcedureVersion | None:
    current = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=procedure, status=VersionStatus.PUBLISHED)
        .first()
    )
    if current is not None:
        current.status = VersionStatus.RETIRED
        current.save(update_fields=["status"])
    return current


def procedure_template_create(
    *,
    actor: Any,
    slug: str,
    documents: list[dict[str, Any]] | None = None,
    fees: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> ProcedureVersion:
    """A national template (a procedure at the country node) and its draft version 1, by a
    national administrator; the draft is checked against law 55.19 before it is written."""
    root = country()
    _authorize(actor, "catalogue.manage_templates", root)
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(
            {"__all__": [_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}]}
        )
    slug = slugify(slug or "")[:80]
    if not slug:
        raise ValidationError(
            {"slug": [_("Enter a short name for the address (letters, digits, -).")]}
        )
    if Procedure.objects.filter(collectivity=root, slug=slug).exists():
        raise ValidationError({"slug": [_("A template with this address already exists.")]})
    fields.setdefault("appeal_ar", DEFAULT_APPEAL_AR)
    fields.setdefault("appeal_fr", DEFAULT_APPEAL_FR)
    with transaction.atomic():
        procedure = Procedure(collectivity=root, slug=slug)
        version = ProcedureVersion(collectivity=root, procedure=procedure, number=1, **fields)
        doc_rows = _documents_from(documents or [], version)
        fee_rows = _fees_from(fees or [], version)
        _check(version, doc_rows, fee_rows)
        procedure.save()
        version.procedure = procedure
        version.save()
        _save_children(doc_rows, fee_rows)
        record(
            actor=actor,
            action="catalogue.template_create",
            collectivity=root,
            obj=version,
            changes={"slug": slug, **diff({}, _snapshot(version))},
        )
    return version


def procedure_version_update(
    *,
    actor: Any,
    version: ProcedureVersion,
    documents: list[dict[str, Any]] | None = None,
    fees: list[dict[str, Any]] | None = None,
    local_fees: dict[str, Any] | None = None,
    **fields: Any,
) -> ProcedureVersion:
    """Change a draft (a published version is refused). In a procedure adopted from a template
    only the local fields and the amounts of local fees change; `documents`/`fees`, when given,
    replace the lists."""
    node = version.collectivity
    _authorize(actor, _manage_action(node), version)
    with transaction.atomic():
        version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != VersionStatus.DRAFT:
            raise ImmutableVersionError(_("A published version cannot be changed."))
        adopted = version.procedure.template_id is not None
        allowed = LOCAL_FIELDS if adopted else set(CONTENT_FIELDS)
        refused = set(fields) - allowed
        if adopted and (documents is not None or fees is not None):
            refused |= {"documents", "fees"}
        if refused:
            raise ValidationError(
                {
                    "__all__": [
                        _("These fields cannot be changed here: %(f)s")
                        % {"f": ", ".join(sorted(refused))}
                    ]
                }
            )
        before = _snapshot(version)
        for name, value in fields.items():
            setattr(version, name, value)
        if documents is not None:
            doc_rows = _documents_from(documents, version)
        else:
            doc_rows = list(version.documents.all())
        fee_rows = _fees_from(fees, version) if fees is not None else list(version.fees.all())
        fee_changes = _apply_local_fees(fee_rows, local_fees)
        _check(version, doc_rows, fee_rows)
        version.save()
        if documents is not None:
            version.documents.all().delete()
            for document in doc_rows:
                document.save()
        if fees is not None:
            version.fees.all().delete()
        if fees is not None or fee_changes:
            for fee in fee_rows:
                fee.save()
        changes = diff(before, _snapshot(version))
        if documents is not None:
            changes["documents"] = len(doc_rows)
        if fees is not None:
            changes["fees"] = len(fee_rows)
        if fee_changes:
            changes["local_fees"] = fee_changes
        record(
            actor=actor,
            action="catalogue.version_update",
            collectivity=node,
            obj=version,
            changes=changes,
        )
    return version


def procedure_version_publish(*, actor: Any, version: ProcedureVersion) -> ProcedureVersion:
    """Publish a draft that states its legal basis and keeps within law 55.19; the previously
    published version is retired in the same transaction (cases keep the version they had)."""
    node = version.collectivity
    _authorize(actor, _manage_action(node), version)
    with transaction.atomic():
        version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != VersionStatus.DRAFT:
            raise ImmutableVersionError(_("Only a draft can be published."))
        _check(version, list(version.documents.all()), list(version.fees.all()), publishing=True)
        retired = _retire_published(version.procedure)
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        record(
            actor=actor,
            action="catalogue.version_publish",
            collectivity=node,
            obj=version,
            changes={
                "number": version.number,
                "retired": retired.number if retired is not None else None,
            },
        )
    return version


def procedure_version_new_draft(*, actor: Any, procedure: Procedure) -> ProcedureVersion:
    """A new draft copied from the procedure's latest version (one draft at a time)."""
    node = procedure.collectivity
    _authorize(actor, _manage_action(node), procedure)
    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
            raise ValidationError({"__all__": [_("This procedure already has a draft.")]})
        last = procedure.versions.order_by("-number").first()
        if last is None:
            raise ValidationError({"__all__": [_("This procedure has no version to copy.")]})
        draft = ProcedureVersion(
            collectivity_id=procedure.collectivity_id,
            procedure=procedure,
            number=last.number + 1,
            **{f: getattr(last, f) for f in CONTENT_FIELDS},
        )
        draft.save()
        _save_children(*_copy_children(last, draft))
        record(
            actor=actor,
            action="catalogue.version_new_draft",
            collectivity=node,
            obj=draft,
            changes={"number": draft.number, "copied_from": last.number},
        )
    return draft


def procedure_adopt(
    *,
    actor: Any,
    template: Procedure,
    collectivity: Collectivity,
    service_ar: str,
    service_fr: str,
    office_hours: str = "",
    local_fees: dict[str, Any] | None = None,
) -> ProcedureVersion:
    """A collectivity adopts a national template: its published version becomes the
    collectivity's published version 1, with the local service, hours and local fee amounts
    (an administrator within reach: 404 outside it, 403 for other roles)."""
    _authorize(actor, "catalogue.manage_local", collectivity)
    if template.template_id is not None or template.collectivity.kind != Kind.COUNTRY:
        raise ValidationError({"template": [_("Only a national template can be adopted.")]})
    source = template.versions.filter(status=VersionStatus.PUBLISHED).first()
    if source is None:
        raise ValidationError(
            {"template": [_("This template is not published; it cannot be adopted yet.")]}
        )
    if not (service_ar or "").strip() or not (service_fr or "").strip():
        raise ValidationError(
            {"service_ar": [_("Name the competent service in Arabic and in French.")]}
        )
    with transaction.atomic():
        if Procedure.objects.filter(collectivity=collectivity, template=template).exists():
            raise ValidationError({"template": [_("This template is already adopted here.")]})
        if Procedure.objects.filter(collectivity=collectivity, slug=template.slug).exists():
            raise ValidationError(
                {"template": [_("A local procedure already uses this address here.")]}
            )
        procedure = Procedure.objects.create(
            collectivity=collectivity, slug=template.slug, template=template
        )
        content = {f: getattr(source, f) for f in CONTENT_FIELDS}
        content.update(
            service_ar=service_ar.strip(),
            service_fr=service_fr.strip(),
            office_hours=(office_hours or "").strip(),
        )
        version = ProcedureVersion(
            collectivity=collectivity, procedure=procedure, number=1, **content
        )
        version.save()
        documents, fees = _copy_children(source, version)
        fee_changes = _apply_local_fees(fees, local_fees)
        _check(version, documents, fees, publishing=True)
        _save_children(documents, fees)
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        record(
            actor=actor,
            action="catalogue.procedure_adopt",
            collectivity=collectivity,
            obj=version,
            changes={
                "template": template.slug,
                "template_version": source.number,
                "service_ar": version.service_ar,
                "service_fr": version.service_fr,
                "office_hours": version.office_hours,
                "local_fees": fee_changes,
            },
        )
    return version

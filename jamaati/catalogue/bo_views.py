"""Back-office pages of the catalogue at the current collectivity (request.collectivity).

At the country node the national administrator writes the templates; in a commune the
administrator adopts them. Agents and signatories read. Every view authorizes its action; a
procedure of another collectivity answers 404 like a missing one.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jamaati.catalogue.forms import (
    EDITABLE_FIELDS,
    AdoptForm,
    ProcedureTemplateForm,
    ProcedureVersionForm,
    apply_service_errors,
)
from jamaati.catalogue.models import Procedure, ProcedureVersion, VersionStatus
from jamaati.catalogue.selectors import (
    procedure_get_for,
    procedure_latest_versions,
    procedure_list_for,
    procedure_template_get_published,
    procedure_template_list_adoptable,
    procedure_versions_for,
)
from jamaati.catalogue.services import (
    procedure_adopt,
    procedure_template_create,
    procedure_version_new_draft,
    procedure_version_publish,
    procedure_version_update,
)
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.tenancy.models import Collectivity, Kind


def _manage_action(node: Collectivity) -> str:
    return "catalogue.manage_templates" if node.kind == Kind.COUNTRY else "catalogue.manage_local"


def _draft_of(versions: list[ProcedureVersion]) -> ProcedureVersion | None:
    return next((v for v in versions if v.status == VersionStatus.DRAFT), None)


def _to_detail(node: Collectivity, procedure: Procedure) -> HttpResponse:
    return redirect("bo:procedure-detail", code=node.code, pk=procedure.pk)


def _show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def procedure_list(request: HttpRequest, code: str) -> HttpResponse:
    """The collectivity's procedures with the status of their latest version; in a commune,
    also the published national templates it has not adopted yet."""
    node = request.collectivity
    authorize(request.user, "catalogue.view_backoffice", node)
    procedures = list(procedure_list_for(request.user, collectivity=node))
    latest = procedure_latest_versions(procedures)
    rows = [(p, latest.get(p.pk)) for p in procedures]
    is_country = node.kind == Kind.COUNTRY
    adoptable = [] if is_country else list(procedure_template_list_adoptable(collectivity=node))
    context = {
        "node": node,
        "is_country": is_country,
        "rows": rows,
        "adoptable": [(t, t.published_versions[0]) for t in adoptable if t.published_versions],
        "can_manage": is_allowed(request.user, _manage_action(node), node),
    }
    return render(request, "catalogue/bo/procedure_list.html", context)


def procedure_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A procedure's versions and the content of its current one (the draft, when there is
    one), read-only, with the actions the actor may take."""
    node = request.collectivity
    procedure = procedure_get_for(request.user, pk, collectivity=node)
    authorize(request.user, "catalogue.view_backoffice", procedure)
    versions = procedure_versions_for(procedure)
    draft = _draft_of(versions)
    current = draft or next(
        (v for v in versions if v.status == VersionStatus.PUBLISHED),
        versions[0] if versions else None,
    )
    context = {
        "node": node,
        "procedure": procedure,
        "versions": versions,
        "current": current,
        "draft": draft,
        "can_manage": is_allowed(request.user, _manage_action(node), procedure),
    }
    return render(request, "catalogue/bo/procedure_detail.html", context)


def procedure_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Edit the draft's main fields (only the local ones for an adopted procedure); the law's
    checks come from the service, shown on the fields, and nothing is written on error."""
    node = request.collectivity
    procedure = procedure_get_for(request.user, pk, collectivity=node)
    authorize(request.user, _manage_action(node), procedure)
    draft = _draft_of(procedure_versions_for(procedure))
    if draft is None:
        messages.error(
            request,
            _("A published version cannot be changed. Create a new draft first, then edit it."),
        )
        return _to_detail(node, procedure)
    adopted = procedure.template_id is not None
    if request.method == "POST":
        form = ProcedureVersionForm(request.POST, adopted=adopted)
    else:
        initial = {name: getattr(draft, name) for name in EDITABLE_FIELDS}
        form = ProcedureVersionForm(adopted=adopted, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            procedure_version_update(actor=request.user, version=draft, **form.version_fields())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return _to_detail(node, procedure)
    context = {"node": node, "procedure": procedure, "draft": draft, "form": form}
    status = 400 if form.errors else 200
    return render(request, "catalogue/bo/procedure_edit.html", context, status=status)


def procedure_new(request: HttpRequest, code: str) -> HttpResponse:
    """A national administrator creates a template and its first draft."""
    node = request.collectivity
    authorize(request.user, "catalogue.manage_templates", node)
    form = ProcedureTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = procedure_template_create(
                actor=request.user, slug=form.cleaned_data["slug"], **form.version_fields()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The template is created as a draft."))
            return _to_detail(node, version.procedure)
    status = 400 if form.errors else 200
    return render(
        request, "catalogue/bo/procedure_new.html", {"node": node, "form": form}, status=status
    )


def procedure_publish(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """POST: publish the draft (the previous version is retired); refusals shown as messages,
    nothing written. GET: back to the procedure."""
    node = request.collectivity
    procedure = procedure_get_for(request.user, pk, collectivity=node)
    authorize(request.user, _manage_action(node), procedure)
    if request.method == "POST":
        draft = _draft_of(procedure_versions_for(procedure))
        try:
            if draft is None:
                raise ValidationError(_("There is no draft to publish."))
            procedure_version_publish(actor=request.user, version=draft)
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("The version is published."))
    return _to_detail(node, procedure)


def procedure_new_draft(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """POST: a new draft copied from the latest version. GET: back to the procedure."""
    node = request.collectivity
    procedure = procedure_get_for(request.user, pk, collectivity=node)
    authorize(request.user, _manage_action(node), procedure)
    if request.method == "POST":
        try:
            procedure_version_new_draft(actor=request.user, procedure=procedure)
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("A new draft is ready to edit."))
    return _to_detail(node, procedure)


def procedure_adopt_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET: the template's local fields to fill in; POST: adopt it, then the new procedure."""
    node = request.collectivity
    template = procedure_template_get_published(pk=pk)
    authorize(request.user, "catalogue.manage_local", node)
    source = next(
        v for v in procedure_versions_for(template) if v.status == VersionStatus.PUBLISHED
    )
    local_fees = [fee for fee in source.fees.all() if fee.is_local]
    form = AdoptForm(request.POST or None, local_fees=local_fees)
    if request.method == "POST" and form.is_valid():
        try:
            version = procedure_adopt(
                actor=request.user,
                template=template,
                collectivity=node,
                service_ar=form.cleaned_data["service_ar"],
                service_fr=form.cleaned_data["service_fr"],
                office_hours=form.cleaned_data["office_hours"],
                local_fees=form.local_fee_amounts(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The procedure is adopted and published."))
            return _to_detail(node, version.procedure)
    context = {"node": node, "template": template, "source": source, "form": form}
    status = 400 if form.errors else 200
    return render(request, "catalogue/bo/procedure_adopt.html", context, status=status)

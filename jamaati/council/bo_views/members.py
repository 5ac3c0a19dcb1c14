"""Council members and committees."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import _in_office, _today, _url
from jamaati.council.forms import (
    CommitteeForm,
    LeaveForm,
    MemberForm,
    MemberUpdateForm,
    apply_service_errors,
)
from jamaati.council.models import Member
from jamaati.council.services import members as members_services


def member_list(request: HttpRequest, code: str) -> HttpResponse:
    node = request.collectivity
    context = sel.member_list(request.user, collectivity=node)
    context.update(
        {
            "node": node,
            "can_manage": is_allowed(request.user, "council.manage", Member(collectivity=node)),
        }
    )
    return render(request, "council/bo/member_list.html", context)


def member_create(request: HttpRequest, code: str) -> HttpResponse:
    node = request.collectivity
    authorize(request.user, "council.manage", Member(collectivity=node))
    form = MemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = members_services.member_add(
                actor=request.user, collectivity=node, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The member is recorded."))
            return redirect("bo:member-detail", code=node.code, member_id=member.pk)
    return render(
        request,
        "council/bo/form_page.html",
        {
            "node": node,
            "form": form,
            "title": _("New council member"),
            "submit": _("Record the member"),
            "back_url": _url("member-list", Member(collectivity=node)),
            "back_label": _("Council members"),
        },
    )


def member_detail(request: HttpRequest, code: str, member_id: int) -> HttpResponse:
    """The member's record; POST `action`=update (edit) or leave (end of office)."""
    member = sel.member_get_for_staff(request.user, member_id, collectivity=request.collectivity)
    can_manage = is_allowed(request.user, "council.manage", member)
    update = MemberUpdateForm(
        prefix="update",
        initial={f: getattr(member, f) for f in MemberUpdateForm.base_fields},
    )
    leave = LeaveForm(prefix="leave")
    failed = False
    if request.method == "POST":
        authorize(request.user, "council.manage", member)
        action = str(request.POST.get("action", ""))
        if action not in ("update", "leave"):
            raise Http404
        if action == "update":
            update = MemberUpdateForm(request.POST, prefix="update")
            form: forms.Form = update
        else:
            leave = LeaveForm(request.POST, prefix="leave")
            form = leave
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "update":
                    members_services.member_update(actor=request.user, member=member, **data)
                else:
                    members_services.member_leave(
                        actor=request.user,
                        member=member,
                        left_on=data["left_on"],
                        reason=data["reason"],
                    )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The member's record is updated."))
                return redirect(
                    "bo:member-detail", code=member.collectivity.code, member_id=member.pk
                )
        failed = True
    context = {
        "node": member.collectivity,
        "member": member,
        "in_office": member.in_office_on(_today()),
        "can_manage": can_manage,
        "update": update,
        "leave": leave,
        "failed": failed,
        **sel.member_record(member),
    }
    return render(request, "council/bo/member_detail.html", context, status=200)


def committee_create(request: HttpRequest, code: str) -> HttpResponse:
    node = request.collectivity
    authorize(request.user, "council.manage", Member(collectivity=node))
    members = _in_office(node)
    form = CommitteeForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            members_services.committee_add(
                actor=request.user,
                collectivity=node,
                name_ar=data["name_ar"],
                name_fr=data["name_fr"],
                is_standing=data.get("is_standing", False),
                chair=data.get("chair"),
                members=list(data.get("members") or ()),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The committee is created."))
            return redirect("bo:member-list", code=node.code)
    return render(
        request,
        "council/bo/form_page.html",
        {
            "node": node,
            "form": form,
            "title": _("New committee"),
            "submit": _("Create the committee"),
            "back_url": _url("member-list", Member(collectivity=node)),
            "back_label": _("Council members"),
        },
    )

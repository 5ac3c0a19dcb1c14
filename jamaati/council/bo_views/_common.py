"""What every back-office page of the council shares: an action table (form, rule, service
call), forms bound to an object, the error summary, links."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.council import selectors as sel
from jamaati.council.forms import (
    CloseDoorForm,
    CommitteeForm,
    ItemForm,
    QuestionForm,
    RequestForm,
    apply_service_errors,
)


@dataclass(frozen=True)
class Action:
    """One action of a page: its form, the rule that allows it, and the service call."""

    name: str
    label: Any
    form: type[forms.Form]
    permission: str
    run: Callable[..., Any]
    secondary: bool = False
    hint: Any = ""


def _today() -> Any:
    return timezone.localdate()


def _in_office(node: Any) -> Any:
    return sel.members_in_office(node, _today())


def _form_kwargs(action: Action, obj: Any) -> dict[str, Any]:
    node = obj.collectivity
    if action.form is ItemForm:
        return {"collectivity": node, "members": _in_office(node)}
    if action.form in (QuestionForm, CloseDoorForm, RequestForm, CommitteeForm):
        return {"members": _in_office(node)}
    return {}


def _build_form(action: Action, obj: Any, data: Any = None, files: Any = None) -> forms.Form:
    return action.form(data, files, prefix=action.name, **_form_kwargs(action, obj))


def _perform(request: HttpRequest, obj: Any, action: Action, form: forms.Form) -> tuple[bool, Any]:
    """Validate and call the service; (True, result) or (False, None) with the errors on the
    form."""
    if not form.is_valid():
        return False, None
    try:
        result = action.run(request.user, obj, form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False, None
    return True, result


def _action_rows(
    request: HttpRequest,
    obj: Any,
    actions: dict[str, Action],
    offered: list[str],
    url_name: str,
    url_kwargs: dict[str, Any],
    failed: tuple[str, forms.Form] | None,
) -> list[dict[str, Any]]:
    rows = []
    if failed and failed[0] in actions and failed[0] not in offered:
        # The action is no longer possible: its form comes back with the reason.
        offered = [failed[0], *offered]
    for name in offered:
        action = actions[name]
        if not is_allowed(request.user, action.permission, obj):
            continue
        form = failed[1] if failed and failed[0] == name else _build_form(action, obj)
        rows.append(
            {
                "name": name,
                "action": action,
                "form": form,
                "url": _url(url_name, obj, action=name, **url_kwargs),
            }
        )
    return rows


def _url(name: str, obj: Any, **kwargs: Any) -> str:
    from django.urls import reverse

    return reverse(f"bo:{name}", kwargs={"code": obj.collectivity.code, **kwargs})


def _act(
    request: HttpRequest,
    obj: Any,
    actions: dict[str, Action],
    action_name: str,
    render_page: Callable[..., HttpResponse],
    back: Callable[[], HttpResponse],
) -> HttpResponse:
    """POST one action on `obj`: the page again with the messages when the input or the law
    says no (nothing written), else a redirect with a confirmation."""
    action = actions.get(action_name)
    if action is None:
        raise Http404
    if request.method != "POST":
        return back()
    authorize(request.user, action.permission, obj)
    form = _build_form(action, obj, request.POST, request.FILES)
    done, result = _perform(request, obj, action, form)
    if not done:
        return render_page(failed=(action_name, form))
    messages.success(request, _("Done: %(action)s.") % {"action": action.label})
    if isinstance(result, HttpResponse):
        return result
    return back()

"""transition(): the only code that changes a workflow state."""

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record, to_plain
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.deadlines.services import (
    DeadlineRefused,
    deadline_extend,
    deadline_resume,
    deadline_start,
    deadline_stop,
    deadline_suspend,
)
from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.tenancy.models import TenantModel
from jamaati.core.workflow.declarations import Transition, Workflow
from jamaati.core.workflow.models import TransitionLog
from jamaati.core.workflow.system import SYSTEM, SystemActor

logger = logging.getLogger(__name__)

Hook = Callable[[Any, str, Any, dict[str, Any]], None]
_HOOKS: dict[str, list[Hook]] = {}


class TransitionNotAllowed(ValidationError):  # noqa: N818  (reads as the outcome)
    """The transition cannot be applied now (wrong state, a guard or a clock rule said no);
    nothing was written. A ValidationError, so views show its message."""


def on_transition(workflow_name: str, callback: Hook | None = None) -> Any:
    """Register `callback(obj, transition_name, actor, data)`, run after the commit of every
    transition of that workflow (a failing callback is logged and does not affect others).
    Usable as a decorator: `@on_transition("permit")`."""

    def register(func: Hook) -> Hook:
        hooks = _HOOKS.setdefault(workflow_name, [])
        if func not in hooks:
            hooks.append(func)
        return func

    return register(callback) if callback is not None else register


def workflow_of(obj: Any) -> Workflow:
    """The `workflow` declared on the object's model; the model must be a TenantModel."""
    workflow = getattr(type(obj), "workflow", None)
    if not isinstance(obj, TenantModel) or not isinstance(workflow, Workflow):
        raise ImproperlyConfigured(
            f"{type(obj).__name__} needs to be a TenantModel with a `workflow: Workflow` attribute"
        )
    return workflow


def transition(
    obj: models.Model,
    name: str,
    *,
    actor: Any,
    effective_on: date | None = None,
    **data: Any,
) -> Any:
    """Apply the transition `name` to `obj` for `actor`; return the object as saved.

    In one transaction: lock the row, authorize (Http404 / PermissionDenied), check the
    source state and the guards (TransitionNotAllowed), save the state, write the transition
    log and the audit event, start / stop / suspend / resume / extend the declared clocks,
    and queue the app's hooks for after the commit. `data` is the transition's input
    (reason, missing documents...): guards see it, the log and the audit event keep it.
    `effective_on` is the day the step legally happened when it is recorded later (a request
    received on paper, a governor's letter): the clocks start and stop on that day, and the
    log and the audit event keep it; today when omitted.
    """
    workflow = workflow_of(obj)
    t = workflow.get(name)
    if effective_on is not None and (
        type(effective_on) is not date or effective_on > timezone.localdate()
    ):
        raise TransitionNotAllowed(
            _("The day a step happened cannot be in the future."), code="effective_on"
        )
    with transaction.atomic():
        # Lock the object's row only (`of`), and read its collectivity in the same query.
        current = (
            type(obj)
            ._base_manager.select_for_update(of=("self",))
            .select_related("collectivity")
            .get(pk=obj.pk)
        )
        _authorize(workflow, t, current, actor)
        before = str(getattr(current, workflow.state_field))
        if before not in t.sources:
            raise TransitionNotAllowed(
                _("“%(transition)s” is not possible while the file is “%(state)s”."),
                code="transition_not_allowed",
                params={"transition": t.display, "state": workflow.state_label(before)},
            )
        for guard in t.guards:
            message = guard(current, actor, data)
            if message:
                raise TransitionNotAllowed(message, code="transition_guard")
        setattr(current, workflow.state_field, t.target)
        current.save(update_fields=[workflow.state_field])
        plain = to_plain(data)
        if effective_on is not None:
            plain["effective_on"] = effective_on.isoformat()
        actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        TransitionLog.objects.create(
            collectivity_id=current.collectivity_id,
            content_type=ContentType.objects.get_for_model(current),
            object_id=str(current.pk),
            workflow=workflow.name,
            transition=t.name,
            source=before,
            target=t.target,
            actor_id=actor_id,
            actor_label=actor.get_username() if actor_id else str(actor),
            data=plain,
        )
        record(
            actor=actor,
            action=f"{workflow.name}.{t.name}",
            collectivity=current.collectivity,
            obj=current,
            changes={**plain, "state": [before, t.target]},
        )
        try:
            _drive_clocks(workflow, t, current, actor, effective_on)
        except DeadlineRefused as exc:
            raise TransitionNotAllowed(exc.error_list) from exc
        for hook in _HOOKS.get(workflow.name, ()):
            transaction.on_commit(_later(hook, current, t.name, actor, dict(data)), robust=True)
    return current


def _later(hook: Hook, *args: Any) -> Callable[[], None]:
    """The hook bound to its arguments, named after it (Django logs a failing robust
    on-commit callback by its qualified name, which a functools.partial lacks)."""

    def run_hook() -> None:
        hook(*args)

    run_hook.__qualname__ = getattr(hook, "__qualname__", repr(hook))
    return run_hook


def _authorize(workflow: Workflow, t: Transition, obj: Any, actor: Any) -> None:
    """authorize() for people; the deadline clock only for the outcome of its expired clock."""
    if not isinstance(actor, SystemActor):
        authorize(actor, t.permission, obj)
        return
    expired = Deadline.objects.of(obj).filter(status=Deadline.Status.EXPIRED, on_expiry=t.name)
    if actor is not SYSTEM or t.name not in workflow.expiry_transitions or not expired.exists():
        raise PermissionDenied(f"{actor} may apply only the outcome of an expired clock")


def _drive_clocks(
    workflow: Workflow, t: Transition, obj: Any, actor: Any, on: date | None = None
) -> None:
    """Stop, suspend, resume and extend the named clocks, then start the new ones, on day
    `on` (today when None)."""
    for kind in t.stops:
        deadline = deadline_open_of(obj, kind)
        if deadline is not None:  # an expired clock needs no stopping
            deadline_stop(actor=actor, deadline=deadline, on=on)
    for kind in t.suspends:
        spec = clock_spec(workflow, obj, kind)
        deadline_suspend(
            actor=actor,
            deadline=_open(obj, kind),
            on=on,
            max_suspensions=spec.max_suspensions,
            within_first_half=spec.suspend_within_first_half,
        )
    for kind in t.resumes:
        deadline_resume(actor=actor, deadline=_open(obj, kind), on=on)
    for kind in t.extends:
        spec = clock_spec(workflow, obj, kind)
        deadline_extend(
            actor=actor,
            deadline=_open(obj, kind),
            days=spec.extension_length,
            max_extensions=spec.max_extensions,
            on=on,
        )
    for spec in t.starts:
        deadline_start(actor=actor, owner=obj, spec=clock_spec(workflow, obj, spec.kind), on=on)


def clock_spec(workflow: Workflow, obj: Any, kind: str) -> DeadlineSpec:
    """The clock `kind` as it applies to `obj`.

    A workflow declares each clock with its legal basis; an object whose delay depends on its
    own data (a procedure's maximum delay, whether its silence means acceptance) refines it
    with a `clock_for(spec) -> DeadlineSpec` method. The refinement keeps the kind, and may
    only expire into a transition of the workflow.
    """
    declared = workflow.specs[kind]
    refine = getattr(obj, "clock_for", None)
    if refine is None:
        return declared
    spec = refine(declared)
    if spec.kind != declared.kind:
        raise ImproperlyConfigured(f"clock_for() changed the kind of clock {kind!r}")
    if spec.on_expiry and spec.on_expiry not in workflow.by_name:
        raise ImproperlyConfigured(
            f"clock {kind!r} of {workflow.name!r} expires into unknown {spec.on_expiry!r}"
        )
    return spec


def _open(obj: Any, kind: str) -> Deadline:
    deadline = deadline_open_of(obj, kind)
    if deadline is None:
        raise DeadlineRefused(
            _("The “%(kind)s” delay is not running."),
            code="deadline_missing",
            params={"kind": kind},
        )
    return deadline

"""Declarative workflows; `transition()` is the only code that changes a state.

Workflow, Transition, DeadlineSpec, Guard   declarations (data), validated when declared
transition(obj, name, *, actor, **data)     apply one transition (see engine.py)
TransitionNotAllowed                        wrong state, guard or clock rule (a ValidationError)
on_transition(workflow_name, callback)      after-commit hooks (notifications live in apps)
SYSTEM                                      the deadline clock, for expiry outcomes only
"""

from jamaati.core.deadlines.specs import CALENDAR, WORKING, DeadlineSpec
from jamaati.core.workflow.declarations import Guard, Transition, Workflow, WorkflowError
from jamaati.core.workflow.engine import (
    TransitionNotAllowed,
    on_transition,
    transition,
    workflow_of,
)
from jamaati.core.workflow.system import SYSTEM, SystemActor

__all__ = [
    "CALENDAR",
    "SYSTEM",
    "WORKING",
    "DeadlineSpec",
    "Guard",
    "SystemActor",
    "Transition",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowError",
    "on_transition",
    "transition",
    "workflow_of",
]

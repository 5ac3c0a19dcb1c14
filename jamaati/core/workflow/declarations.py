"""Workflows declared as data: states, transitions, guards and the clocks they drive."""

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import translation

from jamaati.core.deadlines.specs import DeadlineSpec

# A guard returns a translated refusal message, or None to let the transition through.
Guard = Callable[[Any, Any, dict[str, Any]], str | None]


class WorkflowError(ImproperlyConfigured):
    """A workflow declaration that cannot be right (raised when the module is imported)."""


def _plain(value: Any) -> str:
    """A state as the plain string stored in the database (TextChoices members included)."""
    return str(getattr(value, "value", value))


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class Transition:
    """A move from any of `sources` to `target`, allowed by the policy `permission`.

    `starts` clocks begin, `suspends` / `resumes` / `extends` / `stops` name the kinds of
    clocks (started by this workflow) that the move affects. `notify` lists the audiences the
    app's notification hook should tell (the engine itself sends nothing).
    """

    name: str
    sources: frozenset[str]
    target: str
    permission: str
    guards: tuple[Guard, ...] = ()
    starts: tuple[DeadlineSpec, ...] = ()
    suspends: tuple[str, ...] = ()
    resumes: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    notify: tuple[str, ...] = ()
    label: Any = ""  # a gettext_lazy label for messages; the name when empty

    def __post_init__(self) -> None:
        sources = {self.sources} if isinstance(self.sources, str) else self.sources
        object.__setattr__(self, "sources", frozenset(_plain(s) for s in sources))
        object.__setattr__(self, "target", _plain(self.target))
        starts = (self.starts,) if isinstance(self.starts, DeadlineSpec) else tuple(self.starts)
        object.__setattr__(self, "starts", starts)
        object.__setattr__(self, "guards", tuple(self.guards))
        for attr in ("suspends", "resumes", "stops", "extends", "notify"):
            object.__setattr__(self, attr, _names(getattr(self, attr)))
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise WorkflowError(f"transition {self.name!r}: use a lowercase verb (a_b_c)")
        if not self.sources:
            raise WorkflowError(f"transition {self.name!r} has no source state")
        if not self.permission:
            raise WorkflowError(f"transition {self.name!r} needs a permission (a policy action)")

    @property
    def display(self) -> str:
        return str(self.label or self.name)


@dataclass(frozen=True)
class Workflow:
    """A process's life cycle. Validated when declared: unique transition names, states known
    to `states` (when given), clock kinds and expiry outcomes that exist in this workflow."""

    name: str
    transitions: tuple[Transition, ...]
    state_field: str = "state"
    states: type[models.TextChoices] | None = None
    by_name: dict[str, Transition] = field(init=False, repr=False, compare=False)
    specs: dict[str, DeadlineSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "transitions", tuple(self.transitions))
        if not self.name.isidentifier():
            raise WorkflowError(f"workflow name {self.name!r} must be an identifier")
        if not self.transitions:
            raise WorkflowError(f"workflow {self.name!r} has no transition")
        by_name: dict[str, Transition] = {}
        specs: dict[str, DeadlineSpec] = {}
        for t in self.transitions:
            if t.name in by_name:
                raise WorkflowError(
                    f"workflow {self.name!r}: transition {t.name!r} is declared twice"
                )
            by_name[t.name] = t
            for spec in t.starts:
                if specs.get(spec.kind, spec) != spec:
                    raise WorkflowError(
                        f"workflow {self.name!r}: clock {spec.kind!r} is started with two "
                        "different declarations"
                    )
                specs[spec.kind] = spec
        object.__setattr__(self, "by_name", by_name)
        object.__setattr__(self, "specs", specs)
        known = set(self.states.values) if self.states is not None else None
        for t in self.transitions:
            if known is not None:
                unknown = sorted((t.sources | {t.target}) - known)
                if unknown:
                    raise WorkflowError(
                        f"workflow {self.name!r}: transition {t.name!r} uses unknown states "
                        f"{unknown}"
                    )
            for attr in ("suspends", "resumes", "stops", "extends"):
                for kind in getattr(t, attr):
                    if kind not in specs:
                        raise WorkflowError(
                            f"workflow {self.name!r}: transition {t.name!r} {attr} clock "
                            f"{kind!r}, which no transition starts"
                        )
        for spec in specs.values():
            if spec.on_expiry is not None and spec.on_expiry not in by_name:
                raise WorkflowError(
                    f"workflow {self.name!r}: clock {spec.kind!r} expires into "
                    f"{spec.on_expiry!r}, which is not a transition of this workflow"
                )

    def get(self, name: str) -> Transition:
        """The transition called `name`; LookupError names the workflow when there is none."""
        try:
            return self.by_name[name]
        except KeyError:
            raise LookupError(f"workflow {self.name!r} has no transition {name!r}") from None

    @property
    def expiry_transitions(self) -> frozenset[str]:
        """Names of the transitions some clock applies when it runs out."""
        return frozenset(s.on_expiry for s in self.specs.values() if s.on_expiry)

    def state_label(self, value: str) -> str:
        """The state's label (translated) when `states` is declared, else its value."""
        if self.states is not None and value in self.states.values:
            return str(self.states(value).label)
        return value

    def all_states(self) -> frozenset[str]:
        """The declared states, or every state a transition mentions."""
        if self.states is not None:
            return frozenset(self.states.values)
        return frozenset(s for t in self.transitions for s in (*t.sources, t.target))

    def reachable_states(self, initial: Iterable[Any]) -> frozenset[str]:
        """Every state reachable from the `initial` states (included) through transitions."""
        seen = {_plain(s) for s in initial}
        queue = deque(seen)
        while queue:
            state = queue.popleft()
            for t in self.transitions:
                if state in t.sources and t.target not in seen:
                    seen.add(t.target)
                    queue.append(t.target)
        return frozenset(seen)

    def to_mermaid(self, initial: Iterable[Any] = ()) -> str:
        """The workflow as a Mermaid `stateDiagram-v2` (labels in English), for the docs."""
        lines = ["stateDiagram-v2"]
        with translation.override("en"):
            if self.states is not None:
                lines += [f"    {value} : {label}" for value, label in self.states.choices]
        lines += [f"    [*] --> {_plain(s)}" for s in sorted(_plain(s) for s in initial)]
        for t in self.transitions:
            notes = [f"starts {s.kind}" for s in t.starts]
            notes += [
                f"{verb} {k}"
                for verb in ("suspends", "resumes", "extends", "stops")
                for k in getattr(t, verb)
            ]
            notes += [
                f"when {s.kind} expires" for s in self.specs.values() if s.on_expiry == t.name
            ]
            text = t.name + (f" ({', '.join(notes)})" if notes else "")
            lines += [f"    {source} --> {t.target} : {text}" for source in sorted(t.sources)]
        return "\n".join(lines) + "\n"

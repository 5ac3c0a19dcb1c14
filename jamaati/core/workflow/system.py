"""The actor of work no person does: the deadline clock applying a delay's legal outcome."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """A named non-human actor. It is not authenticated and holds no membership, so every
    policy refuses it; the workflow engine lets `SYSTEM` through only for the legal outcome
    of an expired clock."""

    name: str
    is_authenticated: bool = False
    is_active: bool = False
    pk: None = None

    def __str__(self) -> str:
        return self.name


SYSTEM = SystemActor("deadline-clock")

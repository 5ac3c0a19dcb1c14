"""Recording audit events on a per-collectivity SHA-256 chain, and verifying the chains."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from jamaati.core.audit.models import AuditEvent, AuditHead
from jamaati.core.tenancy.models import Collectivity

GENESIS = "0" * 64


def to_plain(value: Any) -> Any:
    """A JSON-safe copy of a value: dates, decimals and others as text, model instances as
    their primary key, containers element by element."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return str(value)


def event_digest(
    *,
    collectivity_code: str,
    seq: int,
    at_iso: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    changes: dict,
    prev_hash: str,
) -> str:
    """SHA-256 of the canonical JSON of the event's content, followed by the previous hash."""
    content = json.dumps(
        {
            "collectivity": collectivity_code,
            "seq": seq,
            "at": at_iso,
            "actor_id": actor_id,
            "actor_label": actor_label,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "changes": changes,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((content + prev_hash).encode()).hexdigest()


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [before, after]}` for the fields whose values differ."""
    keys = sorted(set(before) | set(after))
    return {
        k: [to_plain(before.get(k)), to_plain(after.get(k))]
        for k in keys
        if to_plain(before.get(k)) != to_plain(after.get(k))
    }


def record(
    *,
    actor: Any,
    action: str,
    collectivity: Collectivity,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the collectivity's chain, inside the caller's transaction.

    The chain head is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers),
    so concurrent writers in one collectivity produce one linear chain.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the writing service's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    head = _locked_head(collectivity)
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    actor_label = actor.get_username() if actor_id else (str(actor) if actor else "system")
    at = timezone.now()
    plain_changes = to_plain(changes or {})
    seq = head.seq + 1
    digest = event_digest(
        collectivity_code=collectivity.code,
        seq=seq,
        at_iso=at.isoformat(),
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        changes=plain_changes,
        prev_hash=head.hash,
    )
    event = AuditEvent.objects.create(
        collectivity=collectivity,
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        changes=plain_changes,
        prev_hash=head.hash,
        hash=digest,
    )
    AuditHead.objects.filter(pk=head.pk).update(seq=seq, hash=digest)
    return event


def _locked_head(collectivity: Collectivity) -> AuditHead:
    """The chain head, locked for this transaction; created at genesis on first use."""
    head = AuditHead.objects.select_for_update().filter(collectivity=collectivity).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            AuditHead.objects.create(collectivity=collectivity, seq=0, hash=GENESIS)
    except IntegrityError:
        pass  # another writer created it first; lock theirs below
    return AuditHead.objects.select_for_update().get(collectivity=collectivity)


@dataclass(frozen=True)
class Break:
    collectivity_code: str
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"chain {self.collectivity_code}: event #{self.seq}: {self.reason}"


def verify_chain(collectivity: Collectivity) -> Break | None:
    """The first broken link of one collectivity's chain, or None when it is intact.

    Detects an altered event (hash mismatch), a deleted or inserted one (sequence gap or
    prev_hash mismatch) and a cut tail (the head names a later event than the last one).
    """
    expected_prev, expected_seq = GENESIS, 1
    events = AuditEvent.objects.filter(collectivity=collectivity).order_by("seq").iterator(2000)
    for ev in events:
        if ev.seq != expected_seq:
            return Break(collectivity.code, expected_seq, f"missing (next is #{ev.seq})")
        if ev.prev_hash != expected_prev:
            return Break(collectivity.code, ev.seq, "previous-hash link does not match")
        recomputed = event_digest(
            collectivity_code=collectivity.code,
            seq=ev.seq,
            at_iso=ev.at.isoformat(),
            actor_id=ev.actor_id,
            actor_label=ev.actor_label,
            action=ev.action,
            object_type=ev.object_type,
            object_id=ev.object_id,
            changes=ev.changes,
            prev_hash=ev.prev_hash,
        )
        if recomputed != ev.hash:
            return Break(collectivity.code, ev.seq, "content does not match its hash")
        expected_prev, expected_seq = ev.hash, ev.seq + 1
    head = AuditHead.objects.filter(collectivity=collectivity).first()
    if head is not None and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        return Break(collectivity.code, expected_seq, f"head names #{head.seq}: events cut")
    return None


def chained_collectivities() -> Iterator[Collectivity]:
    """Every collectivity that has a chain (events or a head)."""
    ids = set(AuditHead.objects.values_list("collectivity_id", flat=True)) | set(
        AuditEvent.objects.values_list("collectivity_id", flat=True).distinct()
    )
    yield from Collectivity.objects.filter(pk__in=ids).order_by("code").iterator()

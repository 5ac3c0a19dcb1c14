import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from jamaati.core.audit.chain import GENESIS, diff, record, verify_chain
from jamaati.core.audit.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


def _write(collectivity, n, action="test.write"):
    with transaction.atomic():
        for i in range(n):
            record(
                actor="tester",
                action=action,
                collectivity=collectivity,
                object_type="test.thing",
                object_id=str(i),
                changes={"title": ["old", f"new {i}"], "when": None},
            )


def test_record_chains_events_of_one_collectivity(commune_a):
    _write(commune_a, 3)
    events = list(AuditEvent.objects.filter(collectivity=commune_a).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert AuditHead.objects.get(collectivity=commune_a).hash == events[2].hash
    assert verify_chain(commune_a) is None


def test_chains_of_two_collectivities_are_independent(commune_a, commune_b):
    _write(commune_a, 2)
    _write(commune_b, 1)
    assert AuditEvent.objects.get(collectivity=commune_b).seq == 1
    assert verify_chain(commune_a) is None
    assert verify_chain(commune_b) is None


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction(territory):
    commune = territory.get(code="07.427.01.01")
    with pytest.raises(RuntimeError):
        record(actor="x", action="a", collectivity=commune)
    assert not AuditEvent.objects.filter(collectivity=commune).exists()


def test_record_stores_actor_object_and_changes(commune_a, django_user_model):
    user = django_user_model.objects.create_user(username="clerk", password="x" * 12)
    with transaction.atomic():
        event = record(
            actor=user,
            action="thing.update",
            collectivity=commune_a,
            obj=user,
            changes=diff({"a": 1, "b": 2}, {"a": 1, "b": 3}),
        )
    assert event.actor_id == user.pk
    assert event.actor_label == "clerk"
    assert event.object_type == "accounts.user"
    assert event.object_id == str(user.pk)
    assert event.changes == {"b": [2, 3]}


def test_audit_verify_detects_an_event_changed_with_raw_sql(commune_a):
    _write(commune_a, 4)
    target = AuditEvent.objects.get(collectivity=commune_a, seq=2)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE id = %s", ["forged", target.pk])
    broken = verify_chain(commune_a)
    assert broken is not None
    assert broken.seq == 2
    with pytest.raises(CommandError, match=r"07\.427\.01\.01.*#2"):
        call_command("audit_verify")


def test_audit_verify_detects_a_deleted_event(commune_a):
    _write(commune_a, 4)
    target = AuditEvent.objects.get(collectivity=commune_a, seq=3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [target.pk])
    broken = verify_chain(commune_a)
    assert broken is not None
    assert broken.seq == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_audit_verify_detects_a_cut_tail(commune_a):
    _write(commune_a, 3)
    last = AuditEvent.objects.get(collectivity=commune_a, seq=3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [last.pk])
    assert verify_chain(commune_a) is not None


def test_audit_verify_detects_a_rewritten_changes_field(commune_a):
    _write(commune_a, 2)
    target = AuditEvent.objects.get(collectivity=commune_a, seq=1)
    AuditEvent.objects.filter(pk=target.pk).update(changes={"title": ["old", "forged"]})
    assert verify_chain(commune_a).seq == 1


def test_audit_verify_passes_on_intact_chains(commune_a, capsys):
    _write(commune_a, 2)
    call_command("audit_verify")
    assert "no broken link" in capsys.readouterr().out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_linear_chain(territory):
    commune = territory.get(code="07.427.01.01")
    errors = []

    def writer(n):
        try:
            for _ in range(10):
                _write(commune, 1, action=f"thread.{n}")
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(AuditEvent.objects.filter(collectivity=commune).values_list("seq", flat=True))
    assert sorted(seqs) == list(range(1, 61))
    assert verify_chain(commune) is None

"""Two people apply the same transition at the same moment: the row lock lets one through and
the other finds the state already changed. Runs on SQLite (writers serialised) and PostgreSQL
(SELECT ... FOR UPDATE)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import verify_chain
from jamaati.core.workflow import TransitionNotAllowed, transition
from jamaati.core.workflow.models import TransitionLog
from tests.workflow_app.factories import DossierFactory
from tests.workflow_app.models import Dossier, State


@pytest.mark.parametrize(
    ("name", "source", "target", "role"),
    [
        # submit also starts the decision clock; decide starts none, so only the lock stops
        # the second decision.
        ("submit", State.DRAFT, State.SUBMITTED, Role.AGENT),
        ("decide", State.SUBMITTED, State.DECIDED, Role.SIGNATORY),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_the_same_transition_applied_twice_at_once_succeeds_once(
    territory, name, source, target, role
):
    commune = territory.get(code="07.427.01.01")
    people = [StaffFactory(collectivity=commune, role=role) for _ in range(2)]
    dossier = DossierFactory(collectivity=commune, state=source)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def apply(person_pk):
        try:
            actor = get_user_model().objects.get(pk=person_pk)
            stale = Dossier.objects.get(pk=dossier.pk)  # both read the source state first
            start.wait(timeout=10)
            transition(stale, name, actor=actor)
            outcomes.append("ok")
        except TransitionNotAllowed:
            outcomes.append("refused")
        except Exception as exc:  # a deadlock or a lock timeout would show here
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(p.pk,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(outcomes) == ["ok", "refused"]
    assert Dossier.objects.get(pk=dossier.pk).state == target
    assert TransitionLog.objects.filter(transition=name).count() == 1
    assert verify_chain(commune) is None

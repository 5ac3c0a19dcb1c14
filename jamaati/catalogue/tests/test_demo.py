from io import StringIO

import pytest
from django.core.management import call_command

from jamaati.catalogue.demo import DEMO_COMMUNE, TEMPLATES
from jamaati.catalogue.models import Procedure, ProcedureVersion, VersionStatus
from jamaati.catalogue.selectors import procedure_list_public
from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("load_catalogue_demo", stdout=out)
    return out.getvalue()


def test_demo_publishes_templates_and_ben_guerir_adopts_them_when_loaded():
    output = _run()

    commune = Collectivity.objects.get(code=DEMO_COMMUNE)
    published = [t for t in TEMPLATES if t.get("publish", True)]
    assert len(published) >= 8
    national = procedure_list_public(collectivity=Collectivity.objects.get(code="MA"))
    assert national.count() == len(published)
    assert procedure_list_public(collectivity=commune).count() == len(published)
    assert all(v.legal_basis_text for v in national)
    drafts = ProcedureVersion.objects.filter(collectivity__code="MA", status=VersionStatus.DRAFT)
    assert {v.procedure.slug for v in drafts} == {"certified-true-copy", "residence-certificate"}
    assert AuditEvent.objects.filter(
        collectivity=commune, action="catalogue.procedure_adopt"
    ).count() == len(published)
    assert "change(s) written" in output
    assert verify_chain(commune) is None
    assert verify_chain(Collectivity.objects.get(code="MA")) is None


def test_demo_writes_nothing_when_loaded_twice():
    _run()
    procedures = Procedure.objects.count()
    events = AuditEvent.objects.count()

    output = _run()

    assert Procedure.objects.count() == procedures
    assert AuditEvent.objects.count() == events
    assert "Nothing to do." in output

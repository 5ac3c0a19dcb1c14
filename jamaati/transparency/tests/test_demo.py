"""The demo register: real PDFs, eight items in force, one in the history, some obligations
left missing or late; idempotent."""

from datetime import date

import pytest
from django.core.management import call_command

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.transparency.demo import DemoPublisherMissing, load_transparency_demo
from jamaati.transparency.models import Publication
from jamaati.transparency.obligations import Status
from jamaati.transparency.selectors import register_of

pytestmark = pytest.mark.django_db


def test_demo_needs_the_demo_staff(commune_a):
    with pytest.raises(DemoPublisherMissing):
        load_transparency_demo()


def test_one_demo_pdf_is_a_real_rendered_pdf(commune_a):
    from jamaati.transparency.demo import _items, _pdf

    spec = _items(2026, date(2026, 11, 22))[1]
    data = _pdf(spec, commune_a).read()
    assert data.startswith(b"%PDF-")
    assert len(data) > 5000


def test_demo_register(commune_a, monkeypatch):
    # Rendering eight PDFs takes seconds; the test above renders one for real.
    from jamaati.transparency import demo
    from jamaati.transparency.tests.factories import PDF_BYTES

    monkeypatch.setattr(demo, "render_pdf", lambda *args, **kwargs: PDF_BYTES)
    StaffFactory(
        username="information.benguerir", collectivity=commune_a, role=Role.INFORMATION_OFFICER
    )
    today = date(2026, 11, 22)
    report = load_transparency_demo(today=today)
    assert len(report.published) == 9
    in_force = Publication.objects.in_force().filter(collectivity=commune_a)
    assert in_force.count() == 8
    assert Publication.objects.filter(withdrawn_at__isnull=False).count() == 1
    budget = in_force.get(obligation="budget")
    with budget.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    statuses = {
        line.obligation.key: line.status for line in register_of(commune_a, today=today).lines
    }
    assert statuses["budget"] == Status.PUBLISHED
    assert statuses["procurement_results"] == Status.MISSING
    assert statuses["reports"] == Status.LATE
    assert load_transparency_demo(today=today).published == []  # idempotent
    call_command("load_transparency_demo")  # the command too (today's date)
    assert Publication.objects.in_force().filter(collectivity=commune_a).count() >= 8

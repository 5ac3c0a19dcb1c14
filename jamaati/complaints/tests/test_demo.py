"""The demo loads through the real services, spreads over kinds, channels, states and
outcomes (2025 included), and is idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from jamaati.accounts.demo import load_demo
from jamaati.complaints.demo import CATEGORIES, load_complaints_demo
from jamaati.complaints.models import Complaint, ComplaintCategory
from jamaati.core.workflow import SYSTEM

pytestmark = pytest.mark.django_db


def test_demo_complaints(commune_a):
    load_demo(actor=SYSTEM)
    report = load_complaints_demo()
    assert report.categories == len(CATEGORIES) >= 10
    assert not report.skipped
    complaints = Complaint.objects.all()
    assert complaints.count() == len(report.filed) >= 12
    assert {c.kind for c in complaints} == {"observation", "suggestion", "complaint"}
    assert {c.channel for c in complaints} >= {"web", "counter", "api"}
    assert {c.state for c in complaints} == {"received", "awaiting_complainant", "closed"}
    assert {c.outcome for c in complaints} >= {
        "resolved",
        "answered",
        "rejected",
        "redirected",
        "excluded_court",
    }
    last_year = timezone.localdate().year - 1
    old = complaints.filter(filed_at__year=last_year)
    assert old.count() == 4
    assert all(f"-R-{last_year}-" in c.number for c in old)
    assert old.filter(answered_in_time=False).count() == 1
    assert complaints.filter(collectivity__code="07.427").count() == 1  # routed to the province
    again = load_complaints_demo()
    assert again.skipped
    assert Complaint.objects.count() == complaints.count()
    assert ComplaintCategory.objects.count() == len(CATEGORIES)
    out = io.StringIO()
    call_command("load_complaints_demo", stdout=out)
    assert "nothing to do" in out.getvalue()

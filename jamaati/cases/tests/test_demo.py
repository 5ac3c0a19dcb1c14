import pytest
from django.core.management import call_command

from jamaati.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_cases_are_filed_once(django_capture_on_commit_callbacks):
    call_command("load_demo", verbosity=0)
    call_command("load_catalogue_demo", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_cases_demo", verbosity=0)
    count = Case.objects.count()
    assert count == 15
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_deadlines", verbosity=0)  # as make run does
    states = set(Case.objects.values_list("state", flat=True))
    expected = {"submitted", "incomplete", "accepted", "awaiting_applicant", "withdrawn"}
    assert expected | {"refused", "deemed_accepted"} <= states
    call_command("load_cases_demo", verbosity=0)
    assert Case.objects.count() == count

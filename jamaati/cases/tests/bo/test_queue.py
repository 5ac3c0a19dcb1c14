"""The agents' queue: order by legal due date, filters, search, highlighting, pagination
without a total, a constant number of queries, and the CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.selectors import QUEUE_PAGE_SIZE
from jamaati.cases.tests.factories import CaseFactory, version_in
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def queue_url(commune, **params):
    from urllib.parse import urlencode

    base = reverse("bo:case-list", kwargs={"code": commune.code})
    return f"{base}?{urlencode(params)}" if params else base


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def three(commune_a, today, agent):
    v = version_in(commune_a, documents=0)
    late = CaseFactory(
        collectivity=commune_a,
        version=v,
        due_on=today - timedelta(days=3),
        applicant_name="Youssef Alaoui",
        search_key="youssef alaoui",
    )
    soon = CaseFactory(
        collectivity=commune_a,
        version=v,
        due_on=today + timedelta(days=2),
        applicant_name="Fatima Zahra",
        search_key="fatima zahra",
        assignee=agent,
    )
    later = CaseFactory(
        collectivity=commune_a,
        version=version_in(commune_a, documents=0),
        due_on=today + timedelta(days=40),
        state="awaiting_applicant",
        applicant_name="Omar Idrissi",
        search_key="omar idrissi",
    )
    return late, soon, later


def numbers(response):
    return [row["case"].number for row in response.context["cases"]]


def test_queue_is_ordered_by_legal_due_date(staff_client, agent, commune_a, three):
    late, soon, later = three
    response = staff_client(agent).get(queue_url(commune_a))
    assert response.status_code == 200
    assert numbers(response) == [late.number, soon.number, later.number]


def test_closed_cases_only_with_include_closed(staff_client, agent, commune_a, three):
    closed = CaseFactory(collectivity=commune_a, state="accepted", due_on=None)
    client = staff_client(agent)
    assert closed.number not in numbers(client.get(queue_url(commune_a)))
    assert closed.number in numbers(client.get(queue_url(commune_a, include_closed="on")))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"due": "overdue"}, [0]),
        ({"due": "week"}, [1]),
        ({"state": "awaiting_applicant"}, [2]),
        ({"assignee": "me"}, [1]),
        ({"assignee": "none"}, [0, 2]),
        ({"q": "fatima"}, [1]),
        ({"q": "ALAOUI"}, [0]),
    ],
)
def test_filters(staff_client, agent, commune_a, three, params, expected):
    response = staff_client(agent).get(queue_url(commune_a, **params))
    assert numbers(response) == [three[i].number for i in expected]


def test_filter_by_procedure_and_specific_agent(staff_client, agent, commune_a, three):
    _late, soon, later = three
    client = staff_client(agent)
    assert numbers(client.get(queue_url(commune_a, procedure=later.procedure_id))) == [later.number]
    assert numbers(client.get(queue_url(commune_a, assignee=agent.pk))) == [soon.number]


def test_search_by_case_number(staff_client, agent, commune_a, three):
    response = staff_client(agent).get(queue_url(commune_a, q=three[2].number))
    assert numbers(response) == [three[2].number]


def test_junk_filters_are_ignored_not_an_error(staff_client, agent, commune_a, three):
    response = staff_client(agent).get(
        queue_url(commune_a, procedure="abc", state="nope", due="x", page="-4", assignee="zz")
    )
    assert response.status_code == 200
    assert len(numbers(response)) == 3


def test_overdue_rows_are_highlighted_and_say_so_in_words(staff_client, agent, commune_a, three):
    late, soon, later = three
    html = staff_client(agent).get(queue_url(commune_a)).content.decode()
    rows = html.split("<tr")
    late_row = next(r for r in rows if late.number in r)
    soon_row = next(r for r in rows if soon.number in r)
    later_row = next(r for r in rows if later.number in r)
    assert 'class="is-overdue"' in late_row
    assert "badge-overdue" in late_row
    assert 'class="is-due-soon"' in soon_row
    assert "badge-overdue" not in soon_row
    assert "is-overdue" not in later_row
    assert "is-due-soon" not in later_row


def test_pages_have_a_next_link_and_no_total(staff_client, agent, commune_a, today):
    v = version_in(commune_a, documents=0)
    CaseFactory.create_batch(QUEUE_PAGE_SIZE + 1, collectivity=commune_a, version=v)
    client = staff_client(agent)
    first = client.get(queue_url(commune_a))
    assert len(first.context["cases"]) == QUEUE_PAGE_SIZE
    assert first.context["next_query"] == "page=2"
    assert 'rel="next"' in first.content.decode()
    second = client.get(queue_url(commune_a, page=2))
    assert len(second.context["cases"]) == 1
    assert second.context["next_query"] == ""


def _queue_queries(client, commune):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(queue_url(commune))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_runs_a_constant_number_of_queries(
    staff_client, agent, commune_a, django_assert_num_queries
):
    client = staff_client(agent)
    v = version_in(commune_a, documents=0)
    others = [StaffFactory(collectivity=commune_a, role=Role.AGENT) for _ in range(3)]
    for i in range(5):
        CaseFactory(collectivity=commune_a, version=v, assignee=others[i % 3])
    small = _queue_queries(client, commune_a)
    for i in range(55):
        CaseFactory(
            collectivity=commune_a,
            version=version_in(commune_a, documents=0),
            assignee=others[i % 3],
        )
    with django_assert_num_queries(small):
        client.get(queue_url(commune_a))


def test_csv_export_has_the_filtered_cases_with_a_bom(staff_client, agent, commune_a, three):
    late, _soon, later = three
    response = staff_client(agent).get(
        reverse("bo:case-export", kwargs={"code": commune_a.code}) + "?assignee=none"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert [r[0] for r in rows[1:]] == [late.number, later.number]
    assert rows[1][2] == "Youssef Alaoui"
    assert rows[1][1] == late.version.name
    assert rows[1][5] == late.due_on.isoformat()


def test_csv_cells_never_start_a_formula(staff_client, agent, commune_a):
    CaseFactory(collectivity=commune_a, applicant_name='=HYPERLINK("x")')
    response = staff_client(agent).get(reverse("bo:case-export", kwargs={"code": commune_a.code}))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_queue_of_another_commune_is_404(staff_client, agent, commune_b):
    client = staff_client(agent)
    assert client.get(queue_url(commune_b)).status_code == 404
    assert client.get(reverse("bo:case-export", kwargs={"code": commune_b.code})).status_code == 404


def test_queue_is_403_for_an_auditor(staff_client, commune_a):
    auditor = StaffFactory(collectivity=commune_a, role=Role.AUDITOR)
    assert staff_client(auditor).get(queue_url(commune_a)).status_code == 403


def test_queue_does_not_list_another_communes_cases(staff_client, agent, commune_a, commune_b):
    other = CaseFactory(collectivity=commune_b)
    response = staff_client(agent).get(queue_url(commune_a, q=other.number))
    assert numbers(response) == []


def test_the_search_matches_every_word_in_any_order(commune_a):
    from jamaati.accounts.tests.factories import StaffFactory
    from jamaati.cases.selectors import QueueFilters, case_queue
    from jamaati.cases.tests.factories import CaseFactory
    from jamaati.core.access.roles import Role

    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    wanted = CaseFactory(collectivity=commune_a, applicant_name="Youssef Alaoui")
    CaseFactory(collectivity=commune_a, applicant_name="Youssef Bennani")
    found = case_queue(agent, collectivity=commune_a, filters=QueueFilters(q="alaoui youssef"))
    assert list(found) == [wanted]


def test_cases_without_a_running_clock_come_last(commune_a):
    from datetime import date

    from jamaati.accounts.tests.factories import StaffFactory
    from jamaati.cases.selectors import QueueFilters, case_queue
    from jamaati.cases.tests.factories import CaseFactory
    from jamaati.core.access.roles import Role

    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    no_clock = CaseFactory(collectivity=commune_a, due_on=None)
    later = CaseFactory(collectivity=commune_a, due_on=date(2026, 12, 20))
    sooner = CaseFactory(collectivity=commune_a, due_on=date(2026, 12, 1))
    found = list(case_queue(agent, collectivity=commune_a, filters=QueueFilters()))
    assert found == [sooner, later, no_clock]

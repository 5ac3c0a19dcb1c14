"""The officers' back office: the queue (overdue first), the request page and its actions by
role, the counter, masking; another commune's request answers 404, a role without the right
403, for every view. Malformed posts never answer 500."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from jamaati.core.deadlines.sweep import expire_due_deadlines
from jamaati.information.documents import receipt_for
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_answer
from jamaati.information.tests.conftest import file_request, filing_data, pdf_upload

pytestmark = pytest.mark.django_db


def bo(name, node, lang="fr", **kwargs):
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


def _views(item, code):
    """Every back-office view of a request: (method, url)."""
    node = item.collectivity
    return [
        ("get", bo("informationrequest-list", node)),
        ("get", bo("informationrequest-counter", node)),
        ("post", bo("informationrequest-counter", node)),
        ("get", bo("informationrequest-detail", node, information_request_id=item.pk)),
        (
            "post",
            bo("informationrequest-act", node, information_request_id=item.pk, action="given"),
        ),
        ("post", bo("informationrequest-mask", node, information_request_id=item.pk)),
        ("get", bo("informationrequest-released-file", node, information_request_id=item.pk)),
        ("get", bo("informationrequest-receipt", node, information_request_id=item.pk)),
        (
            "get",
            bo(
                "informationrequest-document",
                node,
                information_request_id=item.pk,
                verification_code=code,
            ),
        ),
    ]


@pytest.fixture
def answered(citizen, commune_a, officer):
    item = file_request(citizen, commune_a)
    item = request_answer(actor=officer, request=item, kind="given", data={}, upload=pdf_upload())
    return item, receipt_for(actor=officer, request=item).code


def test_the_officer_reaches_every_view(staff_client, officer, answered):
    item, code = answered
    client = staff_client(officer)
    for method, url in _views(item, code):
        response = getattr(client, method)(url, {})
        assert response.status_code in (200, 302), (url, response.status_code)


def test_another_commune_s_officer_gets_404_everywhere(staff_client, officer_b, answered):
    item, code = answered
    client = staff_client(officer_b)
    for method, url in _views(item, code):
        assert getattr(client, method)(url, {}).status_code == 404, url


def test_a_request_of_another_commune_under_this_commune_s_code_is_404(
    staff_client, officer, citizen, commune_a, commune_b
):
    other = file_request(citizen, commune_b)
    client = staff_client(officer)
    for name in (
        "informationrequest-detail",
        "informationrequest-released-file",
        "informationrequest-receipt",
    ):
        assert client.get(bo(name, commune_a, information_request_id=other.pk)).status_code == 404


def test_staff_without_a_role_in_information_get_403_everywhere(
    staff_client, civil_status, answered
):
    item, code = answered
    client = staff_client(civil_status)
    for method, url in _views(item, code):
        assert getattr(client, method)(url, {}).status_code == 403, url


def test_the_supervisor_reads_but_does_not_act(staff_client, supervisor, answered):
    item, _code = answered
    client = staff_client(supervisor)
    assert client.get(bo("informationrequest-list", item.collectivity)).status_code == 200
    assert (
        client.get(
            bo("informationrequest-detail", item.collectivity, information_request_id=item.pk)
        ).status_code
        == 200
    )
    for action in ("given", "extend", "cdai_record", "head_grant"):
        url = bo(
            "informationrequest-act",
            item.collectivity,
            information_request_id=item.pk,
            action=action,
        )
        assert client.post(url, {"text": "x"}).status_code == 403
    assert (
        client.post(
            bo("informationrequest-mask", item.collectivity, information_request_id=item.pk)
        ).status_code
        == 403
    )
    assert (
        client.post(bo("informationrequest-counter", item.collectivity), filing_data()).status_code
        == 403
    )


def test_the_queue_puts_overdue_requests_first(staff_client, officer, citizen, commune_a):
    late = file_request(
        citizen, commune_a, on=date(2026, 4, 1), sought="Demande ancienne en retard"
    )
    urgent = file_request(
        citizen,
        commune_a,
        on=date(2026, 5, 4),
        is_urgent=True,
        urgency_reason="Santé",
        sought="Demande urgente de mai",
    )
    normal = file_request(
        citizen, commune_a, on=date(2026, 5, 4), sought="Demande ordinaire de mai"
    )
    with time_machine.travel(date(2026, 5, 5), tick=False):
        expire_due_deadlines(date(2026, 5, 5))
        body = staff_client(officer).get(bo("informationrequest-list", commune_a)).content.decode()
    positions = [body.index(r.number) for r in (late, urgent, normal)]
    assert positions == sorted(positions)
    assert "is-overdue" in body


def test_the_officer_answers_with_a_file_over_http(staff_client, officer, citizen, commune_a):
    item = file_request(citizen, commune_a)
    client = staff_client(officer)
    page = client.get(
        bo("informationrequest-detail", commune_a, information_request_id=item.pk)
    ).content.decode()
    assert "action-given" in page
    assert "action-refuse" in page
    assert "AB123456" in page
    url = bo("informationrequest-act", commune_a, information_request_id=item.pk, action="given")
    response = client.post(url, {"given-text": "Ci-joint le budget.", "given-file": pdf_upload()})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "given"
    assert item.answer_file_name == "budget.pdf"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("refuse", {"text": "Non"}),
        ("refuse", {"ground": "published", "text": "Déjà publié"}),
        ("partly", {"text": "x", "exceptions": ["privacy"]}),
        ("partly", {"text": "x", "exceptions": ["not-a-choice"]}),
        ("given", {}),
        ("extend", {"reasons": ""}),
        ("given", {"text": ["a", "b"], "file": "not a file", "publication": "zz"}),
        ("cdai_record", {"outcome": "upheld"}),
        ("bogus", {}),
    ],
)
def test_bad_actions_say_why_and_write_nothing(staff_client, officer, filed, action, data):
    client = staff_client(officer)
    data = {f"{action}-{key}": value for key, value in data.items()}
    response = client.post(
        bo(
            "informationrequest-act",
            filed.collectivity,
            information_request_id=filed.pk,
            action=action,
        ),
        data,
    )
    assert response.status_code in (200, 404, 403)
    if action != "bogus" and action != "cdai_record":
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    filed.refresh_from_db()
    assert filed.state == "submitted"
    assert filed.answered_at is None


def test_an_oversized_file_is_refused_on_the_page(staff_client, officer, filed, settings):
    settings.CASES_MAX_UPLOAD_BYTES = 50
    url = bo(
        "informationrequest-act",
        filed.collectivity,
        information_request_id=filed.pk,
        action="given",
    )
    response = staff_client(officer).post(url, {"given-file": pdf_upload()})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_the_head_answers_a_complaint(staff_client, president, officer, citizen, commune_a):
    from jamaati.information.services import request_appeal_head

    item = file_request(citizen, commune_a)
    item = request_answer(
        actor=officer, request=item, kind="refuse", data={"ground": "not_held", "text": "Non"}
    )
    item = request_appeal_head(actor=citizen, request=item, reasons="Je conteste")
    page = (
        staff_client(officer)
        .get(bo("informationrequest-detail", commune_a, information_request_id=item.pk))
        .content
    )
    assert b"action-head_dismiss" not in page
    client = staff_client(president)
    page = client.get(
        bo("informationrequest-detail", commune_a, information_request_id=item.pk)
    ).content.decode()
    assert "action-head_dismiss" in page
    assert "action-head_grant" in page
    url = bo(
        "informationrequest-act", commune_a, information_request_id=item.pk, action="head_dismiss"
    )
    assert client.post(url, {"head_dismiss-reasons": "Le refus est fondé."}).status_code == 302
    item.refresh_from_db()
    assert item.state == "head_dismissed"


def test_counter_filing(staff_client, officer, commune_a):
    client = staff_client(officer)
    assert client.get(bo("informationrequest-counter", commune_a, lang="ar")).status_code == 200
    bad = client.post(
        bo("informationrequest-counter", commune_a), {**filing_data(), "id_number": ""}
    )
    assert bad.status_code == 200
    assert not InformationRequest.objects.exists()
    response = client.post(bo("informationrequest-counter", commune_a), filing_data())
    item = InformationRequest.objects.get()
    assert response.status_code == 302
    assert item.channel == "counter"


def test_masking_the_register_text(staff_client, officer, filed):
    client = staff_client(officer)
    url = bo("informationrequest-mask", filed.collectivity, information_request_id=filed.pk)
    assert client.post(url, {"masked_text": "Un budget"}).status_code == 302
    filed.refresh_from_db()
    assert filed.public_text == "Un budget"
    assert filed.sought.startswith("Le budget")
    assert client.post(url, {"masked_text": "a\x00b"}).status_code == 302
    filed.refresh_from_db()
    assert filed.public_text == "Un budget"


def test_the_navigation_shows_the_section_to_officers(staff_client, officer, commune_a):
    body = staff_client(officer).get(bo("informationrequest-list", commune_a)).content.decode()
    assert bo("informationrequest-list", commune_a) in body
    assert 'aria-current="page"' in body

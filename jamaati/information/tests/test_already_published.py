""" "Already published" (law 31.13 art. 18): the officer is offered the body's publications
that match the request (the transparency app's `publication_search`), the refusal keeps the
chosen reference as plain fields, and the requester and the register show the link."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from jamaati.information.services import request_answer
from jamaati.information.tests.conftest import file_request

pytestmark = pytest.mark.django_db


@dataclass
class FakePublication:
    pk: int
    title: str
    category_label: str = "Budget"
    published_on: date = date(2026, 1, 12)
    public_url: str = "/fr/c/07.427.01.01/publications/7/"

    def get_absolute_url(self) -> str:
        return self.public_url


BUDGET = FakePublication(7, "Budget de la commune de Ben Guerir pour 2026")


@pytest.fixture
def register(monkeypatch):
    """The publication register holds one budget, found by its words."""
    from jamaati.transparency import selectors

    searched = []

    def search(*, collectivity, q="", limit=10):
        searched.append(q)
        return [BUDGET] if "budget" in q.lower() else []

    def get(*, collectivity, pk):
        if str(pk) != "7":
            raise Http404
        return BUDGET

    monkeypatch.setattr(selectors, "publication_search", search)
    monkeypatch.setattr(selectors, "publication_get", get)
    return searched


def test_the_officer_is_offered_the_matching_publication_and_refuses_with_it(
    register, staff_client, officer, citizen, commune_a, client
):
    from django.utils import translation

    translation.activate("fr")  # the URLs below carry /fr/ (the fixture restores English)
    item = file_request(citizen, commune_a)  # asks for "Le budget communal ..."
    office = staff_client(officer)
    url = reverse(
        "bo:informationrequest-detail",
        kwargs={"code": commune_a.code, "information_request_id": item.pk},
    )
    page = office.get(url).content.decode()
    assert register, "publication_search was not called"
    assert BUDGET.title in page
    act = reverse(
        "bo:informationrequest-act",
        kwargs={"code": commune_a.code, "information_request_id": item.pk, "action": "refuse"},
    )
    response = office.post(
        act,
        {"refuse-ground": "published", "refuse-publication": "7", "refuse-text": "Déjà publié."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "refused"
    assert item.published_reference_url == BUDGET.public_url
    assert item.published_reference_title == BUDGET.title
    client.force_login(citizen)
    mine = client.get(reverse("information:request-detail", args=[item.number])).content.decode()
    assert BUDGET.public_url in mine
    public = client.get(
        reverse(
            "public:information-register-detail",
            kwargs={"code": commune_a.code, "number": item.number},
        )
    ).content.decode()
    assert BUDGET.public_url in public


def test_a_publication_that_is_not_the_body_s_is_refused(register, officer, citizen, commune_a):
    from django.core.exceptions import ValidationError

    item = file_request(citizen, commune_a)
    with pytest.raises(ValidationError, match="publication"):
        request_answer(
            actor=officer,
            request=item,
            kind="refuse",
            data={"ground": "published", "publication": "999", "text": "Déjà publié."},
        )
    item.refresh_from_db()
    assert item.state == "submitted"

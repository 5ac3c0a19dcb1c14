"""A signed-in citizen files a petition online: the form says what the commune requires, a
refusal puts the message back with nothing written, the receipt and its PDF are the filer's
alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.council.models import Petition, required_petition_signatures
from jamaati.council.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db

YEAR_OLD = timezone.localdate() - timedelta(days=365)


def _url(code: str, rest: str = "new/", lang: str = "fr") -> str:
    return f"/{lang}/c/{code}/council/petitions/{rest}"


def _data(**overrides) -> dict:
    data = {
        "petitioner_kind": "citizens",
        "title": "Un espace vert au quartier Al Matar",
        "text": "Nous demandons la création d'un espace vert au quartier Al Matar.",
        "agent_name": "Youssef Amrani",
        "agent_email": "youssef@example.ma",
        "agent_phone": "",
        "signatures": "450",
        "association_name": "",
        "association_founded_on": "",
    }
    data.update(overrides)
    return data


def test_login_required(client, commune_a):
    response = client.get(_url(commune_a.code))
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]
    assert client.post(_url(commune_a.code), _data()).status_code == 302
    assert not Petition.objects.exists()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_form_says_the_signatures_required(staff_client, citizen, commune_a, lang):
    client = staff_client(citizen)
    response = client.get(_url(commune_a.code, lang=lang))
    assert response.status_code == 200
    required = required_petition_signatures(commune_a)
    html = response.content.decode()
    assert str(required.value) in html
    assert required.basis in html


def test_file_then_receipt_and_pdf(staff_client, citizen, commune_a):
    client = staff_client(citizen)
    response = client.post(_url(commune_a.code), _data())
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.filed_by == citizen
    assert petition.state == "filed"
    assert response["Location"].endswith(f"/council/petitions/{petition.number}/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert petition.number in page.content.decode()
    pdf = client.get(_url(commune_a.code, f"{petition.number}/receipt.pdf"))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_short_of_signatures_refused_nothing_written(staff_client, citizen, commune_a):
    client = staff_client(citizen)
    required = required_petition_signatures(commune_a).value
    response = client.post(_url(commune_a.code), _data(signatures=str(required - 1)))
    assert response.status_code == 200
    assert "art. 125" in response.content.decode()
    assert not Petition.objects.exists()


def test_young_association_refused(staff_client, citizen, commune_a):
    client = staff_client(citizen)
    response = client.post(
        _url(commune_a.code),
        _data(
            petitioner_kind="association",
            association_name="Association Al Amal",
            association_founded_on=YEAR_OLD.isoformat(),
        ),
    )
    assert response.status_code == 200
    assert not Petition.objects.exists()


def test_bad_input_is_a_message_not_a_500(staff_client, citizen, commune_a):
    client = staff_client(citizen)
    for data in (
        _data(signatures="many"),
        _data(petitioner_kind="robots"),
        _data(association_founded_on="31/31/2020"),
        {},
    ):
        assert client.post(_url(commune_a.code), data).status_code == 200
    assert not Petition.objects.exists()


def test_receipt_is_for_its_filer_only(staff_client, commune_a, commune_b):
    filer = CitizenFactory(password=None)
    petition = PetitionFactory(collectivity=commune_a, filed_by=filer)
    other = staff_client(CitizenFactory(password=None))
    assert other.get(_url(commune_a.code, f"{petition.number}/")).status_code == 404
    assert other.get(_url(commune_a.code, f"{petition.number}/receipt.pdf")).status_code == 404
    mine = staff_client(filer)
    assert mine.get(_url(commune_a.code, f"{petition.number}/")).status_code == 200
    # Through another commune's URL it is not found either.
    assert mine.get(_url(commune_b.code, f"{petition.number}/")).status_code == 404
    # No receipt document was issued for this factory-made petition: 404, not a 500.
    assert mine.get(_url(commune_a.code, f"{petition.number}/receipt.pdf")).status_code == 404


def test_anonymous_receipt_redirects_to_login(client, commune_a):
    petition = PetitionFactory(collectivity=commune_a)
    response = client.get(_url(commune_a.code, f"{petition.number}/"))
    assert response.status_code == 302

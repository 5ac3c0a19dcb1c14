"""The Atom feed of a council's posted decisions: valid Atom, newest first, only posted
decisions of this collectivity."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import translation

from jamaati.council.tests.factories import DecisionFactory
from jamaati.council.tests.test_public import UNPOSTED, make_record

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, code: str, lang: str = "fr"):
    return client.get(f"/{lang}/c/{code}/council/decisions/feed.atom")


def test_feed_is_atom_with_posted_decisions_only(client, commune_a):
    record = make_record(commune_a)
    response = _feed(client, commune_a.code)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].find(f"{ATOM}title").text
    assert record.posted.number in title
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/fr/c/{commune_a.code}/council/decisions/{record.posted.number}/")
    summary = entries[0].find(f"{ATOM}summary").text
    vote = record.posted.vote
    with translation.override("fr"):  # the feed of /fr/ speaks French
        expected = translation.gettext(
            "%(title)s. For %(for)d, against %(against)d, abstentions %(abstain)d."
        ) % {
            "title": record.posted.title,
            "for": vote.for_count,
            "against": vote.against_count,
            "abstain": vote.abstain_count,
        }
    assert summary == expected
    assert UNPOSTED not in response.content.decode()


def test_feed_newest_posted_first(client, commune_a):
    record = make_record(commune_a)
    later = DecisionFactory(
        collectivity=commune_a,
        vote__item__session=record.session,
        vote__sitting=record.sitting,
        posted_at=record.posted.posted_at + timedelta(days=1),
    )
    entries = ElementTree.fromstring(_feed(client, commune_a.code).content).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text.split(" ")[0] for e in entries] == [
        later.number,
        record.posted.number,
    ]


def test_feed_in_arabic_and_of_one_commune(client, commune_a, commune_b):
    record = make_record(commune_a)
    response = _feed(client, commune_a.code, "ar")
    assert response.status_code == 200
    assert record.posted.number in response.content.decode()
    other = _feed(client, commune_b.code)
    assert other.status_code == 200
    assert ElementTree.fromstring(other.content).findall(f"{ATOM}entry") == []


def test_feed_of_unknown_collectivity_is_404(client, db):
    assert _feed(client, "99.999.99.99").status_code == 404

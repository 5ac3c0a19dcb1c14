"""The Popolo open data: valid against our JSON Schemas (written from the Popolo field
definitions), consistent (counts equal ballots, ids resolve), public only, one commune each;
the CSV tables; 404 for an unknown code, 422 for an unknown table."""

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from jamaati.council import popolo
from jamaati.council.tests.test_public import SECRET_ITEM, UNPOSTED, make_record

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def _validator() -> Draft202012Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    root = json.loads((SCHEMAS / "popolo.json").read_text())
    return Draft202012Validator(root, registry=registry)


@pytest.fixture
def record(commune_a):
    return make_record(commune_a)


def _get(client, code: str, suffix: str = ""):
    return client.get(f"/api/v1/collectivities/{code}/popolo{suffix}")


def test_json_validates_against_the_schemas(client, record, commune_a):
    response = _get(client, commune_a.code)
    assert response.status_code == 200
    document = response.json()
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert len(document["persons"]) == len(record.members)
    assert {e["classification"] for e in document["events"]} == {"session", "sitting"}
    classifications = {o["classification"] for o in document["organizations"]}
    assert classifications == {"council", "committee", "party"}


def test_the_schemas_reject_a_broken_document(record, commune_a):
    document = popolo.build(commune_a)
    document["vote_events"][0]["counts"][0]["value"] = "seven"
    del document["persons"][0]["name"]
    document["votes"][0]["option"] = "maybe"
    assert len(list(_validator().iter_errors(document))) == 3


def test_counts_equal_ballots_and_ids_resolve(record, commune_a):
    document = popolo.build(commune_a)
    persons = {p["id"] for p in document["persons"]}
    motions = {m["id"] for m in document["motions"]}
    events = {e["id"] for e in document["events"]}
    organizations = {o["id"] for o in document["organizations"]}
    assert document["vote_events"]
    for event in document["vote_events"]:
        ballots = [v for v in document["votes"] if v["vote_event_id"] == event["id"]]
        counts = {c["option"]: c["value"] for c in event["counts"]}
        for option in ("yes", "no", "abstain"):
            assert counts[option] == sum(1 for b in ballots if b["option"] == option)
        assert event["motion_id"] in motions
        assert event["legislative_session_id"] in events
    for vote in document["votes"]:
        assert vote["voter_id"] in persons
    for membership in document["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
    roles = {
        m["role"] for m in document["memberships"] if m["organization_id"].startswith("council-")
    }
    assert {"president", "secretary", "member"} <= roles
    chair = [m for m in document["memberships"] if m["role"] == "chair"]
    assert chair == [
        {
            "id": f"membership-committee-{record.committee.pk}-{record.members[3].pk}",
            "person_id": f"member-{record.members[3].pk}",
            "organization_id": f"committee-{record.committee.pk}",
            "role": "chair",
        }
    ]
    adopted = [e for e in document["vote_events"] if e.get("identifier")]
    assert [e["identifier"] for e in adopted] == [record.posted.number]


def test_nothing_non_public(client, record, commune_a):
    text = _get(client, commune_a.code).content.decode()
    assert record.unposted.number not in text
    assert UNPOSTED not in text
    assert SECRET_ITEM not in text
    assert f"vote-{record.unposted.vote.pk}" not in text
    for member in record.members:
        assert member.email not in text
        assert member.phone not in text


def test_other_commune_isolation(client, record, commune_a, commune_b):
    make_record(commune_b, size=7, tag=" (Fès)")
    document = _get(client, commune_b.code).json()
    ids = {p["id"] for p in document["persons"]}
    assert len(ids) == 7
    assert not ids & {f"member-{m.pk}" for m in record.members}
    assert "(Fès)" in json.dumps(document, ensure_ascii=False)
    assert record.posted.number not in json.dumps(document)


def test_unknown_code_is_404_and_long_code_too(client, db):
    assert _get(client, "99.999.99.99").status_code == 404
    assert _get(client, "9" * 50).status_code in (404, 422)


def test_csv_votes_one_row_per_ballot(client, record, commune_a):
    response = _get(client, commune_a.code, ".csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header == list(popolo.VOTE_COLUMNS)
    document = popolo.build(commune_a)
    assert len(body) == len(document["votes"])
    option = header.index("option")
    assert {r[option] for r in body} == {"yes", "no", "abstain"}
    assert record.posted.number in {r[header.index("decision_number")] for r in body}


@pytest.mark.parametrize("table", [t for t in popolo.TABLES if t != "votes"])
def test_csv_other_tables(client, record, commune_a, table):
    response = _get(client, commune_a.code, f".csv?table={table}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] in ("id", "vote_event_id")
    assert len(rows) - 1 == len(popolo.build(commune_a)[table])


def test_csv_unknown_table_is_422(client, record, commune_a):
    response = _get(client, commune_a.code, ".csv?table=emails")
    assert response.status_code == 422
    assert "votes" in json.dumps(response.json())


def test_csv_cells_are_never_formulas(client, record, commune_a):
    member = record.members[5]
    member.first_name_fr = "=HYPERLINK(1)"
    member.save()
    text = _get(client, commune_a.code, ".csv?table=persons").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text

"""The minutes (art. 47-49): issued from the sitting's record in Arabic and French, signed by
the president and the secretary, sent to the members within 15 days."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from pypdf import PdfReader

from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.models import IssuedDocument
from jamaati.council.services.minutes import (
    MINUTES_KIND,
    minutes_issue,
    minutes_send,
    minutes_sign,
)
from jamaati.council.services.sittings import sitting_close, sitting_close_door
from jamaati.council.services.votes import vote_record
from jamaati.council.tests.factories import AgendaItemFactory, WrittenQuestionFactory
from jamaati.council.tests.test_sittings import at, open_sitting

pytestmark = pytest.mark.django_db

# The sitting is held on 1 February 2027 (votes at 11:00, closed at 13:00); the minutes are
# issued, signed and sent the next morning, within the 15 days (art. 49).
VOTED_AT = at(date(2027, 2, 1), 11)
NOW = at(date(2027, 2, 2), 9)


@pytest.fixture(autouse=True)
def the_day_after_the_sitting(time_machine):
    """Today is the day after the sitting: the services and views use the real clock."""
    time_machine.move_to(NOW, tick=False)


def text_of(document) -> str:
    document.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(document.file.read()))
    finally:
        document.file.close()
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def held(secretary, council):
    """A closed sitting: 9 present, [9] excused, [10] absent; two items voted (one adopted
    with a decision, one to a second sitting), a written question answered, closed doors at
    the president's request."""
    sitting = open_sitting(secretary, council, present=9)
    sitting_close_door(
        actor=secretary, sitting=sitting, requested_by="president", reason="Ordre public"
    )
    adopted = AgendaItemFactory(
        collectivity=sitting.collectivity,
        session=sitting.session,
        title_fr="Convention de partenariat avec l'ONEE",
        subject="other",
        needs_absolute_majority=False,
        position=1,
    )
    postponed = AgendaItemFactory(
        collectivity=sitting.collectivity,
        session=sitting.session,
        title_fr="Programme d'action communal",
        subject="action_programme",
        needs_absolute_majority=True,
        position=2,
    )
    ballots = {m.pk: "for" for m in council[:5]}
    ballots.update({council[5].pk: "against", council[6].pk: "abstain"})
    vote_record(actor=secretary, sitting=sitting, item=adopted, ballots=ballots, now=VOTED_AT)
    vote_record(actor=secretary, sitting=sitting, item=postponed, ballots=ballots, now=VOTED_AT)
    WrittenQuestionFactory(
        collectivity=sitting.collectivity,
        session=sitting.session,
        member=council[3],
        question="Où en est l'éclairage public ?",
        answer="Les travaux commencent en mars.",
        answer_sitting=sitting,
    )
    sitting_close(actor=secretary, sitting=sitting, now=at(date(2027, 2, 1), 13))
    sitting.refresh_from_db()
    return sitting


def signed(secretary, president_user, council):
    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    minutes_sign(actor=president_user, sitting=sitting, as_role="president")
    minutes_sign(actor=secretary, sitting=sitting, as_role="secretary")
    return sitting


def test_minutes_in_arabic_and_french(secretary, council):
    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    sitting.refresh_from_db()
    assert (sitting.minutes_ar.language, sitting.minutes_fr.language) == ("ar", "fr")
    assert sitting.minutes_ar.kind == sitting.minutes_fr.kind == MINUTES_KIND
    text = text_of(sitting.minutes_fr)
    for member in council:  # every member by name: attendance and votes
        assert member.last_name_fr in text
    for expected in (
        "Convention de partenariat avec l'ONEE",
        "Programme d'action communal",
        "Ordre public",
        "éclairage public",
        "Les travaux commencent en mars.",
        f"{sitting.collectivity.code}-D-2027-000001",
        sitting.minutes_fr.code[:4],
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="council.minutes_issue").exists()


def test_issuing_again_supersedes_and_clears_the_signatures(secretary, president_user, council):
    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    first = (sitting.minutes_ar, sitting.minutes_fr)
    minutes_sign(actor=president_user, sitting=sitting, as_role="president")
    minutes_issue(actor=secretary, sitting=sitting)
    sitting.refresh_from_db()
    for old in first:
        old.refresh_from_db()
        assert not old.is_valid
    assert sitting.minutes_ar.is_valid
    assert sitting.minutes_ar_id != first[0].pk
    assert sitting.minutes_signed_by_president_at is None
    assert IssuedDocument.objects.of(sitting).valid().count() == 2


def test_minutes_need_a_closed_sitting(secretary, council):
    sitting = open_sitting(secretary, council)
    with pytest.raises(ValidationError):
        minutes_issue(actor=secretary, sitting=sitting)
    assert not IssuedDocument.objects.exists()


def test_minutes_issue_denied_and_other_commune(
    secretary, council, agent, governor, other_secretary
):
    sitting = held(secretary, council)
    for actor in (agent, governor):
        with pytest.raises(PermissionDenied):
            minutes_issue(actor=actor, sitting=sitting)
    with pytest.raises(Http404):
        minutes_issue(actor=other_secretary, sitting=sitting)
    assert not IssuedDocument.objects.exists()


def test_signatures(secretary, president_user, council):
    sitting = held(secretary, council)
    with pytest.raises(ValidationError):  # nothing to sign yet
        minutes_sign(actor=president_user, sitting=sitting, as_role="president")
    minutes_issue(actor=secretary, sitting=sitting)
    # Each signs in their own capacity only.
    with pytest.raises(PermissionDenied):
        minutes_sign(actor=secretary, sitting=sitting, as_role="president")
    with pytest.raises(PermissionDenied):
        minutes_sign(actor=president_user, sitting=sitting, as_role="secretary")
    with pytest.raises(ValidationError):
        minutes_sign(actor=secretary, sitting=sitting, as_role="mayor")
    minutes_sign(actor=president_user, sitting=sitting, as_role="president", now=NOW)
    sitting.refresh_from_db()
    assert sitting.minutes_signed_by_president_at == NOW
    assert sitting.minutes_signed_by_secretary_at is None
    with pytest.raises(ValidationError):  # once
        minutes_sign(actor=president_user, sitting=sitting, as_role="president")


def test_sign_other_commune(secretary, council, other_secretary):
    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    with pytest.raises(Http404):
        minutes_sign(actor=other_secretary, sitting=sitting, as_role="secretary")
    sitting.refresh_from_db()
    assert sitting.minutes_signed_by_secretary_at is None


def test_send_needs_both_signatures(secretary, president_user, council):
    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    minutes_sign(actor=president_user, sitting=sitting, as_role="president")
    with pytest.raises(ValidationError):
        minutes_send(actor=secretary, sitting=sitting)
    sitting.refresh_from_db()
    assert sitting.minutes_sent_at is None
    assert deadline_open_of(sitting, "minutes") is not None


def test_send_to_every_member_and_stop_the_clock(
    secretary, president_user, council, commune_a, django_capture_on_commit_callbacks
):
    from jamaati.council.tests.factories import MemberFactory

    sitting = signed(secretary, president_user, council)
    MemberFactory(collectivity=commune_a, email="")  # in office, no email
    MemberFactory(collectivity=commune_a, left_on=date(2025, 1, 1))  # no longer in office
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_send(actor=secretary, sitting=sitting, now=NOW)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in council)
    assert sitting.minutes_fr.code in mail.outbox[0].body
    sitting.refresh_from_db()
    assert sitting.minutes_sent_at == NOW
    assert Deadline.objects.of(sitting).get(kind="minutes").status == "stopped"
    with pytest.raises(ValidationError):  # once
        minutes_send(actor=secretary, sitting=sitting)
    with pytest.raises(ValidationError):  # and no longer re-issued
        minutes_issue(actor=secretary, sitting=sitting)


def test_send_denied_and_other_commune(secretary, president_user, council, agent, other_secretary):
    sitting = signed(secretary, president_user, council)
    with pytest.raises(PermissionDenied):
        minutes_send(actor=agent, sitting=sitting)
    with pytest.raises(Http404):
        minutes_send(actor=other_secretary, sitting=sitting)
    sitting.refresh_from_db()
    assert sitting.minutes_sent_at is None


# --- through HTTP ---


def test_http_minutes_pdf_and_signing(secretary, president_user, council, other_secretary, client):
    from jamaati.accounts.tests.factories import verified_login
    from jamaati.council.tests.test_sittings import bo_url

    sitting = held(secretary, council)
    minutes_issue(actor=secretary, sitting=sitting)
    node = sitting.collectivity
    pdf = bo_url("sitting-minutes", node, sitting_id=sitting.pk, language="fr")
    verified_login(client, other_secretary)
    assert client.get(pdf).status_code == 404
    client.logout()
    verified_login(client, secretary)
    response = client.get(pdf)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client.get(
            bo_url("sitting-minutes", node, sitting_id=sitting.pk, language="en")
        ).status_code
        == 404
    )
    sign = bo_url("sitting-act", node, sitting_id=sitting.pk, action="sign_president")
    assert client.post(sign, {}).status_code == 403  # the secretary is not the president
    client.logout()
    verified_login(client, president_user)
    assert client.post(sign, {}).status_code == 302
    sitting.refresh_from_db()
    assert sitting.minutes_signed_by_president_at is not None

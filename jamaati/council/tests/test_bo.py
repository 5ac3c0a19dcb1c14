"""The council's back office through HTTP: every page and action for the secretariat, denied
to staff without a council role and to the governor where the law gives him no hand, 404 for
another commune's secretary and for another commune's objects under this commune's code;
malformed posts answer a message (or 404 for a bad id / action) and write nothing; a whole
session runs through the pages (plan, agenda, governor, sitting, convocations, attendance
with the calls, votes, minutes signed by the president and the secretary, decisions)."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from jamaati.accounts.tests.factories import verified_login
from jamaati.core.audit.models import AuditEvent
from jamaati.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Convocation,
    Decision,
    ExtraordinaryRequest,
    Member,
    Petition,
    Session,
    Sitting,
    VoteEvent,
)
from jamaati.council.tests.conftest import pdf_upload
from jamaati.council.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    ConvocationFactory,
    DecisionFactory,
    ExtraordinaryRequestFactory,
    ItemDocumentFactory,
    PetitionFactory,
    SessionFactory,
    SittingFactory,
)

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def bo(name: str, node, lang: str = "fr", **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


def login(user) -> Client:
    client = Client()
    verified_login(client, user)
    return client


def in_french(msgid: str) -> str:
    """A message of the code as a /fr/ page shows it (translated, HTML-escaped)."""
    with translation.override("fr"):
        return escape(translation.gettext(msgid))


def html(response) -> str:
    return response.content.decode()


def errors(response) -> str:
    """The page's error summary as text (for the assertion messages)."""
    import re

    text = html(response)
    start = text.find("error-summary")
    return re.sub(r"<[^>]+>|\s+", " ", text[start : start + 2000]) if start >= 0 else text[:300]


@pytest.fixture
def record(commune_a, council):
    """One of everything at Ben Guerir, written by factories."""
    session = SessionFactory(collectivity=commune_a)
    item = AgendaItemFactory(collectivity=commune_a, session=session)
    document = ItemDocumentFactory(collectivity=commune_a, item=item)
    sitting = SittingFactory(collectivity=commune_a, session=session)
    convocation = ConvocationFactory(collectivity=commune_a, session=session, member=council[2])
    decision = DecisionFactory(collectivity=commune_a)
    request = ExtraordinaryRequestFactory(collectivity=commune_a)
    petition = PetitionFactory(collectivity=commune_a)
    return {
        "session": session,
        "item": item,
        "document": document,
        "sitting": sitting,
        "convocation": convocation,
        "decision": decision,
        "request": request,
        "petition": petition,
        "member": council[3],
    }


def _gets(node, r) -> list[str]:
    return [
        bo("session-list", node),
        bo("session-create", node),
        bo("session-detail", node, session_id=r["session"].pk),
        bo("agendaitem-detail", node, agendaitem_id=r["item"].pk),
        bo("itemdocument-file", node, itemdocument_id=r["document"].pk),
        bo("sitting-detail", node, sitting_id=r["sitting"].pk),
        bo("member-list", node),
        bo("member-create", node),
        bo("member-detail", node, member_id=r["member"].pk),
        bo("committee-create", node),
        bo("extraordinaryrequest-list", node),
        bo("extraordinaryrequest-create", node),
        bo("extraordinaryrequest-detail", node, extraordinaryrequest_id=r["request"].pk),
        bo("decision-list", node),
        bo("decision-detail", node, decision_id=r["decision"].pk),
        bo("petition-list", node),
        bo("petition-counter", node),
        bo("petition-detail", node, petition_id=r["petition"].pk),
    ]


def _posts(node, r) -> list[str]:
    return [
        bo("session-create", node),
        bo("session-act", node, session_id=r["session"].pk, action="close"),
        bo("agendaitem-act", node, agendaitem_id=r["item"].pk, action="accept"),
        bo("sitting-act", node, sitting_id=r["sitting"].pk, action="open"),
        bo("member-create", node),
        bo("member-detail", node, member_id=r["member"].pk),
        bo("committee-create", node),
        bo("extraordinaryrequest-create", node),
        bo(
            "extraordinaryrequest-act",
            node,
            extraordinaryrequest_id=r["request"].pk,
            action="refuse",
        ),
        bo("decision-act", node, decision_id=r["decision"].pk, action="post"),
        bo("petition-counter", node),
        bo("petition-act", node, petition_id=r["petition"].pk, action="refuse"),
    ]


# --- reach -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_secretariat_reaches_every_page(secretary, commune_a, record, lang):
    client = login(secretary)
    for url in _gets(commune_a, record):
        url = url.replace("/fr/", f"/{lang}/", 1)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_another_commune_s_secretary_gets_404_everywhere(other_secretary, commune_a, record):
    client = login(other_secretary)
    for url in _gets(commune_a, record):
        assert client.get(url).status_code == 404, url
    before = AuditEvent.objects.count()
    for url in _posts(commune_a, record):
        assert client.post(url, {"reasons": "x"}).status_code == 404, url
    assert AuditEvent.objects.count() == before


def test_objects_of_another_commune_under_this_commune_s_code_are_404(
    secretary, commune_a, commune_b, council_b
):
    other = {
        "session": SessionFactory(collectivity=commune_b),
        "decision": DecisionFactory(collectivity=commune_b),
        "petition": PetitionFactory(collectivity=commune_b),
        "request": ExtraordinaryRequestFactory(collectivity=commune_b),
        "member": council_b[0],
    }
    other["item"] = AgendaItemFactory(collectivity=commune_b, session=other["session"])
    other["document"] = ItemDocumentFactory(collectivity=commune_b, item=other["item"])
    other["sitting"] = SittingFactory(collectivity=commune_b, session=other["session"])
    other["convocation"] = ConvocationFactory(
        collectivity=commune_b, session=other["session"], member=council_b[1]
    )
    client = login(secretary)
    urls = [
        bo("session-detail", commune_a, session_id=other["session"].pk),
        bo("agendaitem-detail", commune_a, agendaitem_id=other["item"].pk),
        bo("itemdocument-file", commune_a, itemdocument_id=other["document"].pk),
        bo("convocation-pdf", commune_a, convocation_id=other["convocation"].pk),
        bo("sitting-detail", commune_a, sitting_id=other["sitting"].pk),
        bo("sitting-minutes", commune_a, sitting_id=other["sitting"].pk, language="ar"),
        bo("member-detail", commune_a, member_id=other["member"].pk),
        bo("extraordinaryrequest-detail", commune_a, extraordinaryrequest_id=other["request"].pk),
        bo("decision-detail", commune_a, decision_id=other["decision"].pk),
        bo("petition-detail", commune_a, petition_id=other["petition"].pk),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # And the other commune's own pages are out of reach too.
    assert client.get(bo("session-list", commune_b)).status_code == 404


def test_a_citizen_and_a_visitor_never_get_in(citizen, client, commune_a, record):
    for url in _gets(commune_a, record)[:3]:
        assert client.get(url).status_code in (302, 404), url
    signed = login(citizen)
    for url in _gets(commune_a, record):
        assert signed.get(url).status_code == 404, url


def test_staff_without_a_council_role_is_refused(agent, commune_a, record):
    client = login(agent)
    for url in _gets(commune_a, record):
        assert client.get(url).status_code == 403, url
    before = AuditEvent.objects.count()
    for url in _posts(commune_a, record):
        assert client.post(url, {}).status_code == 403, url
    assert AuditEvent.objects.count() == before


def test_the_governor_reads_but_does_not_run_the_council(governor, commune_a, record):
    client = login(governor)
    assert (
        client.get(bo("session-detail", commune_a, session_id=record["session"].pk)).status_code
        == 200
    )
    for url in (
        bo("session-act", commune_a, session_id=record["session"].pk, action="close"),
        bo("sitting-act", commune_a, sitting_id=record["sitting"].pk, action="open"),
        bo("decision-act", commune_a, decision_id=record["decision"].pk, action="post"),
        bo("petition-act", commune_a, petition_id=record["petition"].pk, action="refuse"),
        bo("member-create", commune_a),
        bo("session-create", commune_a),
        bo("petition-counter", commune_a),
    ):
        assert client.post(url, {"reasons": "x"}).status_code == 403, url
    assert client.get(bo("session-create", commune_a)).status_code == 403


# --- malformed requests ------------------------------------------------------------------------


def test_bad_ids_and_actions_are_404_never_500(secretary, commune_a, record):
    client = login(secretary)
    node = commune_a
    base = f"/fr/bo/{node.code}/council"
    for url in (
        f"{base}/sessions/99999999/",
        f"{base}/sessions/99999999999999999999999/",
        f"{base}/items/0/",
        f"{base}/sittings/123456789/minutes/ar/",
        f"{base}/convocations/424242/pdf/",
    ):
        assert client.get(url).status_code == 404, url
    sid = record["session"].pk
    assert client.post(f"{base}/sessions/{sid}/act/explode/", {}).status_code == 404
    assert client.post(f"{base}/sittings/{record['sitting'].pk}/act/nope/", {}).status_code == 404
    assert client.get(f"{base}/sittings/{record['sitting'].pk}/minutes/de/").status_code == 404
    # GET on an action redirects to the page, changes nothing.
    response = client.get(bo("session-act", node, session_id=sid, action="close"))
    assert response.status_code == 302
    # A vote or an answer for an item / question that is not this session's: 404.
    assert (
        client.post(
            bo("sitting-act", node, sitting_id=record["sitting"].pk, action="vote"), {"item": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            bo("session-act", node, session_id=sid, action="answer_question"), {"question": "77"}
        ).status_code
        == 404
    )
    member = record["member"]
    assert (
        client.post(bo("member-detail", node, member_id=member.pk), {"action": "fly"}).status_code
        == 404
    )


def test_malformed_posts_answer_a_message_and_write_nothing(secretary, commune_a, record):
    client = login(secretary)
    before = (AuditEvent.objects.count(), Session.objects.count(), Member.objects.count())
    response = client.post(bo("session-create", commune_a), {"opens_on": "le 1er février"})
    assert response.status_code == 200
    assert "error-summary" in html(response)
    response = client.post(bo("member-create", commune_a), {"first_name_ar": ""})
    assert "error-summary" in html(response)
    response = client.post(
        bo("sitting-act", commune_a, sitting_id=record["sitting"].pk, action="open"),
        {"open-next_call_at": "demain"},
    )
    assert response.status_code == 200
    assert "error-summary" in html(response)
    response = client.post(
        bo("petition-act", commune_a, petition_id=record["petition"].pk, action="refuse"),
        {"refuse-reasons": "  "},
    )
    assert "error-summary" in html(response)
    response = client.post(bo("petition-counter", commune_a), {"signatures": "-4"})
    assert "error-summary" in html(response)
    after = (AuditEvent.objects.count(), Session.objects.count(), Member.objects.count())
    assert after == before
    assert Attendance.objects.count() == 0
    assert Petition.objects.get(pk=record["petition"].pk).state == "filed"


def test_a_session_the_law_refuses_shows_the_article_and_writes_nothing(secretary, commune_a):
    with time_machine.travel(at(date(2026, 12, 1)), tick=False):
        client = login(secretary)
        response = client.post(bo("session-create", commune_a), {"opens_on": "2027-03-01"})
    assert response.status_code == 200
    assert "art. 33" in html(response)
    assert Session.objects.count() == 0


# --- the whole session through the pages --------------------------------------------------


def test_a_whole_session_through_the_pages(secretary, president_user, governor, commune_a, council):
    committee = CommitteeFactory(collectivity=commune_a)
    # 1 December: the secretariat plans the February session and its agenda.
    with time_machine.travel(at(date(2026, 12, 1)), tick=False):
        client = login(secretary)
        response = client.post(bo("session-create", commune_a), {"opens_on": "2027-02-01"})
        assert response.status_code == 302, errors(response)
        session = Session.objects.get()
        act = lambda action: bo("session-act", commune_a, session_id=session.pk, action=action)  # noqa: E731
        page = html(client.get(bo("session-detail", commune_a, session_id=session.pk)))
        assert "art. 39" in page  # the agenda's last day for the governor
        response = client.post(
            act("add_item"),
            {
                "add_item-title_ar": "برنامج عمل الجماعة",
                "add_item-title_fr": "Programme d'action de la commune",
                "add_item-subject": "action_programme",
                "add_item-origin": "president",
                "add_item-rapporteur": committee.pk,
            },
        )
        assert response.status_code == 302, errors(response)
        response = client.post(
            act("add_item"),
            {
                "add_item-title_ar": "تسمية شارع",
                "add_item-title_fr": "Dénomination d'une rue",
                "add_item-subject": "other",
                "add_item-origin": "members",
                "add_item-requested_by": [council[4].pk, council[5].pk],
            },
        )
        assert response.status_code == 302, errors(response)
        proposed = AgendaItem.objects.get(state="proposed")
        # Sending the agenda while a member's item awaits the president: refused, said why.
        response = client.post(act("send_agenda"))
        assert response.status_code == 200
        assert "error-summary" in html(response)
        assert Session.objects.get().agenda_sent_on is None
        response = client.post(
            bo("agendaitem-act", commune_a, agendaitem_id=proposed.pk, action="refuse"),
            {"refuse-reasons": ""},
        )
        assert "error-summary" in html(response)
        response = client.post(
            bo("agendaitem-act", commune_a, agendaitem_id=proposed.pk, action="accept")
        )
        assert response.status_code == 302
        response = client.post(
            bo("agendaitem-act", commune_a, agendaitem_id=proposed.pk, action="add_document"),
            {"add_document-title": "Plan de situation", "add_document-file": pdf_upload()},
        )
        assert response.status_code == 302, errors(response)
        assert proposed.documents.count() == 1
        doc = proposed.documents.get()
        download = client.get(bo("itemdocument-file", commune_a, itemdocument_id=doc.pk))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        response = client.post(act("send_agenda"))
        assert response.status_code == 302
        assert Session.objects.get().agenda_sent_on == date(2026, 12, 1)
        response = client.post(
            act("schedule_sitting"),
            {
                "schedule_sitting-scheduled_at": "2027-02-01T10:00",
                "schedule_sitting-place": "Salle",
            },
        )
        assert response.status_code == 302, errors(response)
        # Convening while the governor's 8 days run: refused with the article.
        response = client.post(act("convene"))
        assert "art. 39" in html(response)
        assert Convocation.objects.count() == 0
        # A written question, filed more than a month ahead.
        response = client.post(
            act("add_question"),
            {"add_question-member": council[6].pk, "add_question-question": "L'éclairage ?"},
        )
        assert response.status_code == 302, errors(response)
        question = session.questions.get()
        response = client.post(
            act("answer_question"), {"question": question.pk, f"q{question.pk}-answer": ""}
        )
        assert "error-summary" in html(response)
        response = client.post(
            act("answer_question"),
            {"question": question.pk, f"q{question.pk}-answer": "Les travaux commencent en mars."},
        )
        assert response.status_code == 302, errors(response)
        question.refresh_from_db()
        assert question.answer == "Les travaux commencent en mars."

    # 15 January: the convocations go out.
    with time_machine.travel(at(date(2027, 1, 15)), tick=False):
        client = login(secretary)
        response = client.post(act("convene"))
        assert response.status_code == 302, errors(response)
        assert Convocation.objects.filter(session=session).count() == len(council)
        page = html(client.get(bo("session-detail", commune_a, session_id=session.pk)))
        convocation = Convocation.objects.filter(member=council[3]).get()
        assert bo("convocation-pdf", commune_a, convocation_id=convocation.pk) in page
        pdf = client.get(bo("convocation-pdf", commune_a, convocation_id=convocation.pk))
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        convocation.refresh_from_db()
        assert convocation.document is not None

    sitting = Sitting.objects.get(session=session)
    sitting_url = bo("sitting-detail", commune_a, sitting_id=sitting.pk)
    sact = lambda action, s=sitting: bo("sitting-act", commune_a, sitting_id=s.pk, action=action)  # noqa: E731

    # 1 February: first call without quorum, then the second call 3 days later.
    with time_machine.travel(at(date(2027, 2, 1), 10, 5), tick=False):
        client = login(secretary)
        page = html(client.get(sitting_url))
        assert in_french("First call") in page
        presence = {f"open-presence_{m.pk}": "absent" for m in council}
        for m in council[:5]:
            presence[f"open-presence_{m.pk}"] = "present"
        # One member missing: refused, nothing written.
        missing = dict(presence)
        missing.pop(f"open-presence_{council[10].pk}")
        response = client.post(sact("open"), missing)
        assert response.status_code == 200
        assert Attendance.objects.count() == 0
        response = client.post(sact("open"), presence)
        assert response.status_code == 302
        sitting.refresh_from_db()
        assert sitting.state == "no_quorum"
        second = Sitting.objects.get(previous=sitting)
        page = html(client.get(sitting_url))
        assert in_french("Second call (same quorum)") in page
        assert sact("call_convene", second) in page
        response = client.post(sact("call_convene", second))
        assert response.status_code == 302, errors(response)
        assert Convocation.objects.filter(sitting=second).count() == len(council)

    with time_machine.travel(at(timezone.localdate(second.scheduled_at), 10, 5), tick=False):
        client = login(secretary)
        presence = {f"open-presence_{m.pk}": "present" for m in council[:9]}
        presence |= {f"open-presence_{m.pk}": "excused" for m in council[9:]}
        response = client.post(sact("open", second), presence)
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.state == "open"
        second_url = bo("sitting-detail", commune_a, sitting_id=second.pk)
        page = html(client.get(second_url))
        items = list(session.items.order_by("position"))
        assert f'name="item" value="{items[0].pk}"' in page
        # A vote with a missing ballot: a message, nothing written.
        ballots = {f"item{items[0].pk}-ballot_{m.pk}": "for" for m in council[:8]}
        response = client.post(sact("vote", second), {"item": items[0].pk, **ballots})
        assert response.status_code == 200
        assert VoteEvent.objects.count() == 0
        ballots[f"item{items[0].pk}-ballot_{council[8].pk}"] = "against"
        response = client.post(sact("vote", second), {"item": items[0].pk, **ballots})
        assert response.status_code == 302, errors(response)
        ballots = {f"item{items[1].pk}-ballot_{m.pk}": "against" for m in council[:9]}
        ballots[f"item{items[1].pk}-ballot_{council[0].pk}"] = "for"
        response = client.post(sact("vote", second), {"item": items[1].pk, **ballots})
        assert response.status_code == 302
        assert Ballot.objects.count() == 18
        page = html(client.get(second_url))
        assert in_french("Adopted") in page
        assert in_french("Rejected") in page
        decision = Decision.objects.get()
        assert decision.number in page
        response = client.post(sact("close", second))
        assert response.status_code == 302
        response = client.post(sact("minutes_issue", second))
        assert response.status_code == 302, errors(response)
        second.refresh_from_db()
        assert second.minutes_ar_id
        assert second.minutes_fr_id
        for language in ("ar", "fr"):
            minutes = client.get(
                bo("sitting-minutes", commune_a, sitting_id=second.pk, language=language)
            )
            assert minutes.status_code == 200
        # Sending before the signatures: not offered, and refused when forced.
        response = client.post(sact("minutes_send", second))
        assert response.status_code == 200
        assert Sitting.objects.get(pk=second.pk).minutes_sent_at is None
        # The secretary cannot sign for the president.
        assert client.post(sact("sign_president", second)).status_code == 403
        president = login(president_user)
        assert president.post(sact("sign_president", second)).status_code == 302
        assert client.post(sact("sign_secretary", second)).status_code == 302
        assert client.post(sact("minutes_send", second)).status_code == 302
        assert Sitting.objects.get(pk=second.pk).minutes_sent_at is not None
        dact = lambda action: bo("decision-act", commune_a, decision_id=decision.pk, action=action)  # noqa: E731
        assert client.post(dact("post")).status_code == 302
        assert client.post(dact("transmit")).status_code == 302
        decision.refresh_from_db()
        assert decision.posted_at is not None
        assert decision.state == "awaiting_visa"  # the action programme needs the visa
        # The secretariat cannot give the visa.
        assert client.post(dact("give_visa")).status_code == 403
        page = html(client.get(bo("decision-detail", commune_a, decision_id=decision.pk)))
        assert "art. 118" in page
        response = client.post(act("close"))
        assert response.status_code == 302
        assert Session.objects.get().state == "closed"


def test_the_home_shows_the_law_s_warnings_and_the_pending_clocks(secretary, commune_a, council):
    with time_machine.travel(at(date(2026, 12, 1)), tick=False):
        SessionFactory(collectivity=commune_a)
        client = login(secretary)
        response = client.post(
            bo("extraordinaryrequest-create", commune_a),
            {
                "origin": "members",
                "received_on": "2026-12-01",
                "subjects": "Le marché couvert",
                "signatories": [m.pk for m in council[:4]],
            },
        )
        assert response.status_code == 302, errors(response)
        request = ExtraordinaryRequest.objects.get()
        assert request.state == "pending"
        PetitionFactory(collectivity=commune_a)
        page = html(client.get(bo("session-list", commune_a)))
    assert "art. 39" in page  # agenda to the governor by 12 January
    assert "art. 35" in page  # convocations by 22 January
    assert "12/01/2027" in page or "12 janvier 2027" in page
    assert bo("extraordinaryrequest-detail", commune_a, extraordinaryrequest_id=request.pk) in page
    assert "days left" in page or "jours" in page


def test_refusing_an_extraordinary_request_needs_reasons(secretary, commune_a, council):
    request = ExtraordinaryRequestFactory(collectivity=commune_a, in_office_count=11)
    client = login(secretary)
    url = bo(
        "extraordinaryrequest-act", commune_a, extraordinaryrequest_id=request.pk, action="refuse"
    )
    response = client.post(url, {"refuse-reasons": ""})
    assert response.status_code == 200
    assert "error-summary" in html(response)
    assert ExtraordinaryRequest.objects.get().state == "pending"


def test_members_and_committees_through_the_pages(secretary, commune_a, council):
    client = login(secretary)
    response = client.post(
        bo("member-create", commune_a),
        {
            "first_name_ar": "كريم",
            "last_name_ar": "الإدريسي",
            "first_name_fr": "Karim",
            "last_name_fr": "Idrissi",
            "office": "member",
            "mandate_start": "2021-09-21",
            "email": "karim@example.ma",
        },
    )
    assert response.status_code == 302, errors(response)
    member = Member.objects.get(last_name_fr="Idrissi")
    # A second president while one is in office: refused with a message.
    response = client.post(
        bo("member-create", commune_a),
        {
            "first_name_ar": "س",
            "last_name_ar": "ص",
            "first_name_fr": "S",
            "last_name_fr": "Second",
            "office": "president",
            "mandate_start": "2021-09-21",
        },
    )
    assert response.status_code == 200
    assert not Member.objects.filter(last_name_fr="Second").exists()
    url = bo("member-detail", commune_a, member_id=member.pk)
    page = html(client.get(url))
    assert 'value="Idrissi"' in page
    response = client.post(
        url,
        {
            "action": "update",
            "update-first_name_ar": "كريم",
            "update-last_name_ar": "الإدريسي",
            "update-first_name_fr": "Karim",
            "update-last_name_fr": "Idrissi-Alaoui",
            "update-office": "member",
            "update-political_group": "Groupe B",
        },
    )
    assert response.status_code == 302, errors(response)
    member.refresh_from_db()
    assert (member.last_name_fr, member.political_group) == ("Idrissi-Alaoui", "Groupe B")
    response = client.post(
        url, {"action": "leave", "leave-left_on": "2026-11-01", "leave-reason": "resigned"}
    )
    assert response.status_code == 302, errors(response)
    member.refresh_from_db()
    assert member.left_on == date(2026, 11, 1)
    response = client.post(
        bo("committee-create", commune_a),
        {
            "name_ar": "لجنة المرافق",
            "name_fr": "Commission des services publics",
            "is_standing": "on",
            "chair": council[2].pk,
            "members": [council[2].pk, council[3].pk],
        },
    )
    assert response.status_code == 302, errors(response)
    page = html(client.get(bo("member-list", commune_a)))
    assert "Commission des services publics" in page


def test_a_petition_at_the_counter_and_its_answer(secretary, commune_a):
    client = login(secretary)
    data = {
        "petitioner_kind": "citizens",
        "title": "Un terrain de sport",
        "text": "Nous demandons un terrain de proximité.",
        "agent_name": "Youssef Amrani",
        "signatures": "3",
    }
    response = client.post(bo("petition-counter", commune_a), data)
    assert response.status_code == 200
    assert "art. 125" in html(response)
    assert Petition.objects.count() == 0
    data["signatures"] = "450"
    response = client.post(bo("petition-counter", commune_a), data)
    assert response.status_code == 302, errors(response)
    petition = Petition.objects.get()
    page = html(client.get(bo("petition-detail", commune_a, petition_id=petition.pk)))
    assert petition.number in page
    assert "art. 125" in page
    response = client.post(
        bo("petition-act", commune_a, petition_id=petition.pk, action="accept"),
        {"accept-reasons": "D'intérêt général."},
    )
    assert response.status_code == 302
    assert Petition.objects.get().state == "accepted"


def test_a_governor_s_item_is_recorded_only_within_his_window(governor, commune_a, council):
    with time_machine.travel(at(date(2026, 12, 1)), tick=False):
        session = SessionFactory(collectivity=commune_a, agenda_sent_on=date(2026, 12, 1))
        client = login(governor)
        url = bo("session-act", commune_a, session_id=session.pk, action="add_item")
        data = {
            "add_item-title_ar": "نقطة العامل",
            "add_item-title_fr": "Point du gouverneur",
            "add_item-subject": "other",
            "add_item-origin": "governor",
        }
        assert client.post(url, data).status_code == 302
        # The governor's office cannot add the president's items.
        assert client.post(url, {**data, "add_item-origin": "president"}).status_code == 403
    with time_machine.travel(at(date(2026, 12, 10)), tick=False):
        client = login(governor)
        response = client.post(url, data)
        assert response.status_code == 200
        assert "art. 39" in html(response)
    assert AgendaItem.objects.filter(origin="governor").count() == 1


def test_secretariat_of_commune_b_with_council_b_is_a_separate_world(
    other_secretary, commune_b, council_b
):
    """The same pages work for the other commune's own secretary (nothing hardwired)."""
    client = login(other_secretary)
    assert client.get(bo("session-list", commune_b)).status_code == 200
    page = html(client.get(bo("member-list", commune_b)))
    assert council_b[0].name_fr in page


def test_accepting_a_majority_request_plans_the_session(secretary, commune_a, council):
    with time_machine.travel(at(date(2026, 12, 1)), tick=False):
        client = login(secretary)
        response = client.post(
            bo("extraordinaryrequest-create", commune_a),
            {
                "origin": "members",
                "received_on": "2026-12-01",
                "subjects": "Le marché couvert",
                "signatories": [m.pk for m in council[:6]],
            },
        )
        assert response.status_code == 302, errors(response)
        request = ExtraordinaryRequest.objects.get()
        url = bo(
            "extraordinaryrequest-act",
            commune_a,
            extraordinaryrequest_id=request.pk,
            action="accept",
        )
        # A majority request: the session within 15 days (art. 36).
        response = client.post(url, {"accept-opens_on": "2026-12-28"})
        assert response.status_code == 200
        assert "art. 36" in errors(response)
        assert Session.objects.count() == 0
        response = client.post(
            url, {"accept-opens_on": "2026-12-10", "accept-closes_on": "2026-12-11"}
        )
        assert response.status_code == 302, errors(response)
        session = Session.objects.get()
        assert response["Location"].endswith(f"/council/sessions/{session.pk}/")
        assert session.kind == "extraordinary_members"
        assert ExtraordinaryRequest.objects.get().state == "accepted"

"""A whole council session in a real Chromium, in Arabic and in French, as the secretariat:
plan the February session, add items, send the agenda to the governor, schedule the sitting,
convene, take the attendance, record the nominal votes, close, issue the minutes, have them
signed by the president then the secretary, send them, post the decisions; then an anonymous
visitor reads the council's public page and a decision with its vote.

The live server runs in this process, so the test moves its clock (time_machine): the
session is planned today, in the February of next year, with the law's delays open (agenda to
the governor 20 days ahead); convening during the governor's 8 days is refused, so the clock
moves 9 days on to convene; opening the sitting before its day is refused, so the clock moves
to the opening day for the sitting and what follows. Nothing is written outside the pages.
Screenshots go to /tmp/council-shots/<step>-<lang>.png."""

from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory, verified_login
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.council.models import AgendaItem, Decision, Session, Sitting
from jamaati.council.tests.factories import CommitteeFactory, council_of

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/council-shots")
NAV_TIMEOUT = 90_000
ITEMS = [
    (
        "اتفاقية شراكة لتهيئة السوق الأسبوعي",
        "Convention de partenariat pour le souk",
        "partnership",
    ),
    ("تسمية شارع باسم الشهيد", "Dénomination d'une rue", "other"),
]


def article(lang: str, number: int) -> str:
    """How a page in `lang` cites an article of the law (the Arabic pages say المادة)."""
    return f"المادة {number}" if lang == "ar" else f"art. {number}"


def shoot(tab, step: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.evaluate("document.fonts.ready")
    tab.screenshot(path=str(SHOTS / f"{step}-{lang}.png"), full_page=True)


def become(tab, user) -> None:
    """The browser takes `user`'s session (second factor passed for staff)."""
    client = Client()
    verified_login(client, user)
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key).exists(key)
    tab.context.clear_cookies()
    host = urlsplit(tab.url).hostname
    tab.context.add_cookies([{"name": "sessionid", "value": key, "domain": host, "path": "/"}])


def submit(tab, selector: str) -> None:
    """Click a submit button and wait for the page that answers."""
    with tab.expect_navigation(timeout=NAV_TIMEOUT):
        tab.locator(selector).click()


def act(tab, name: str, fill: dict | None = None) -> None:
    """Open the action `name` (a <details>), fill its fields, send it."""
    details = tab.locator(f"#action-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    for selector, value in (fill or {}).items():
        tab.fill(selector, value)
    submit(tab, f"#action-{name} button[type=submit]")


def assert_no_overflow(tab) -> None:
    """Nothing sticks out of the page sideways (rtl and ltr)."""
    wide = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide


def errors_text(tab) -> str:
    box = tab.locator(".error-summary")
    return box.first.inner_text() if box.count() else ""


@pytest.fixture
def travel_to():
    """`travel_to(moment)`: the process's clock (the live server's too) runs from `moment`."""
    travels = []

    def start(moment):
        if travels:
            travels.pop().stop()
        traveller = time_machine.travel(moment, tick=True)
        traveller.start()
        travels.append(traveller)

    yield start
    for traveller in travels:
        traveller.stop()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_whole_session_then_the_public_record(page, lang, travel_to):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    council = council_of(commune, 7)
    president_member = council[0]
    CommitteeFactory(collectivity=commune)
    secretary = StaffFactory(collectivity=commune, role=Role.COUNCIL_SECRETARY)
    president = StaffFactory(collectivity=commune, role=Role.SIGNATORY)
    direction = "rtl" if lang == "ar" else "ltr"
    today = timezone.localdate()
    opens_on = _next_february_session(today)
    bo = f"/{lang}/bo/{BEN_GUERIR}/council"

    page.goto(f"/{lang}/")
    become(page, secretary)

    # 1. The council's home, then plan the session.
    page.goto(f"{bo}/")
    assert page.locator("html").get_attribute("dir") == direction
    shoot(page, "01-home", lang)
    with page.expect_navigation():
        page.locator(f"a[href='{bo}/sessions/new/']").first.click()
    page.fill("#id_opens_on", opens_on.isoformat())
    shoot(page, "02-plan", lang)
    submit(page, "main form button[type=submit]")
    session = Session.objects.get(collectivity=commune)
    assert page.url.endswith(f"/council/sessions/{session.pk}/")
    assert article(lang, 39) in page.locator("main").inner_text()

    # 2. The agenda: two items, with their majority rule.
    for title_ar, title_fr, subject in ITEMS:
        details = page.locator("#action-add_item")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        page.fill("#id_add_item-title_ar", title_ar)
        page.fill("#id_add_item-title_fr", title_fr)
        page.select_option("#id_add_item-subject", subject)
        submit(page, "#action-add_item button[type=submit]")
        assert not errors_text(page), errors_text(page)
    assert AgendaItem.objects.filter(session=session).count() == 2
    shoot(page, "03-agenda", lang)
    assert_no_overflow(page)

    # 3. The agenda to the governor; the sitting on the opening day.
    act(page, "send_agenda")
    assert not errors_text(page), errors_text(page)
    act(
        page,
        "schedule_sitting",
        {
            "#id_schedule_sitting-scheduled_at": f"{opens_on.isoformat()}T10:00",
            "#id_schedule_sitting-place": "قاعة المداولات"
            if lang == "ar"
            else "Salle des délibérations",
        },
    )
    assert not errors_text(page), errors_text(page)
    sitting = Sitting.objects.get(session=session)

    # 4. Convening during the governor's 8 days: refused, the article said.
    act(page, "convene")
    assert article(lang, 39) in errors_text(page)
    shoot(page, "04-convene-refused", lang)
    # ... the governor's 8 days pass.
    travel_to(timezone.make_aware(datetime.combine(today + timedelta(days=9), time(9))))
    become(page, secretary)
    page.goto(f"{bo}/sessions/{session.pk}/")
    act(page, "convene")
    assert not errors_text(page), errors_text(page)
    assert session.convocations.count() == len(council)
    shoot(page, "05-convened", lang)
    assert_no_overflow(page)

    # 5. The sitting: not before its day; on the day, attendance (one member absent), quorum.
    with page.expect_navigation():
        page.locator(f"a[href='{bo}/sittings/{sitting.pk}/']").first.click()
    for member in council:
        page.check(f"input[name='open-presence_{member.pk}'][value='present']")
    submit(page, "#action-open button[type=submit]")
    assert opens_on.strftime("%Y") in errors_text(page)
    sitting.refresh_from_db()
    assert sitting.state == "scheduled"
    travel_to(timezone.make_aware(datetime.combine(opens_on, time(9, 45))))
    become(page, secretary)
    page.goto(f"{bo}/sittings/{sitting.pk}/")
    first_call = page.locator("[data-call]").inner_text()
    assert first_call
    for member in council:
        value = "absent" if member == council[-1] else "present"
        page.check(f"input[name='open-presence_{member.pk}'][value='{value}']")
    shoot(page, "06-attendance", lang)
    submit(page, "#action-open button[type=submit]")
    sitting.refresh_from_db()
    assert sitting.state == "open", errors_text(page)

    # 6. Nominal votes: the partnership by the absolute majority of members in office; the
    # street name on a tie decided by the president's side.
    partnership, street = AgendaItem.objects.filter(session=session).order_by("position")
    present = council[:-1]
    choices = {m.pk: "for" for m in present}
    choices[present[-1].pk] = "against"
    _vote(page, partnership, choices)
    ties = {m.pk: ("for" if i % 2 == 0 else "against") for i, m in enumerate(present)}
    ties[president_member.pk] = "for"
    assert list(ties.values()).count("for") == list(ties.values()).count("against")
    _vote(page, street, ties)
    assert Decision.objects.filter(item__session=session).count() == 2
    assert page.locator("[data-result='adopted']").count() == 2
    shoot(page, "07-votes", lang)
    assert_no_overflow(page)

    # 7. Close the sitting and issue the minutes (Arabic and French PDFs).
    act(page, "close")
    act(page, "minutes_issue")
    assert not errors_text(page), errors_text(page)
    assert page.locator(f"a[href$='/sittings/{sitting.pk}/minutes/ar/']").count() == 1
    assert page.locator(f"a[href$='/sittings/{sitting.pk}/minutes/fr/']").count() == 1
    shoot(page, "08-minutes-issued", lang)

    # 8. Signed by the president, then by the secretary, then sent.
    become(page, president)
    page.goto(f"{bo}/sittings/{sitting.pk}/")
    assert page.locator("#action-sign_secretary").count() == 0
    act(page, "sign_president")
    become(page, secretary)
    page.goto(f"{bo}/sittings/{sitting.pk}/")
    act(page, "sign_secretary")
    act(page, "minutes_send")
    sitting.refresh_from_db()
    assert sitting.minutes_sent_at is not None, errors_text(page)
    shoot(page, "09-minutes-sent", lang)

    # 9. The decisions are posted publicly.
    for decision in Decision.objects.filter(item__session=session).order_by("pk"):
        page.goto(f"{bo}/decisions/{decision.pk}/")
        act(page, "post")
        assert not errors_text(page), errors_text(page)
    shoot(page, "10-decision-posted", lang)
    assert_no_overflow(page)
    page.goto(f"{bo}/decisions/")
    shoot(page, "11-decisions", lang)

    # 10. One decision is sent to the governor, whose office sees it from the province with
    # its opposition clock (3 working days).
    first = Decision.objects.filter(item__session=session).order_by("pk").first()
    page.goto(f"{bo}/decisions/{first.pk}/")
    act(page, "transmit")
    assert not errors_text(page), errors_text(page)
    province = Collectivity.objects.get(pk=commune.parent_id)
    governor = StaffFactory(collectivity=province, role=Role.SUPERVISOR)
    become(page, governor)
    page.goto(f"/{lang}/bo/{province.code}/council/decisions/")
    main = page.locator("main").inner_text()
    assert first.number in main
    assert article(lang, 117) in main
    shoot(page, "12-governor-decisions", lang)
    assert_no_overflow(page)
    with page.expect_navigation():
        page.locator(f"a[href$='/bo/{BEN_GUERIR}/council/decisions/{first.pk}/']").click()
    assert page.locator("#action-oppose").count() == 1
    assert page.locator("#action-post").count() == 0

    _read_the_public_record(page, lang, commune, session)


def _vote(page, item, choices: dict[int, str]) -> None:
    form = page.locator(f"form:has(input[name='item'][value='{item.pk}'])")
    for member_id, choice in choices.items():
        form.locator(f"input[name='item{item.pk}-ballot_{member_id}'][value='{choice}']").check()
    with page.expect_navigation(timeout=NAV_TIMEOUT):
        form.locator("button[type=submit]").click()
    assert not errors_text(page), errors_text(page)


def _read_the_public_record(page, lang: str, commune, session) -> None:
    """An anonymous visitor reads the council's public page and a decision with its vote
    (public pages: public:council-home and public:council-decision)."""
    page.context.clear_cookies()
    decision = Decision.objects.filter(item__session=session).order_by("pk").first()
    page.goto(f"/{lang}/c/{BEN_GUERIR}/council/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    main = page.locator("main").inner_text()
    assert decision.number in main or decision.title in main
    shoot(page, "13-public-home", lang)
    assert_no_overflow(page)
    page.goto(f"/{lang}/c/{BEN_GUERIR}/council/decisions/{decision.number}/")
    main = page.locator("main").inner_text()
    assert decision.number in main
    member = decision.vote.ballots.select_related("member").first().member
    assert (member.name_ar if lang == "ar" else member.name_fr) in main
    assert "@" not in main  # no member's email on the public record
    shoot(page, "14-public-decision", lang)
    assert_no_overflow(page)


def _next_february_session(today: date) -> date:
    """The first day of the next February session far enough ahead for the law's delays."""
    year = today.year + 1 if today.month >= 2 else today.year
    opens_on = date(year, 2, 1)
    if (opens_on - today).days < 25:
        opens_on = date(year + 1, 2, 1)
    return opens_on

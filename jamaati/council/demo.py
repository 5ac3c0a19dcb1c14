"""The demo council of Ben Guerir (07.427.01.01), built through the council's services so that
the secretariat's pages, the governor's control and the public record have something to show.

- 29 members elected in September 2021 (names in Arabic and Latin script), five political
  groups, the bureau (the president — linked to the demo account president.benguerir — four
  vice-presidents, the secretary and the deputy secretary) and three standing committees.
- The October 2026 ordinary session, held: planned on 1 September, agenda sent to the
  governor on 10 September, convened on 21 September, two sittings (5 and 8 October) with
  attendance, nominal votes on five items: the action programme (absolute majority of members
  in office, governor's visa: given on 22 October), a partnership convention (absolute
  majority failed at the first sitting, adopted by votes cast at the second), the 2027 budget
  (visa: the governor's silence for 20 days counts as the visa), an urbanism opinion (5
  working days to transmit; in force after the opposition window), a twinning (rejected).
  Minutes issued, signed and sent; decisions posted and sent to the governor on 9 October.
- The February 2027 ordinary session planned with its agenda, and one citizens' petition
  filed online.

The services run with `now=` at those past dates (the clocks count from those days), and the
demo applies the outcome of the clocks that ran out since, as the daily sweep does. The
secretariat acts as secretaire.benguerir, the president signs as
president.benguerir, the governor's office is gouverneur.rehamna. Idempotent: nothing is
written when Ben Guerir's council already has members.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.services import deadline_expire
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.engine import transition
from jamaati.core.workflow.system import SYSTEM
from jamaati.council.models import AgendaItem, Decision, Member, Office, Session
from jamaati.council.services.agenda import item_add, item_document_add
from jamaati.council.services.decisions import (
    decision_give_visa,
    decision_post,
    decision_transmit,
)
from jamaati.council.services.members import committee_add, member_add
from jamaati.council.services.minutes import minutes_issue, minutes_send, minutes_sign
from jamaati.council.services.petitions import petition_file
from jamaati.council.services.sessions import (
    agenda_send_to_governor,
    session_close,
    session_convene,
    session_plan,
)
from jamaati.council.services.sittings import sitting_close, sitting_open, sitting_schedule
from jamaati.council.services.votes import vote_record

DEMO_COMMUNE = "07.427.01.01"
SECRETARY = "secretaire.benguerir"
PRESIDENT = "president.benguerir"
GOVERNOR = "gouverneur.rehamna"
CITIZEN = "citoyen1@demo.jamaati.ma"
MANDATE_START = date(2021, 9, 21)
PLACE = "Salle des délibérations, siège de la commune"
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

RNI = "Rassemblement national des indépendants"
PAM = "Parti authenticité et modernité"
ISTIQLAL = "Parti de l'Istiqlal"
USFP = "Union socialiste des forces populaires"
MP = "Mouvement populaire"

# (first ar, last ar, first fr, last fr, sex, group, office, rank)
MEMBERS: tuple[tuple[str, str, str, str, str, str, str, int], ...] = (
    ("عبد الله", "الرحماني", "Abdellah", "Rahmani", "M", RNI, Office.PRESIDENT, 0),
    ("فاطمة الزهراء", "بناني", "Fatima Zahra", "Bennani", "F", PAM, Office.VICE_PRESIDENT, 1),
    ("محمد", "العمراني", "Mohammed", "El Amrani", "M", RNI, Office.VICE_PRESIDENT, 2),
    ("خديجة", "الإدريسي", "Khadija", "Idrissi", "F", ISTIQLAL, Office.VICE_PRESIDENT, 3),
    ("يوسف", "الشرقاوي", "Youssef", "Cherkaoui", "M", PAM, Office.VICE_PRESIDENT, 4),
    ("نزهة", "الطاهري", "Nezha", "Tahiri", "F", RNI, Office.SECRETARY, 0),
    ("رشيد", "بوزيدي", "Rachid", "Bouzidi", "M", USFP, Office.DEPUTY_SECRETARY, 0),
    ("سعيد", "الحمداوي", "Said", "Hamdaoui", "M", RNI, Office.MEMBER, 0),
    ("مريم", "العلوي", "Meryem", "Alaoui", "F", PAM, Office.MEMBER, 0),
    ("عبد الرحيم", "الفاسي", "Abderrahim", "El Fassi", "M", ISTIQLAL, Office.MEMBER, 0),
    ("ليلى", "بنعلي", "Leila", "Benali", "F", RNI, Office.MEMBER, 0),
    ("حسن", "أوعلي", "Hassan", "Ouali", "M", MP, Office.MEMBER, 0),
    ("نادية", "السباعي", "Nadia", "Sbai", "F", PAM, Office.MEMBER, 0),
    ("إبراهيم", "الزياني", "Brahim", "Zyani", "M", RNI, Office.MEMBER, 0),
    ("سميرة", "القادري", "Samira", "Kadiri", "F", ISTIQLAL, Office.MEMBER, 0),
    ("عمر", "بلحاج", "Omar", "Belhaj", "M", USFP, Office.MEMBER, 0),
    ("حنان", "المرابط", "Hanane", "Mrabet", "F", RNI, Office.MEMBER, 0),
    ("مصطفى", "الوزاني", "Mustapha", "Ouazzani", "M", PAM, Office.MEMBER, 0),
    ("زينب", "الحسني", "Zineb", "Hassani", "F", RNI, Office.MEMBER, 0),
    ("عبد العزيز", "الصديقي", "Abdelaziz", "Seddiki", "M", MP, Office.MEMBER, 0),
    ("سلمى", "الكتاني", "Salma", "Kettani", "F", ISTIQLAL, Office.MEMBER, 0),
    ("أحمد", "الرامي", "Ahmed", "Rami", "M", RNI, Office.MEMBER, 0),
    ("إيمان", "الشاوي", "Imane", "Chaoui", "F", PAM, Office.MEMBER, 0),
    ("خالد", "المنصوري", "Khalid", "Mansouri", "M", USFP, Office.MEMBER, 0),
    ("وفاء", "بنجلون", "Wafae", "Benjelloun", "F", RNI, Office.MEMBER, 0),
    ("عزيز", "الحيان", "Aziz", "Hayane", "M", PAM, Office.MEMBER, 0),
    ("هند", "العثماني", "Hind", "Othmani", "F", ISTIQLAL, Office.MEMBER, 0),
    ("جمال", "الدكالي", "Jamal", "Doukkali", "M", RNI, Office.MEMBER, 0),
    ("سناء", "الرحالي", "Sanaa", "Rahali", "F", MP, Office.MEMBER, 0),
)

# (name ar, name fr, chair's Latin family name, members' Latin family names)
COMMITTEES = (
    (
        "لجنة الميزانية والشؤون المالية والبرمجة",
        "Commission du budget, des affaires financières et de la programmation",
        "Hamdaoui",
        ("Alaoui", "El Fassi", "Benali", "Zyani", "Belhaj", "Rami"),
    ),
    (
        "لجنة المرافق العمومية والخدمات والتعمير",
        "Commission des services publics, des équipements et de l'urbanisme",
        "Kadiri",
        ("Ouali", "Sbai", "Mrabet", "Ouazzani", "Chaoui", "Doukkali"),
    ),
    (
        "لجنة الشؤون الاجتماعية والثقافية والرياضية",
        "Commission des affaires sociales, culturelles et sportives",
        "Hassani",
        ("Seddiki", "Kettani", "Mansouri", "Benjelloun", "Othmani", "Rahali"),
    ),
)

# Family names of the members not present, per sitting.
ABSENT_1 = ("Hayane", "Doukkali")
EXCUSED_1 = ("Othmani", "Belhaj", "Rahali")
ABSENT_2 = ("Hayane",)
EXCUSED_2 = ("Mansouri",)


@dataclass
class ItemSpec:
    key: str
    subject: str
    title_ar: str
    title_fr: str
    committee: int
    votes: tuple[int, int, int]  # for, against, abstain at the first sitting
    second: tuple[int, int, int] | None = None  # at the second sitting, when postponed
    document: str = ""


OCTOBER_ITEMS = (
    ItemSpec(
        "programme",
        "action_programme",
        "الدراسة والتصويت على تحيين برنامج عمل الجماعة 2022-2027",
        "Examen et vote de la mise à jour du programme d'action de la commune 2022-2027",
        0,
        (20, 2, 2),
        document="Rapport de la commission du budget",
    ),
    ItemSpec(
        "partnership",
        "partnership",
        "الدراسة والتصويت على اتفاقية شراكة لتأهيل الساحات الخضراء بحي المطار",
        "Examen et vote de la convention de partenariat pour l'aménagement des espaces verts "
        "du quartier Al Matar",
        1,
        (13, 5, 6),
        second=(16, 7, 4),
        document="Projet de convention",
    ),
    ItemSpec(
        "budget",
        "budget",
        "الدراسة والتصويت على مشروع ميزانية الجماعة برسم سنة 2027",
        "Examen et vote du projet de budget de la commune pour l'année 2027",
        0,
        (17, 5, 2),
        document="Projet de budget 2027",
    ),
    ItemSpec(
        "urbanism",
        "urbanism",
        "إبداء الرأي في مشروع تصميم تهيئة القطب الحضري الأخضر",
        "Avis sur le projet de plan d'aménagement du pôle urbain vert",
        1,
        (22, 0, 2),
    ),
    ItemSpec(
        "twinning",
        "twinning",
        "الدراسة والتصويت على اتفاقية توأمة مع جماعة أجنبية",
        "Examen et vote d'une convention de jumelage avec une commune étrangère",
        2,
        (8, 11, 5),
    ),
)

FEBRUARY_ITEMS = (
    (
        "other",
        "الدراسة والتصويت على برمجة الفائض التقديري لميزانية 2026",
        "Examen et vote de la programmation de l'excédent prévisionnel du budget 2026",
        0,
    ),
    (
        "public_services",
        "الدراسة والتصويت على إحداث مرفق عمومي للنقل الحضري",
        "Examen et vote de la création d'un service public de transport urbain",
        1,
    ),
    (
        "street_names",
        "الدراسة والتصويت على تسمية شوارع وساحات بحي الرياض",
        "Examen et vote de la dénomination de rues et places du quartier Riad",
        1,
    ),
)


class DemoPeopleMissing(Exception):  # noqa: N818
    """The demo accounts are not loaded (run load_demo first)."""


@dataclass
class CouncilDemoReport:
    members: int = 0
    decisions: list[str] = field(default_factory=list)
    petition: str = ""
    skipped: str = ""


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _user(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DemoPeopleMissing(username)
    return user


def _expire_ran_out(owner: Any) -> None:
    """What the daily sweep does, for this demo decision's clocks only: expire the running
    clocks whose delay has run out and apply their legal outcome as SYSTEM."""
    today = timezone.localdate()
    for pk in (
        Deadline.objects.of(owner)
        .filter(status=Deadline.Status.RUNNING, due_on__lt=today)
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            clock = Deadline.objects.select_for_update().get(pk=pk)
            if clock.status != Deadline.Status.RUNNING:
                continue
            clock = deadline_expire(actor=SYSTEM, deadline=clock, today=today)
            if clock.on_expiry:
                current = Decision.objects.get(pk=owner.pk)
                transition(current, clock.on_expiry, actor=SYSTEM)


def _presence(members: list[Member], absent: tuple, excused: tuple) -> dict[int, str]:
    presence = {}
    for member in members:
        if member.last_name_fr in absent:
            presence[member.pk] = "absent"
        elif member.last_name_fr in excused:
            presence[member.pk] = "excused"
        else:
            presence[member.pk] = "present"
    return presence


def _ballots(present: list[Member], counts: tuple[int, int, int], shift: int) -> dict[int, str]:
    """`counts` (for, against, abstain) spread over the members present, rotated by `shift`
    so that each member's record differs from item to item."""
    order = present[shift % len(present) :] + present[: shift % len(present)]
    choices = ["for"] * counts[0] + ["against"] * counts[1] + ["abstain"] * counts[2]
    return {m.pk: c for m, c in zip(order, choices, strict=False)}


def load_council_demo(progress: Callable[[str], None] = lambda line: None) -> CouncilDemoReport:
    """Build Ben Guerir's demo council once (see the module docstring)."""
    report = CouncilDemoReport()
    commune = Collectivity.objects.get(code=DEMO_COMMUNE)
    if Member.objects.filter(collectivity=commune).exists():
        report.skipped = "the council of Ben Guerir already has members"
        return report
    secretary, president_user, governor = _user(SECRETARY), _user(PRESIDENT), _user(GOVERNOR)
    with transaction.atomic():
        members = _seat_council(secretary, commune, president_user)
        report.members = len(members)
        progress(f"{len(members)} members and 3 committees seated")
        committees = _committees(secretary, commune, members)
        report.decisions = _october_session(
            secretary, president_user, governor, commune, members, committees, progress
        )
        _february_session(secretary, commune, committees)
        progress("February 2027 session planned with its agenda")
        report.petition = _petition(secretary, commune)
        progress(f"petition {report.petition} filed")
    return report


def _seat_council(secretary: Any, commune: Any, president_user: Any) -> list[Member]:
    members = []
    for index, (f_ar, l_ar, f_fr, l_fr, sex, group, office, rank) in enumerate(MEMBERS, 1):
        slug = f"{f_fr[0]}.{l_fr.replace(' ', '').lower()}"
        members.append(
            member_add(
                actor=secretary,
                collectivity=commune,
                first_name_ar=f_ar,
                last_name_ar=l_ar,
                first_name_fr=f_fr,
                last_name_fr=l_fr,
                mandate_start=MANDATE_START,
                office=office,
                office_rank=rank,
                political_group=group,
                sex=sex,
                email=f"{slug.lower()}@conseil.benguerir.demo.jamaati.ma",
                phone=f"+2126610{index:05d}",
                user=president_user if office == Office.PRESIDENT else None,
            )
        )
    return members


def _committees(secretary: Any, commune: Any, members: list[Member]) -> list[Any]:
    by_name = {m.last_name_fr: m for m in members}
    return [
        committee_add(
            actor=secretary,
            collectivity=commune,
            name_ar=name_ar,
            name_fr=name_fr,
            chair=by_name[chair],
            members=[by_name[n] for n in names],
        )
        for name_ar, name_fr, chair, names in COMMITTEES
    ]


def _october_session(
    secretary: Any,
    president_user: Any,
    governor: Any,
    commune: Any,
    members: list[Member],
    committees: list[Any],
    progress: Callable[[str], None],
) -> list[str]:
    opens = date(2026, 10, 5)
    planned_at = _at(date(2026, 9, 1), 9)
    session = session_plan(actor=secretary, collectivity=commune, opens_on=opens, now=planned_at)
    items: dict[str, AgendaItem] = {}
    for spec in OCTOBER_ITEMS:
        item = item_add(
            actor=secretary,
            session=session,
            title_ar=spec.title_ar,
            title_fr=spec.title_fr,
            subject=spec.subject,
            rapporteur=committees[spec.committee],
            now=planned_at,
        )
        if spec.document:
            upload = SimpleUploadedFile(f"{spec.key}.pdf", DEMO_PDF, content_type="application/pdf")
            item_document_add(actor=secretary, item=item, upload=upload, title=spec.document)
        items[spec.key] = item
    first = sitting_schedule(
        actor=secretary, session=session, scheduled_at=_at(opens), place=PLACE, now=planned_at
    )
    second = sitting_schedule(
        actor=secretary,
        session=session,
        scheduled_at=_at(opens + timedelta(days=3)),
        place=PLACE,
        now=planned_at,
    )
    agenda_send_to_governor(actor=secretary, session=session, now=_at(date(2026, 9, 10), 9))
    session_convene(actor=secretary, session=session, now=_at(date(2026, 9, 21), 9))
    progress("October 2026 session planned, agenda sent to the governor, members convened")

    first = sitting_open(
        actor=secretary,
        sitting=first,
        presence=_presence(members, ABSENT_1, EXCUSED_1),
        now=_at(opens, 10, 15),
    )
    present = [m for m in members if m.last_name_fr not in ABSENT_1 + EXCUSED_1]
    for shift, spec in enumerate(OCTOBER_ITEMS):
        vote_record(
            actor=secretary,
            sitting=first,
            item=items[spec.key],
            ballots=_ballots(present, spec.votes, shift * 5),
            now=_at(opens, 11, 0) + timedelta(minutes=20 * shift),
        )
    sitting_close(actor=secretary, sitting=first, now=_at(opens, 13, 30))

    second_day = opens + timedelta(days=3)
    second = sitting_open(
        actor=secretary,
        sitting=second,
        presence=_presence(members, ABSENT_2, EXCUSED_2),
        now=_at(second_day, 10, 10),
    )
    present = [m for m in members if m.last_name_fr not in ABSENT_2 + EXCUSED_2]
    for shift, spec in enumerate(s for s in OCTOBER_ITEMS if s.second):
        vote_record(
            actor=secretary,
            sitting=second,
            item=items[spec.key],
            ballots=_ballots(present, spec.second, 3 + shift),
            now=_at(second_day, 10, 45),
        )
    sitting_close(actor=secretary, sitting=second, now=_at(second_day, 12, 0))
    progress("two sittings held: attendance, votes, decisions numbered")

    for sitting, day in ((first, opens + timedelta(days=2)), (second, second_day + timedelta(1))):
        minutes_issue(actor=secretary, sitting=sitting, now=_at(day, 9))
        minutes_sign(actor=president_user, sitting=sitting, as_role="president", now=_at(day, 11))
        minutes_sign(actor=secretary, sitting=sitting, as_role="secretary", now=_at(day, 12))
        minutes_send(actor=secretary, sitting=sitting, now=_at(day, 15))
    session_close(actor=secretary, session=session, now=_at(date(2026, 10, 19), 18))
    progress("minutes issued, signed and sent; session closed")

    sent_on = date(2026, 10, 9)
    decisions = list(
        Decision.objects.filter(item__session=session).select_related("item").order_by("pk")
    )
    for decision in decisions:
        decision_post(actor=secretary, decision=decision, now=_at(sent_on, 9))
        decision_transmit(actor=secretary, decision=decision, now=_at(sent_on, 10))
    by_subject = {d.subject: d for d in decisions}
    programme = by_subject["action_programme"]
    decision_give_visa(actor=governor, decision=programme, now=_at(date(2026, 10, 22), 11))
    for decision in decisions:
        _expire_ran_out(decision)
    progress(f"{len(decisions)} decisions posted and sent to the governor; control applied")
    return [d.number for d in decisions]


def _february_session(secretary: Any, commune: Any, committees: list[Any]) -> Session:
    session = session_plan(actor=secretary, collectivity=commune, opens_on=date(2027, 2, 1))
    for subject, title_ar, title_fr, committee in FEBRUARY_ITEMS:
        item_add(
            actor=secretary,
            session=session,
            title_ar=title_ar,
            title_fr=title_fr,
            subject=subject,
            rapporteur=committees[committee],
        )
    return session


def _petition(secretary: Any, commune: Any) -> str:
    """A citizens' petition, filed online by the demo citizen (at the counter otherwise)."""
    citizen = get_user_model().objects.filter(email=CITIZEN).first()
    petition = petition_file(
        actor=citizen or secretary,
        collectivity=commune,
        petitioner_kind="citizens",
        title="Éclairage public et trottoirs du quartier Al Massira",
        text=(
            "Les habitants du quartier Al Massira demandent au conseil d'inscrire à l'ordre du "
            "jour la rénovation de l'éclairage public et des trottoirs de l'avenue principale."
        ),
        agent_name=citizen.display_name if citizen else "Youssef Amrani",
        agent_email=citizen.email if citizen else "",
        signatures=236,
    )
    return petition.number

"""Demo data: the national complaint categories (the DGCT's list) and about twelve complaints
in Ben Guerir, filed and worked through the real services, so that the queue, the pages, the
Open311 reads and the yearly report have something to show after `make run`.

Complaints are filed today; some are then moved back in time (filing date, clocks, history
shifted by a direct update, demo data only), a few into 2025 (renumbered on that year's
counter) so that last year's report has figures. Idempotent: the categories are upserted;
complaints are written only when the demo commune has none.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jamaati.complaints.models import Complaint, ComplaintCategory
from jamaati.complaints.services import (
    complaint_answer,
    complaint_exclude,
    complaint_file,
    complaint_rate,
    complaint_redirect_external,
    complaint_request_clarification,
)
from jamaati.core.deadlines.models import Deadline
from jamaati.core.numbering.models import YearlySequence
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.models import TransitionLog

DEMO_COMMUNE = "07.427.01.01"
CITIZEN = "citoyen1@demo.jamaati.ma"
AGENT = "agent.benguerir"

# (code, name_ar, name_fr, group, level, service_ar, service_fr, needs_location, keywords,
#  description_ar, description_fr)
CATEGORIES: tuple[tuple[Any, ...], ...] = (
    (
        "eclairage-public",
        "الإنارة العمومية",
        "Éclairage public",
        "Voirie et éclairage / الطرق والإنارة",
        "commune",
        "مصلحة الإنارة العمومية",
        "Service de l'éclairage public",
        True,
        "lampadaire,lumière,poteau,ضوء,عمود",
        "عمود إنارة معطل أو شارع غير مضاء.",
        "Lampadaire en panne ou rue non éclairée.",
    ),
    (
        "voirie-nids-de-poule",
        "الطرق والحفر",
        "Voirie et nids-de-poule",
        "Voirie et éclairage / الطرق والإنارة",
        "commune",
        "مصلحة الطرق",
        "Service de la voirie",
        True,
        "route,trou,trottoir,طريق,حفرة,رصيف",
        "حفرة في الطريق أو رصيف متضرر.",
        "Nid-de-poule, chaussée ou trottoir abîmé.",
    ),
    (
        "collecte-dechets",
        "جمع النفايات",
        "Collecte des déchets",
        "Propreté / النظافة",
        "commune",
        "مصلحة النظافة",
        "Service de la propreté",
        True,
        "ordures,poubelle,déchets,نفايات,حاوية",
        "نفايات غير مجموعة أو حاوية ممتلئة.",
        "Ordures non ramassées, conteneur plein.",
    ),
    (
        "espaces-verts",
        "المساحات الخضراء",
        "Espaces verts",
        "Cadre de vie / إطار العيش",
        "commune",
        "مصلحة المساحات الخضراء",
        "Service des espaces verts",
        False,
        "jardin,arbre,parc,حديقة,شجرة",
        "حديقة أو شجرة تحتاج إلى صيانة.",
        "Jardin, parc ou arbres à entretenir.",
    ),
    (
        "animaux-errants",
        "الحيوانات الضالة",
        "Animaux errants",
        "Hygiène / حفظ الصحة",
        "commune",
        "المكتب الجماعي لحفظ الصحة",
        "Bureau communal d'hygiène",
        True,
        "chien,chat,كلب,قط",
        "كلاب أو حيوانات ضالة تشكل خطرا.",
        "Chiens ou animaux errants présentant un danger.",
    ),
    (
        "construction-sans-autorisation",
        "البناء بدون ترخيص",
        "Construction sans autorisation",
        "Urbanisme / التعمير",
        "commune",
        "مصلحة التعمير",
        "Service de l'urbanisme",
        True,
        "chantier,construction,بناء,ورش",
        "أشغال بناء بدون رخصة ظاهرة.",
        "Travaux de construction sans autorisation affichée.",
    ),
    (
        "hygiene-marches",
        "نظافة الأسواق",
        "Hygiène des marchés",
        "Hygiène / حفظ الصحة",
        "commune",
        "المكتب الجماعي لحفظ الصحة",
        "Bureau communal d'hygiène",
        False,
        "souk,marché,viande,سوق,لحوم",
        "نظافة سوق أو محل لبيع المواد الغذائية.",
        "Hygiène d'un marché ou d'un commerce alimentaire.",
    ),
    (
        "nuisances-sonores",
        "الضجيج",
        "Nuisances sonores",
        "Cadre de vie / إطار العيش",
        "commune",
        "الشرطة الإدارية",
        "Police administrative",
        False,
        "bruit,café,ضجيج,مقهى",
        "ضجيج مزعج من محل أو ورش.",
        "Bruit gênant d'un commerce ou d'un chantier.",
    ),
    (
        "eau-assainissement",
        "شبكة الماء والتطهير",
        "Réseau d'eau et d'assainissement",
        "Réseaux / الشبكات",
        "commune",
        "مصلحة الشبكات (التنسيق مع المكتب الوطني للكهرباء والماء الصالح للشرب - قطاع الماء)",
        "Service des réseaux (liaison avec l'ONEE - Branche Eau)",
        True,
        "fuite,égout,eau,تسرب,ماء,صرف",
        "تسرب أو انسداد في شبكة الماء أو التطهير. يتولاها المفوض إليه أو المكتب الوطني "
        "للكهرباء والماء الصالح للشرب.",
        "Fuite ou bouchon du réseau d'eau ou d'assainissement, géré par le délégataire ou "
        "l'ONEE - Branche Eau.",
    ),
    (
        "qualite-service-administratif",
        "جودة الخدمة الإدارية",
        "Qualité du service administratif",
        "Administration / الإدارة",
        "commune",
        "المديرية العامة للمصالح",
        "Direction générale des services",
        False,
        "accueil,guichet,attente,استقبال,شباك",
        "الاستقبال أو الانتظار أو سلوك الموظفين.",
        "Accueil, attente ou comportement au guichet.",
    ),
    (
        "etat-civil",
        "الحالة المدنية",
        "État civil",
        "Administration / الإدارة",
        "commune",
        "مكتب الحالة المدنية",
        "Bureau d'état civil",
        False,
        "acte,naissance,رسم,ولادة",
        "الحصول على رسوم الحالة المدنية.",
        "Obtention des actes d'état civil.",
    ),
    (
        "transport-urbain",
        "النقل الحضري",
        "Transport urbain",
        "Transport / النقل",
        "province",
        "مصلحة النقل بالعمالة أو الإقليم",
        "Service du transport de la province",
        False,
        "bus,arrêt,حافلة,محطة",
        "خطوط ومحطات الحافلات.",
        "Lignes et arrêts de bus.",
    ),
    (
        "routes-provinciales",
        "الطرق الإقليمية والقروية",
        "Routes provinciales et rurales",
        "Transport / النقل",
        "province",
        "مصلحة التجهيز بالإقليم",
        "Service de l'équipement de la province",
        True,
        "piste,route rurale,مسلك,طريق قروية",
        "المسالك والطرق القروية بين الجماعات.",
        "Pistes et routes rurales entre communes.",
    ),
    (
        "transport-regional",
        "النقل الجهوي",
        "Transport régional",
        "Transport / النقل",
        "region",
        "مصلحة النقل بالجهة",
        "Service du transport de la région",
        False,
        "car,autocar,حافلة جهوية",
        "النقل بين المدن داخل الجهة.",
        "Transport entre les villes de la région.",
    ),
)


@dataclass
class ComplaintsDemoReport:
    categories: int = 0
    filed: list[str] = field(default_factory=list)
    skipped: str = ""


def load_categories() -> int:
    """Upsert the national categories (by code); returns how many there are."""
    for position, row in enumerate(CATEGORIES, start=1):
        code, name_ar, name_fr, group, level, s_ar, s_fr, needs, keywords, d_ar, d_fr = row
        ComplaintCategory.objects.update_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_fr": name_fr,
                "group": group,
                "level": level,
                "service_name_ar": s_ar,
                "service_name_fr": s_fr,
                "needs_location": needs,
                "keywords": keywords,
                "description_ar": d_ar,
                "description_fr": d_fr,
                "is_active": True,
                "position": position,
            },
        )
    return len(CATEGORIES)


def _shift(complaint: Complaint, days: int) -> None:
    """Move a complaint's dates `days` back (demo data only)."""
    delta = timedelta(days=days)
    owner = {
        "content_type": ContentType.objects.get_for_model(Complaint),
        "object_id": str(complaint.pk),
    }
    Complaint.objects.filter(pk=complaint.pk).update(filed_at=F("filed_at") - delta)
    Complaint.objects.filter(pk=complaint.pk, answered_at__isnull=False).update(
        answered_at=F("answered_at") - delta
    )
    Complaint.objects.filter(pk=complaint.pk, due_on__isnull=False).update(
        due_on=F("due_on") - delta
    )
    for name in ("starts_on", "due_on", "stopped_on", "suspended_on"):
        Deadline.objects.filter(**owner, **{f"{name}__isnull": False}).update(
            **{name: F(name) - delta}
        )
    TransitionLog.objects.filter(**owner).update(at=F("at") - delta)
    complaint.additions.update(added_at=F("added_at") - delta)


def _renumber(complaint: Complaint, year: int) -> None:
    """Give a complaint moved into an earlier year that year's next number, and give this
    year's number back (demo only: the backdated complaint was the last one filed)."""
    _year, last = next_in_sequence(
        collectivity=complaint.collectivity, series="complaints", year=year
    )
    code = complaint.collectivity.code
    Complaint.objects.filter(pk=complaint.pk).update(number=f"{code}-R-{year}-{last:06d}")
    YearlySequence.objects.filter(
        collectivity_id=complaint.collectivity_id,
        series="complaints",
        year=timezone.localdate().year,
    ).update(last=F("last") - 1)


def load_complaints_demo() -> ComplaintsDemoReport:
    """The categories, then the demo complaints of Ben Guerir (once)."""
    report = ComplaintsDemoReport(categories=load_categories())
    commune = Collectivity.objects.filter(code=DEMO_COMMUNE).first()
    users = get_user_model().objects
    citizen, agent = users.filter(username=CITIZEN).first(), users.filter(username=AGENT).first()
    if commune is None or citizen is None or agent is None:
        report.skipped = "load the territory and the demo accounts first"
        return report
    if Complaint.objects.filter(collectivity__path__startswith=commune.parent.path).exists():
        report.skipped = "the demo complaints exist"
        return report
    with transaction.atomic():
        _file_all(report, commune, citizen, agent)
    return report


def _file_all(
    report: ComplaintsDemoReport, commune: Collectivity, citizen: Any, agent: Any
) -> None:
    anonymous = AnonymousUser()
    today = timezone.localdate()
    last_year_days = (today - today.replace(year=today.year - 1, month=6, day=15)).days

    def file(actor: Any, **kwargs: Any) -> Complaint:
        kwargs.setdefault("channel", "web")
        complaint = complaint_file(actor=actor, collectivity=commune, **kwargs)
        report.filed.append(complaint.number)
        return complaint

    # Received, fresh, geolocated.
    file(
        citizen,
        kind="complaint",
        category="eclairage-public",
        text="Trois lampadaires sont éteints avenue Mohammed V depuis dix jours; la rue est "
        "dangereuse le soir.",
        latitude="32.236500",
        longitude="-7.953900",
        address="Avenue Mohammed V, Ben Guerir",
    )
    # Resolved and rated.
    pothole = file(
        citizen,
        kind="complaint",
        category="voirie-nids-de-poule",
        text="حفرة كبيرة أمام المدرسة الابتدائية تشكل خطرا على التلاميذ.",
        latitude="32.239100",
        longitude="-7.957200",
    )
    complaint_answer(
        actor=agent,
        complaint=pothole,
        outcome="resolved",
        reasons="تم ردم الحفرة وإعادة تزفيت المقطع يوم أمس. شكرا على تنبيهكم.",
    )
    complaint_rate(actor=citizen, complaint=pothole, score=4)
    _shift(pothole, 12)
    # Anonymous observation, due soon.
    waste = file(
        anonymous,
        kind="observation",
        category="collecte-dechets",
        text="Le conteneur du quartier Al Massira déborde depuis une semaine.",
        address="Quartier Al Massira",
    )
    _shift(waste, 55)
    # Anonymous suggestion, answered.
    garden = file(
        anonymous,
        kind="suggestion",
        category="espaces-verts",
        text="اقتراح: تجهيز الحديقة العمومية بكراسي وإنارة لفائدة الأسر.",
    )
    complaint_answer(
        actor=agent,
        complaint=garden,
        outcome="answered",
        reasons="شكرا على اقتراحكم؛ سيدرج في برنامج تأهيل الحدائق للسنة المقبلة.",
    )
    _shift(garden, 20)
    # Counter: waiting for the complainant's details.
    noise = file(
        agent,
        channel="counter",
        kind="complaint",
        category="nuisances-sonores",
        text="Bruit nocturne d'un café jusqu'à 2 h du matin.",
        contact_name="Fatima Zahra El Idrissi",
        contact_phone="0612345678",
    )
    complaint_request_clarification(
        actor=agent,
        complaint=noise,
        request="Merci de préciser l'adresse du café et les jours concernés.",
    )
    _shift(noise, 6)
    # Counter: overdue (the daily sweep flags it).
    building = file(
        agent,
        channel="counter",
        kind="complaint",
        category="construction-sans-autorisation",
        text="Un étage est ajouté à la maison voisine sans autorisation affichée.",
        address="Lotissement Al Fath, lot 112",
        contact_name="Abdelkader Moussaoui",
        contact_cin="EE123456",
    )
    _shift(building, 70)
    # Sent to the external competent body.
    water = file(
        citizen,
        kind="complaint",
        category="eau-assainissement",
        text="Fuite d'eau importante sur la conduite principale rue 12.",
        latitude="32.233800",
        longitude="-7.950100",
    )
    complaint_redirect_external(
        actor=agent,
        complaint=water,
        body="ONEE - Branche Eau, agence de Ben Guerir",
        reasons="Le réseau d'eau potable est géré par l'ONEE - Branche Eau; votre réclamation "
        "lui a été transmise.",
    )
    _shift(water, 8)
    # Through the API: rejected as unfounded.
    dogs = file(
        citizen,
        channel="api",
        kind="complaint",
        category="animaux-errants",
        text="Des chiens errants au parc central.",
        address="Parc central",
    )
    complaint_answer(
        actor=agent,
        complaint=dogs,
        outcome="rejected",
        reasons="Une visite du bureau d'hygiène le 3 du mois n'a constaté aucun animal errant.",
    )
    _shift(dogs, 15)
    # Art. 12: pending before the courts.
    court = file(
        citizen,
        kind="complaint",
        category="construction-sans-autorisation",
        text="Mon voisin a construit sur ma parcelle.",
        address="Douar Lamkhalif",
    )
    complaint_exclude(
        actor=agent,
        complaint=court,
        outcome="excluded_court",
        reasons="Le litige de propriété est pendant devant le tribunal de première instance; "
        "la commune ne peut pas en connaître (décret 2.17.265, art. 12).",
    )
    # Routed to the province (urban transport).
    file(
        citizen,
        kind="suggestion",
        category="transport-urbain",
        text="Ajouter un arrêt de bus près du nouveau lycée.",
    )
    # Last year (2025): for the yearly report.
    for category, kind, outcome, text, late in (
        ("eclairage-public", "complaint", "resolved", "Lampadaire tombé rue 4.", False),
        ("etat-civil", "complaint", "answered", "Attente de trois heures au guichet.", True),
        (
            "collecte-dechets",
            "observation",
            "answered",
            "Déchets sauvages route de Marrakech.",
            False,
        ),
        (
            "qualite-service-administratif",
            "suggestion",
            "answered",
            "Prendre des rendez-vous en ligne.",
            False,
        ),
    ):
        actor = citizen if kind == "complaint" else anonymous
        old = file(actor, kind=kind, category=category, text=text, address="Ben Guerir")
        if late:
            _shift(old, 75)
            old.refresh_from_db()
        complaint_answer(actor=agent, complaint=old, outcome=outcome, reasons="Réponse motivée.")
        _shift(old, last_year_days - (75 if late else 0))
        _renumber(old, today.year - 1)

"""Demo register of Ben Guerir: eight items in force (the year's budget, last year's accounts,
the procurement plan, a recruitment notice, the services list as CSV, the council calendar,
a council decision, the commune's organisation), one earlier budget replaced (history), and
obligations left missing or late (procurement results, reports, licence conditions, rights).

Published through `publication_publish` by the demo information officer, with real PDFs
rendered by `jamaati.core.documents.render_pdf` (Arabic shaped). Idempotent: an item whose
Arabic title already exists in the register is not published again.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jamaati.core.documents import render_pdf
from jamaati.core.tenancy.models import Collectivity
from jamaati.transparency.models import Publication
from jamaati.transparency.services import publication_publish

DEMO_COMMUNE = "07.427.01.01"
DEMO_PUBLISHER = "information.benguerir"


class DemoPublisherMissing(Exception):  # noqa: N818
    """The demo staff are not loaded (run load_demo first)."""


@dataclass
class TransparencyDemoReport:
    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _on(today: date, month: int, day: int) -> date:
    """A date of this year, never after today."""
    return min(date(today.year, month, day), today)


def _items(year: int, today: date) -> list[dict[str, Any]]:
    """The demo items, in publishing order. `pdf` rows render a PDF; `csv` is a file."""
    return [
        {
            "obligation": "budget",
            "title_ar": f"ميزانية جماعة ابن جرير برسم سنة {year} (الصيغة الأولى)",
            "title_fr": f"Budget de la commune de Ben Guerir pour {year} (première version)",
            "period_year": year,
            "published_on": _on(today, 1, 12),
            "pdf": [("مداخيل التسيير", "48 500 000 درهم"), ("نفقات التسيير", "41 200 000 درهم")],
            "withdraw_as": "budget",
        },
        {
            "obligation": "budget",
            "title_ar": f"ميزانية جماعة ابن جرير برسم سنة {year}",
            "title_fr": f"Budget de la commune de Ben Guerir pour {year}",
            "summary_ar": "الميزانية كما صادق عليها المجلس وأشر عليها عامل الإقليم.",
            "summary_fr": "Le budget voté par le conseil et visé par le gouverneur.",
            "period_year": year,
            "published_on": _on(today, 1, 20),
            "pdf": [
                ("مداخيل التسيير", "48 900 000 درهم"),
                ("نفقات التسيير", "41 200 000 درهم"),
                ("نفقات التجهيز", "12 300 000 درهم"),
            ],
            "replaces": "budget",
        },
        {
            "obligation": "accounts",
            "title_ar": f"الحساب الإداري لسنة {year - 1}",
            "title_fr": f"Compte administratif de l'exercice {year - 1}",
            "period_year": year - 1,
            "published_on": _on(today, 6, 15),
            "pdf": [("نسبة إنجاز المداخيل", "94 %"), ("نسبة إنجاز النفقات", "88 %")],
        },
        {
            "obligation": "procurement_plan",
            "title_ar": f"البرنامج التوقعي للصفقات العمومية برسم سنة {year}",
            "title_fr": f"Programme prévisionnel des marchés publics {year}",
            "period_year": year,
            "published_on": _on(today, 3, 10),
            "pdf": [("تهيئة الطرق الحضرية", "أشغال"), ("تزويد المكتب الصحي", "توريدات")],
        },
        {
            "obligation": "recruitment",
            "title_ar": "إعلان عن مباراة لتوظيف متصرفين من الدرجة الثالثة",
            "title_fr": "Avis de concours pour le recrutement d'administrateurs de 3e grade",
            "published_on": _on(today, 9, 1),
            "pdf": [("عدد المناصب", "2"), ("آخر أجل لإيداع الترشيحات", f"30/09/{year}")],
        },
        {
            "obligation": "services",
            "title_ar": "لائحة الخدمات المقدمة والوثائق المطلوبة",
            "title_fr": "Liste des services offerts et des pièces demandées",
            "published_on": _on(today, 2, 1),
            "csv": (
                "service;pieces\n"
                "Certificat de résidence;Copie de la CIN\n"
                "Légalisation de signature;Document original et CIN\n"
                "شهادة السكنى;نسخة من البطاقة الوطنية\n"
            ),
        },
        {
            "obligation": "council_calendar",
            "title_ar": f"جدولة دورات المجلس برسم سنة {year}",
            "title_fr": f"Calendrier des sessions du conseil {year}",
            "period_year": year,
            "published_on": _on(today, 1, 10),
            "pdf": [
                ("دورة فبراير", f"02/02/{year}"),
                ("دورة ماي", f"04/05/{year}"),
                ("دورة أكتوبر", f"05/10/{year}"),
            ],
        },
        {
            "obligation": "council_decisions",
            "title_ar": "مقررات دورة ماي للمجلس الجماعي",
            "title_fr": "Délibérations de la session de mai du conseil communal",
            "published_on": _on(today, 5, 20),
            "pdf": [("عدد النقط المدرجة", "9"), ("عدد النقط المصادق عليها", "8")],
        },
        {
            "obligation": "organisation",
            "title_ar": "مهام الجماعة وهيكلتها الإدارية وعناوين الاتصال",
            "title_fr": "Missions, organigramme et contacts de la commune",
            "published_on": _on(today, 2, 1),
            "external_url": "https://www.benguerir.ma/",
            "pdf": [
                ("الهاتف", "+212 5 24 00 00 00"),
                ("البريد الإلكتروني", "contact@benguerir.ma"),
            ],
        },
    ]


def _pdf(spec: dict[str, Any], collectivity: Collectivity) -> SimpleUploadedFile:
    data = render_pdf(
        "transparency/pdf/demo_item.html",
        {
            "collectivity": collectivity,
            "title_ar": spec["title_ar"],
            "title_fr": spec["title_fr"],
            "rows": spec["pdf"],
        },
        language="ar",
    )
    return SimpleUploadedFile(f"{spec['obligation']}.pdf", data, content_type="application/pdf")


def load_transparency_demo(*, today: date | None = None) -> TransparencyDemoReport:
    """Publish the demo items that are not in Ben Guerir's register yet."""
    today = today or timezone.localdate()
    collectivity = Collectivity.objects.get(code=DEMO_COMMUNE)
    publisher = get_user_model().objects.filter(username=DEMO_PUBLISHER).first()
    if publisher is None:
        raise DemoPublisherMissing(DEMO_PUBLISHER)
    report = TransparencyDemoReport()
    existing = {p.title_ar: p for p in Publication.objects.filter(collectivity=collectivity)}
    marked: dict[str, Publication] = {}
    for spec in _items(today.year, today):
        item = existing.get(spec["title_ar"])
        if item is not None:
            report.skipped.append(spec["title_ar"])
        else:
            if "csv" in spec:
                upload = SimpleUploadedFile(
                    "services.csv", spec["csv"].encode(), content_type="text/csv"
                )
            else:
                upload = _pdf(spec, collectivity)
            replaces = marked.get(spec.get("replaces", ""))
            item = publication_publish(
                actor=publisher,
                collectivity=collectivity,
                obligation=spec["obligation"],
                title_ar=spec["title_ar"],
                title_fr=spec["title_fr"],
                summary_ar=spec.get("summary_ar", ""),
                summary_fr=spec.get("summary_fr", ""),
                period_year=spec.get("period_year"),
                file=upload,
                external_url=spec.get("external_url", ""),
                published_on=spec["published_on"],
                replaces=replaces if replaces and not replaces.is_withdrawn else None,
            )
            report.published.append(spec["title_ar"])
        if spec.get("withdraw_as"):
            marked[spec["withdraw_as"]] = item
    return report

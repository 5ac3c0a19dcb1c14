"""Demo information requests in Ben Guerir, filed and answered through the real services, so
that the officers' queue, the requesters' pages and the public register have something to
show after `make run`: given, partly given (art. 7 cited), refused as already published (with
the reference from the publication register when its demo is loaded), extended, urgent,
complained to the president, and one whose delay ran out (its filing date and clock moved
back by a direct update, demo data only; the sweep of `make run` marks it unanswered).
Idempotent: nothing is written when the demo requests exist.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jamaati.core.deadlines.arithmetic import due_date
from jamaati.core.deadlines.models import Deadline
from jamaati.core.tenancy.models import Collectivity
from jamaati.information.models import Channel, InformationRequest
from jamaati.information.selectors import publications_matching
from jamaati.information.services import (
    request_answer,
    request_appeal_head,
    request_extend,
    request_file,
)

DEMO_COMMUNE = "07.427.01.01"
CITIZENS = ("citoyen1@demo.jamaati.ma", "citoyenne2@demo.jamaati.ma")
OFFICER = "information.benguerir"
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DemoPeopleMissing(Exception):  # noqa: N818
    """The demo people are not loaded (run load_demo first)."""


@dataclass
class InformationDemoReport:
    filed: list[str] = field(default_factory=list)
    skipped: str = ""


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _person(citizen, **extra) -> dict:
    data = {
        "name": citizen.display_name,
        "id_kind": "cin",
        "id_number": citizen.cin,
        "address": "Hay Al Massira, Ben Guerir",
        "email": citizen.email,
        "preferred_form": "file",
    }
    data.update(extra)
    return data


def _backdate(item: InformationRequest, days: int) -> None:
    """Move a request's filing and its answer clock `days` back (demo data only)."""
    start = timezone.localdate() - timedelta(days=days)
    item.filed_at = item.filed_at - timedelta(days=days)
    clock = Deadline.objects.of(item).get(kind="answer")
    clock.starts_on = start
    clock.due_on = due_date(start, clock.days, clock.calendar)
    clock.save(update_fields=["starts_on", "due_on"])
    item.due_on = clock.due_on
    item.save(update_fields=["filed_at", "due_on"])


def load_information_demo() -> InformationDemoReport:
    """File the demo requests once (about eight, in varied states)."""
    report = InformationDemoReport()
    node = Collectivity.objects.get(code=DEMO_COMMUNE)
    if InformationRequest.objects.filter(collectivity=node).exists():
        report.skipped = "the demo requests exist"
        return report
    users = get_user_model().objects
    citizens = [users.filter(username=u).first() for u in CITIZENS]
    officer = users.filter(username=OFFICER).first()
    president = users.filter(username="president.benguerir").first()
    if None in (*citizens, officer, president):
        raise DemoPeopleMissing("run load_demo first")
    youssef, fatima = citizens

    def file(citizen, sought, **extra):
        item = request_file(
            actor=citizen, collectivity=node, data=_person(citizen, sought=sought, **extra)
        )
        report.filed.append(item.number)
        return item

    with transaction.atomic():
        given = file(youssef, "Le procès-verbal de la session ordinaire du conseil de février.")
        request_answer(
            actor=officer,
            request=given,
            kind="given",
            data={"text": "Veuillez trouver ci-joint le procès-verbal de la session."},
            upload=_pdf("pv-session-fevrier.pdf"),
        )
        partly = file(
            fatima,
            "لائحة الجمعيات المستفيدة من منح الجماعة ومبالغها برسم السنة الماضية",
            preferred_form="email",
        )
        request_answer(
            actor=officer,
            request=partly,
            kind="partly",
            data={
                "text": "حجبت أرقام الحسابات البنكية وأسماء المسيرين حماية للمعطيات الشخصية.",
                "exceptions": ["privacy"],
            },
            upload=_pdf("subventions-associations.pdf"),
        )
        published = file(youssef, "Le budget de la commune de Ben Guerir pour cette année.")
        matches = publications_matching(collectivity=node, text="budget commune Ben Guerir")
        reference = (
            {"publication": matches[0].pk}
            if matches
            else {"reference_url": "https://www.bengeurir.ma/budget", "reference_title": "Budget"}
        )
        request_answer(
            actor=officer,
            request=published,
            kind="refuse",
            data={
                "ground": "published",
                "text": "Le budget est publié dans le registre des publications de la commune.",
                **reference,
            },
        )
        extended = file(
            fatima, "Les contrats de gestion déléguée de la collecte des déchets depuis 2020."
        )
        request_extend(
            actor=officer,
            request=extended,
            reasons="Les contrats sont aux archives ; leur copie demande plus de temps.",
        )
        file(
            youssef,
            "L'état de la route communale vers le douar Lamharra après les pluies : est-elle "
            "praticable pour une ambulance ?",
            is_urgent=True,
            urgency_reason="Une personne malade doit être transportée à l'hôpital.",
        )
        appealed = file(fatima, "تقارير المجلس الأعلى للحسابات حول تدبير الجماعة")
        request_answer(
            actor=officer,
            request=appealed,
            kind="refuse",
            data={"ground": "not_held", "text": "هذه التقارير يصدرها المجلس الأعلى للحسابات."},
        )
        request_appeal_head(
            actor=fatima,
            request=appealed,
            reasons="الجماعة تتوصل بنسخة من هذه التقارير وتجيب عليها.",
        )
        overdue = file(youssef, "La liste des autorisations d'occupation du domaine public.")
        _backdate(overdue, 35)
        counter = request_file(
            actor=officer,
            collectivity=node,
            channel=Channel.COUNTER,
            data={
                "name": "Jean Dupont",
                "id_kind": "residence",
                "id_number": "E1234567",
                "address": "Résidence Al Fath, Ben Guerir",
                "sought": "Le plan d'aménagement en vigueur du quartier Al Fath.",
                "preferred_form": "on_site",
            },
        )
        report.filed.append(counter.number)
    return report

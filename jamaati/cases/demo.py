"""Demo cases in Ben Guerir, filed and worked through the real services, so that the queue,
the case pages and the dashboard have something to show after `make run`.

The cases are filed today through `case_submit`; a few are then moved back in time (their
filing date and clocks shifted by a direct update, demo data only) so that the queue shows
overdue and due-this-week files, and the deadline sweep of `make run` applies a deemed
acceptance. Idempotent: nothing is written when the demo cases exist.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jamaati.cases.models import Case
from jamaati.cases.services import (
    case_accept,
    case_act,
    case_refuse,
    case_request_info,
    case_submit,
    message_send,
)
from jamaati.catalogue.models import ProcedureVersion
from jamaati.core.deadlines.models import Deadline
from jamaati.core.tenancy.models import Collectivity

DEMO_COMMUNE = "07.427.01.01"
CITIZENS = ("citoyen1@demo.jamaati.ma", "citoyenne2@demo.jamaati.ma")
# A one-page PDF standing for a scanned document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class CasesDemoReport:
    filed: list[str] = field(default_factory=list)
    skipped: str = ""


def demo_answers(schema: list[dict[str, Any]]) -> dict[str, Any]:
    """Plausible answers to a declarative form (first choice, smallest number...)."""
    answers: dict[str, Any] = {}
    for spec in schema:
        kind, name = spec.get("type"), spec["name"]
        if spec.get("show_if") or kind in ("file", "group"):
            continue
        if kind == "choice":
            answers[name] = spec["choices"][0]["value"]
        elif kind == "number":
            answers[name] = spec.get("min", 1)
        elif kind == "date":
            answers[name] = timezone.localdate().isoformat()
        elif kind == "cin":
            answers[name] = "AB123456"
        elif kind == "email":
            answers[name] = "demo@demo.jamaati.ma"
        elif kind == "phone":
            answers[name] = "0612345678"
        else:
            answers[name] = "Démo"
    return answers


def _files(version: ProcedureVersion, *, all_of_them: bool) -> dict[str, Any]:
    documents = [d for d in version.documents.all() if d.supplied_by == "user"]
    if not all_of_them:
        documents = documents[:-1] if len(documents) > 1 else []
    return {
        str(d.pk): SimpleUploadedFile(f"document-{d.pk}.pdf", DEMO_PDF, "application/pdf")
        for d in documents
    }


def _backdate(case: Case, days: int) -> None:
    """Move a demo case and its clocks `days` back in time (demo data only)."""
    shift = timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(
        filed_at=case.filed_at - shift,
        complete_on=case.complete_on - shift if case.complete_on else None,
        due_on=case.due_on - shift if case.due_on else None,
    )
    for clock in Deadline.objects.of(case):
        Deadline.objects.filter(pk=clock.pk).update(
            starts_on=clock.starts_on - shift, due_on=clock.due_on - shift
        )


def load_cases_demo() -> CasesDemoReport:
    """File the demo cases unless they exist; return what was done."""
    report = CasesDemoReport()
    commune = Collectivity.objects.filter(code=DEMO_COMMUNE).first()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=CITIZENS)}
    if commune is None or len(users) < len(CITIZENS):
        report.skipped = "run load_territory and load_demo first"
        return report
    if Case.objects.filter(collectivity=commune).exists():
        report.skipped = "the demo cases exist"
        return report
    staff = get_user_model().objects
    agent = staff.get(username="agent.benguerir")
    president = staff.get(username="president.benguerir")
    versions = list(
        ProcedureVersion.objects.filter(
            collectivity=commune, status="published", is_online=True
        ).prefetch_related("documents")
    )
    if not versions:
        report.skipped = "run load_catalogue_demo first"
        return report
    citizens = [users[name] for name in CITIZENS]
    with transaction.atomic():
        for i in range(14):
            version = versions[i % len(versions)]
            citizen = citizens[i % 2]
            complete = i % 5 != 4
            case = case_submit(
                actor=citizen,
                version=version,
                data=demo_answers(version.form_schema),
                files=_files(version, all_of_them=complete),
            )
            report.filed.append(case.number)
            if i == 1:
                case = case_request_info(
                    actor=agent, case=case, request="Merci de joindre une copie plus lisible."
                )
            elif i == 2:
                message_send(
                    actor=citizen,
                    case=case,
                    body="السلام عليكم، هل يمكنني معرفة موعد الجواب؟",
                    from_staff=False,
                )
            elif i == 3:
                case_accept(actor=president, case=case)
            elif i == 6 and case.state == "submitted":
                case_refuse(
                    actor=president,
                    case=case,
                    reasons="L'emplacement demandé gêne la circulation des piétons.",
                    legal_basis="Arrêté communal n° 12 (démonstration)",
                )
            elif i == 8:
                case_act(actor=citizen, case=case, name="withdraw")
            if i in (0, 5, 7, 10) and case.state == "submitted":
                case.refresh_from_db()
                _backdate(case, 25 + 3 * i)  # overdue or due this week
        tacit = next((v for v in versions if v.silence_means_acceptance), None)
        if tacit is not None:  # its delay ran out unanswered: the sweep deems it accepted
            case = case_submit(
                actor=citizens[0],
                version=tacit,
                data=demo_answers(tacit.form_schema),
                files=_files(tacit, all_of_them=True),
            )
            report.filed.append(case.number)
            case.refresh_from_db()
            _backdate(case, tacit.max_delay_days * 2 + 10)
    return report

"""The documents a case produces, through the kernel's documents module: the receipt of each
deposit (law 55.19 art. 10-12), the decision signed by the signatory, the reasoned refusal
with the appeal path (art. 18, 21), and the attestation of deemed acceptance (art. 19-20)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jamaati.cases.models import Case
from jamaati.cases.workflow import CaseState
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.documents.selectors import documents_of
from jamaati.core.documents.services import document_issue, document_supersede_for

RECEIPT = "case_receipt"
DECISION = "case_decision"
REFUSAL = "case_refusal"
ATTESTATION = "case_tacit_attestation"


def document_language(case: Case) -> str:
    """The applicant's language when it is Arabic or French; Arabic otherwise."""
    language = getattr(case.applicant, "preferred_language", "") if case.applicant_id else ""
    return language if language in ("ar", "fr") else "ar"


def _signatory(actor: Any) -> str:
    name = getattr(actor, "display_name", "") or str(actor)
    return name


def _common(case: Case) -> dict[str, Any]:
    from jamaati.cases.services import missing_documents

    clocks = {d.kind: d for d in deadlines_of(case).order_by("pk")}
    return {
        "case": case,
        "version": case.version,
        "attachments": list(
            case.attachments.filter(replaced_by__isnull=True).select_related("requirement")
        ),
        "missing": missing_documents(case),
        "clocks": clocks,
        "public_url": getattr(settings, "JAMAATI_PUBLIC_URL", ""),
    }


def _summary(case: Case, *extra: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"label_ar": "رقم الملف", "label_fr": "Numéro du dossier", "value": case.number},
        {
            "label_ar": "المسطرة",
            "label_fr": "Procédure",
            "value": f"{case.version.name_ar} / {case.version.name_fr} (v{case.version.number})",
        },
        {"label_ar": "صاحب الطلب", "label_fr": "Demandeur", "value": case.display_applicant},
        *extra,
    ]


def receipt_for(*, actor: Any, case: Case) -> IssuedDocument:
    """The receipt of the latest deposit: issued on first request after each deposit (the
    page shows the same facts at once), the previous one superseded."""
    latest = documents_of(case, kind=RECEIPT).filter(superseded_at__isnull=True).first()
    last_deposit = max([case.filed_at, *case.attachments.values_list("uploaded_at", flat=True)])
    if latest is not None and latest.issued_at >= last_deposit:
        return latest
    with transaction.atomic():
        document_supersede_for(
            actor=actor, owner=case, kind=RECEIPT, reason="إيداع جديد / Nouveau dépôt"
        )
        return _issue_receipt(actor, case)


def _issue_receipt(actor: Any, case: Case) -> IssuedDocument:
    complete = case.state not in (CaseState.DRAFT, CaseState.INCOMPLETE)
    status_ar = "ملف مودع" if complete else "ملف في طور الإيداع"
    status_fr = "Dossier déposé" if complete else "Dossier en cours de dépôt"
    return document_issue(
        actor=actor,
        owner=case,
        kind=RECEIPT,
        title_ar="وصل إيداع",
        title_fr="Récépissé de dépôt",
        template_name="cases/pdf/receipt.html",
        context={**_common(case), "complete": complete, "now": timezone.now()},
        language=document_language(case),
        summary=_summary(
            case,
            {"label_ar": "الحالة", "label_fr": "Statut", "value": f"{status_ar} / {status_fr}"},
        ),
    )


def issue_decision(*, actor: Any, case: Case) -> IssuedDocument:
    """The output document of an accepted case, signed by the deciding signatory."""
    version = case.version
    return document_issue(
        actor=actor,
        owner=case,
        kind=DECISION,
        title_ar=version.output_document_ar or "قرار بالموافقة",
        title_fr=version.output_document_fr or "Décision d'acceptation",
        template_name="cases/pdf/decision.html",
        context=_common(case),
        language=document_language(case),
        summary=_summary(
            case, {"label_ar": "القرار", "label_fr": "Décision", "value": "قبول / Acceptation"}
        ),
        signed_by=_signatory(actor),
    )


def issue_refusal(*, actor: Any, case: Case) -> IssuedDocument:
    """The reasoned refusal, with its legal basis and the appeal path printed."""
    return document_issue(
        actor=actor,
        owner=case,
        kind=REFUSAL,
        title_ar="قرار معلل بالرفض",
        title_fr="Décision motivée de refus",
        template_name="cases/pdf/refusal.html",
        context=_common(case),
        language=document_language(case),
        summary=_summary(
            case,
            {"label_ar": "القرار", "label_fr": "Décision", "value": "رفض / Refus"},
            {
                "label_ar": "السند القانوني",
                "label_fr": "Base légale",
                "value": case.decision_legal_basis,
            },
        ),
        signed_by=_signatory(actor),
    )


def issue_attestation(*, actor: Any, case: Case) -> IssuedDocument:
    """The attestation that silence was worth acceptance (law 55.19 art. 19-20)."""
    return document_issue(
        actor=actor,
        owner=case,
        kind=ATTESTATION,
        title_ar="شهادة بالموافقة الضمنية",
        title_fr="Attestation d'acceptation tacite",
        template_name="cases/pdf/attestation.html",
        context=_common(case),
        language=document_language(case),
        summary=_summary(
            case,
            {
                "label_ar": "القرار",
                "label_fr": "Décision",
                "value": "موافقة ضمنية / Acceptation tacite",
            },
        ),
    )


def case_documents(case: Case) -> list[IssuedDocument]:
    """Every document issued for the case, newest first."""
    return list(documents_of(case).order_by("-issued_at", "-pk"))

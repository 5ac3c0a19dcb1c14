"""The documents an information request produces, through the kernel's documents module: the
receipt at filing (law 31.13 art. 14) and the written answer, reasoned, with the appeal path
printed (art. 8, 16, 18-21). Both are verifiable at /verify/<code>."""

from typing import Any

from django.conf import settings
from django.db import transaction

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.documents.selectors import documents_of
from jamaati.core.documents.services import document_issue
from jamaati.information.models import InformationRequest
from jamaati.information.workflow import COURT_DAYS, RequestState

RECEIPT = "information_receipt"
ANSWER = "information_answer"
HEAD_DECISION = "information_head_decision"
S = RequestState

ANSWER_TITLES = {
    S.GIVEN: ("جواب على طلب الحصول على المعلومات", "Réponse à la demande d'information"),
    S.PARTLY_GIVEN: (
        "جواب جزئي على طلب الحصول على المعلومات",
        "Réponse partielle à la demande d'information",
    ),
    S.REFUSED: (
        "قرار معلل برفض طلب الحصول على المعلومات",
        "Décision motivée de refus de la demande d'information",
    ),
}


def document_language(request: InformationRequest) -> str:
    """The requester's language when it is Arabic or French; Arabic otherwise."""
    account = request.requester if request.requester_id else None
    language = getattr(account, "preferred_language", "") if account else ""
    return language if language in ("ar", "fr") else "ar"


def _context(request: InformationRequest) -> dict[str, Any]:
    return {
        "request": request,
        "clocks": {d.kind: d for d in deadlines_of(request).order_by("pk")},
        "court_days": COURT_DAYS,
        "public_url": getattr(settings, "JAMAATI_PUBLIC_URL", ""),
    }


def _summary(request: InformationRequest, *extra: dict[str, str]) -> list[dict[str, str]]:
    # No identity on the verify page: the number and the body are enough to check a document.
    return [
        {"label_ar": "رقم الطلب", "label_fr": "Numéro de la demande", "value": request.number},
        *extra,
    ]


def receipt_for(*, actor: Any, request: InformationRequest) -> IssuedDocument:
    """The receipt of the request: issued once, on first demand (the page shows the same
    facts at once)."""
    existing = documents_of(request, kind=RECEIPT).filter(superseded_at__isnull=True).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        return document_issue(
            actor=actor,
            owner=request,
            kind=RECEIPT,
            title_ar="وصل إيداع طلب الحصول على المعلومات",
            title_fr="Récépissé de demande d'information",
            template_name="information/pdf/receipt.html",
            context=_context(request),
            language=document_language(request),
            summary=_summary(
                request,
                {
                    "label_ar": "تاريخ الإيداع",
                    "label_fr": "Déposée le",
                    "value": request.filed_at.date().isoformat(),
                },
            ),
        )


def issue_answer(*, actor: Any, request: InformationRequest) -> IssuedDocument:
    """The written answer (given, partly given or refused), signed by the officer."""
    title_ar, title_fr = ANSWER_TITLES[RequestState(request.state)]
    extra = []
    if request.refusal_ground:
        extra.append(
            {"label_ar": "سند الرفض", "label_fr": "Motif légal", "value": request.refusal_ground}
        )
    return document_issue(
        actor=actor,
        owner=request,
        kind=ANSWER,
        title_ar=title_ar,
        title_fr=title_fr,
        template_name="information/pdf/answer.html",
        context=_context(request),
        language=document_language(request),
        summary=_summary(request, *extra),
        signed_by=getattr(actor, "display_name", "") or str(actor),
    )


def issue_head_decision(*, actor: Any, request: InformationRequest, appeal: Any) -> IssuedDocument:
    """The head of the body's written decision on a complaint (art. 19), reasoned, with the
    next step printed (the CDAI, then the court), signed by the head."""
    upheld = appeal.outcome == "upheld"
    return document_issue(
        actor=actor,
        owner=request,
        kind=HEAD_DECISION,
        title_ar="قرار رئيس الهيئة بشأن الشكاية",
        title_fr="Décision du chef de l'organisme sur la réclamation",
        template_name="information/pdf/head_decision.html",
        context={**_context(request), "appeal": appeal, "upheld": upheld},
        language=document_language(request),
        summary=_summary(
            request,
            {
                "label_ar": "القرار",
                "label_fr": "Décision",
                "value": "upheld" if upheld else "dismissed",
            },
        ),
        signed_by=getattr(actor, "display_name", "") or str(actor),
    )


def request_documents(request: InformationRequest) -> list[IssuedDocument]:
    """Every document issued for the request, newest first."""
    return list(documents_of(request).order_by("-issued_at", "-pk"))

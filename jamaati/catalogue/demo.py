"""Demo catalogue: national templates communes really handle, adopted by Ben Guerir.

Legal bases come from shared/domain (morocco.md, finance-permits.md). Where the domain notes
mark something unconfirmed, the data says "to be confirmed" instead of inventing it; a template
whose legal text itself is unconfirmed stays a draft, because a procedure without a legal basis
cannot be published. Fee amounts are demonstration values, and labelled so.
"""

from dataclasses import dataclass, field
from typing import Any

from jamaati.catalogue.models import Procedure, VersionStatus
from jamaati.catalogue.services import (
    procedure_adopt,
    procedure_template_create,
    procedure_version_publish,
)
from jamaati.core.tenancy.models import Collectivity

DEMO_COMMUNE = "07.427.01.01"  # Ben Guerir
TBC = "à confirmer"
DEMO_AMOUNT = f"montant : valeur de démonstration, {TBC}"

CNIE = {
    "name_ar": "البطاقة الوطنية للتعريف الإلكترونية (للاطلاع)",
    "name_fr": "Carte nationale d'identité électronique (présentée)",
}

EXTRACT_FORM = [
    {
        "name": "kind",
        "type": "choice",
        "label_ar": "نوع الوثيقة",
        "label_fr": "Document demandé",
        "required": True,
        "choices": [
            {"value": "summary", "label_ar": "نسخة موجزة", "label_fr": "Extrait"},
            {"value": "full", "label_ar": "نسخة كاملة", "label_fr": "Copie intégrale"},
        ],
    },
    {
        "name": "relationship",
        "type": "choice",
        "label_ar": "صفتكم",
        "label_fr": "Vous êtes",
        "required": True,
        "choices": [
            {"value": "holder", "label_ar": "صاحب الرسم", "label_fr": "Le titulaire"},
            {"value": "relative", "label_ar": "قريب", "label_fr": "Un parent"},
            {"value": "proxy", "label_ar": "وكيل", "label_fr": "Un mandataire"},
        ],
    },
    {
        "name": "holder_cin",
        "type": "cin",
        "label_ar": "رقم البطاقة الوطنية لصاحب الرسم",
        "label_fr": "N° de CIN du titulaire",
        "required": True,
        "show_if": {"field": "relationship", "equals": "proxy"},
    },
    {
        "name": "copies",
        "type": "number",
        "label_ar": "عدد النسخ",
        "label_fr": "Nombre d'exemplaires",
        "min": 1,
        "max": 10,
    },
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "slug": "legalisation-signature",
        "name_ar": "تصحيح الإمضاء",
        "name_fr": "Légalisation de signature",
        "description_ar": "يتم تصحيح الإمضاء حضوريا بعد التحقق من البطاقة الوطنية الإلكترونية.",
        "description_fr": (
            "La signature est légalisée en votre présence, après vérification de votre carte "
            "d'identité électronique. Un contenu injurieux ou illicite est refusé. "
            f"Délai : service rendu sur place ({TBC})."
        ),
        "legal_basis_text": "Décret n° 2.22.047 (2022)",
        "legal_basis_article": f"article {TBC}",
        "max_delay_days": 1,
        "output_document_ar": "وثيقة مصححة الإمضاء",
        "output_document_fr": "Document à signature légalisée",
        "documents": [
            CNIE,
            {"name_ar": "الوثيقة المراد تصحيح إمضائها", "name_fr": "Le document à signer"},
        ],
        "fees": [
            {
                "key": "legalisation",
                "label_ar": "رسم تصحيح الإمضاء",
                "label_fr": "Droit de légalisation",
                "amount": "2.00",
                "legal_basis": f"Loi n° 47.06; arrêté fiscal communal ({DEMO_AMOUNT})",
                "is_local": True,
            }
        ],
        "adopt": {
            "service_ar": "مكتب تصحيح الإمضاءات",
            "service_fr": "Bureau de légalisation des signatures",
        },
    },
    {
        "slug": "certified-true-copy",
        "name_ar": "مطابقة نسخ الوثائق لأصولها",
        "name_fr": "Certification de copie conforme",
        "description_fr": (
            "Pour votre propre usage seulement : aucune administration ne peut vous demander "
            "une copie certifiée conforme (loi 55.19, art. 7). Texte organisant ce service : "
            f"{TBC}, donc ce modèle reste un brouillon."
        ),
        "legal_basis_text": "",
        "max_delay_days": 1,
        "documents": [
            CNIE,
            {"name_ar": "الوثيقة الأصلية ونسختها", "name_fr": "L'original et sa copie"},
        ],
        "publish": False,
    },
    {
        "slug": "residence-certificate",
        "name_ar": "شهادة السكنى",
        "name_fr": "Certificat de résidence",
        "description_fr": (
            f"Autorité compétente et texte applicable : {TBC}. Ce modèle reste un brouillon "
            "tant que sa base légale n'est pas confirmée."
        ),
        "legal_basis_text": "",
        "max_delay_days": 10,
        "documents": [CNIE],
        "publish": False,
    },
    {
        "slug": "civil-status-extract",
        "name_ar": "طلب نسخة من رسم الحالة المدنية",
        "name_fr": "Demande d'extrait ou de copie intégrale d'acte d'état civil",
        "description_fr": (
            "Copie du registre électronique national, délivrée par tout bureau d'état civil. "
            "Peuvent la demander le titulaire, ses proches, son conjoint, son tuteur, son "
            f"mandataire ou son kafil ; les autres ont besoin d'une autorisation. Délai : {TBC}."
        ),
        "description_ar": "نسخة من الرسم المضمن في السجل الوطني الإلكتروني للحالة المدنية.",
        "legal_basis_text": "Loi n° 36.21 relative à l'état civil",
        "legal_basis_article": "art. 43",
        "max_delay_days": 1,
        "is_online": True,
        "output_document_ar": "نسخة موجزة أو كاملة من رسم الولادة",
        "output_document_fr": "Extrait ou copie intégrale de l'acte",
        "documents": [
            CNIE,
            {
                "name_ar": "رسم الولادة",
                "name_fr": "L'acte de naissance",
                "supplied_by": "administration",
                "holder_ar": "السجل الوطني الإلكتروني للحالة المدنية",
                "holder_fr": "Registre national électronique de l'état civil",
                "legal_basis": "Loi n° 36.21, art. 14-16",
            },
        ],
        "form_schema": EXTRACT_FORM,
        "adopt": {"service_ar": "مكتب الحالة المدنية", "service_fr": "Bureau de l'état civil"},
    },
    {
        "slug": "public-domain-occupation",
        "name_ar": "الترخيص بالاحتلال المؤقت للملك العمومي الجماعي دون إقامة بناء",
        "name_fr": "Occupation temporaire du domaine public communal sans construction",
        "description_fr": (
            "Terrasse, étal ou dépôt sur la voie publique, sans construction. Délai et pièces "
            f"de l'entrée Idarati : {TBC} (le maximum légal de 60 jours s'applique)."
        ),
        "legal_basis_text": "Loi organique n° 113.14 relative aux communes",
        "legal_basis_article": "art. 100 (pouvoirs de police du président)",
        "max_delay_days": 60,
        "delay_calendar": "calendar",
        "is_online": True,
        "output_document_ar": "قرار الترخيص بالاحتلال المؤقت",
        "output_document_fr": "Arrêté d'autorisation d'occupation temporaire",
        "documents": [
            CNIE,
            {
                "name_ar": "تصميم موقعي للمساحة المطلوبة",
                "name_fr": "Plan de situation de la surface demandée",
            },
        ],
        "fees": [
            {
                "key": "occupation",
                "label_ar": "رسم الاحتلال المؤقت للملك العمومي (للمتر المربع)",
                "label_fr": "Redevance d'occupation temporaire (par m²)",
                "amount": "10.00",
                "legal_basis": f"Loi n° 47.06, article {TBC} ({DEMO_AMOUNT})",
                "is_local": True,
            }
        ],
        "adopt": {
            "service_ar": "مصلحة الرخص الاقتصادية",
            "service_fr": "Service des autorisations économiques",
            "local_fees": {"occupation": "12.00"},
        },
    },
    {
        "slug": "commercial-activity-licence",
        "name_ar": "رخصة مزاولة نشاط تجاري أو مهني (مؤسسة مصنفة)",
        "name_fr": "Autorisation d'exercer une activité commerciale (établissement classé)",
        "description_fr": (
            "Pour ouvrir un commerce ou un établissement insalubre, incommode ou dangereux. "
            f"Délai et pièces de l'entrée Idarati : {TBC} (maximum légal de 60 jours)."
        ),
        "legal_basis_text": "Loi organique n° 113.14 relative aux communes",
        "legal_basis_article": "art. 100 (pouvoirs de police du président)",
        "max_delay_days": 60,
        "delay_calendar": "calendar",
        "is_online": True,
        "output_document_ar": "رخصة مزاولة النشاط",
        "output_document_fr": "Autorisation d'exercice",
        "documents": [
            CNIE,
            {
                "name_ar": "عقد الكراء أو سند الملكية",
                "name_fr": "Bail ou titre de propriété du local",
            },
        ],
        "adopt": {
            "service_ar": "مصلحة الرخص الاقتصادية",
            "service_fr": "Service des autorisations économiques",
        },
    },
    {
        "slug": "building-permit-small-project",
        "name_ar": "رخصة البناء (المشاريع الصغرى)",
        "name_fr": "Permis de construire (petits projets)",
        "description_fr": (
            "Le dossier d'un petit projet est examiné au dépôt (RGC art. 19). Sans réponse dans "
            "les 2 mois, le permis est réputé accordé ; il devient caduc si les fondations ne "
            "sont pas commencées dans l'année. Liste des pièces fixée par arrêté conjoint "
            f"(RGC art. 36) : {TBC}."
        ),
        "legal_basis_text": "Loi n° 12.90 relative à l'urbanisme ; décret n° 2.18.577 (RGC)",
        "legal_basis_article": "loi 12.90 art. 48-49 ; RGC art. 19",
        "max_delay_days": 60,
        "delay_calendar": "calendar",
        "silence_means_acceptance": True,
        "silence_legal_basis": "Loi n° 12.90, art. 48 (permis tacite après 2 mois)",
        "is_online": True,
        "output_document_ar": "رخصة البناء مع التصاميم المؤشر عليها",
        "output_document_fr": "Permis de construire et plans visés « non modifiable »",
        "documents": [
            {
                "name_ar": "الملف التقني (تصاميم المهندس المعماري)",
                "name_fr": "Dossier technique (plans de l'architecte)",
                "legal_basis": "Loi n° 12.90, art. 50",
            },
            {
                "name_ar": "مذكرة المعلومات التعميرية",
                "name_fr": "Note de renseignements urbanistiques",
                "supplied_by": "administration",
                "holder_ar": "الوكالة الحضرية",
                "holder_fr": "Agence urbaine",
                "legal_basis": "Décret n° 2.18.577, art. 6-9",
            },
        ],
        "fees": [
            {
                "key": "construction-tax",
                "label_ar": "الرسم على عمليات البناء (للمتر المربع المغطى)",
                "label_fr": "Taxe sur les opérations de construction (par m² couvert)",
                "amount": "10.00",
                "legal_basis": f"Loi n° 47.06, art. 55, payée à la délivrance ({DEMO_AMOUNT})",
                "is_local": True,
            }
        ],
        "adopt": {
            "service_ar": "الشباك الوحيد للتعمير",
            "service_fr": "Guichet unique d'urbanisme",
        },
    },
    {
        "slug": "repair-permit",
        "name_ar": "رخصة الإصلاح",
        "name_fr": "Permis de réfection",
        "description_fr": (
            "Étudié dans les 5 jours, délivré dans les 10 jours du dépôt sans autre avis ; "
            "valable 6 mois, non renouvelable."
        ),
        "legal_basis_text": "Décret n° 2.18.577 (RGC) ; loi n° 12.90",
        "legal_basis_article": "RGC art. 46-47 ; loi 12.90 art. 40",
        "max_delay_days": 10,
        "is_online": True,
        "output_document_ar": "رخصة الإصلاح",
        "output_document_fr": "Permis de réfection",
        "documents": [
            CNIE,
            {"name_ar": "وصف الأشغال المزمع إنجازها", "name_fr": "Description des travaux prévus"},
        ],
        "adopt": {
            "service_ar": "الشباك الوحيد للتعمير",
            "service_fr": "Guichet unique d'urbanisme",
        },
    },
    {
        "slug": "demolition-permit",
        "name_ar": "رخصة الهدم",
        "name_fr": "Permis de démolir",
        "description_fr": (
            "Décidé dans un délai d'un mois ; avis de la préfecture ou province et de la commune."
        ),
        "legal_basis_text": "Loi n° 12.90 ; décret n° 2.18.577 (RGC)",
        "legal_basis_article": "loi 12.90 art. 63-1 ; RGC art. 24",
        "max_delay_days": 30,
        "delay_calendar": "calendar",
        "is_online": True,
        "output_document_ar": "رخصة الهدم",
        "output_document_fr": "Permis de démolir",
        "documents": [
            CNIE,
            {"name_ar": "تصميم البناية المراد هدمها", "name_fr": "Plan du bâtiment à démolir"},
        ],
        "adopt": {
            "service_ar": "الشباك الوحيد للتعمير",
            "service_fr": "Guichet unique d'urbanisme",
        },
    },
    {
        "slug": "occupancy-permit",
        "name_ar": "رخصة السكن",
        "name_fr": "Permis d'habiter",
        "description_fr": (
            "Un bâtiment ne peut être occupé qu'après ce permis. La date de visite est notifiée "
            "dans les 3 jours ; le certificat de l'architecte peut remplacer la visite. Sans "
            "délivrance dans le mois de la déclaration, vous pouvez saisir le gouverneur."
        ),
        "legal_basis_text": "Loi n° 12.90 ; décret n° 2.18.577 (RGC)",
        "legal_basis_article": "loi 12.90 art. 55 ; RGC art. 48-51",
        "max_delay_days": 30,
        "delay_calendar": "calendar",
        "is_online": True,
        "appeal_fr": (
            "Sans permis dans le mois suivant votre déclaration, demandez au gouverneur de "
            "statuer à la place du président (loi 12.90, art. 55). Recours : président puis "
            "gouverneur, dans les 30 jours (loi 55.19, art. 21)."
        ),
        "output_document_ar": "رخصة السكن",
        "output_document_fr": "Permis d'habiter",
        "documents": [
            {
                "name_ar": "التصريح بانتهاء الأشغال",
                "name_fr": "Déclaration d'achèvement des travaux",
                "legal_basis": "RGC art. 48",
            },
            {
                "name_ar": "شهادة المهندس المعماري بمطابقة الأشغال",
                "name_fr": "Certificat de conformité de l'architecte",
                "legal_basis": "Loi n° 12.90, art. 55",
                "is_mandatory": False,
            },
            {
                "name_ar": "شهادة مطابقة شبكات الاتصالات (عند الاقتضاء)",
                "name_fr": "Certificat de conformité des réseaux de télécommunications",
                "legal_basis": "RGC art. 48",
                "is_mandatory": False,
            },
        ],
        "adopt": {
            "service_ar": "الشباك الوحيد للتعمير",
            "service_fr": "Guichet unique d'urbanisme",
        },
    },
]

OFFICE_HOURS = f"Lundi-vendredi 8h30-16h30 (démonstration, {TBC})"


class DemoTerritoryMissingError(Exception):
    """The territory is not loaded (run load_territory first)."""


@dataclass
class CatalogueDemoReport:
    written: list[str] = field(default_factory=list)
    templates: list[tuple[str, str]] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)


def _ensure_template(actor: Any, spec: dict[str, Any], report: CatalogueDemoReport) -> Procedure:
    data = {k: v for k, v in spec.items() if k not in {"adopt", "publish"}}
    procedure = Procedure.objects.filter(
        collectivity__code="MA", slug=data["slug"], template__isnull=True
    ).first()
    if procedure is None:
        version = procedure_template_create(actor=actor, **data)
        procedure = version.procedure
        report.written.append(f"template {procedure.slug}")
    wants_published = spec.get("publish", True)
    if wants_published and not procedure.versions.filter(status=VersionStatus.PUBLISHED).exists():
        draft = procedure.versions.get(status=VersionStatus.DRAFT)
        procedure_version_publish(actor=actor, version=draft)
        report.written.append(f"published {procedure.slug}")
    state = "published" if wants_published else "draft (legal basis to be confirmed)"
    report.templates.append((procedure.slug, state))
    return procedure


def load_catalogue_demo(*, actor: Any) -> CatalogueDemoReport:
    """Create what is missing of the demo catalogue; a second run writes nothing."""
    commune = Collectivity.objects.filter(code=DEMO_COMMUNE).first()
    if commune is None or not Collectivity.objects.filter(code="MA").exists():
        raise DemoTerritoryMissingError(
            "The territory is not loaded: run manage.py load_territory."
        )
    report = CatalogueDemoReport()
    for spec in TEMPLATES:
        template = _ensure_template(actor, spec, report)
        adopt = spec.get("adopt")
        if adopt is None:
            continue
        if not Procedure.objects.filter(collectivity=commune, template=template).exists():
            procedure_adopt(
                actor=actor,
                template=template,
                collectivity=commune,
                office_hours=OFFICE_HOURS,
                **adopt,
            )
            report.written.append(f"adopted {template.slug} in {commune.code}")
        report.adopted.append(template.slug)
    return report

"""The applicant's pages.

`citizen_patterns` are mounted at /<lang>/my/cases/ (namespace `cases`);
`apply_patterns` under /<lang>/c/<code>/procedures/<slug>/apply/ inside the `public`
namespace (as `public:case-...`), so the collectivity is resolved like every public page.
"""

from django.urls import path

from jamaati.cases import views_citizen as views

citizen_patterns: list = [
    path("", views.case_list, name="case-list"),
    path("<str:number>/", views.case_detail, name="case-detail"),
    path("<str:number>/receipt/", views.case_receipt, name="case-receipt"),
    path("<str:number>/receipt.pdf", views.case_receipt_pdf, name="case-receipt-pdf"),
    path(
        "<str:number>/documents/<str:verification_code>.pdf",
        views.case_document,
        name="case-document",
    ),
    path(
        "<str:number>/files/<int:attachment_pk>/",
        views.case_attachment,
        name="case-attachment",
    ),
    path("<str:number>/documents/", views.case_upload, name="case-upload"),
    path("<str:number>/messages/", views.case_message, name="case-message"),
    path("<str:number>/act/<str:action>/", views.case_act_view, name="case-act"),
    path("<str:number>/rate/", views.case_rate_view, name="case-rate"),
]
apply_patterns: list = [
    path("", views.case_file, name="case-file"),
]

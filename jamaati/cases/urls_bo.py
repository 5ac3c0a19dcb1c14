"""Back-office pages of cases, mounted under /<lang>/bo/<code>/ with namespace `bo`."""

from django.urls import path

from jamaati.cases import bo_views

bo_patterns: list = [
    path("cases/", bo_views.case_list, name="case-list"),
    path("cases/assign/", bo_views.case_assign_view, name="case-assign"),
    path("cases/export.csv", bo_views.case_export, name="case-export"),
    path("cases/<int:pk>/", bo_views.case_detail, name="case-detail"),
    path("cases/<int:pk>/act/<str:action>/", bo_views.case_act_view, name="case-act"),
    path("cases/<int:pk>/messages/", bo_views.case_message, name="case-message"),
    path("cases/<int:pk>/consult/", bo_views.case_consult, name="case-consult"),
    path(
        "cases/<int:pk>/consult/<int:consultation_id>/",
        bo_views.case_opinion,
        name="case-opinion",
    ),
    path(
        "cases/<int:pk>/files/<int:attachment_pk>/",
        bo_views.case_attachment,
        name="case-attachment",
    ),
    path(
        "cases/<int:pk>/documents/<str:verification_code>.pdf",
        bo_views.case_document,
        name="case-document",
    ),
    path("cases/<int:pk>/receipt.pdf", bo_views.case_receipt, name="case-receipt"),
    path("counter/", bo_views.case_counter, name="case-counter"),
    path("counter/<int:pk>/", bo_views.procedure_counter, name="procedure-counter"),
]

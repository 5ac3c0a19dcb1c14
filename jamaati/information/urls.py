"""Pages of access to information.

`public_patterns`: under /<lang>/c/<code>/information/ (namespace `public`,
as `public:information-...`).
`citizen_patterns`: /<lang>/my/information/ (namespace `information`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
"""

from django.urls import path

from jamaati.information import bo_views, views_citizen, views_public

public_patterns: list = [
    path("", views_public.request_file_view, name="information-file"),
    path("register/", views_public.register_list, name="information-register"),
    path("similar/", views_public.similar_fragment, name="information-similar"),
    path(
        "register/<str:number>/",
        views_public.register_detail,
        name="information-register-detail",
    ),
    path(
        "register/<str:number>/file/",
        views_public.register_file,
        name="information-register-file",
    ),
]
citizen_patterns: list = [
    path("", views_citizen.request_list, name="request-list"),
    path("<str:number>/", views_citizen.request_detail, name="request-detail"),
    path("<str:number>/receipt/", views_citizen.request_receipt, name="request-receipt"),
    path("<str:number>/receipt.pdf", views_citizen.request_receipt_pdf, name="request-receipt-pdf"),
    path(
        "<str:number>/documents/<str:verification_code>.pdf",
        views_citizen.request_document,
        name="request-document",
    ),
    path("<str:number>/file/", views_citizen.request_released_file, name="request-file"),
    path("<str:number>/act/<str:action>/", views_citizen.request_act, name="request-act"),
]
bo_patterns: list = [
    path("information/", bo_views.request_list, name="informationrequest-list"),
    path("information/counter/", bo_views.request_counter, name="informationrequest-counter"),
    path(
        "information/<int:information_request_id>/",
        bo_views.request_detail,
        name="informationrequest-detail",
    ),
    path(
        "information/<int:information_request_id>/act/<str:action>/",
        bo_views.request_act,
        name="informationrequest-act",
    ),
    path(
        "information/<int:information_request_id>/mask/",
        bo_views.request_mask_view,
        name="informationrequest-mask",
    ),
    path(
        "information/<int:information_request_id>/file/",
        bo_views.request_file_download,
        name="informationrequest-released-file",
    ),
    path(
        "information/<int:information_request_id>/receipt.pdf",
        bo_views.request_receipt,
        name="informationrequest-receipt",
    ),
    path(
        "information/<int:information_request_id>/documents/<str:verification_code>.pdf",
        bo_views.request_document,
        name="informationrequest-document",
    ),
]

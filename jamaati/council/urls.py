"""Pages of the council.

`public_patterns`: under /<lang>/c/<code>/council/ (namespace `public`, as
`public:council-...`): the public record, the Atom feed, petitions.
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`): the secretariat's and the
governor's pages. Object arguments are named `<model>_id` (the cross-tenant probe reads them).
"""

from django.urls import path

from jamaati.council import bo_views, views_public

public_patterns: list = [
    path("", views_public.council_home, name="council-home"),
    path("sessions/<int:session_id>/", views_public.session_detail, name="council-session"),
    path("decisions/", views_public.decision_list, name="council-decisions"),
    path("decisions/feed.atom", views_public.DecisionFeed(), name="council-feed"),
    path("decisions/<str:number>/", views_public.decision_detail, name="council-decision"),
    path("members/<int:member_id>/", views_public.member_detail, name="council-member"),
    path(
        "documents/<int:itemdocument_id>/",
        views_public.item_document,
        name="council-item-document",
    ),
    path("petitions/new/", views_public.petition_file, name="council-petition-file"),
    path("petitions/<str:number>/", views_public.petition_receipt, name="council-petition"),
    path(
        "petitions/<str:number>/receipt.pdf",
        views_public.petition_receipt_pdf,
        name="council-petition-receipt-pdf",
    ),
]

bo_patterns: list = [
    path("council/", bo_views.session_list, name="session-list"),
    path("council/sessions/new/", bo_views.session_create, name="session-create"),
    path("council/sessions/<int:session_id>/", bo_views.session_detail, name="session-detail"),
    path(
        "council/sessions/<int:session_id>/act/<str:action>/",
        bo_views.session_act,
        name="session-act",
    ),
    path("council/items/<int:agendaitem_id>/", bo_views.item_detail, name="agendaitem-detail"),
    path(
        "council/items/<int:agendaitem_id>/act/<str:action>/",
        bo_views.item_act,
        name="agendaitem-act",
    ),
    path(
        "council/documents/<int:itemdocument_id>/",
        bo_views.item_document,
        name="itemdocument-file",
    ),
    path(
        "council/convocations/<int:convocation_id>/pdf/",
        bo_views.convocation_pdf,
        name="convocation-pdf",
    ),
    path("council/sittings/<int:sitting_id>/", bo_views.sitting_detail, name="sitting-detail"),
    path(
        "council/sittings/<int:sitting_id>/act/<str:action>/",
        bo_views.sitting_act,
        name="sitting-act",
    ),
    path(
        "council/sittings/<int:sitting_id>/minutes/<str:language>/",
        bo_views.sitting_minutes,
        name="sitting-minutes",
    ),
    path("council/members/", bo_views.member_list, name="member-list"),
    path("council/members/new/", bo_views.member_create, name="member-create"),
    path("council/members/<int:member_id>/", bo_views.member_detail, name="member-detail"),
    path("council/committees/new/", bo_views.committee_create, name="committee-create"),
    path("council/requests/", bo_views.request_list, name="extraordinaryrequest-list"),
    path("council/requests/new/", bo_views.request_create, name="extraordinaryrequest-create"),
    path(
        "council/requests/<int:extraordinaryrequest_id>/",
        bo_views.request_detail,
        name="extraordinaryrequest-detail",
    ),
    path(
        "council/requests/<int:extraordinaryrequest_id>/act/<str:action>/",
        bo_views.request_act,
        name="extraordinaryrequest-act",
    ),
    path("council/decisions/", bo_views.decision_list, name="decision-list"),
    path("council/decisions/<int:decision_id>/", bo_views.decision_detail, name="decision-detail"),
    path(
        "council/decisions/<int:decision_id>/act/<str:action>/",
        bo_views.decision_act,
        name="decision-act",
    ),
    path("council/petitions/", bo_views.petition_list, name="petition-list"),
    path("council/petitions/counter/", bo_views.petition_counter, name="petition-counter"),
    path("council/petitions/<int:petition_id>/", bo_views.petition_detail, name="petition-detail"),
    path(
        "council/petitions/<int:petition_id>/act/<str:action>/",
        bo_views.petition_act,
        name="petition-act",
    ),
]

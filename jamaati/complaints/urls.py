"""Pages of complaints.

`public_patterns`: under /<lang>/c/<code>/complaints/ (namespace `public`,
as `public:complaint-...`): the filing page and the anonymous tracking link.
`citizen_patterns`: /<lang>/my/complaints/ (namespace `complaints`): the complainant's own.
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`): queue, page, actions, counter.
`open311_patterns`: /open311/v2/ (no language prefix; GeoReport v2), in open311/urls.py.
"""

from django.urls import path

from jamaati.complaints import bo_views, views
from jamaati.complaints.open311.urls import open311_patterns
from jamaati.complaints.report.urls import report_bo_patterns, report_public_patterns

public_patterns: list = [
    path("", views.complaint_file_view, name="complaint-file"),
    path("track/<str:number>/", views.complaint_track, name="complaint-track"),
    path(
        "track/<str:number>/photos/<int:photo>/",
        views.complaint_track_photo,
        name="complaint-track-photo",
    ),
    path(
        "track/<str:number>/act/<str:action>/",
        views.complaint_track_act,
        name="complaint-track-act",
    ),
    *report_public_patterns,
]
citizen_patterns: list = [
    path("", views.complaint_list, name="complaint-list"),
    path("<str:number>/", views.complaint_detail, name="complaint-detail"),
    path("<str:number>/photos/<int:photo>/", views.complaint_photo_view, name="complaint-photo"),
    path("<str:number>/act/<str:action>/", views.complaint_act, name="complaint-act"),
]
bo_patterns: list = [
    path("complaints/", bo_views.complaint_list, name="complaint-list"),
    path("complaints/counter/", bo_views.complaint_counter, name="complaint-counter"),
    path("complaints/<int:pk>/", bo_views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/act/<str:action>/", bo_views.complaint_act, name="complaint-act"),
    path(
        "complaints/<int:pk>/photos/<int:photo>/",
        bo_views.complaint_photo,
        name="complaint-photo",
    ),
    *report_bo_patterns,
]

__all__ = ["bo_patterns", "citizen_patterns", "open311_patterns", "public_patterns"]

"""Open311 GeoReport v2 at /open311/v2/ (namespace `open311`); `<fmt>` is `json` or `xml`.

Any other path under the prefix answers the specification's 404 error document.
"""

from django.urls import re_path

from jamaati.complaints.open311 import views

FMT = r"\.(?P<fmt>[A-Za-z0-9]{1,8})$"

open311_patterns: list = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(
        r"^services/(?P<service_code>[-\w]{1,60})" + FMT,
        views.service_definition,
        name="service-definition",
    ),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<number>[-\w.]{1,60})" + FMT,
        views.request_detail,
        name="request-detail",
    ),
    re_path(r"^tokens/(?P<token>[-\w]{1,100})" + FMT, views.token_detail, name="token-detail"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not-found"),
]

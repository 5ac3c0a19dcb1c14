"""URL map: /api/v1/ (no language), then every page under a language prefix (/ar/, /fr/, /zgh/).

Public collectivity pages live under /<lang>/c/<code>/ (namespace `public`), the back office
under /<lang>/bo/<code>/ (namespace `bo`); `code` is resolved in one place,
jamaati.core.tenancy.middleware.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from jamaati.accounts.urls import bo_patterns as accounts_bo_patterns
from jamaati.api.urls import api
from jamaati.cases.urls_bo import bo_patterns as cases_bo_patterns
from jamaati.cases.urls_citizen import apply_patterns as cases_apply_patterns
from jamaati.cases.urls_citizen import citizen_patterns as cases_citizen_patterns
from jamaati.cases.urls_dashboard import dashboard_patterns as cases_dashboard_patterns
from jamaati.catalogue.urls import bo_patterns as catalogue_bo_patterns
from jamaati.catalogue.urls import national_patterns as catalogue_national_patterns
from jamaati.catalogue.urls import public_patterns as catalogue_public_patterns
from jamaati.complaints import urls as complaints_urls
from jamaati.council import urls as council_urls
from jamaati.information import urls as information_urls
from jamaati.transparency import urls as transparency_urls
from jamaati.web.urls import bo_patterns as web_bo_patterns
from jamaati.web.urls import public_patterns

urlpatterns = [
    path("api/v1/", api.urls),
    path("open311/v2/", include((complaints_urls.open311_patterns, "open311"))),
]

urlpatterns += i18n_patterns(
    path("", include("jamaati.web.urls")),
    path("accounts/", include("jamaati.accounts.urls")),
    path("procedures/", include((catalogue_national_patterns, "catalogue"))),
    path("my/cases/", include((cases_citizen_patterns, "cases"))),
    path("my/complaints/", include((complaints_urls.citizen_patterns, "complaints"))),
    path("my/information/", include((information_urls.citizen_patterns, "information"))),
    path("publications/", include((transparency_urls.national_patterns, "transparency"))),
    path(
        "c/<str:code>/",
        include(
            (
                [
                    *public_patterns,
                    path("procedures/", include((catalogue_public_patterns, "catalogue"))),
                    path("procedures/<slug:slug>/apply/", include(cases_apply_patterns)),
                    path("complaints/", include(complaints_urls.public_patterns)),
                    path("information/", include(information_urls.public_patterns)),
                    path("publications/", include(transparency_urls.public_patterns)),
                    path("council/", include(council_urls.public_patterns)),
                ],
                "public",
            )
        ),
    ),
    path(
        "bo/<str:code>/",
        include(
            (
                web_bo_patterns
                + accounts_bo_patterns
                + catalogue_bo_patterns
                + cases_bo_patterns
                + cases_dashboard_patterns
                + complaints_urls.bo_patterns
                + information_urls.bo_patterns
                + transparency_urls.bo_patterns
                + council_urls.bo_patterns,
                "bo",
            )
        ),
    ),
    prefix_default_language=True,
)

handler400 = "jamaati.web.views.errors.bad_request"
handler403 = "jamaati.web.views.errors.permission_denied"
handler404 = "jamaati.web.views.errors.page_not_found"
handler500 = "jamaati.web.views.errors.server_error"

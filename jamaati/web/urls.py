"""Public directory pages and the back-office frame."""

from django.urls import path

from jamaati.web.views import backoffice, directory, holidays, verify

app_name = "web"

urlpatterns = [
    path("", directory.home, name="home"),
    path("search/", directory.search, name="search"),
    path("bo/", backoffice.choose, name="bo-choose"),
    path("verify/", verify.verify_form, name="verify"),
    path("verify/<str:verification_code>/", verify.verify_code, name="verify-code"),
]

# Mounted under /<lang>/c/<code>/ with namespace "public".
public_patterns = [
    path("", directory.collectivity_page, name="collectivity"),
]

# Mounted under /<lang>/bo/<code>/ with namespace "bo".
bo_patterns = [
    path("", backoffice.overview, name="overview"),
    path("holidays/", holidays.holidays, name="holidays"),
]

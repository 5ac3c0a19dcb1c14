"""The cases dashboard, mounted under /<lang>/bo/<code>/ with namespace `bo`."""

from django.urls import path

from jamaati.cases import dashboard_views

dashboard_patterns: list = [
    path("cases/dashboard/", dashboard_views.case_dashboard, name="case-dashboard"),
]

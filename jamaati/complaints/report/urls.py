"""The yearly complaints report (decree 2.17.265 art. 15): public pages.

Under /<lang>/c/<code>/complaints/ (namespace `public`): `report/` (the last complete year),
`report/<year>/` (the page; `?format=csv|pdf`), `report/<year>.csv` and `report/<year>.pdf`.
A province, region or the country (`MA`) code consolidates its subtree. No back-office
version: the public report is what the decree's transparency asks, and staff read it too.
"""

from django.urls import path

from jamaati.complaints.report import views

report_public_patterns: list = [
    path("report/", views.report_latest, name="complaint-report-latest"),
    path("report/<int:year>/", views.report_page, name="complaint-report"),
    path("report/<int:year>.csv", views.report_csv, name="complaint-report-csv"),
    path("report/<int:year>.pdf", views.report_pdf, name="complaint-report-pdf"),
]
report_bo_patterns: list = []

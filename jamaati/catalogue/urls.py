"""Public catalogue pages.

`national_patterns` are mounted at /<lang>/procedures/ (namespace `catalogue`);
`public_patterns` under /<lang>/c/<code>/procedures/ inside the `public` namespace (as
`public:catalogue:...`), so the collectivity is resolved like every public page.
"""

from django.urls import path

from jamaati.catalogue import views

national_patterns = [
    path("", views.national_list, name="procedure-list"),
]

public_patterns = [
    path("", views.procedure_list, name="procedure-list"),
    path("<slug:slug>/", views.procedure_detail, name="procedure-detail"),
]

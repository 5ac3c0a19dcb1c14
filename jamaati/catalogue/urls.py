"""Public catalogue pages.

`national_patterns` are mounted at /<lang>/procedures/ (namespace `catalogue`);
`public_patterns` under /<lang>/c/<code>/procedures/ inside the `public` namespace (as
`public:catalogue:...`), so the collectivity is resolved like every public page;
`bo_patterns` under /<lang>/bo/<code>/ with namespace `bo`.
"""

from django.urls import path

from jamaati.catalogue import bo_views, views

national_patterns = [
    path("", views.national_list, name="procedure-list"),
]

public_patterns = [
    path("", views.procedure_list, name="procedure-list"),
    path("<slug:slug>/", views.procedure_detail, name="procedure-detail"),
]

# Mounted under /<lang>/bo/<code>/ with namespace "bo".
bo_patterns = [
    path("procedures/", bo_views.procedure_list, name="procedure-list"),
    path("procedures/new/", bo_views.procedure_new, name="procedure-new"),
    path("procedures/<int:pk>/", bo_views.procedure_detail, name="procedure-detail"),
    path("procedures/<int:pk>/edit/", bo_views.procedure_edit, name="procedure-edit"),
    path("procedures/<int:pk>/publish/", bo_views.procedure_publish, name="procedure-publish"),
    path(
        "procedures/<int:pk>/new-draft/",
        bo_views.procedure_new_draft,
        name="procedure-new-draft",
    ),
    path("procedures/<int:pk>/adopt/", bo_views.procedure_adopt_view, name="procedure-adopt"),
]

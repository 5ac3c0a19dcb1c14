"""Pages of proactive publication (law 31.13 art. 10).

`public_patterns`: under /<lang>/c/<code>/publications/ (namespace `public`).
`national_patterns`: /<lang>/publications/ (namespace `transparency`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
"""

from django.urls import path

from jamaati.transparency import bo_views, views

public_patterns: list = [
    path("", views.register_page, name="publication-register"),
    path("<str:pk>/", views.publication_page, name="publication-detail"),
    path("<str:pk>/file", views.publication_file, name="publication-file"),
]
national_patterns: list = [
    path("", views.national_page, name="publication-national"),
]
bo_patterns: list = [
    path("publications/", bo_views.register, name="publication-register"),
    path("publications/new/", bo_views.publish, name="publication-new"),
    path("publications/<str:pk>/", bo_views.detail, name="publication-detail"),
    path("publications/<str:pk>/withdraw/", bo_views.withdraw, name="publication-withdraw"),
    path("publications/<str:pk>/file", bo_views.download, name="publication-bo-file"),
]

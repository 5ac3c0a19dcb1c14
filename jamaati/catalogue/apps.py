from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "jamaati.catalogue"
    label = "catalogue"
    verbose_name = _("Procedures catalogue")

    def ready(self) -> None:
        import jamaati.catalogue.policies  # noqa: F401  (registers the rules)

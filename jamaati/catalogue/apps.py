from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "jamaati.catalogue"
    label = "catalogue"
    verbose_name = _("Procedures catalogue")

    def ready(self) -> None:
        import jamaati.catalogue.policies  # noqa: F401  (registers the rules)
        from jamaati.core.navigation import register_section

        register_section(
            key="procedures",
            label=_("Procedures"),
            url_name="bo:procedure-list",
            action="catalogue.view_backoffice",
            prefixes=("procedure-",),
            order=50,
        )

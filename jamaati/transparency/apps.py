from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "jamaati.transparency"
    label = "transparency"
    verbose_name = _("Transparency")

    def ready(self) -> None:
        import jamaati.transparency.policies  # noqa: F401  (the rules register themselves)
        from jamaati.core.navigation import register_section

        register_section(
            key="publications",
            label=_("Publications"),
            url_name="bo:publication-register",
            action="transparency.view_register",
            prefixes=("publication-",),
            order=70,
        )

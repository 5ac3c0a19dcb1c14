from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jamaati.web"
    label = "web"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        import jamaati.web.policies  # noqa: F401  (registers the rules)
        from jamaati.core.navigation import register_section

        register_section(
            key="holidays",
            label=_("Public holidays"),
            url_name="bo:holidays",
            action="core.manage_holidays",
            order=95,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilStatusConfig(AppConfig):
    name = "jamaati.civil_status"
    label = "civil_status"
    verbose_name = _("Civil status")

    def ready(self) -> None:
        # The rules register with the policy registry.
        import jamaati.civil_status.policies  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "jamaati.council"
    label = "council"
    verbose_name = _("Council sessions")

    def ready(self) -> None:
        # Imported for their effects: the rules register with the policy registry and the
        # notifications with the workflow engine.
        import jamaati.council.notifications
        import jamaati.council.policies  # noqa: F401
        from jamaati.core.navigation import register_section

        register_section(
            key="council",
            label=_("Council"),
            url_name="bo:session-list",
            action="council.view",
            prefixes=("session-", "member-", "sitting-", "decision-", "petition-", "council-"),
            order=60,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "jamaati.information"
    label = "information"
    verbose_name = _("Access to information")

    def ready(self) -> None:
        # Imported for their effects: the rules register with the policy registry, the
        # notifications with the workflow engine, the queue's due dates follow the clocks.
        import jamaati.information.notifications
        import jamaati.information.policies
        import jamaati.information.receivers  # noqa: F401
        from jamaati.core.navigation import register_section

        register_section(
            key="information",
            label=_("Information requests"),
            url_name="bo:informationrequest-list",
            action="information.view_queue",
            prefixes=("informationrequest-",),
            order=50,
        )

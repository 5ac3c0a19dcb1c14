from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "jamaati.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        # Imported for their effects: the rules register with the policy registry, the
        # notifications with the workflow engine, the queue's due dates follow the clocks.
        import jamaati.complaints.notifications
        import jamaati.complaints.policies
        import jamaati.complaints.receivers  # noqa: F401
        from jamaati.complaints.open311.render import bad_request_document
        from jamaati.core.http import register_bad_request_answer
        from jamaati.core.navigation import register_section

        register_bad_request_answer("/open311/", bad_request_document)

        register_section(
            key="complaints",
            label=_("Complaints"),
            url_name="bo:complaint-list",
            action="complaints.view_queue",
            prefixes=("complaint-",),
            order=50,
        )

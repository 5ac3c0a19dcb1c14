from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "jamaati.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # Imported for their effects: the rules register with the policy registry, the
        # notifications with the workflow engine, the queue's due dates follow the clocks.
        import jamaati.cases.notifications
        import jamaati.cases.policies
        import jamaati.cases.receivers  # noqa: F401
        from jamaati.core.navigation import register_section

        register_section(
            key="cases",
            label=_("Cases"),
            url_name="bo:case-list",
            action="cases.view_queue",
            prefixes=("case-", "procedure-counter"),
            order=40,
        )
        register_section(
            key="case-dashboard",
            label=_("Dashboard"),
            url_name="bo:case-dashboard",
            action="cases.view_dashboard",
            prefixes=("case-dashboard",),  # longer than "case-": this section wins
            order=45,
        )

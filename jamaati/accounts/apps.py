from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jamaati.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        import jamaati.accounts.policies  # noqa: F401  (registers the rules)
        from jamaati.core.navigation import register_section

        register_section(
            key="staff",
            label=_("Staff"),
            url_name="bo:staff-list",
            action="accounts.view_staff",
            prefixes=("staff-", "membership-"),
            order=90,
        )

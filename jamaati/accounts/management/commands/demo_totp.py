"""Print the current TOTP code of a demo staff member (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jamaati.accounts.demo import totp_code
from jamaati.accounts.selectors import totp_device_confirmed_for, user_get_by_username


class Command(BaseCommand):
    help = "Print the current 6-digit TOTP code of USERNAME (needs JAMAATI_DEMO_TOOLS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, **options: str) -> None:
        if not getattr(settings, "JAMAATI_DEMO_TOOLS", False):
            raise CommandError("demo_totp is a demo tool: it runs only with JAMAATI_DEMO_TOOLS.")
        user = user_get_by_username(options["username"])
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        device = totp_device_confirmed_for(user)
        if device is None:
            raise CommandError(f"{user.get_username()} has no confirmed TOTP device.")
        self.stdout.write(totp_code(device))

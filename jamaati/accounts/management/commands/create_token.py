"""Create an API token for a user and print it (shown once; only its SHA-256 is stored)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jamaati.accounts.selectors import user_get_by_username
from jamaati.accounts.services import SystemActor, token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it on standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args: object, **options: str) -> None:
        user = user_get_by_username(options["username"])
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        try:
            _token, plaintext = token_create(
                actor=SystemActor("manage.py create_token"), user=user, name=options["name"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(plaintext)

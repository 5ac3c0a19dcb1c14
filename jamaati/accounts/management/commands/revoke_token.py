"""Revoke the API token whose public prefix is given."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jamaati.accounts.selectors import api_token_list_by_prefix
from jamaati.accounts.services import SystemActor, token_revoke


class Command(BaseCommand):
    help = "Revoke the unrevoked API token whose prefix (its first 8 characters) is PREFIX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: object, **options: str) -> None:
        prefix = options["prefix"].strip()[:8]
        tokens = list(api_token_list_by_prefix(prefix)[:10])
        if not tokens:
            raise CommandError(f"No unrevoked token starts with {prefix!r}.")
        if len(tokens) > 1:
            owners = ", ".join(f"{t.user.get_username()} ({t.name})" for t in tokens)
            raise CommandError(f"Several tokens start with {prefix!r}: {owners}. None revoked.")
        token = token_revoke(actor=SystemActor("manage.py revoke_token"), token=tokens[0])
        self.stdout.write(f"Revoked {token.prefix}… ({token.user.get_username()}, {token.name}).")

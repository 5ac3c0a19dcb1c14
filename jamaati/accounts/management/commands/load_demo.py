"""Load the demo accounts of Ben Guerir (idempotent) and print how to sign in with them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from jamaati.accounts.demo import DemoTerritoryMissing, load_demo
from jamaati.accounts.services import SystemActor


class Command(BaseCommand):
    help = "Create or restore the demo accounts (Ben Guerir, Rehamna, DGCT, two citizens)."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("en"):
            try:
                report = load_demo(actor=SystemActor("manage.py load_demo"))
            except DemoTerritoryMissing as exc:
                raise CommandError(str(exc)) from exc
            header = ("username", "role", "collectivity", "password")
            rows = [header, *report.rows]
            widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
            for row in rows:
                self.stdout.write(
                    "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                )
        state = f"{len(report.written)} change(s) written." if report.written else "Nothing to do."
        self.stdout.write(state)
        self.stdout.write(
            "Staff sign in with a second factor. To get a staff member's current code, run "
            "in another terminal: make totp USERNAME=admin.benguerir"
        )
        self.stdout.write(
            "Open http://127.0.0.1:8000/ (Arabic; French at /fr/, Tamazight at /zgh/)."
        )

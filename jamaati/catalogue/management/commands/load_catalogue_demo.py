"""Load the demo catalogue (national templates, adopted by Ben Guerir); idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from jamaati.catalogue.demo import DEMO_COMMUNE, DemoTerritoryMissingError, load_catalogue_demo
from jamaati.catalogue.services import CommandActor


class Command(BaseCommand):
    help = "Create or complete the demo catalogue of procedures (templates + Ben Guerir)."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("en"):
            try:
                with transaction.atomic():
                    report = load_catalogue_demo(
                        actor=CommandActor("manage.py load_catalogue_demo")
                    )
            except DemoTerritoryMissingError as exc:
                raise CommandError(str(exc)) from exc
        width = max(len(slug) for slug, _state in report.templates)
        self.stdout.write("National templates:")
        for slug, state in report.templates:
            adopted = f"adopted by {DEMO_COMMUNE}" if slug in report.adopted else "not adopted"
            self.stdout.write(f"  {slug.ljust(width)}  {state}, {adopted}")
        state = f"{len(report.written)} change(s) written." if report.written else "Nothing to do."
        self.stdout.write(state)
        self.stdout.write(
            "Open http://127.0.0.1:8000/fr/procedures/ and "
            f"http://127.0.0.1:8000/fr/c/{DEMO_COMMUNE}/procedures/"
        )

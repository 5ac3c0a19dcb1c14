"""Publish the demo register of Ben Guerir through the real services; idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from jamaati.transparency.demo import (
    DEMO_COMMUNE,
    DemoPublisherMissing,
    load_transparency_demo,
)


class Command(BaseCommand):
    help = "Publish the demo items of Ben Guerir's publication register; idempotent."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("fr"):
            try:
                report = load_transparency_demo()
            except DemoPublisherMissing as exc:
                raise CommandError(
                    f"Demo staff missing ({exc}): run `manage.py load_demo` first."
                ) from exc
        self.stdout.write(
            f"Demo publications: {len(report.published)} published, "
            f"{len(report.skipped)} already there, in {DEMO_COMMUNE}."
        )
        self.stdout.write(f"Public page: http://127.0.0.1:8000/fr/c/{DEMO_COMMUNE}/publications/")
        self.stdout.write(
            f"Back office: http://127.0.0.1:8000/fr/bo/{DEMO_COMMUNE}/publications/ "
            "(information.benguerir)"
        )

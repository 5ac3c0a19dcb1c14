"""File the demo information requests of Ben Guerir through the real services; idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from jamaati.information.demo import DEMO_COMMUNE, DemoPeopleMissing, load_information_demo


class Command(BaseCommand):
    help = "File demo information requests in Ben Guerir (queue, register); idempotent."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("fr"):
            try:
                report = load_information_demo()
            except DemoPeopleMissing as exc:
                raise CommandError(f"Demo people missing: {exc}") from exc
        if report.skipped:
            self.stdout.write(f"Demo information requests: nothing to do ({report.skipped}).")
            return
        self.stdout.write(
            f"Demo information requests: {len(report.filed)} filed in {DEMO_COMMUNE}."
        )
        self.stdout.write(
            f"Queue: http://127.0.0.1:8000/fr/bo/{DEMO_COMMUNE}/information/ "
            "(information.benguerir); register: "
            f"http://127.0.0.1:8000/fr/c/{DEMO_COMMUNE}/information/register/"
        )

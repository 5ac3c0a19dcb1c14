"""File the demo cases of Ben Guerir through the real services; idempotent."""

from django.core.management.base import BaseCommand
from django.utils import translation

from jamaati.cases.demo import DEMO_COMMUNE, load_cases_demo


class Command(BaseCommand):
    help = "File demo cases in Ben Guerir (queue, case pages, dashboard); idempotent."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("fr"):
            report = load_cases_demo()
        if report.skipped:
            self.stdout.write(f"Demo cases: nothing to do ({report.skipped}).")
            return
        self.stdout.write(f"Demo cases: {len(report.filed)} filed in {DEMO_COMMUNE}.")
        self.stdout.write(
            f"Queue: http://127.0.0.1:8000/fr/bo/{DEMO_COMMUNE}/cases/ (agent.benguerir)"
        )

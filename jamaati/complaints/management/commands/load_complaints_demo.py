"""Load the national complaint categories and the demo complaints of Ben Guerir; idempotent."""

from django.core.management.base import BaseCommand
from django.utils import translation

from jamaati.complaints.demo import DEMO_COMMUNE, load_complaints_demo


class Command(BaseCommand):
    help = "Load the complaint categories and demo complaints in Ben Guerir; idempotent."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("fr"):
            report = load_complaints_demo()
        self.stdout.write(f"Complaint categories: {report.categories}.")
        if report.skipped:
            self.stdout.write(f"Demo complaints: nothing to do ({report.skipped}).")
            return
        self.stdout.write(f"Demo complaints: {len(report.filed)} filed in {DEMO_COMMUNE}.")
        self.stdout.write(
            f"Queue: http://127.0.0.1:8000/fr/bo/{DEMO_COMMUNE}/complaints/ (agent.benguerir)"
        )

"""Build the demo council of Ben Guerir through the council's services; idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import translation

from jamaati.council.demo import DEMO_COMMUNE, DemoPeopleMissing, load_council_demo


class Command(BaseCommand):
    help = (
        "Seat Ben Guerir's demo council (29 members), hold its October 2026 session, plan "
        "February 2027's, file a petition; idempotent."
    )

    def handle(self, *args: object, **options: object) -> None:
        def progress(line: str) -> None:
            self.stdout.write(f"  council demo: {line}")

        # The members are fictional: their convocations and minutes are kept in memory,
        # not printed on the console.
        quiet = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SMS_BACKEND="jamaati.core.notify.sms.MemorySmsBackend",
        )
        with translation.override("fr"), quiet:
            try:
                report = load_council_demo(progress)
            except DemoPeopleMissing as exc:
                raise CommandError(f"Demo people missing (run load_demo first): {exc}") from exc
        if report.skipped:
            self.stdout.write(f"Demo council: nothing to do ({report.skipped}).")
            return
        self.stdout.write(
            f"Demo council: {report.members} members, decisions {', '.join(report.decisions)}, "
            f"petition {report.petition} in {DEMO_COMMUNE}."
        )
        self.stdout.write(
            f"Public record: http://127.0.0.1:8000/fr/c/{DEMO_COMMUNE}/council/ ; "
            f"back office: http://127.0.0.1:8000/fr/bo/{DEMO_COMMUNE}/council/ "
            "(secretaire.benguerir)"
        )

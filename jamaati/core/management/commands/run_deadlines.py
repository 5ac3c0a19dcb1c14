"""Expire the legal clocks whose delay has run out and apply their outcome (run daily)."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jamaati.core.deadlines.sweep import expire_due_deadlines, send_due_reminders

# Below this many clocks the sweep is quick and a progress bar would only be noise.
PROGRESS_FROM = 200


class Command(BaseCommand):
    help = (
        "Expire running deadlines whose due day has passed and apply their legal outcome "
        "(deemed acceptance, escalation) through the workflow, then send the reminders of "
        "clocks falling due soon. Safe to run several times a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Sweep as of this day (YYYY-MM-DD) instead of today, e.g. to catch up.",
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date: {exc}") from exc
        quiet = options["verbosity"] == 0

        def progress(ids):
            disabled = quiet or len(ids) < PROGRESS_FROM or not sys.stderr.isatty()
            return tqdm(ids, desc="deadlines", unit="clock", disable=disabled)

        report = expire_due_deadlines(today, progress=progress)
        send_due_reminders(today, report=report)
        for pk, error in report.failed:
            self.stderr.write(f"deadline {pk}: {error}")
        if not quiet:
            self.stdout.write(str(report))

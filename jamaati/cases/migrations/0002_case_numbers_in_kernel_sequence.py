"""Case numbers move to the kernel's yearly sequences (series "cases"): each collectivity's
counter is carried over, so numbering continues where it stopped."""

from django.db import migrations

SERIES = "cases"


def carry_counters_over(apps, schema_editor):
    CaseCounter = apps.get_model("cases", "CaseCounter")
    YearlySequence = apps.get_model("core", "YearlySequence")
    YearlySequence.objects.bulk_create(
        [
            YearlySequence(
                collectivity_id=c.collectivity_id, series=SERIES, year=c.year, last=c.last
            )
            for c in CaseCounter.objects.all()
        ],
        batch_size=1000,
    )


def carry_counters_back(apps, schema_editor):
    CaseCounter = apps.get_model("cases", "CaseCounter")
    YearlySequence = apps.get_model("core", "YearlySequence")
    sequences = YearlySequence.objects.filter(series=SERIES)
    CaseCounter.objects.bulk_create(
        [
            CaseCounter(collectivity_id=s.collectivity_id, year=s.year, last=s.last)
            for s in sequences
        ],
        batch_size=1000,
    )
    sequences.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("core", "0007_yearly_sequence"),
    ]

    operations = [
        migrations.RunPython(carry_counters_over, carry_counters_back),
        migrations.DeleteModel(name="CaseCounter"),
    ]

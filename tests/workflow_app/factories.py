import factory

from tests.workflow_app.models import Dossier, State


class DossierFactory(factory.django.DjangoModelFactory):
    """`DossierFactory(collectivity=c)`; traits for states set the row as a fixture would."""

    class Meta:
        model = Dossier

    title = factory.Sequence(lambda n: f"Dossier {n}")
    state = State.DRAFT

import pytest
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.catalogue.selectors import (
    procedure_get_public,
    procedure_list_for,
    procedure_list_public,
)
from jamaati.catalogue.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    published_version,
)
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["Legalisation", "légalisation", "LÉGALISATION signature"])
def test_search_ignores_case_and_accents_when_query_is_latin(commune_a, q):
    wanted = published_version(collectivity=commune_a, name_fr="Légalisation de signature")
    published_version(collectivity=commune_a, name_fr="Copie conforme")

    assert list(procedure_list_public(collectivity=commune_a, q=q)) == [wanted]


@pytest.mark.parametrize("q", ["الإمضاء", "الامضاء", "امضاء"])
def test_search_ignores_hamza_when_query_is_arabic(commune_a, q):
    wanted = published_version(collectivity=commune_a, name_ar="تصحيح الإمضاء")
    published_version(collectivity=commune_a, name_ar="شهادة السكنى")

    assert list(procedure_list_public(collectivity=commune_a, q=q)) == [wanted]


def test_public_list_hides_drafts_and_other_communes_when_scoped(commune_a, commune_b):
    shown = published_version(collectivity=commune_a)
    ProcedureVersionFactory(collectivity=commune_a)
    published_version(collectivity=commune_b)

    assert list(procedure_list_public(collectivity=commune_a)) == [shown]


def test_public_list_is_empty_when_query_has_no_letters(commune_a):
    published_version(collectivity=commune_a)

    assert list(procedure_list_public(collectivity=commune_a, q="---")) == []


def test_public_get_answers_404_when_only_a_draft_exists(commune_a):
    draft = ProcedureVersionFactory(collectivity=commune_a)

    with pytest.raises(Http404):
        procedure_get_public(collectivity=commune_a, slug=draft.procedure.slug)


def test_public_get_answers_404_when_slug_belongs_to_another_commune(commune_a, commune_b):
    other = published_version(collectivity=commune_b)

    with pytest.raises(Http404):
        procedure_get_public(collectivity=commune_a, slug=other.procedure.slug)


def test_public_list_runs_one_query_when_many_procedures_exist(
    commune_a, django_assert_num_queries
):
    for _ in range(6):
        published_version(collectivity=commune_a)

    with django_assert_num_queries(1):
        rows = [
            (v.name, v.procedure.slug, v.collectivity.code)
            for v in procedure_list_public(collectivity=commune_a, q="procédure")
        ]

    assert len(rows) == 6


def test_back_office_list_is_scoped_to_reach_when_actor_is_staff(commune_a, commune_b):
    mine = ProcedureFactory(collectivity=commune_a)
    ProcedureFactory(collectivity=commune_b)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    assert list(procedure_list_for(agent)) == [mine]
    assert list(procedure_list_for(None)) == []

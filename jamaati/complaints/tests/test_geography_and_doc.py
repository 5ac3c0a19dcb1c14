"""The coarse outline of Morocco (southern provinces included), and docs/complaints.md
showing the workflow as declared."""

from pathlib import Path

import pytest
from django.conf import settings

from jamaati.complaints.geography import MOROCCO_OUTLINE, is_in_morocco, point_in_polygon
from jamaati.complaints.workflow import COMPLAINT_FLOW, OPEN_STATES, ComplaintState


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [
        ("Rabat", 34.0209, -6.8416),
        ("Dakhla", 23.6848, -15.9580),
        ("Laâyoune", 27.1536, -13.2033),
        ("Oujda", 34.6814, -1.9086),
        ("Tangier", 35.7595, -5.8340),
        ("Ben Guerir", 32.2360, -7.9540),
        ("Guelmim", 28.9870, -10.0574),
        ("Figuig", 32.1095, -1.2290),
    ],
)
def test_places_in_morocco(place, lat, lon):
    assert is_in_morocco(lat, lon), place


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [
        ("Algiers", 36.7538, 3.0588),
        ("Madrid", 40.4168, -3.7038),
        ("Nouakchott", 18.0735, -15.9582),
        ("Las Palmas", 28.1235, -15.4363),
        ("the Atlantic", 31.0, -14.0),
        ("Tindouf", 27.6711, -8.1474),
        ("Paris", 48.8566, 2.3522),
    ],
)
def test_places_outside(place, lat, lon):
    assert not is_in_morocco(lat, lon), place


def test_point_in_polygon_on_a_square():
    square = ((0, 0), (0, 10), (10, 10), (10, 0))
    assert point_in_polygon(5, 5, square)
    assert not point_in_polygon(15, 5, square)
    assert not point_in_polygon(-1, -1, square)
    assert len(MOROCCO_OUTLINE) > 30


def test_the_documented_diagram_is_the_declared_workflow():
    doc = (Path(settings.BASE_DIR) / "docs" / "complaints.md").read_text()
    assert COMPLAINT_FLOW.to_mermaid([ComplaintState.NEW]) in doc, (
        "docs/complaints.md is out of date: paste COMPLAINT_FLOW.to_mermaid(['new']) into it"
    )


def test_every_state_is_reachable_from_filing():
    assert COMPLAINT_FLOW.reachable_states([ComplaintState.NEW]) == COMPLAINT_FLOW.all_states()
    assert COMPLAINT_FLOW.all_states() >= OPEN_STATES

import pytest
from django.utils import translation

from jamaati.catalogue.form_schema import form_class_for, json_schema_for, validate_form_schema


@pytest.fixture(autouse=True)
def _english_messages():
    """Schema problems read in their source language, so tests can match their words."""
    with translation.override("en"):
        yield


SCHEMA = [
    {
        "name": "full_name",
        "type": "text",
        "label_ar": "الاسم",
        "label_fr": "Nom",
        "required": True,
        "max_length": 80,
    },
    {"name": "cin", "type": "cin", "label_fr": "CIN", "required": True},
    {
        "name": "has_proxy",
        "type": "choice",
        "label_fr": "Par procuration ?",
        "required": True,
        "choices": [{"value": "yes", "label_fr": "Oui"}, {"value": "no", "label_fr": "Non"}],
    },
    {
        "name": "proxy_name",
        "type": "text",
        "label_fr": "Nom du mandataire",
        "required": True,
        "show_if": {"field": "has_proxy", "equals": "yes"},
    },
    {"name": "copies", "type": "number", "label_fr": "Copies", "min": 1, "max": 5},
    {"name": "born_on", "type": "date", "label_fr": "Date de naissance"},
    {"name": "email", "type": "email", "label_fr": "Courriel"},
    {"name": "phone", "type": "phone", "label_fr": "Téléphone"},
    {"name": "plan", "type": "file", "label_fr": "Plan"},
    {
        "name": "children",
        "type": "group",
        "label_fr": "Enfants",
        "max_repeat": 2,
        "fields": [
            {"name": "first_name", "type": "text", "label_fr": "Prénom", "required": True},
            {"name": "born_on", "type": "date", "label_fr": "Né le"},
        ],
    },
]

VALID = {"full_name": "Amina Benali", "cin": "AB123456", "has_proxy": "no"}


def test_schema_is_sound_when_every_field_is_well_formed():
    assert validate_form_schema(SCHEMA) == []
    assert validate_form_schema([]) == []


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"name": "x"}, "list of fields"),
        ([{"name": "a", "type": "video", "label_fr": "A"}], "unknown type"),
        ([{"name": "a", "type": "text", "label_fr": "A"}] * 2, "used twice"),
        (
            [
                {
                    "name": "a",
                    "type": "text",
                    "label_fr": "A",
                    "show_if": {"field": "b", "equals": 1},
                }
            ],
            "unknown field",
        ),
        ([{"name": "g", "type": "group", "label_fr": "G"}], "needs its fields"),
        ([{"name": "g", "type": "group", "label_fr": "G", "fields": []}], "needs its fields"),
        ([{"name": "c", "type": "choice", "label_fr": "C"}], "list of choices"),
        ([{"name": "n", "type": "number", "label_fr": "N", "min": 5, "max": 1}], "greater"),
        ([{"name": "Bad Name", "type": "text", "label_fr": "A"}], "lower-case"),
        ([{"name": "a", "type": "text"}], "label"),
        ([{"name": "a", "type": "text", "label_fr": "A", "colour": "red"}], "unknown keys"),
        ([{"name": "a", "type": "text", "label_fr": "A", "max_length": 0}], "positive"),
        ([{"name": "a", "type": "text", "label_fr": "A", "fields": []}], "only a group"),
        (
            [
                {
                    "name": "g",
                    "type": "group",
                    "label_fr": "G",
                    "fields": [
                        {
                            "name": "h",
                            "type": "group",
                            "label_fr": "H",
                            "fields": [{"name": "x", "type": "text", "label_fr": "X"}],
                        }
                    ],
                }
            ],
            "cannot contain a group",
        ),
        (
            [
                {"name": "c", "type": "choice", "label_fr": "C", "choices": ["a", "b"]},
                {
                    "name": "d",
                    "type": "text",
                    "label_fr": "D",
                    "show_if": {"field": "c", "equals": "z"},
                },
            ],
            "does not offer",
        ),
    ],
)
def test_schema_problem_is_reported_when_the_schema_has_it(schema, expected):
    problems = validate_form_schema(schema)

    assert any(expected in p for p in problems), problems


def test_form_accepts_answers_when_the_condition_does_not_hold():
    form = form_class_for(SCHEMA)(data={**VALID, "proxy_name": "ignored"})

    assert form.is_valid(), form.errors
    assert "proxy_name" not in form.cleaned_data


def test_conditional_field_is_required_when_its_condition_holds():
    with translation.override("fr"):
        form = form_class_for(SCHEMA)(data={**VALID, "has_proxy": "yes"})

        assert not form.is_valid()
        assert "Nom du mandataire" in form.errors["proxy_name"][0]


def test_conditional_field_is_accepted_when_condition_holds_and_answered():
    form = form_class_for(SCHEMA)(data={**VALID, "has_proxy": "yes", "proxy_name": "Karim"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["proxy_name"] == "Karim"


def test_required_fields_are_named_when_missing():
    with translation.override("ar"):
        form = form_class_for(SCHEMA)(data={})

        assert not form.is_valid()
        assert set(form.errors) == {"full_name", "cin", "has_proxy"}
        assert "الاسم" in form.errors["full_name"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cin", "123"),
        ("copies", "9"),
        ("born_on", "not a date"),
        ("email", "nope"),
        ("phone", "abc"),
        ("has_proxy", "maybe"),
        ("full_name", "x" * 81),
        ("children", "[1, 2]"),
        ("children", '[{"first_name": "a"}, {"first_name": "b"}, {"first_name": "c"}]'),
        ("children", '[{"born_on": "2020-01-01"}]'),
    ],
)
def test_form_refuses_the_answer_when_it_breaks_the_field_type(field, value):
    form = form_class_for(SCHEMA)(data={**VALID, field: value})

    assert not form.is_valid()
    assert field in form.errors


def test_repeatable_group_is_accepted_when_entries_are_valid():
    form = form_class_for(SCHEMA)(
        data={**VALID, "children": '[{"first_name": "Sara", "born_on": "2019-03-01"}]'}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["children"] == [{"first_name": "Sara", "born_on": "2019-03-01"}]


def test_json_schema_describes_types_requirements_and_conditions():
    out = json_schema_for(SCHEMA)

    assert out["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out["type"] == "object"
    assert out["additionalProperties"] is False
    assert out["required"] == ["full_name", "cin", "has_proxy"]
    props = out["properties"]
    assert set(props) == {s["name"] for s in SCHEMA}
    assert props["full_name"] == {
        "title": "Nom",
        "x-label-ar": "الاسم",
        "type": "string",
        "maxLength": 80,
    }
    assert props["has_proxy"]["enum"] == ["yes", "no"]
    assert props["copies"] == {"title": "Copies", "type": "number", "minimum": 1, "maximum": 5}
    assert props["born_on"]["format"] == "date"
    assert props["email"]["format"] == "email"
    assert props["cin"]["type"] == "string"
    assert props["cin"]["pattern"]
    group = props["children"]
    assert group["type"] == "array"
    assert group["maxItems"] == 2
    assert group["items"]["required"] == ["first_name"]
    assert set(group["items"]["properties"]) == {"first_name", "born_on"}
    assert out["allOf"] == [
        {
            "if": {"properties": {"has_proxy": {"const": "yes"}}, "required": ["has_proxy"]},
            "then": {"required": ["proxy_name"]},
            "else": {"not": {"required": ["proxy_name"]}},
        }
    ]


def _walk(node):
    """Every sub-schema of a JSON Schema (objects under properties, items, allOf, if/then/else)."""
    yield node
    for child in node.get("properties", {}).values():
        yield from _walk(child)
    if "items" in node:
        yield from _walk(node["items"])
    for child in node.get("allOf", []):
        for key in ("if", "then", "else"):
            if key in child:
                yield from _walk(child[key])


def test_json_schema_uses_only_draft_2020_12_keywords_with_valid_values():
    allowed = {
        "$schema",
        "title",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "allOf",
        "if",
        "then",
        "else",
        "not",
        "const",
        "enum",
        "maxLength",
        "minimum",
        "maximum",
        "format",
        "pattern",
        "contentEncoding",
        "items",
        "maxItems",
        "x-label-ar",
    }
    types = {"object", "array", "string", "number"}
    for node in _walk(json_schema_for(SCHEMA)):
        assert set(node) <= allowed, set(node) - allowed
        if "type" in node:
            assert node["type"] in types
        if "required" in node:
            assert isinstance(node["required"], list)
            assert all(isinstance(n, str) for n in node["required"])
            if "properties" in node:
                assert set(node["required"]) <= set(node["properties"])

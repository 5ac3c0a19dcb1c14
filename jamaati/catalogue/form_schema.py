"""A procedure's request form, described as data: checked, turned into a Django form, and into
a JSON Schema (draft 2020-12) for the API. Pure functions: no database, no request.

A schema is a list of fields:
`{name, type, label_ar, label_fr, required, choices, min, max, max_length,
show_if: {field, equals}, fields (for a repeatable group), max_repeat}`.
A field with `show_if` is asked (and required, when `required`) only when the other field's
answer equals `equals`.
"""

import json
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jamaati.core.forms import NamedErrorsMixin

FIELD_TYPES = frozenset(
    {"text", "number", "date", "choice", "email", "phone", "cin", "file", "group"}
)
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
KNOWN_KEYS = frozenset(
    {
        "name",
        "type",
        "label_ar",
        "label_fr",
        "required",
        "choices",
        "min",
        "max",
        "max_length",
        "show_if",
        "fields",
        "max_repeat",
    }
)
DEFAULT_MAX_LENGTH = 500
DEFAULT_MAX_REPEAT = 20
# A Moroccan national identity card number: one or two letters, then digits.
CIN_PATTERN = r"^[A-Za-z]{1,2}[0-9]{1,7}$"
PHONE_PATTERN = r"^\+?[0-9][0-9 .\-]{7,18}$"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _choice_values(spec: dict) -> list[str]:
    values = []
    for choice in spec.get("choices") or []:
        values.append(str(choice.get("value")) if isinstance(choice, dict) else str(choice))
    return values


def _field_problems(spec: Any, where: str, depth: int) -> list[str]:
    if not isinstance(spec, dict):
        return [_("%(where)s: each field must be an object.") % {"where": where}]
    problems = []
    name = spec.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        problems.append(
            _("%(where)s: the name must be lower-case letters, digits and _.") % {"where": where}
        )
    else:
        where = f"{where} ({name})"
    unknown = sorted(set(spec) - KNOWN_KEYS)
    if unknown:
        problems.append(
            _("%(where)s: unknown keys %(keys)s.") % {"where": where, "keys": ", ".join(unknown)}
        )
    kind = spec.get("type")
    if kind not in FIELD_TYPES:
        problems.append(_("%(where)s: unknown type %(type)r.") % {"where": where, "type": kind})
    if not (spec.get("label_ar") or spec.get("label_fr")):
        problems.append(_("%(where)s: give a label in Arabic or French.") % {"where": where})
    if "required" in spec and not isinstance(spec["required"], bool):
        problems.append(_("%(where)s: “required” must be true or false.") % {"where": where})
    if kind == "choice":
        values = _choice_values(spec)
        if not isinstance(spec.get("choices"), list) or not values:
            problems.append(_("%(where)s: a choice needs a list of choices.") % {"where": where})
        elif len(set(values)) != len(values):
            problems.append(_("%(where)s: the choices repeat a value.") % {"where": where})
    for bound in ("min", "max"):
        if bound in spec and not _is_number(spec[bound]):
            problems.append(
                _("%(where)s: “%(key)s” must be a number.") % {"where": where, "key": bound}
            )
    if _is_number(spec.get("min")) and _is_number(spec.get("max")) and spec["min"] > spec["max"]:
        problems.append(_("%(where)s: “min” is greater than “max”.") % {"where": where})
    for key in ("max_length", "max_repeat"):
        if key in spec and not (_is_int(spec[key]) and spec[key] > 0):
            problems.append(
                _("%(where)s: “%(key)s” must be a positive whole number.")
                % {"where": where, "key": key}
            )
    if kind == "group":
        if depth > 0:
            problems.append(_("%(where)s: a group cannot contain a group.") % {"where": where})
        sub = spec.get("fields")
        if not isinstance(sub, list) or not sub:
            problems.append(_("%(where)s: a group needs its fields.") % {"where": where})
        else:
            problems.extend(_list_problems(sub, where, depth + 1))
    elif "fields" in spec:
        problems.append(_("%(where)s: only a group has fields.") % {"where": where})
    return problems


def _list_problems(schema: list, where: str, depth: int) -> list[str]:
    problems = []
    names = []
    for i, spec in enumerate(schema, start=1):
        problems.extend(_field_problems(spec, f"{where} {i}".strip(), depth))
        if isinstance(spec, dict) and isinstance(spec.get("name"), str):
            if spec["name"] in names:
                problems.append(_("The name %(name)r is used twice.") % {"name": spec["name"]})
            names.append(spec["name"])
    by_name = {
        s["name"]: s for s in schema if isinstance(s, dict) and isinstance(s.get("name"), str)
    }
    for spec in schema:
        if not isinstance(spec, dict) or "show_if" not in spec:
            continue
        cond = spec["show_if"]
        label = spec.get("name", "?")
        if not isinstance(cond, dict) or set(cond) != {"field", "equals"}:
            problems.append(_("%(name)s: “show_if” must be {field, equals}.") % {"name": label})
            continue
        target = by_name.get(cond["field"]) if isinstance(cond["field"], str) else None
        if target is None or cond["field"] == label:
            problems.append(
                _("%(name)s: “show_if” refers to an unknown field %(field)r.")
                % {"name": label, "field": cond["field"]}
            )
        elif target.get("type") in {"group", "file"}:
            problems.append(
                _("%(name)s: “show_if” cannot depend on a group or a file.") % {"name": label}
            )
        elif target.get("type") == "choice" and str(cond["equals"]) not in _choice_values(target):
            problems.append(
                _("%(name)s: “show_if” expects a value that %(field)r does not offer.")
                % {"name": label, "field": cond["field"]}
            )
    return problems


def validate_form_schema(schema: Any) -> list[str]:
    """Every problem of a form description, in plain words; an empty list when it is sound."""
    if not isinstance(schema, list):
        return [_("The form must be a list of fields.")]
    return _list_problems(schema, _("Field"), 0)


def _label(spec: dict) -> str:
    lang = (get_language() or "ar").split("-")[0]
    return spec.get(f"label_{lang}") or spec.get("label_ar") or spec.get("label_fr") or ""


def _choices(spec: dict) -> list[tuple[str, str]]:
    lang = (get_language() or "ar").split("-")[0]
    out = []
    for choice in spec.get("choices") or []:
        if isinstance(choice, dict):
            text = choice.get(f"label_{lang}") or choice.get("label_ar") or choice.get("label_fr")
            out.append((str(choice["value"]), str(text or choice["value"])))
        else:
            out.append((str(choice), str(choice)))
    return out


class _GroupField(forms.JSONField):
    """A repeatable group, answered as a JSON list of objects, each checked by the group's form."""

    def __init__(self, *, sub_schema: list, max_repeat: int, **kwargs: Any) -> None:
        self.sub_schema = sub_schema
        self.max_repeat = max_repeat
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise forms.ValidationError(_("Give a list of entries."), code="invalid")
        if len(value) > self.max_repeat:
            raise forms.ValidationError(
                _("Give at most %(count)d entries.") % {"count": self.max_repeat}, code="max"
            )
        item_form = form_class_for(self.sub_schema)
        for i, item in enumerate(value, start=1):
            form = item_form(data={k: _as_data(v) for k, v in item.items()})
            if not form.is_valid():
                messages = [str(m) for errors in form.errors.values() for m in errors]
                raise forms.ValidationError(
                    _("Entry %(number)d: %(errors)s") % {"number": i, "errors": " ".join(messages)},
                    code="invalid_entry",
                )


def _as_data(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, list | dict) else value


def _django_field(spec: dict) -> forms.Field:
    kind = spec["type"]
    common: dict[str, Any] = {"label": _label(spec), "required": False}
    if kind == "text":
        return forms.CharField(max_length=spec.get("max_length", DEFAULT_MAX_LENGTH), **common)
    if kind == "number":
        return forms.DecimalField(
            min_value=Decimal(str(spec["min"])) if "min" in spec else None,
            max_value=Decimal(str(spec["max"])) if "max" in spec else None,
            max_digits=18,
            decimal_places=6,
            **common,
        )
    if kind == "date":
        return forms.DateField(**common)
    if kind == "choice":
        return forms.ChoiceField(choices=[("", "—"), *_choices(spec)], **common)
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    if kind == "phone":
        return forms.CharField(
            max_length=20,
            validators=[RegexValidator(PHONE_PATTERN, _("Enter a telephone number."))],
            **common,
        )
    if kind == "cin":
        return forms.CharField(
            max_length=10,
            validators=[RegexValidator(CIN_PATTERN, _("Enter a national identity card number."))],
            **common,
        )
    if kind == "file":
        return forms.FileField(**common)
    return _GroupField(
        sub_schema=spec["fields"], max_repeat=spec.get("max_repeat", DEFAULT_MAX_REPEAT), **common
    )


def _holds(value: Any, equals: Any) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, Decimal) and _is_number(equals):
        return value == Decimal(str(equals))
    return str(value) == str(equals)


class _SchemaForm(NamedErrorsMixin, forms.Form):
    schema: list = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for spec in self.schema:
            name = spec["name"]
            cond = spec.get("show_if")
            if cond and not _holds(cleaned.get(cond["field"]), cond["equals"]):
                cleaned.pop(name, None)  # not asked: its answer, if any, is dropped
                self.errors.pop(name, None)
                continue
            if (
                spec.get("required")
                and cleaned.get(name) in (None, "", [])
                and name not in self.errors
            ):
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


def form_class_for(schema: list) -> type[forms.Form]:
    """A Django form class for a sound schema: types checked per field, required and conditional
    fields checked together in clean() (a hidden field is never required and its answer dropped)."""
    fields = {spec["name"]: _django_field(spec) for spec in schema}
    return type("ProcedureForm", (_SchemaForm,), {"schema": schema, **fields})


def _json_property(spec: dict) -> dict[str, Any]:
    kind = spec["type"]
    prop: dict[str, Any] = {"title": spec.get("label_fr") or spec.get("label_ar") or ""}
    if spec.get("label_ar"):
        prop["x-label-ar"] = spec["label_ar"]
    if kind == "text":
        prop.update(type="string", maxLength=spec.get("max_length", DEFAULT_MAX_LENGTH))
    elif kind == "number":
        prop["type"] = "number"
        if "min" in spec:
            prop["minimum"] = spec["min"]
        if "max" in spec:
            prop["maximum"] = spec["max"]
    elif kind == "date":
        prop.update(type="string", format="date")
    elif kind == "choice":
        prop.update(type="string", enum=_choice_values(spec))
    elif kind == "email":
        prop.update(type="string", format="email", maxLength=254)
    elif kind == "phone":
        prop.update(type="string", pattern=PHONE_PATTERN)
    elif kind == "cin":
        prop.update(type="string", pattern=CIN_PATTERN)
    elif kind == "file":
        prop.update(type="string", contentEncoding="base64")
    else:
        prop.update(
            type="array",
            maxItems=spec.get("max_repeat", DEFAULT_MAX_REPEAT),
            items=_object_schema(spec["fields"]),
        )
    return prop


def _object_schema(schema: list) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {spec["name"]: _json_property(spec) for spec in schema},
        "required": [s["name"] for s in schema if s.get("required") and not s.get("show_if")],
        "additionalProperties": False,
    }
    conditions = []
    for spec in schema:
        cond = spec.get("show_if")
        if not cond:
            continue
        when = {
            "properties": {cond["field"]: {"const": cond["equals"]}},
            "required": [cond["field"]],
        }
        then: dict[str, Any] = {"required": [spec["name"]]} if spec.get("required") else {}
        otherwise = {"not": {"required": [spec["name"]]}}
        conditions.append({"if": when, "then": then, "else": otherwise})
    if conditions:
        out["allOf"] = conditions
    return out


def json_schema_for(schema: list) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an answer to a sound form schema."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **_object_schema(schema)}

"""A JSON Schema (draft 2020-12) of the model format, generated from the model classes.

Editors use it for completion, hover documentation and inline errors: write
``mentorcore schema --out mentorcore.schema.json`` and put this first line in a model file::

    # yaml-language-server: $schema=mentorcore.schema.json

Like ``docs/authoring.md``, the schema is derived from the attrs classes and their field
metadata (:func:`mentorcore.model.fields.fact`): descriptions from ``doc``, enumerations from
``choices``, allowed units from ``units``, and where a field has a default ``unit`` a range may be a
bare number. Unknown keys are refused everywhere (``additionalProperties: false``).

Two shapes of file are described:

* a **model** (no ``extends``): required keys are required, and ``remove`` is not allowed;
* an **adaptation** (``extends: …``): only ``id`` and ``extends`` are required — everything
  else is inherited. List items need only their ``id`` (they merge into the inherited item
  with that id, or add a new one), ``{id: X, remove: true}`` removes an inherited item, and a
  key set to ``null`` drops an inherited value. The schema cannot know which ids the parent
  has, so a new item's required keys are left to ``mentorcore validate``.

The schema checks the shape of a file; ``mentorcore validate`` checks the rest (references,
ranges, cadences…). Given the run's plugin registry, phase kinds, unit kinds and criteria are
enumerations of what the installed plugins provide (``mentorcore schema`` does so); without one
they are open strings. The schema has an ``$id`` that names its version
(:data:`SCHEMA_ID`), and ``language`` translates its descriptions
(``mentorcore --lang fi schema``): the catalogs hold every one — the fields' ``doc``, the model
classes' first paragraphs and the schema's own texts are extracted for translation (babel.cfg),
and a test fails on a description left in English.

Example::

    >>> from mentorcore.schema import json_schema
    >>> json_schema()["$defs"]["Phase"]["properties"]["entry"]["enum"]
    ['cohort', 'rolling', 'opt_in']
"""

from __future__ import annotations

import functools
import json
import operator
import types
import typing
from typing import Any

import attrs

from mentorcore.i18n import N_, summary
from mentorcore.model import MatchingRule, Phase, Programme, Range, Text, Unit
from mentorcore.model.fields import meta
from mentorcore.model.quantity import UNITS
from mentorcore.version import __version__

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from mentorcore.plugins import Registry

DIALECT = "https://json-schema.org/draft/2020-12/schema"
LANGUAGE_KEY = r"^(\*|[a-z]{2,3}(-[A-Z]{2})?)$"
"""A key of a text map: a language code (``fi``, ``sv``, ``en``, ``pt-BR``) or ``*``."""

_SCALARS = {str: "string", float: "number", int: "integer", bool: "boolean"}
SCHEMA_VERSION = __version__
"""The schema's version: mentorcore's (the model format changes with it)."""
SCHEMA_ID = f"urn:mentorcore:schema:model:{SCHEMA_VERSION}"
"""The schema's ``$id``: a URI that names the format and its version."""


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` → ``(X, True)``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) < len(typing.get_args(tp)):
            return functools.reduce(operator.or_, args), True
    return tp, False


class _Builder:
    def __init__(self, kinds: dict[tuple[type, str], list[str]] | None = None,
                 translate: Callable[[str], str] | None = None) -> None:
        self.defs: dict[str, Any] = {}
        self.kinds = kinds or {}
        self.translate = translate or (lambda text: text)

    # -- shared definitions ----------------------------------------------------------------

    def text(self, patch: bool) -> dict[str, Any]:
        name = "TextPatch" if patch else "Text"
        if name not in self.defs:
            values: dict[str, Any] = {"type": ["string", "null"] if patch else "string"}
            self.defs[name] = {
                "description": self.translate(N_(
                    "A text: one string for every language, or a map from language code to "
                    "string, e.g. {fi: Kielikaveri, sv: Språkvän, en: Language buddy}."))
                + (" " + self.translate(N_("A language set to null drops the inherited "
                                           "version.")) if patch else ""),
                "anyOf": [
                    {"type": "string"},
                    {"type": "object", "minProperties": 1,
                     "propertyNames": {"pattern": LANGUAGE_KEY},
                     "additionalProperties": values},
                ],
            }
        return _ref(name)

    def removal(self) -> dict[str, Any]:
        if "Removal" not in self.defs:
            self.defs["Removal"] = {
                "description": self.translate(N_("Removes the inherited item with this id.")),
                "type": "object",
                "properties": {"id": {"type": "string"}, "remove": {"const": True}},
                "required": ["id", "remove"],
                "additionalProperties": False,
            }
        return _ref("Removal")

    def range(self, field: attrs.Attribute, patch: bool) -> dict[str, Any]:
        self.cls(Range, patch)
        default_unit = meta(field, "unit")
        allowed = sorted(meta(field, "units") or UNITS)
        restriction: dict[str, Any] = {"properties": {"unit": {"enum": allowed}}}
        if default_unit is None and not patch:
            restriction["required"] = ["unit"]
        shape: dict[str, Any] = {"allOf": [_ref("RangePatch" if patch else "Range"),
                                           restriction]}
        if default_unit is not None:
            exactly = self.translate(N_("exactly this many ({unit})")).format(unit=default_unit)
            return {"anyOf": [{"type": "number", "description": exactly}, shape]}
        return shape

    # -- classes ---------------------------------------------------------------------------

    def cls(self, cls: type, patch: bool, item: bool = False) -> dict[str, Any]:
        name = cls.__name__ + ("Patch" if patch else "")
        if name in self.defs:
            return _ref(name)
        self.defs[name] = {}  # reserve the name: classes may refer to each other
        fields = attrs.fields(attrs.resolve_types(cls))
        doc = self.translate(summary(cls.__doc__))  # extracted as such (babel.cfg)
        properties = {field.name: self.field(field, patch) for field in fields}
        for (owner, key), names in self.kinds.items():
            if owner is cls and key in properties:
                properties[key] = {**properties[key], "enum": names}
                properties[key].pop("type", None)
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        if cls is Range:
            required = []  # the unit is required where no default unit fits: see range()
        if patch:
            required = ["id"] if item and "id" in properties else []
            if cls is Programme:
                required = ["id", "extends"]
        schema: dict[str, Any] = {"type": "object", "description": doc,
                                  "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        if cls is Range:
            properties["value"] = {"type": "number", "description": self.translate(N_(
                "exactly this many: short for min and max"))}
            schema["not"] = {"anyOf": [{"required": ["value", "min"]},
                                       {"required": ["value", "max"]}]}
            schema["description"] += " " + self.translate(N_(
                "`value: N` means exactly N; leaving out `max` means open-ended."))
        self.defs[name] = schema
        return _ref(name)

    def field(self, field: attrs.Attribute, patch: bool) -> dict[str, Any]:
        tp, optional = _optional(field.type)
        schema = self.type(tp, field, patch)
        nullable = optional or (patch and field.default is not attrs.NOTHING)
        if nullable:
            schema = {"anyOf": [schema, {"type": "null"}]}
        description = self.translate(meta(field, "doc") or "")  # fact("…"): see babel.cfg
        ref = meta(field, "ref")
        if ref:
            description = self.translate(N_(
                "{description} (the id of one of the model's {collection})")).format(
                description=description, collection=ref)
        if meta(field, "unit"):
            description = self.translate(N_("{description}; unit {unit} unless given")).format(
                description=description, unit=meta(field, "unit"))
        schema["description"] = description
        example = meta(field, "example")
        if example is not attrs.NOTHING and example is not None:
            schema["examples"] = [example]
        default = field.default
        empty = (isinstance(default, attrs.Factory)  # type: ignore[arg-type] # a class at run time
                 or default == ())
        if default is not attrs.NOTHING and not empty and default is not None:
            schema["default"] = default
        return schema

    def type(self, tp: Any, field: attrs.Attribute, patch: bool) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin is tuple:
            (item, *_rest) = typing.get_args(tp)
            if attrs.has(item):
                items = self.cls(item, patch, item=True)
                if patch and any(f.name == "id" for f in attrs.fields(item)):
                    items = {"anyOf": [items, self.removal()]}
                return {"type": "array", "items": items}
            return {"type": "array", "items": self.type(item, field, False)}
        if origin in (typing.Union, types.UnionType):
            if str in typing.get_args(tp) and meta(field, "choices"):   # a word or a number
                return {"anyOf": [{"enum": list(meta(field, "choices"))},
                                  *(_bounded({"type": _SCALARS[a]}, field)
                                    for a in typing.get_args(tp) if a is not str)]}
            names = [_SCALARS[a] for a in typing.get_args(tp)]
            return {"type": names}
        if origin is dict:
            return {"type": "object"}
        if tp is Text:
            return self.text(patch)
        if tp is Range:
            return self.range(field, patch)
        if attrs.has(tp):
            return self.cls(tp, patch)
        choices = meta(field, "choices")
        if tp is str and choices:
            return {"enum": list(choices)}
        return _bounded({"type": _SCALARS[tp]}, field)


def _bounded(schema: dict[str, Any], field: attrs.Attribute) -> dict[str, Any]:
    """A number's schema with the attribute's bounds (``fact(bounds=…)``), as validate has them."""
    bounds = meta(field, "bounds")
    if bounds is not None and schema["type"] in ("number", "integer"):
        schema["minimum"], schema["maximum"] = bounds
    return schema


def _kinds(registry: Registry) -> dict[tuple[type, str], list[str]]:
    """The names the installed plugins provide, as the enumerations of the keys that take them."""
    return {(Phase, "kind"): sorted(registry.phase_kinds),
            (Unit, "kind"): sorted(registry.unit_kinds),
            (MatchingRule, "criterion"): sorted(registry.criteria)}


def json_schema(registry: Registry | None = None, language: str | None = None) -> dict[str, Any]:
    """The JSON Schema of a model file, as plain data: with the kinds ``registry``'s plugins
    provide as enumerations, and its descriptions in ``language`` (``None``: English)."""
    from mentorcore.i18n import translator

    translate = translator(language) if language is not None else None
    _ = translate or (lambda text: text)
    builder = _Builder(_kinds(registry) if registry is not None else None, translate)
    builder.cls(Programme, patch=False)
    builder.cls(Programme, patch=True)
    builder.defs["ProgrammePatch"]["description"] = _(
        "An adaptation: a model that extends another and gives only what differs.")
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "x-mentorcore-version": SCHEMA_VERSION,
        "title": _("mentorcore programme model"),
        "description": _("A mentoring programme model for mentorcore (see docs/authoring.md). "
                         "A file with `extends` is an adaptation: everything but `id` is "
                         "inherited."),
        "type": "object",
        "if": {"required": ["extends"]},
        "then": _ref("ProgrammePatch"),
        "else": _ref("Programme"),
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_text(registry: Registry | None = None, language: str | None = None) -> str:
    """The schema as JSON text, stable from run to run (see :func:`json_schema`)."""
    return json.dumps(json_schema(registry, language), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")


__all__ = [
    "DIALECT", "LANGUAGE_KEY", "SCHEMA_ID", "SCHEMA_VERSION", "json_schema", "schema_text",
]

"""Structuring plain data into the frozen model classes, strictly: ``"two"`` is not a number,
``5`` is not a text, ``yes`` is not a boolean, a string is not a list, and a key the class does
not declare is an error with the closest known key suggested.

Structuring is done in two passes that read every type by one table (:data:`SCALARS`,
:data:`FORMS`, :func:`prepare`): the fast pass (:class:`FastStructurer`, here) builds a valid
model field by field and stops at the first thing wrong; the detailed pass
(:mod:`mentorcore.loading.detailed`, cattrs' converter) then structures that model again,
collecting and explaining every problem. Only a model with problems pays for cattrs (importing
it and generating its functions: ~25 ms at start-up).
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs

from mentorcore import checks
from mentorcore.diagnostics import Diagnostic
from mentorcore.i18n import _, alternatives
from mentorcore.model.fields import meta
from mentorcore.model.quantity import UNITS, Range
from mentorcore.model.text import NEUTRAL, Text
from mentorcore.spelling import did_you_mean

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")

MAX_YEARS = 10
"""Longest time a quantity may state (a phase's or a process's duration): 10 years."""
MAX_PER = {"meeting/month": 31, "meeting/week": 7, "event/month": 31}
"""Most meetings (events) a cadence may state per month or per week."""
MAX_COUNT = 1_000
"""Most meetings, sessions, events or hours a quantity may state."""
MAX_PEOPLE = 10_000
"""Most pairs, people, mentors, mentees or groups a quantity may state (a group's size)."""
MAX_COHORT = 200_000
"""Largest ``cohort_size`` assumption: units a simulation builds (also its ``--pairs``)."""
MAX_PROBLEMS = 1_000
"""Items with problems reported from structuring one model; past them the rest is not
examined."""


class FieldProblem(Exception):
    """A problem found by a structuring hook, at ``suffix`` below the value being structured."""

    def __init__(self, check: checks.Check, message: str, suffix: tuple = (), *,
                 hint: str | None = None, at_key: bool = False) -> None:
        super().__init__(message)
        self.check, self.message, self.suffix = check, message, suffix
        self.hint, self.at_key = hint, at_key


def describe(value: Any) -> str:
    """How a found value is named in a message: ``'two'``, ``number 5``, ``a list``, ``a map``."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, int | float):
        return _("number {value}").format(value=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a map")
    return type(value).__name__


def wrong(message: str, value: Any, hint: str | None = None, **fields: str) -> FieldProblem:
    """``message``, a translated ``"expected …, found {found}"``, about ``value``."""
    return FieldProblem(checks.WRONG_TYPE, message.format(found=describe(value), **fields),
                        hint=hint)


def _text_scalar(value: Any, _type: Any = None) -> str:
    if isinstance(value, str):
        return value
    hint = (_("put it in quotes: '{value}'").format(value=value)
            if isinstance(value, int | float | bool) else None)
    raise wrong(_("expected text, found {found}"), value, hint)


def _number(value: Any, _type: Any = None) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise wrong(_("expected a number, found {found}"), value)


def _integer(value: Any, _type: Any = None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise wrong(_("expected a whole number, found {found}"), value)


def _boolean(value: Any, _type: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    hint = _("write true or false") if isinstance(value, str) else None
    raise wrong(_("expected true or false, found {found}"), value, hint)


def _scalar(value: Any, _type: Any = None) -> Any:
    if isinstance(value, str | int | float | bool):
        return value
    raise wrong(_("expected a number, text or true/false, found {found}"), value)


def _word_or_number(value: Any, _type: Any = None) -> Any:
    """An event's ``at``: a word (``middle``) or a share (``0.25``)."""
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    raise wrong(_("expected a word or a number, found {found}"), value)


def _mapping(value: Any, _type: Any = None) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    raise wrong(_("expected a map, found {found}"), value)


def _colon_text(value: dict[str, Any]) -> str | None:
    """``- Tavoite: työ`` is a map of one key: the author wrote a text holding ``: ``."""
    if len(value) != 1:
        return None
    ((key, text),) = value.items()
    if _LANGUAGE.match(key) or not isinstance(text, str | int | float):
        return None
    from mentorcore.loading.syntax import quoted

    return _("a text holding a colon and a space needs quotes: {fixed}").format(
        fixed=f"`{quoted(f'{key}: {text}')}`")


def dashless(value: Any) -> str | None:
    """``-id: mentoring`` reads as a key ``-id``: a list item needs a space after its dash."""
    if isinstance(value, dict) and any(isinstance(k, str) and k.startswith("-") for k in value):
        key = next(k for k in value if isinstance(k, str) and k.startswith("-"))
        return _("a list item starts with a dash and a space: write {fixed}").format(
            fixed=f"`- {key[1:]}: …`")
    return None


def _text(value: Any, _type: Any = None) -> Text:
    if isinstance(value, str):
        return Text.of(value)
    if isinstance(value, dict) and not value:
        raise FieldProblem(checks.WRONG_TYPE, _("expected a text in at least one language, "
                                                "found an empty map"),
                           hint=_("e.g. {example}").format(example="{fi: …, sv: …, en: …}"))
    if isinstance(value, dict) and value:
        problems = []
        for language, text in value.items():
            if language != NEUTRAL and not _LANGUAGE.match(language):
                problems.append(FieldProblem(
                    checks.INVALID_VALUE,
                    _("'{language}' is not a language code").format(language=language),
                    (language,), hint=_colon_text(value) or _("use codes such as {codes}").format(
                        codes="fi, sv, en"),
                    at_key=True))
            elif not isinstance(text, str):
                problems.append(FieldProblem(checks.WRONG_TYPE, _(
                    "expected text, found {found}").format(found=describe(text)), (language,)))
        if problems:
            from cattrs.errors import ClassValidationError

            raise ClassValidationError("While structuring Text", problems, Text)
        return Text(value)
    raise wrong(_("expected text, or a map of language code to text, found {found}"), value)


SCALARS: dict[type, Callable[[Any, Any], Any]] = {
    str: _text_scalar, float: _number, int: _integer, bool: _boolean, Text: _text}
"""How a field of each class is read, in both passes (a value of the wrong kind raises)."""
FORMS: dict[Any, Callable[[Any, Any], Any]] = {
    float | str | bool: _scalar, str | float: _word_or_number,
    str | float | None: _word_or_number, dict[str, Any]: _mapping}
"""How a field of each of these unions and generic types is read, in both passes."""


def form(cls: Any) -> Callable[[Any, Any], Any] | None:
    """The hook of :data:`FORMS` that reads ``cls``, if any."""
    try:
        return FORMS.get(cls)
    except TypeError:  # an unhashable annotation
        return None


class FastStructurer:
    """The fast pass: a valid model built field by field, each field by its type — no code
    generated, no cattrs imported. It raises on the first thing it cannot build (an unknown
    or missing key, a value of the wrong kind, a problem :func:`prepare` finds) and never
    builds what the detailed pass would refuse: that model goes to the detailed pass, which
    explains every problem (a property test holds the two passes to one result)."""

    def __init__(self) -> None:
        self._readers: dict[Any, Callable[[Any], Any]] = {}

    def structure(self, data: Any, cls: type) -> Any:
        return self._reader(cls)(data)

    def _reader(self, cls: Any) -> Callable[[Any], Any]:
        reader = self._readers.get(cls)
        if reader is None:
            reader = self._readers[cls] = self._make(cls)
        return reader

    def _make(self, cls: Any) -> Callable[[Any], Any]:
        hook = SCALARS.get(cls) if isinstance(cls, type) else None
        if hook is None:
            hook = form(cls)
        if hook is not None:
            found = hook
            return lambda value: found(value, cls)
        if attrs.has(cls):
            return self._record(cls)
        arguments = typing.get_args(cls)
        if typing.get_origin(cls) is tuple and len(arguments) == 2 and arguments[1] is ...:
            return self._tuple(arguments[0])
        others = [argument for argument in arguments if argument is not type(None)]
        if len(others) == 1 and len(arguments) == 2:  # `X | None`
            inner = self._reader(others[0])
            return lambda value: None if value is None else inner(value)
        raise TypeError(f"no reader for {cls!r}")  # a model class's field of a new type

    def _tuple(self, item_type: Any) -> Callable[[Any], tuple]:
        def read(value: Any) -> tuple:
            if not isinstance(value, list):
                raise wrong(_("expected a list, found {found}"), value)
            item = self._reader(item_type)
            return tuple(item(each) for each in value)

        return read

    def _record(self, cls: type) -> Callable[[Any], Any]:
        fields = attrs.fields(cls)
        if any(isinstance(field.type, str) for field in fields):  # not the model's own classes
            fields = attrs.fields(attrs.resolve_types(cls))
        names = frozenset(field.name for field in fields)
        readers: list[tuple[str, Callable[[Any], Any]]] = []

        def read(value: Any) -> Any:
            if not isinstance(value, dict):
                raise FieldProblem(checks.WRONG_TYPE, "not a map")
            value, problems = prepare(cls, fields, value)
            if problems:
                raise problems[0]
            if not names.issuperset(value):
                raise FieldProblem(checks.UNKNOWN_KEY, "unknown keys")
            if not readers:  # at the first use: a class may hold itself
                readers[:] = [(field.name, self._reader(field.type)) for field in fields]
            return cls(**{name: reader(value[name]) for name, reader in readers
                          if name in value})

        return read


@functools.cache
def fast_structurer() -> FastStructurer:
    """The fast pass (its readers are kept for the process)."""
    return FastStructurer()


def prepare(cls: type, fields: Any, value: dict[str, Any]) -> tuple[dict[str, Any], list]:
    """Fill units from context, expand shorthands and check words and units before structuring."""
    value = dict(value)
    problems: list[FieldProblem] = []
    if cls is Range:
        if "value" in value:
            exact = value.pop("value")
            if "min" in value or "max" in value:
                problems.append(FieldProblem(checks.INVALID_VALUE,
                                             _("give either value or min/max, not both"),
                                             ("value",)))
            value["min"] = value["max"] = exact
        unit = value.get("unit")
        if isinstance(unit, str) and unit not in UNITS:
            from mentorcore.synonyms import suggest  # only to explain a unit not known

            problems.append(FieldProblem(checks.INVALID_VALUE,
                                         _("unknown unit '{unit}'").format(unit=unit),
                                         ("unit",), hint=suggest(unit, UNITS, "units")
                                         or _("units: {units}").format(
                                             units=", ".join(sorted(UNITS)))))
            value.pop("unit")
            value.setdefault("unit", "")
        problems.extend(_out_of_bounds(value))
        return value, problems
    if cls.__name__ == "Assumption":
        problems.extend(_assumption_bounds(value))
    if "id" in value and isinstance(value["id"], str):
        problem = _bad_id(value["id"])
        if problem is not None:
            problems.append(problem)
            value["id"] = _visible(value["id"])
    for field, choices, ranged in _checked_fields(cls, fields):
        raw = value.get(field.name)
        if raw is None:  # absent, or null: nothing to check or expand
            continue
        if choices and isinstance(raw, str) and raw not in choices:
            problems.append(FieldProblem(
                checks.INVALID_VALUE, _("'{value}' is not one of: {choices}").format(
                    value=raw, choices=", ".join(choices)),
                (field.name,), hint=did_you_mean(raw, choices)))
            value.pop(field.name)
            if field.default is attrs.NOTHING:
                value[field.name] = choices[0]
        elif choices and isinstance(raw, list):   # a list of words (a cadence's modes)
            wrong = [i for i, word in enumerate(raw) if isinstance(word, str)
                     and word not in choices]
            for index in wrong:
                problems.append(FieldProblem(
                    checks.INVALID_VALUE, _("'{value}' is not one of: {choices}").format(
                        value=raw[index], choices=", ".join(choices)),
                    (field.name, index), hint=did_you_mean(raw[index], choices)))
            if wrong:
                value[field.name] = [w for i, w in enumerate(raw) if i not in wrong]
        if not ranged:
            continue
        default_unit, allowed = meta(field, "unit"), meta(field, "units")
        if isinstance(raw, str):
            problems.append(range_text_problem(field.name, raw, default_unit, allowed))
            value.pop(field.name)
            continue
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if default_unit is None:
                problems.append(FieldProblem(
                    checks.WRONG_TYPE, _("expected a range with a unit, found {found}").format(
                        found=describe(raw)), (field.name,), hint=_("e.g. {example}").format(
                            example=f"{{value: {raw}, unit: {_example_unit(allowed)}}}")))
                value.pop(field.name)
                continue
            value[field.name] = {"min": raw, "max": raw, "unit": default_unit}
        elif isinstance(raw, dict):
            raw = dict(raw)
            if "unit" not in raw and default_unit is not None:
                raw["unit"] = default_unit
            unit = raw.get("unit")
            if allowed and isinstance(unit, str) and unit in UNITS and unit not in allowed:
                problems.append(FieldProblem(
                    checks.INVALID_VALUE, _("unit '{unit}' does not fit here").format(unit=unit),
                    (field.name, "unit"), hint=_("use {units}").format(
                        units=alternatives(sorted(allowed)))))
            value[field.name] = raw
    return value, problems


_CHECKED: dict[type, tuple[tuple[attrs.Attribute, Any, bool], ...]] = {}


def _checked_fields(cls: type, fields: Any) -> tuple[tuple[attrs.Attribute, Any, bool], ...]:
    """The fields of ``cls`` that :func:`prepare` checks or expands — those with ``choices``
    and the ranges — each with its choices and whether it is a range (kept per class)."""
    found = _CHECKED.get(cls)
    if found is None:
        every = ((field, meta(field, "choices"), _is_range_field(field)) for field in fields)
        found = _CHECKED[cls] = tuple(entry for entry in every if entry[1] or entry[2])
    return found


def bound(unit: str) -> tuple[float, str] | None:
    """The largest number a quantity in ``unit`` may state, and how the docs say it."""
    from mentorcore.model.quantity import DAYS_PER

    if unit in DAYS_PER:
        return MAX_YEARS * 365.25 / DAYS_PER[unit], _("{years} years").format(years=MAX_YEARS)
    if unit in MAX_PER:
        return MAX_PER[unit], str(MAX_PER[unit])
    if unit in ("meeting", "session", "event", "hour"):
        return MAX_COUNT, f"{MAX_COUNT:,}"
    if unit in ("pair", "person", "mentee", "mentor", "group"):
        return MAX_PEOPLE, f"{MAX_PEOPLE:,}"
    return None


def _out_of_bounds(value: dict[str, Any]) -> list[FieldProblem]:
    """A quantity past its bound (10 years, 1,000 meetings…): an error, so that no engine is
    asked to plan, simulate or print millions of meetings."""
    unit = value.get("unit")
    limit = bound(unit) if isinstance(unit, str) else None
    if limit is None:
        return []
    most, said = limit
    problems = []
    exact = value.get("min") == value.get("max")  # `value: N`: one number, one problem
    for key in ("max",) if exact else ("min", "max"):
        number = value.get(key)
        if isinstance(number, int | float) and not isinstance(number, bool) and (
                number > most or number != number):
            problems.append(FieldProblem(
                checks.INVALID_VALUE, _("{number} {unit} is more than a model may state (at "
                                        "most {bound})").format(number=f"{number:,.15g}",
                                                                 unit=unit, bound=said),
                (key,), hint=_("see 'Bounds' in docs/authoring.md")))
            value[key] = most
    return problems


def _assumption_bounds(value: dict[str, Any]) -> list[FieldProblem]:
    number = value.get("value")
    if value.get("id") == "cohort_size" and isinstance(number, int | float) \
            and not isinstance(number, bool) and not number <= MAX_COHORT:
        return [FieldProblem(
            checks.INVALID_VALUE, _("a cohort of {number} units is more than a simulation "
                                    "builds (at most {bound})").format(
                number=f"{number:,.15g}", bound=f"{MAX_COHORT:,}"),
            ("value",), hint=_("see 'Bounds' in docs/authoring.md"))]
    return []


def _bad_id(identifier: str) -> FieldProblem | None:
    """An id holding a character no one can see (zero-width, soft hyphen, a direction mark or
    a control character) would differ from the id as written elsewhere: an error."""
    if identifier.isascii() and identifier.isprintable():  # no ASCII letter is invisible
        return None
    import unicodedata

    for position, character in enumerate(identifier, start=1):
        if unicodedata.category(character) in ("Cf", "Cc", "Zl", "Zp"):
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            return FieldProblem(
                checks.INVALID_VALUE, _("the id holds an invisible character ({name}) at "
                                        "position {position}").format(
                    name=f"U+{ord(character):04X} {name}" if name[:2] != "U+" else name,
                    position=position), ("id",), hint=_("retype the id"))
    return None


def _visible(identifier: str) -> str:
    import unicodedata

    return "".join(c for c in identifier
                   if unicodedata.category(c) not in ("Cf", "Cc", "Zl", "Zp"))


def _example_unit(allowed: frozenset[str] | None) -> str:
    if not allowed or "month" in allowed:
        return "month"
    return sorted(allowed)[0]


def range_text_problem(key: str, raw: str, default_unit: str | None,
                       allowed: frozenset[str] | None) -> FieldProblem:
    """A text where a range is wanted (``duration: 6 kuukautta``, ``per_month: 1-2``): the form
    to write, filled with the author's numbers and unit where they can be read."""
    from mentorcore.loading.shapes import example_form, flow, range_form

    form = range_form(raw, default_unit, allowed)
    if form is not None:
        exact = set(form) == {"value"} and default_unit is not None
        hint = _("write {fixed}").format(
            fixed=f"`{key}: {form['value'] if exact else flow(form)}`")
    else:
        hint = _("write it like {example}").format(
            example=f"`{key}: {flow(example_form(default_unit, allowed))}`")
    if default_unit is not None:  # a bare number is allowed here
        message = _("expected a number or a range, found {found}")
    else:
        message = _("expected a range with a unit, found {found}")
    return FieldProblem(checks.WRONG_TYPE, message.format(found=describe(raw)), (key,),
                        hint=hint)


def _is_range_field(field: attrs.Attribute) -> bool:
    return field.type == Range or field.type == _OPTIONAL_RANGE


_OPTIONAL_RANGE = Range | None


Located = tuple[Diagnostic, bool]
"""A diagnostic and whether it should point at the key (unknown keys) rather than the value."""

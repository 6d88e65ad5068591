"""The programme: a whole mentoring model."""

import functools
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

import attrs
from attrs import AttrsInstance

from mentorcore.model.calendar import CalendarSettings
from mentorcore.model.conduct import ConductRule, Support
from mentorcore.model.event import Event
from mentorcore.model.fields import fact
from mentorcore.model.form import Form
from mentorcore.model.guide import Chapter, Contacts, Letter
from mentorcore.model.matching import Matching
from mentorcore.model.participant import ParticipantData
from mentorcore.model.phase import Phase
from mentorcore.model.quantity import TIME_UNITS, Range
from mentorcore.model.report import Report
from mentorcore.model.role import Role
from mentorcore.model.source import Assumption, Resource, Source
from mentorcore.model.text import Text
from mentorcore.model.unit import Unit
from mentorcore.records import record


@record(kw_only=True)
class TargetGroup:
    """Who the programme is for."""

    description: Text = fact("the target group as the document states it")
    gender: str | None = fact("gender, when the programme is for one", default=None,
                              example="female")
    age: Range | None = fact("age range", default=None, unit="year_of_age",
                             units=frozenset({"year_of_age"}), example={"min": 15, "max": 20})
    traits: tuple[str, ...] = fact("defining traits as short words", factory=tuple,
                                   example=["immigrant", "highly-educated"])
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Programme:
    """A mentoring programme model. Collections of items are merged by ``id`` under ``extends``."""

    id: str = fact("short ASCII id, e.g. womento", example="womento")
    name: Text = fact("display name, per language",
                      example={"fi": "Womento-työuramentorointi", "en": "Womento"})
    organisation: Text = fact("who runs it", example="Väestöliitto")
    summary: Text | None = fact("one-line summary for catalogues", default=None)
    extends: str | None = fact("parent model: a bundled id or a relative path", default=None,
                               example="womento")
    requires: tuple[str, ...] = fact("plugins the model needs, as a distribution (or plugin) "
                                     "name and an optional version range; `validate` says "
                                     "what is missing and how to install it",
                                     factory=tuple, example=["mentorcore-camp>=0.1"])
    languages: tuple[str, ...] = fact("languages the mentoring is done in (ISO 639-1)",
                                      factory=tuple, example=["fi", "sv"])
    region: Text | None = fact("where it runs", default=None, example="Vaasan seutu")
    voluntary: bool | None = fact("true when mentors are volunteers", default=None)
    aims: tuple[Text, ...] = fact("what the programme aims at", factory=tuple)
    target_group: TargetGroup | None = fact("who the programme is for", default=None)
    source: str | None = fact("source id of the programme-level facts", default=None,
                              ref="sources")
    sources: tuple[Source, ...] = fact("documents the facts come from", factory=tuple)
    roles: tuple[Role, ...] = fact("participant roles", factory=tuple)
    units: tuple[Unit, ...] = fact("pairs and groups", factory=tuple)
    phases: tuple[Phase, ...] = fact("stages, in order", factory=tuple)
    duration: Range | None = fact("how long the whole process lasts, from the first phase to "
                                  "the last, when the document gives the whole (the phase in "
                                  "which units meet takes what the others leave)", default=None,
                                  units=TIME_UNITS,
                                  example={"value": 6, "unit": "month"})
    events: tuple[Event, ...] = fact("programme-wide happenings", factory=tuple)
    forms: tuple[Form, ...] = fact("forms filled in", factory=tuple)
    reports: tuple[Report, ...] = fact("who reports what to whom", factory=tuple)
    rules: tuple[ConductRule, ...] = fact("rules participants commit to", factory=tuple)
    support: tuple[Support, ...] = fact("support offered", factory=tuple)
    matching: Matching | None = fact("how units are formed", default=None)
    participant_data: ParticipantData | None = fact("fields recorded about participants",
                                                    default=None)
    resources: tuple[Resource, ...] = fact("materials the programme points to", factory=tuple)
    assumptions: tuple[Assumption, ...] = fact("values the documents do not give", factory=tuple)
    welcome: Letter | None = fact("the guide's welcome letter", default=None)
    chapters: tuple[Chapter, ...] = fact("chapters of prose in the guide (background, advice)",
                                         factory=tuple)
    contacts: Contacts | None = fact("the organisation's published work contacts",
                                     default=None)
    calendar: CalendarSettings | None = fact("the days units meet on, public holidays and "
                                             "breaks (defaults: the Finnish working week, "
                                             "Christmas and July off)", default=None)

    def ids(self, collection: str) -> list[str]:
        """The ids of one collection (``roles``, ``phases``…), in order."""
        return [item.id for item in getattr(self, collection)]

    def get(self, collection: str, item_id: str) -> object | None:
        return next((i for i in getattr(self, collection) if i.id == item_id), None)

    def name_of(self, collection: str, item_id: str, language: str | None = None, *,
                words: bool = False) -> str:
        """The item ``item_id`` of ``collection`` (a role, phase, event…) as people read it:
        :func:`name_in`; its id when the model has no such item."""
        item = self.get(collection, item_id)
        if item is None:
            return id_words(item_id) if words else item_id
        return name_in(item, language, words=words)

    def assumption(self, name: str, default: object = None) -> object:
        """The value of an assumption, or ``default`` when the model makes none."""
        found = self.get("assumptions", name)
        return default if found is None else found.value  # type: ignore[attr-defined]

    def title(self, language: str | None = None) -> str:
        return self.name.get(language)


def name_in(item: Any, language: str | None = None, *, words: bool = False) -> str:
    """A role, phase, unit, event or alternative as the outputs people read name it: its name
    in ``language`` (the model's fallback language when it has none in it), else its id —
    written as words with ``words`` (documents: :func:`id_words`)."""
    name = getattr(item, "name", None)
    if name is not None:
        return str(name.get(language))
    item_id = str(item.id)
    return id_words(item_id) if words else item_id


def id_words(item_id: str) -> str:
    """An id as documents write an item that has no name: ``mentor-training`` → ``mentor
    training``."""
    return item_id.replace("_", " ").replace("-", " ")


COLLECTIONS = ("sources", "roles", "units", "phases", "events", "forms", "reports", "rules",
               "support", "resources", "assumptions", "chapters")
"""Programme attributes that are lists of items with ids (merged by id under ``extends``)."""


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The names of the fields of ``cls`` (an attrs class), in order (kept per class)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


T = TypeVar("T")
Path = tuple[str | int, ...]
"""A path inside a programme: keys and list indexes, e.g. ``("phases", 1, "cadence")``."""


_LEAVES = frozenset({str, int, float, bool, dict, type(None)})
"""Types of values a walk never looks into (a walk descends into attrs objects and tuples)."""


def _walk(value: Any, path: Path, found: list[tuple[Path, AttrsInstance]]) -> None:
    kind = type(value)
    if kind is tuple:
        for index, item in enumerate(value):
            if type(item) not in _LEAVES:
                _walk(item, (*path, index), found)
        return
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not attrs.has(kind):
            return
        names = field_names(kind)
    found.append((path, value))
    for name in names:
        child = getattr(value, name)
        child_kind = type(child)
        if child_kind is tuple:
            if child:
                _walk(child, (*path, name), found)
        elif child_kind not in _LEAVES:
            _walk(child, (*path, name), found)


class LastResult(Generic[T]):
    """What was worked out for the last programme asked about, remembered by identity:
    checks ask the same questions of one programme many times (its walk, its texts, its
    lists of items with ids)."""

    __slots__ = ("_found", "_of")

    def __init__(self) -> None:
        self._of: object = _NOTHING
        self._found: list[T] = []

    def get(self, value: object, work: Callable[[Any], list[T]]) -> Iterator[T]:
        """``work(value)``, worked out again only for another ``value`` than last time."""
        if self._of is not value:
            self._found, self._of = work(value), value
        return iter(self._found)


_NOTHING = object()
_WALKS: LastResult[tuple[Path, AttrsInstance]] = LastResult()
_TEXTS: LastResult[tuple[Path, Text]] = LastResult()


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` whose type admits a :class:`Text` (or a tuple of texts), in order
    (kept per class)."""
    return tuple(field.name for field in attrs.fields(cls) if _may_hold_text(field.type))


_NO_TEXT = (str, int, float, bool, type(None))


@functools.cache
def tuple_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` (an attrs class) whose type admits a tuple — the model's lists —
    in order (kept per class); a field typed ``Any``, or not resolved, might hold one."""
    return tuple(field.name for field in attrs.fields(cls) if _may_hold_tuple(field.type))


def _may_hold_tuple(annotation: Any) -> bool:
    if annotation is Any or annotation is object:
        return True
    origin = typing.get_origin(annotation)
    if origin is tuple or annotation is tuple:
        return True
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return any(_may_hold_tuple(argument) for argument in typing.get_args(annotation))
    if isinstance(annotation, type):
        return issubclass(annotation, tuple)
    return origin is None  # Any, a type variable, a text not resolved: perhaps


def _may_hold_text(annotation: Any) -> bool:
    """Whether a field of this type can hold a :class:`Text` itself or in a tuple (what
    :func:`texts` looks at): not plain values, other model classes nor maps and lists; a field
    typed ``Any`` might."""
    if annotation in _NO_TEXT or (isinstance(annotation, type) and attrs.has(annotation)
                                  and annotation is not Text):
        return False
    origin = typing.get_origin(annotation)
    if origin is tuple or origin is typing.Union or isinstance(annotation, types.UnionType):
        return any(_may_hold_text(argument) for argument in typing.get_args(annotation)
                   if argument is not Ellipsis)
    return origin is None


def _texts(value: object) -> list[tuple[Path, Text]]:
    found: list[tuple[Path, Text]] = []
    for path, obj in walk(value):
        for name in _text_fields(type(obj)):
            child = getattr(obj, name)
            if isinstance(child, Text):
                found.append(((*path, name), child))
            elif isinstance(child, tuple):
                found.extend(((*path, name, index), item) for index, item in enumerate(child)
                             if isinstance(item, Text))
    return found


def texts(value: object) -> Iterator[tuple[Path, Text]]:
    """Every text inside ``value`` (a programme) with its path:
    ``(("phases", 1, "name"), Text(...))``. The last programme's texts are remembered."""
    return _TEXTS.get(value, _texts)


def _walked(value: object, path: Path = ()) -> list[tuple[Path, AttrsInstance]]:
    found: list[tuple[Path, AttrsInstance]] = []
    _walk(value, path, found)
    return found


def walk(value: object, path: Path = ()) -> Iterator[tuple[Path, AttrsInstance]]:
    """Every attrs object inside ``value`` with its path, depth first (``value`` itself first).

    Checks walk the same programme many times; the last walk is remembered.
    """
    return iter(_walked(value, path)) if path else _WALKS.get(value, _walked)

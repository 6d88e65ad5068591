"""The detailed pass of structuring: cattrs' converter, strict, collecting every problem of a
model, and the translation of its nested validation errors into diagnostics with paths.

A valid model never comes here: :func:`mentorcore.loading.loader.structure_programme` builds
it on the fast path, which imports no cattrs; only a model the fast path refuses is structured
again by this module, which finds and explains everything wrong with it.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs
from cattrs import Converter
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from mentorcore import checks
from mentorcore.i18n import _
from mentorcore.loading.structure import (
    FORMS,
    MAX_PROBLEMS,
    SCALARS,
    FieldProblem,
    Located,
    dashless,
    form,
    prepare,
    wrong,
)
from mentorcore.synonyms import suggest

__all__ = ["Structurer", "structurer", "translate"]


class Structurer:
    """The strict cattrs converter of the model format: every problem of a model found and
    explained, each at its path."""

    def __init__(self) -> None:
        self.failed = 0
        """Items that failed in this structuring (to stop at :data:`MAX_PROBLEMS`)."""
        converter = Converter(forbid_extra_keys=True, detailed_validation=True)
        for cls, hook in SCALARS.items():
            converter.register_structure_hook(cls, hook)
        converter.register_structure_hook_func(
            lambda t: form(t) is not None, lambda value, t: FORMS[t](value, t))
        converter.register_structure_hook_func(
            lambda t: typing.get_origin(t) is tuple, self._tuple)
        converter.register_structure_hook_factory(attrs.has, self._class_hook)
        self.converter = converter

    def structure(self, data: Any, cls: type) -> Any:
        self.failed = 0
        return self.converter.structure(data, cls)

    def _tuple(self, value: Any, cls: Any) -> tuple:
        (item_type, *_rest) = typing.get_args(cls)
        if not isinstance(value, list):
            hint = (_("write it as a list: {example}").format(example=f"[{value}]")
                    if isinstance(value, str) else dashless(value))
            raise wrong(_("expected a list, found {found}"), value, hint)
        items: list[Any] = []
        problems: list[Exception] = []
        for index, item in enumerate(value):
            if self.failed > MAX_PROBLEMS:  # enough to work on: the rest is not examined
                limit = FieldProblem(checks.LIMIT, _(
                    "more than {limit} items with problems; the items from here on are not "
                    "checked").format(limit=f"{MAX_PROBLEMS:,}"),
                    hint=_("fix the problems above and validate again"))
                limit.__notes__ = [IterableValidationNote(
                    f"Structuring {cls} @ index {index}", index, item_type)]
                problems.append(limit)
                break
            try:
                items.append(self.converter.structure(item, item_type))
            except Exception as error:  # noqa: BLE001 - collected as a diagnostic
                self.failed += 1
                error.__notes__ = [*getattr(error, "__notes__", []), IterableValidationNote(
                    f"Structuring {cls} @ index {index}", index, item_type)]
                problems.append(error)
        if problems:
            raise IterableValidationError(f"While structuring {cls}", problems, cls)
        return tuple(items)

    def _class_hook(self, cls: type) -> Any:
        fields = attrs.fields(attrs.resolve_types(cls))
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, self.converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, dict):
                keys = ", ".join(f.name for f in fields[:3])
                raise wrong(_("expected a map (with keys such as {keys}), found {found}"),
                             value, _class_hint(cls, value), keys=keys)
            value, problems = prepare(cls, fields, value)
            try:
                result = generated(value, cls)
            except ClassValidationError as error:
                raise ClassValidationError(error.message, [*error.exceptions, *problems],
                                           cls) from None
            if problems:
                raise ClassValidationError(f"While structuring {cls.__name__}", problems, cls)
            return result

        return structure


def _class_hint(cls: type, value: Any) -> str | None:
    """The right form of a map written as a text, where it can be read."""
    from mentorcore.loading.shapes import cadence_form, flow

    if cls.__name__ == "Cadence":
        form = cadence_form(value)
        if form is not None:
            return _("write {fixed}").format(fixed=f"`cadence: {flow(form)}`")
    return None


@functools.cache
def structurer() -> Structurer:
    """The converter (its generated functions are kept for the process)."""
    return Structurer()


# -- errors ---------------------------------------------------------------------------------


def _class_fields(cls: Any) -> list[str]:
    return [f.name for f in attrs.fields(cls)] if attrs.has(cls) else []


def translate(error: BaseException, path: tuple = ()) -> list[Located]:
    """Flatten cattrs' nested validation errors into diagnostics with full paths."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        noted, bare = error.group_exceptions()
        found: list[Located] = []
        for sub, note in noted:
            step = note.index if isinstance(note, IterableValidationNote) else note.name
            found.extend(translate(sub, (*path, step)))
        for sub in bare:
            if isinstance(sub, ForbiddenExtraKeysError):
                known = _class_fields(sub.cl)
                for key in sorted(sub.extra_fields):
                    found.append((checks.UNKNOWN_KEY.error(
                        _("unknown key '{key}'").format(key=key), (*path, key),
                        hint=_spaced(key) or suggest(key, known, "keys")
                        or _known_keys(known)), True))
            else:
                found.extend(translate(sub, path))
        return found
    if isinstance(error, FieldProblem):
        return [(error.check.error(error.message, (*path, *error.suffix), error.hint),
                 error.at_key)]
    if isinstance(error, KeyError):
        return [(checks.MISSING_KEY.error(
            _("missing required key '{key}'").format(key=path[-1]), path), False)]
    message = str(error) or type(error).__name__
    return [(checks.WRONG_TYPE.error(message, path), False)]


def _spaced(key: str) -> str | None:
    """``{min:1, max:2}`` reads ``min:1`` as one key: the colon needs a space after it."""
    name, colon, value = key.partition(":")
    if colon and name and value and not value.startswith(" "):
        return _("put a space after the colon: {fixed}").format(fixed=f"`{name}: {value}`")
    return None


def _known_keys(known: list[str]) -> str | None:
    return _("known keys: {keys}").format(keys=", ".join(known)) if known else None

"""``@record``: the frozen attrs classes of mentorcore, started up cheaply.

``attrs.frozen`` writes the source of ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` for
every class and compiles it while the class is created. ``validate`` creates about 85 such
classes before it reads a model, and compiling their methods was the largest single cost of its
start (~30 ms of ~200). ``record`` is ``attrs.frozen`` with the same options, except that only
``__init__`` is generated: ``__repr__``, ``__eq__`` and ``__hash__`` are shared functions that read
the class's fields, with the meaning attrs gives them — the same text, fields compared in order
and only those with ``eq=True``, hashed with those with ``hash`` (or ``eq``) true, a class's own
method kept. Unless a class asks for ``slots=True``, a record keeps its fields in the
instance's dictionary rather than in slots: attrs builds a slotted class twice (the class, then
a copy with ``__slots__``), ~30 µs more for each class created at start, while frozen is frozen
either way (no field can be set, no attribute added). To mypy (and to readers of the attrs
documentation) ``record`` *is* ``attrs.frozen``.

>>> import attrs
>>> @record(kw_only=True)
... class Pair:
...     mentor: str
...     mentee: str
...     note: str = attrs.field(default="", eq=False, repr=False)
>>> Pair(mentor="m1", mentee="e1", note="x")
Pair(mentor='m1', mentee='e1')
>>> Pair(mentor="m1", mentee="e1") == Pair(mentor="m1", mentee="e1", note="other")
True
>>> len({Pair(mentor="m1", mentee="e1"), Pair(mentor="m1", mentee="e1", note="y")})
1
"""

from __future__ import annotations

import operator
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

__all__ = ["record"]

if TYPE_CHECKING:  # the attrs mypy plugin knows attrs.frozen by name
    from attrs import frozen as record
else:
    def record(maybe_cls: type | None = None, /, **options: Any) -> Any:
        """``attrs.frozen(**options)``, with the shared ``__repr__``, ``__eq__`` and
        ``__hash__`` (see the module)."""
        def wrap(cls: type) -> type:
            own = {name for name in ("__repr__", "__eq__", "__hash__") if name in cls.__dict__}
            wants_repr = options.get("repr", True) is not False
            wants_eq = options.get("eq", True) is not False
            built = attrs.frozen(cls, **{"slots": False, **options, "repr": False, "eq": False})
            if wants_repr and "__repr__" not in own:
                built.__repr__ = _repr
            if wants_eq and "__eq__" not in own:
                built.__eq__ = _eq
                built.__ne__ = _ne
                if "__hash__" not in own and options.get("hash", options.get("unsafe_hash"))\
                        is not False:
                    built.__hash__ = _hash  # frozen and compared by value: hashable by value
            return built

        return wrap if maybe_cls is None else wrap(maybe_cls)


class _Plan:
    """What the shared methods need of one class, worked out at its first use."""

    __slots__ = ("compared", "hashed", "shown")

    def __init__(self, cls: type) -> None:
        fields = attrs.fields(cls)
        self.compared = _getter([f.name for f in fields if f.eq])
        self.hashed = _getter([f.name for f in fields
                               if (f.eq if f.hash is None else f.hash)])
        self.shown: tuple[tuple[str, Callable[[Any], str], bool], ...] = tuple(
            (f.name, repr if f.repr is True else f.repr, f.init)
            for f in fields if f.repr is not False)


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda _self: ()
    if len(names) == 1:
        (name,) = names
        return lambda self: (getattr(self, name),)
    return operator.attrgetter(*names)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


@reprlib.recursive_repr("...")
def _repr(self: Any) -> str:
    cls = self.__class__
    parts = []
    for name, show, initialised in _plan(cls).shown:
        value = getattr(self, name) if initialised else getattr(self, name, attrs.NOTHING)
        parts.append(f"{name}={show(value)}")
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _plan(self.__class__).compared
    return compared(self) == compared(other)


def _ne(self: Any, other: Any) -> Any:
    result = _eq(self, other)
    return result if result is NotImplemented else not result


def _hash(self: Any) -> int:
    cls = self.__class__
    return hash((cls, *_plan(cls).hashed(self)))

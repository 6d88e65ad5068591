"""``@record`` means what ``@attrs.frozen`` means: the same text, equality and hash, with the
shared methods in place of generated ones (start-up time, mentorcore.records)."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcore.records import record


def _twins(**options: Any) -> tuple[type, type]:
    """The same class made by attrs.frozen and by record."""
    made = []
    for decorate in (attrs.frozen, record):
        namespace = {
            "__annotations__": {"a": "int", "b": "str", "hidden": "str", "shown": "tuple"},
            "a": attrs.field(),
            "b": attrs.field(default="x"),
            "hidden": attrs.field(default="", eq=False, repr=False),
            "shown": attrs.field(factory=tuple, repr=lambda value: f"<{len(value)} items>"),
        }
        made.append(decorate(type("Thing", (), namespace), **options))
    return made[0], made[1]


@given(a=st.integers(), b=st.text(max_size=5), hidden=st.text(max_size=3),
       other_a=st.integers(-2, 2), other_hidden=st.text(max_size=3))
def test_record_compares_hashes_and_shows_as_attrs_frozen(a: int, b: str, hidden: str,
                                                          other_a: int,
                                                          other_hidden: str) -> None:
    by_attrs, by_record = _twins()
    left = (by_attrs(a, b, hidden, (1,)), by_record(a, b, hidden, (1,)))
    right = (by_attrs(other_a, b, other_hidden, (1,)), by_record(other_a, b, other_hidden, (1,)))
    assert repr(left[1]) == repr(left[0])
    assert (left[1] == right[1]) == (left[0] == right[0])
    assert (left[1] != right[1]) == (left[0] != right[0])
    if left[1] == right[1]:  # equal by value: one hash, whatever the field left out of it
        assert hash(left[1]) == hash(right[1])


@record(kw_only=True)
class Named:
    a: int
    b: str = "x"


def test_keyword_only_and_evolve_and_pickle_work_as_with_attrs() -> None:
    with pytest.raises(TypeError):
        Named(1)  # type: ignore[call-arg]
    thing = Named(a=1, b="y")
    assert attrs.evolve(thing, a=2) == Named(a=2, b="y")
    assert repr(thing) == "Named(a=1, b='y')"
    assert pickle.loads(pickle.dumps(thing)) == thing
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        thing.a = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        thing.other = 3  # type: ignore[attr-defined]


def test_a_different_class_with_the_same_fields_is_not_equal() -> None:
    first, second = _twins()[1], _twins()[1]
    assert first(1) != second(1)
    assert (first(1) == 1) is False


def test_a_class_keeps_its_own_repr_and_eq() -> None:
    @record
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    assert repr(Own(1)) == "own"
    assert Own(1) == Own(2)


def test_a_record_inside_itself_is_shown_without_recursing() -> None:
    @record
    class Box:
        items: list

    box = Box([])
    box.items.append(box)
    assert repr(box) == "Box(items=[...])"

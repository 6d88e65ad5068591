"""Every text of a programme is found where checks and the handbook look for texts
(``mentorcore.model.programme.texts``): each field that holds a Text, or a tuple of them, of
every item of the model — whichever fields the walk reads."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from mentorcore.model import Range, Text
from mentorcore.model import programme as model_programme
from mentorcore.model.programme import field_names, texts, walk
from tests.conftest import default_library

MODELS = default_library().ids()


def _every_text(programme: Any) -> list[tuple[tuple, Text]]:
    """The definition: every field of every item, looked at."""
    found: list[tuple[tuple, Text]] = []
    for path, item in walk(programme):
        for name in field_names(type(item)):
            child = getattr(item, name)
            if isinstance(child, Text):
                found.append(((*path, name), child))
            elif isinstance(child, tuple):
                found.extend(((*path, name, index), each) for index, each in enumerate(child)
                             if isinstance(each, Text))
    return found


@pytest.mark.parametrize("model", MODELS)
def test_texts_are_every_text_of_the_model_in_order(model):
    programme = default_library().programme(model)
    found = list(texts(programme))
    assert found == _every_text(programme)
    assert len(found) > 10


@pytest.mark.parametrize(("annotation", "may"), [
    (Text, True), (Text | None, True), (tuple[Text, ...], True), (Any, True),
    (str | Text | None, True), (str, False), (int | None, False), (tuple[str, ...], False),
    (Range, False), (Range | None, False), (dict[str, Any], False), (bool, False)])
def test_a_field_is_read_for_texts_when_its_type_admits_one(annotation, may):
    assert model_programme._may_hold_text(annotation) is may


def test_a_class_with_an_untyped_field_has_its_texts_found():
    @attrs.frozen
    class Loose:
        anything: Any
        words: str = "x"

    item = Loose(anything=Text({"fi": "teksti"}))
    assert list(texts(item)) == [(("anything",), Text({"fi": "teksti"}))]


def _every_item(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """The definition of a walk: every attrs object, depth first, each with its path, looking
    into every field and every tuple (tuples of tuples too)."""
    if isinstance(value, tuple):
        return [found for index, item in enumerate(value)
                for found in _every_item(item, (*path, index))]
    if not attrs.has(type(value)):
        return []
    found: list[tuple[tuple, Any]] = [(path, value)]
    for name in field_names(type(value)):
        found.extend(_every_item(getattr(value, name), (*path, name)))
    return found


@pytest.mark.parametrize("model_id", MODELS)
def test_the_walk_finds_every_item_of_a_model_in_order(model_id):
    programme = default_library().programme(model_id)
    walked = list(model_programme._walked(programme))
    expected = _every_item(programme)
    assert [path for path, _item in walked] == [path for path, _item in expected]
    assert all(a is b for (_p, a), (_q, b) in zip(walked, expected, strict=True))


def test_the_walk_looks_into_tuples_of_tuples_and_past_empty_ones():
    nested = (Range(min=1, max=2, unit="month"), (), ((Text.of("a"),), "b", None, 3),
              {"k": Text.of("c")})  # a map is never looked into
    walked = model_programme._walked(nested)
    assert [path for path, _item in walked] == [(0,), (2, 0, 0)]
    assert [path for path, _item in walked] == [path for path, _item in _every_item(nested)]


@pytest.mark.parametrize("model_id", MODELS)
def test_every_field_that_holds_a_list_is_one_the_checks_of_lists_read(model_id):
    """The checks of lists with ids (E203, W212) read the fields whose type admits a tuple
    (`tuple_fields`): every field of every item that holds a tuple is one of them."""
    from mentorcore.model.programme import tuple_fields

    programme = default_library().programme(model_id)
    for path, item in walk(programme):
        for name in field_names(type(item)):
            if isinstance(getattr(item, name), tuple):
                assert name in tuple_fields(type(item)), (*path, name)


def test_a_field_may_hold_a_tuple_by_its_type():
    from mentorcore.model.programme import _may_hold_tuple

    assert _may_hold_tuple(tuple[int, ...]) and _may_hold_tuple(tuple[str, ...] | None)
    assert _may_hold_tuple(Any) and _may_hold_tuple("tuple[Role, ...]")
    assert not any(_may_hold_tuple(t) for t in (str, int, Text, Range | None, dict[str, str]))

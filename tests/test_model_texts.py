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

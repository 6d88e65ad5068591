"""What parsing sees (mentorcore.loading.events.Facts) stands in for the walks a loader would
otherwise make over a model's data: the normalising copy (NFC text, keys that are text,
aliases counted) and the search for `remove:` and repeated ids. A file the facts call plain
must load exactly as the copy would have made it, and the merging path must be taken exactly
when the walks would take it."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore.loading import adapting
from mentorcore.loading.document import MAX_DEPTH, _Normaliser, load_document, parse
from mentorcore.loading.events import Facts, build
from mentorcore.loading.loader import _adapts, _has_removals

WORDS = st.sampled_from(["id", "name", "mentor", "ö", "o\u0308", "Å", "a\u030a",
                         "x", "true", "1", ""])
SCALARS = st.one_of(WORDS, st.integers(-5, 5), st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(WORDS, inner, max_size=4),
    st.lists(st.fixed_dictionaries({"id": WORDS}, optional={"remove": st.just(True)}),
             max_size=4)), max_leaves=30)


def _load(tmp_path, text: str):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def _copied(text: str):
    normaliser = _Normaliser("m.yaml", nfc=True)
    data = normaliser.copy(parse(text, "m.yaml"), (), 0)
    return data, [d.format() for d in normaliser.problems]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(WORDS, DATA, min_size=1, max_size=5))
def test_a_document_loads_as_the_normalising_copy_makes_it(tmp_path_factory, data):
    """Property: whatever the data (decomposed letters, repeated ids, `remove:`), the loaded
    document is the normalising copy's, with its problems, and the merging path is taken
    exactly when the walks over the copy would take it."""
    text = json.dumps(data, ensure_ascii=False)  # JSON is YAML
    document, problems = _load(tmp_path_factory.mktemp("facts"), text)
    expected, expected_problems = _copied(text)
    assert document.data == expected
    assert [d.format() for d in problems] == expected_problems
    assert _adapts(document) == (_has_removals(expected) or adapting.has_repeats(expected))


@pytest.mark.parametrize("text, plain", [
    ("id: a\nname: b\n", True),
    ("id: a\nname: 'sa\u0308hko\u0308'\n", False),      # decomposed letters: the copy composes
    ("id: a\n1: b\n", False),                             # a key that is no text
    ("base: &b {x: 1}\nuse: *b\n", False),                # an alias: the copy counts it
    ("base: &b {x: 1}\nuse: {<<: *b}\n", False),          # a merge key
])
def test_the_facts_say_when_data_is_as_the_copy_would_make_it(text, plain):
    facts = Facts()
    build(text, MAX_DEPTH, None, facts)
    assert facts.plain is plain


def test_data_at_the_depth_limit_is_left_to_the_copy(tmp_path):
    """The copy refuses a value nested deeper than MAX_DEPTH levels; parsing stops a little
    deeper, so data at its limit is copied and refused as before."""
    deep = "a: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH + "\n"
    from mentorcore.diagnostics import MentorcoreError

    with pytest.raises(MentorcoreError) as refused:
        _load(tmp_path, deep)
    assert "nested more than" in refused.value.diagnostics[0].format()


def test_repeated_ids_and_removals_are_seen_while_parsing():
    repeated, removed, neither = Facts(), Facts(), Facts()
    build("phases: [{id: a}, {id: a}]\n", facts=repeated)
    build("phases: [{id: a, remove: true}]\n", facts=removed)
    build("phases: [{id: a}, {id: b}]\nroles: [a, a]\n", facts=neither)
    assert repeated.repeated_ids and not neither.repeated_ids
    assert "remove" in removed.keys and "remove" not in neither.keys


def test_composed_text_is_kept_as_written(tmp_path):
    document, _ = _load(tmp_path, "id: a\nname: sähkö\n")
    assert document.data["name"] == unicodedata.normalize("NFC", "sähkö")
    assert document.facts is not None and document.facts.plain

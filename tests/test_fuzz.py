"""Random input never escapes the documented error type: ``load`` returns diagnostics or raises
``MentorcoreError``, and nothing else."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from mentorcore.diagnostics import MentorcoreError
from tests.conftest import default_library

KEYS = ["id", "name", "organisation", "extends", "languages", "phases", "units", "roles",
        "events", "kind", "duration", "cadence", "per_month", "total", "min", "max", "unit",
        "approx", "size", "timing", "phase", "at", "count", "remove", "source", "sources",
        "value", "exits", "condition", "matching", "rules", "criterion", "fi", "en"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 50), st.floats(allow_nan=True),
                    st.sampled_from(["womento", "pair", "month", "mentoring", "two", "fi", "no",
                                     "once", "start", "group", "../x.yaml", "", "camp"]))
trees = st.recursive(scalars, lambda c: st.one_of(
    st.lists(c, max_size=4), st.dictionaries(st.sampled_from(KEYS), c, max_size=5)), max_leaves=30)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load(path):
    try:
        loaded = default_library().load(str(path))
    except MentorcoreError as error:
        assert error.diagnostics
        return
    for diagnostic in loaded.diagnostics:
        assert diagnostic.format()
    if loaded.ok:
        json.dumps(loaded.data)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(KEYS), trees, max_size=8))
def test_random_model_shaped_documents(tmp_path, data):
    stream = io.StringIO()
    YAML(typ="safe").dump(data, stream)
    path = tmp_path / "random.yaml"
    path.write_text(stream.getvalue(), encoding="utf-8")
    _load(path)


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_random_bytes(tmp_path, raw):
    path = tmp_path / "random.yaml"
    path.write_bytes(raw)
    _load(path)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{},&*!|>'\"#%@`?~01")), max_size=80))
def test_random_yaml_punctuation(tmp_path, text):
    path = tmp_path / "random.yaml"
    path.write_text("id: x\n" + text, encoding="utf-8")
    _load(path)

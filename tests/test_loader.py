"""Reading model files: every problem is one positioned line, never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL, default_library


def messages(path) -> list[str]:
    return [d.format() for d in default_library().load(str(path)).diagnostics]


def only(path) -> str:
    found = messages(path)
    assert len(found) == 1, found
    return found[0]


def test_minimal_model_loads(write):
    loaded = default_library().load(str(write("tiny.yaml", MINIMAL)))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.programme.phases[0].cadence.per_month.min == 2
    assert loaded.programme.phases[0].cadence.per_month.unit == "meeting/month"


def test_wrong_type_points_at_the_value(write):
    text = MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}")
    path = write("m.yaml", text)
    line = text.splitlines().index(next(row for row in text.splitlines() if "two" in row)) + 1
    column = text.splitlines()[line - 1].index("two") + 1
    assert only(path) == (f"{path.name}:{line}:{column}: phases[0].cadence.per_month.max: "
                          "expected a number, found 'two' [E102]").replace(
        path.name, str(path))


def test_unknown_key_points_at_the_key_and_suggests(write):
    path = write("m.yaml", MINIMAL.replace("    duration:", "    durtion:"))
    message = only(path)
    assert (":12:5: phases[0].durtion: unknown key 'durtion' (did you mean `duration`?) [E101]"
            in message)


def test_all_errors_of_a_file_in_one_run(write):
    text = (MINIMAL.replace("name: Tiny", "name: 5").replace("kind: mentee", "kind: menteee")
            .replace("    duration:", "    durtion:"))
    found = messages(write("m.yaml", text))
    assert len(found) == 3
    assert any("[E102]" in m and "name" in m for m in found)
    assert any("'menteee' is not one of" in m and "did you mean `mentee`" in m for m in found)
    assert any("[E101]" in m for m in found)


def test_missing_required_key(write):
    found = messages(write("m.yaml", MINIMAL.replace("organisation: Test org\n", "")))
    assert found == [f"{found[0].split(':')[0]}:1:1: organisation: missing required key "
                     "'organisation' [E103]"]


@pytest.mark.parametrize("content, rule, fragment, position", [
    ("id: a\n\tname: b\n", "E003", "tab character in indentation", ":2:1:"),
    ("id: a\nid: b\n", "E004", "duplicate key 'id' (first at line 1)", ":2:1:"),
    ("id: [a, b\nname: c\n", "E003", "the `[` that opens here is never closed", ":1:5:"),
    ("", "E007", "file is empty", ":1:1:"),
    ("# only a comment\n", "E007", "file is empty", ":1:1:"),
    ("- a\n- b\n", "E007", "top level must be a map of keys, found a list", ":1:1:"),
    ("id: x\n---\nid: y\n", "E003", "more than one YAML document", ":2:1:"),
    ("id: !!python/object/apply:os.system [ls]\n", "E005", "is not allowed", ":1:5:"),
    ("id: !custom x\n", "E005", "tag '!custom' is not allowed", ":1:5:"),
    ("id: x\nname: " + "9" * 5000 + "\n", "E006", "number too large", ":2:7:"),
])
def test_malformed_files(write, content, rule, fragment, position):
    message = only(write("m.yaml", content))
    assert f"[{rule}]" in message and fragment in message and position in message
    assert "Traceback" not in message


def test_not_utf8_names_line_and_column(write):
    path = write("m.yaml", "id: a\nname: caf\xe9\n".encode("latin-1"))
    assert only(path).endswith(":2:10: invalid UTF-8 byte 0xe9 (save the file as UTF-8) [E002]")


@pytest.mark.parametrize("raw, fragment", [
    ("id: a\n".encode("utf-16"), "file is UTF-16"),
    (b"id: a\x00\n", "NUL byte"),
])
def test_other_encodings_refused(write, raw, fragment):
    message = only(write("m.yaml", raw))
    assert fragment in message and "[E002]" in message


def test_utf8_bom_and_crlf_are_fine(write):
    raw = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode()
    assert default_library().load(str(write("m.yaml", raw))).ok


def test_yaml_12_scalars_stay_text(write):
    text = MINIMAL.replace("name: Tiny", "name: {no: Norsk tekst, fi: suomi}").replace(
        "organisation: Test org", "organisation: on\nlanguages: [no, yes, fi]\nregion: 1:20")
    loaded = default_library().load(str(write("m.yaml", text)))
    assert loaded.ok, loaded.diagnostics
    assert loaded.programme.languages == ("no", "yes", "fi")
    assert loaded.programme.name.get("no") == "Norsk tekst"
    assert str(loaded.programme.organisation) == "on"
    assert str(loaded.programme.region) == "1:20"


def test_alias_expansion_is_bounded(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    message = only(write("bomb.yaml", "\n".join(lines) + "\n"))
    assert "[E006]" in message and "expands to more than" in message


def test_deep_nesting_is_bounded(write):
    message = only(write("deep.yaml", "id: " + "[" * 200 + "]" * 200 + "\n"))
    assert "[E006]" in message


def test_non_text_keys(write):
    message = only(write("m.yaml", MINIMAL + "1: one\n"))
    assert "keys must be text, found 1" in message and "[E102]" in message


def test_string_where_list_expected_gets_a_hint(write):
    message = only(write("m.yaml", MINIMAL.replace("organisation: Test org",
                                                     "organisation: Test org\nlanguages: fi")))
    assert "languages: expected a list, found 'fi' (write it as a list: [fi])" in message


def test_unknown_unit_suggests(write):
    message = only(write("m.yaml", MINIMAL.replace("unit: month", "unit: months")))
    assert "unknown unit 'months' (did you mean `month`?)" in message


def test_unit_must_fit_the_place(write):
    message = only(write("m.yaml", MINIMAL.replace("unit: month", "unit: pair")))
    assert "phases[0].duration.unit: unit 'pair' does not fit here" in message


def test_missing_file_and_directory_are_io_errors(tmp_path):
    from mentorcore.diagnostics import MentorcoreError

    with pytest.raises(MentorcoreError) as missing:
        default_library().load(str(tmp_path / "nope.yaml"))
    assert missing.value.exit_code == 2 and "no such file" in str(missing.value)
    with pytest.raises(MentorcoreError) as directory:
        default_library().load(str(tmp_path) + "/")
    assert directory.value.exit_code == 2 and "is a directory" in str(directory.value)


# -- the fast event-based builder agrees with ruamel's own safe loader -------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=True, width=32),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["no", "yes", "on", "off", "~", "null", "1:20", "0o17", "017", "0x1F",
                     "1_000", ".5", "-.inf", "True", "2020-01-05", "<<", "- a", "#x", "a: b"]),
)
trees = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.text(alphabet="abcdefghij_", min_size=1, max_size=6), children, max_size=4),
), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(st.text(alphabet="abcxyz", min_size=1, max_size=5), trees,
                            max_size=5),
       flow=st.booleans())
def test_fast_builder_equals_ruamel_safe_loader(data, flow):
    import io

    from ruamel.yaml import YAML

    from mentorcore.loading.events import build

    dumper = YAML(typ="safe")
    dumper.default_flow_style = flow
    stream = io.StringIO()
    dumper.dump(data, stream)
    text = stream.getvalue()
    expected = YAML(typ="safe").load(text)
    assert build(text) == _dates_as_text(expected)


NUMBER_LIKE = ["0", "007", "0789", "12", "1_000", "-3", "+4", "0x1F", "0o17", "0b101", "0.5",
               "12.", ".5", "1e5", "1.5e-3", ".inf", "-.INF", ".nan", "1.2.3", "1-2", "0xg",
               "1__0", "+", ".", "_", "..", "1e", "\u0663", "\u00b2", "1 2", "00.10", "1.5_0",
               "002_notes.txt", "+358 45 168 7421", "00100 Helsinki", "15\u201320-vuotias",
               "12 kk", "3.5 h", "-1.5", "+.5", "0x", "1_", "9" * 30, "1.0" + "0" * 30]


@pytest.mark.parametrize("text", NUMBER_LIKE)
def test_a_plain_scalar_that_looks_like_a_number_reads_as_ruamel_reads_it(text):
    """The quick tests for ints and decimals, and the texts no number can be, give what
    ruamel.yaml's safe loader gives (a number, or the text)."""
    import math

    from ruamel.yaml import YAML

    from mentorcore.loading.events import build

    expected = YAML(typ="safe", pure=True).load(f"v: {text}\n")["v"]
    found = build(f"v: {text}\n")["v"]
    assert type(found) is type(expected)
    assert found == expected or (isinstance(found, float) and math.isnan(found)
                                 and math.isnan(expected))


def _dates_as_text(value):
    import datetime as dt

    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_anchors_aliases_and_merge_keys(write):
    from mentorcore.loading.events import build

    text = "base: &b {a: 1, b: 2}\nuse: {<<: *b, b: 3}\nlist: [*b, *b]\n"
    assert build(text) == {"base": {"a": 1, "b": 2}, "use": {"a": 1, "b": 3},
                           "list": [{"a": 1, "b": 2}, {"a": 1, "b": 2}]}




@pytest.mark.parametrize("text", ["? [a, b]\n: c\n", "a: &x [1]\n? *x\n: 2\n", "{? {a: 1} : 2}\n",
                                  "a: &m {k: v}\n? *m\n: 2\n"])
def test_a_map_or_list_as_a_key_is_refused_where_it_stands(text):
    """A key made of a map or list — written out, or an alias of one — is refused while
    parsing, at the key; an alias of a scalar is a key like any other."""
    from mentorcore.loading.events import EventError, build

    with pytest.raises(EventError, match="a key must be a single value") as refused:
        build(text)
    assert refused.value.line is not None
    assert build("a: &x b\n*x : 2\n") == {"a": "b", "b": 2}


# -- a list at the top level is found from the first lines only -----------------------------

def _top_level_list_of_every_line(text):
    """The definition: the first line that is no comment, directive or blank, read from every
    line of the text."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%", "---")):
            continue
        return number if line.startswith(("- ", "-\t", "[")) or stripped == "-" else None
    return None


LINES = ["# note", "", "   ", "%YAML 1.2", "---", "-x: 1", "- a", "[a, b]", "id: x", "-", "-\tb",
         "\t- a", "  - a", "x" * 5000, "- " + "y" * 5000]
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), max_size=8),
       breaks=st.lists(st.sampled_from(BREAKS), min_size=1, max_size=8),
       padding=st.integers(0, 70_000))
def test_top_level_list_reads_as_if_every_line_were_split(lines, breaks, padding):
    """The loader reads only the first lines, in prefixes that grow from 4,096 characters: a
    comment of any length before the first line (so that the cut falls anywhere, a CRLF
    included) finds what splitting the whole text finds."""
    from mentorcore.loading.document import _top_level_list

    parts = ["#" + "c" * padding, *lines]
    text = "".join(part + breaks[index % len(breaks)] for index, part in enumerate(parts))
    assert _top_level_list(text) == _top_level_list_of_every_line(text)
    unfinished = text.rstrip("".join(BREAKS))
    assert _top_level_list(unfinished) == _top_level_list_of_every_line(unfinished)


@pytest.mark.parametrize("length", range(4088, 4100))
def test_top_level_list_across_the_first_cut(length):
    """The first prefix ends inside a line that reads otherwise when cut (``---`` cut to ``-``
    is a list item, ``-x: 1`` cut to ``-`` as well) or inside a CRLF."""
    from mentorcore.loading.document import _top_level_list

    for tail in ["\n---\n- a\n", "\n-x: 1\n", "\r\n- a\n", "\r\nid: a\n", "\n- a\n",
                 "\n---\nid: a\n"]:
        text = "#" + "c" * length + tail
        assert _top_level_list(text) == _top_level_list_of_every_line(text), (length, tail)

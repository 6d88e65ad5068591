"""``extends``: adapting a model without copying it."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore.serialise import programme_data
from tests.conftest import MINIMAL, default_library


def load(path):
    return default_library().load(str(path))


def test_auroras_vaasa_is_womento_adapted():
    womento = default_library().programme("womento")
    vaasa = default_library().programme("auroras-vaasa")
    assert vaasa.languages == ("fi", "sv") and womento.languages == ("fi",)
    assert vaasa.matching.channel.get("en") == "the mentoring website"
    # inherited unchanged
    assert vaasa.get("units", "group").size == womento.get("units", "group").size
    assert vaasa.ids("phases") == womento.ids("phases")
    # sources merge by id: the parent's source stays, the adaptation's are added
    assert {"hk-womento", "hk-auroras-vaasa", "auroras-guide"} <= set(vaasa.ids("sources"))


def test_merge_by_id_override_append_and_remove(write):
    write("base.yaml", MINIMAL + """\
events:
  - {id: start, timing: once, phase: mentoring, at: start}
  - {id: close, timing: once, phase: mentoring, at: end}
""")
    child = write("child.yaml", """\
        id: child
        extends: base.yaml
        name: Child
        phases:
          - id: mentoring
            duration: {min: 5, max: 6, unit: month}
          - id: closing
            kind: closing
        events:
          - id: start
            remove: true
          - id: party
            timing: once
            phase: closing
            at: end
        """)
    loaded = load(child)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    programme = loaded.programme
    assert programme.name.get() == "Child" and programme.organisation.get() == "Test org"
    assert programme.ids("phases") == ["mentoring", "closing"]
    mentoring = programme.phases[0]
    assert (mentoring.duration.min, mentoring.duration.max) == (5, 6)
    assert mentoring.cadence.total.max == 8  # deep merge keeps the parent's cadence
    assert programme.ids("events") == ["close", "party"]


def _counting_parses(monkeypatch):
    """The files parsed from now on, by name (each call of the YAML parser of model files)."""
    from mentorcore.loading import document

    parsed = []
    real = document.parse

    def parse(text, display, **options):
        parsed.append(display.rsplit("/", 1)[-1])
        return real(text, display, **options)

    monkeypatch.setattr(document, "parse", parse)
    return parsed


def test_a_parent_several_files_extend_is_parsed_once_a_run(write, monkeypatch):
    from mentorcore.library import Library

    base = write("base.yaml", MINIMAL)
    children = [write(f"child{n}.yaml", f"id: child{n}\nextends: base.yaml\nname: Child {n}\n")
                for n in (1, 2, 3)]
    library = Library(default_library().registry)  # one run's library
    parsed = _counting_parses(monkeypatch)
    first, second = library.load(str(children[0])), library.load(str(children[1]))
    assert first.ok and second.ok
    assert parsed == ["child1.yaml", "base.yaml", "child2.yaml"]  # the parent once
    itself = library.load(str(base))  # validated too: still not parsed again
    assert itself.ok and parsed == ["child1.yaml", "base.yaml", "child2.yaml"]
    # ... but its data now went to the checks and the caller: the next child parses it anew,
    # whatever that caller did to it
    itself.data["name"] = "changed by the caller"
    third = library.load(str(children[2]))
    assert parsed[3:] == ["child3.yaml", "base.yaml"]
    assert third.programme.organisation.get() == "Test org"
    assert first.programme.phases == second.programme.phases == third.programme.phases \
        == itself.programme.phases


def test_a_parent_that_changed_during_a_run_is_parsed_again(write, monkeypatch):
    from mentorcore.library import Library

    base = write("base.yaml", MINIMAL)
    write("child1.yaml", "id: child1\nextends: base.yaml\n")
    write("child2.yaml", "id: child2\nextends: base.yaml\n")
    library = Library(default_library().registry)
    before = library.load(str(base.parent / "child1.yaml"))
    write("base.yaml", MINIMAL.replace("Test org", "Another org"))
    parsed = _counting_parses(monkeypatch)
    after = library.load(str(base.parent / "child2.yaml"))
    assert parsed == ["child2.yaml", "base.yaml"]
    assert before.programme.organisation.get() == "Test org"
    assert after.programme.organisation.get() == "Another org"


def test_null_drops_an_inherited_value(write):
    write("base.yaml", MINIMAL.replace("organisation: Test org",
                                       "organisation: Test org\nregion: Vaasa"))
    child = write("child.yaml", "id: child\nextends: base.yaml\nregion: null\n")
    assert load(child).programme.region is None


def test_error_in_override_is_reported_in_the_adaptation(write):
    write("base.yaml", MINIMAL)
    child = write("child.yaml", """\
        id: child
        extends: base.yaml
        phases:
          - id: mentoring
            duration: {min: 5, max: six, unit: month}
        """)
    (message,) = [d.format() for d in load(child).diagnostics]
    assert message.endswith("child.yaml:5:29: phases[0].duration.max: expected a number, "
                            "found 'six' [E102]")


def test_error_in_inherited_value_is_reported_in_the_parent(write):
    write("base.yaml", MINIMAL.replace("kind: pair", "kind: pear"))
    child = write("child.yaml", "id: child\nextends: base.yaml\n")
    (message,) = [d.format() for d in load(child).diagnostics]
    assert "base.yaml:8:" in message and "unknown unit kind 'pear'" in message


def test_removing_a_missing_item(write):
    write("base.yaml", MINIMAL)
    child = write("child.yaml", """\
        id: child
        extends: base.yaml
        phases:
          - id: mentorin
            remove: true
        """)
    (message,) = [d.format() for d in load(child).diagnostics]
    assert message.endswith("child.yaml:4:9: phases[0].id: cannot remove 'mentorin': the parent "
                            "model has no such item (did you mean `mentoring`?) [E012]")


def test_remove_without_parent(write):
    path = write("m.yaml", MINIMAL + "events:\n  - {id: x, remove: true}\n")
    (message,) = [d.format() for d in load(path).diagnostics]
    assert "[E013]" in message and ":15:13:" in message


def test_missing_parent_by_id_and_by_path(write):
    by_id = write("a.yaml", "id: a\nextends: womentoo\n")
    (message,) = [d.format() for d in load(by_id).diagnostics]
    assert message.endswith("a.yaml:2:10: extends: no model with id 'womentoo' "
                            "(did you mean `womento`?) [E010]")
    by_path = write("b.yaml", "id: b\nextends: sub/nowhere.yaml\n")
    (message,) = [d.format() for d in load(by_path).diagnostics]
    assert "parent file 'sub/nowhere.yaml' not found" in message and "[E010]" in message


def test_cycle_is_reported(write):
    write("a.yaml", "id: a\nextends: b.yaml\n")
    b = write("b.yaml", "id: b\nextends: c.yaml\n")
    write("c.yaml", "id: c\nextends: a.yaml\n")
    (message,) = [d.format() for d in load(b).diagnostics]
    assert "extends cycle: " in message and "[E011]" in message
    assert "b.yaml → " in message and message.count("→") == 3


def test_extends_a_bundled_model_by_id(write):
    path = write("ours.yaml",
                 "id: ours\nextends: womento\nregion: Jyväskylä\nlanguages: [fi, en]\n")
    loaded = load(path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.programme.languages == ("fi", "en")
    assert loaded.programme.get("units", "group").size.max == 15


# -- property: merging is deterministic and overrides win ---------------------------------

ids = st.sampled_from(["a", "b", "c", "d", "e"])
numbers = st.integers(min_value=1, max_value=12)


@st.composite
def phase_lists(draw):
    chosen = draw(st.lists(ids, unique=True, max_size=5))
    return [{"id": i, "kind": "mentoring", "duration": {"min": draw(numbers), "max": 12,
                                                        "unit": "month"}} for i in chosen]


@settings(max_examples=40, deadline=None)
@given(base=phase_lists(), over=phase_lists(), removed=st.lists(ids, unique=True, max_size=2))
def test_merging_is_deterministic(tmp_path_factory, base, over, removed):
    directory = tmp_path_factory.mktemp("merge")
    head = "id: m\nname: M\norganisation: O\n"
    (directory / "base.yaml").write_text(head + "phases: " + json.dumps(base) + "\n")
    removals = [{"id": r, "remove": True} for r in removed if r in {p["id"] for p in base}
                and r not in {p["id"] for p in over}]
    child = "id: m2\nextends: base.yaml\n" + (
        "phases: " + json.dumps(over + removals) + "\n" if over or removals else "")
    (directory / "child.yaml").write_text(child)
    first = load(directory / "child.yaml")
    second = load(directory / "child.yaml")
    assert first.ok and second.ok
    assert json.dumps(programme_data(first.programme)) == json.dumps(
        programme_data(second.programme))
    phases = {p.id: p for p in first.programme.phases}
    expected_ids = [p["id"] for p in base if p["id"] not in {r["id"] for r in removals}]
    expected_ids += [p["id"] for p in over if p["id"] not in expected_ids]
    assert list(phases) == expected_ids
    for phase in over:
        assert phases[phase["id"]].duration.min == phase["duration"]["min"]


def test_range_shorthand_and_bounds_replace_each_other(write):
    write("base.yaml", MINIMAL.replace("kind: pair, roles",
                                       "kind: pair, size: {value: 2, unit: person}, roles"))
    child = write("child.yaml", """\
        id: child
        extends: base.yaml
        units:
          - id: pair
            size: {min: 2, max: 2}
        phases:
          - id: mentoring
            duration: {value: 5}
        """)
    loaded = load(child)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    duration = loaded.programme.phases[0].duration
    assert (duration.min, duration.max, duration.unit) == (5, 5, "month")


# -- confinement (issue 14, point 3) -----------------------------------------------------------

SECRET = "TOPSECRET-3f9a"


@pytest.fixture
def outside(tmp_path):
    """A model folder ``models/`` and, beside it, a valid model holding a secret."""
    (tmp_path / "models" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    secret = tmp_path / "other" / "secret.yaml"
    secret.write_text(MINIMAL.replace("id: test", f"id: test\n# {SECRET}"), encoding="utf-8")
    return tmp_path


def _child(folder, reference):
    path = folder / "models" / "child.yaml"
    path.write_text(f"id: child\nname: Child\nextends: {reference}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("reference, reason", [
    ("/etc/shadow", "an absolute path is not allowed"),
    ("/etc/passwd.yaml", "an absolute path is not allowed"),
    ("../other/secret.yaml", "the file is outside the folder of this model"),
    ("sub/../../other/secret.yaml", "the file is outside the folder of this model"),
    ("../../../../../../etc/shadow", "a parent must be a model file ending in .yaml or .yml"),
    ("sub/link.yaml", "the file is outside the folder of this model"),  # a symlink out
    ("sub/fifo.yaml", "is not a regular file"),
    ("a/" * 2500 + "x.yaml", "the path is 5006 characters long; the limit is 1024"),
    ("x" * 300 + ".yaml", "cannot read: File name too long"),
])
def test_extends_is_confined_to_the_models_folder(outside, reference, reason):
    (outside / "models" / "sub" / "link.yaml").symlink_to(outside / "other" / "secret.yaml")
    os.mkfifo(outside / "models" / "sub" / "fifo.yaml")
    (message,) = [d.format() for d in load(_child(outside, reference)).diagnostics]
    assert "child.yaml:3:10: extends: cannot extend '" in message, message
    assert reason in message and message.endswith("[E014]"), message
    assert SECRET not in message


def test_a_folder_named_with_extends_dir_may_be_extended(outside, monkeypatch):
    from click.testing import CliRunner

    from mentorcore.cli import cli

    monkeypatch.chdir(outside)
    child = _child(outside, "../other/secret.yaml")
    refused = CliRunner().invoke(cli, ["validate", str(child)])
    assert refused.exit_code == 1 and "[E014]" in refused.output
    allowed = CliRunner().invoke(cli, ["--extends-dir", "other", "validate", str(child)])
    assert allowed.exit_code == 0, allowed.output
    assert SECRET not in refused.output + allowed.output


def test_a_parent_that_is_not_a_model_is_never_quoted(outside):
    (outside / "models" / "sub" / "notes.yaml").write_text(f"'{SECRET} and more'\n")
    (message,) = [d.format() for d in load(_child(outside, "sub/notes.yaml")).diagnostics]
    assert "notes.yaml:1:1: top level must be a map of keys, found a text" in message
    assert SECRET not in message


def test_a_chain_of_1000_parents_is_refused_at_the_limit(tmp_path):
    for i in range(1000):
        (tmp_path / f"m{i}.yaml").write_text(
            f"id: m{i}\nextends: m{i + 1}.yaml\n" if i < 999 else MINIMAL, encoding="utf-8")
    (message,) = [d.format() for d in load(tmp_path / "m0.yaml").diagnostics]
    assert message.endswith("m15.yaml:2:10: extends: more than 16 models in one extends chain "
                            "(extend the model you adapt, not a chain of adaptations) [E006]")


def test_a_chain_at_the_limit_loads(tmp_path):
    for i in range(16):
        (tmp_path / f"m{i}.yaml").write_text(
            f"id: m{i}\nextends: m{i + 1}.yaml\n" if i < 15 else MINIMAL, encoding="utf-8")
    loaded = load(tmp_path / "m0.yaml")
    assert loaded.ok, [d.format() for d in loaded.diagnostics]

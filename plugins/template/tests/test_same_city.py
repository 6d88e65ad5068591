"""Test the plugin with mentorcore's testing kit: ``register_plugin`` (a registry that sees the
plugin) and ``mentorcore_cli`` (the ``mentorcore`` command, in this process or as the
installed command in a subprocess). Run them with ``--strict-plugins`` semantics: any failure
of the plugin fails the test."""

import json

import mentorcore_same_city

MODEL = """\
id: city-pairs
extends: womento
matching:
  unit: pair
  rules:
    - {id: same-city, criterion: same_city, hard: true}
participant_data:
  fields:
    - {id: city, purpose: to pair people who live in the same city}
"""


def test_provides_same_city(register_plugin):
    registry = register_plugin(mentorcore_same_city, name="same-city-under-test")
    assert "same_city" in registry.criteria


def test_the_command_line_sees_it(register_plugin, mentorcore_cli, tmp_path):
    register_plugin(mentorcore_same_city, name="same-city-under-test")
    (tmp_path / "city-pairs.yaml").write_text(MODEL)
    for subprocess in (False, True):
        listing = mentorcore_cli("plugins", "--format", "json", subprocess=subprocess)
        assert listing.exit_code == 0, listing.output
        names = {row["name"]: row for row in json.loads(listing.stdout)}
        assert any(row.get("criteria") == ["same_city"] and row["status"] == "ok"
                   for row in names.values())
        checked = mentorcore_cli("--strict-plugins", "validate", "city-pairs.yaml",
                                 cwd=tmp_path, subprocess=subprocess)
        assert checked.exit_code == 0, checked.output

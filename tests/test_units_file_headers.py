"""A units file's header in the coordinator's language: `simulate --participants` and `track
--units` read `Yksikkö;Mentori;Mentoroitava` (Finnish Excel: `;`, a byte-order mark, CRLF) and
`Enhet;Mentor;Adept;Grupp` as the English `unit,mentor,mentee,group` — one meaning per header,
whatever the file; two columns meaning one are an error, as is an unknown one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

START = ["--start", "2026-01-05"]
LOGS = Path(__file__).parent / "data" / "logs"

# womento in Finnish and Swedish: the model's role names in both (Womento itself names its
# roles in Finnish and English only)
NORDIC = """\
id: nordic
extends: womento
languages: [fi, sv]
roles:
  - id: mentor
    name: {fi: mentori, sv: mentor, en: mentor}
  - id: mentee
    name: {fi: mentoroitava, sv: adept, en: mentee}
"""

ROWS = [("p-a", "Maija Mentor", "Aino Aktori", "g1"), ("p-b", "Mirja Mentor", "Bea Aktori", "g1"),
        ("p-c", "Mona Mentor", "Cecilia Aktori", "g2")]
ENGLISH = "unit,mentor,mentee,group\n" + "".join(",".join(row) + "\n" for row in ROWS)


def excel_fi(header: str, rows=ROWS) -> bytes:
    """What "CSV UTF-8" saves on a Finnish Windows: a byte-order mark, `;`, CRLF."""
    lines = [header, *(";".join(row) for row in rows)]
    return "\ufeff".encode() + "".join(line + "\r\n" for line in lines).encode()


def units(result) -> list[tuple[str, list[str], str | None]]:
    assert result.exit_code == 0, result.output
    return [(u["id"], u["members"], u.get("group"))
            for u in json.loads(result.output)["units"]]


@pytest.fixture
def nordic(write) -> Path:
    return write("nordic.yaml", NORDIC)


@pytest.mark.parametrize("header", [
    "Yksikkö;Mentori;Mentoroitava;Ryhmä",          # fi: simulate's and match's CSV headers
    "Enhet;Mentor;Adept;Grupp",                      # sv
    "YKSIKKÖ;mentori;MENTOROITAVA;ryhmä",            # case as the coordinator typed it
    "Mentoroitava;Yksikkö;Ryhmä;Mentori",            # any order
])
def test_finnish_and_swedish_headers_give_the_units_of_the_english_file(run, write, nordic,
                                                                       header):
    english = write("units.csv", ENGLISH)
    expected = units(run("simulate", str(nordic), "--participants", str(english), *START,
                         "--format", "json"))
    order = [name.casefold() for name in header.split(";")]
    by_name = {"yksikkö": 0, "enhet": 0, "mentori": 1, "mentor": 1, "mentoroitava": 2,
               "adept": 2, "ryhmä": 3, "grupp": 3}
    rows = [tuple(row[by_name[name]] for name in order) for row in ROWS]
    ours = write("yksikot.csv", excel_fi(header, rows))
    for lang in ("fi", "sv", "en"):  # the header means the same in a run of every language
        found = units(run("--lang", lang, "simulate", str(nordic), "--participants", str(ours),
                          *START, "--format", "json"))
        assert found == expected
    assert ("p-a", ["Maija Mentor", "Aino Aktori"], "g1") in expected


def test_a_bundled_models_finnish_role_names_name_its_columns(run, write):
    english = write("units.csv", ENGLISH)
    finnish = write("yksikot.csv", excel_fi("Yksikkö;Mentori;Mentoroitava;Ryhmä"))
    assert units(run("simulate", "womento", "--participants", str(finnish), *START,
                     "--format", "json")) == units(run("simulate", "womento", "--participants",
                                                       str(english), *START, "--format",
                                                       "json"))


def test_a_yaml_units_file_takes_the_same_names(run, write, nordic):
    english = write("units.csv", ENGLISH)
    yaml = write("units.yaml", "".join(f"- {{Enhet: {u}, Mentor: {m}, adept: {a}, grupp: {g}}}\n"
                                       for u, m, a, g in ROWS))
    assert units(run("simulate", str(nordic), "--participants", str(yaml), *START,
                     "--format", "json")) == units(run("simulate", str(nordic), "--participants",
                                                       str(english), *START, "--format",
                                                       "json"))


def test_track_reads_the_finnish_units_file_as_the_english_one(run, tmp_path):
    english = LOGS / "matkalla-units.csv"
    lines = english.read_text(encoding="utf-8").splitlines()
    finnish = tmp_path / "yksikot.csv"
    finnish.write_bytes(excel_fi("Yksikkö;Mentori;Aktori",
                                 [tuple(line.split(",")) for line in lines[1:]]))
    log = tmp_path / "log.csv"
    shutil.copy(LOGS / "matkalla-log.csv", log)
    outputs = []
    for path in (english, finnish):
        result = run("track", "matkalla-tyoelamaan", "--units", str(path), "--log", str(log),
                     "--today", "2027-09-01", "--format", "json")
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.output))
    assert outputs[0] == outputs[1]
    assert outputs[0]["programme"]["counts"]["completed"] > 30


def test_the_installed_command_reads_a_finnish_excel_units_file(tmp_path):
    finnish = tmp_path / "yksikot.csv"
    finnish.write_bytes(excel_fi("Yksikkö;Mentori;Mentoroitava;Ryhmä"))
    script = Path(sys.executable).with_name("mentorcore")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mentorcore"]
    done = subprocess.run([*command, "--lang", "fi", "simulate", "womento", "--participants",
                           str(finnish), *START, "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    found = {u["id"]: u["members"] for u in json.loads(done.stdout)["units"]}
    assert found["p-c"] == ["Mona Mentor", "Cecilia Aktori"] and found["g2"] == ["p-c"]


# -- two columns meaning one, an unknown column ------------------------------------------------

@pytest.mark.parametrize("header,position,letter", [
    ("Yksikkö;Mentee;Mentori;Mentoroitava", "1:4", "B"),  # the model's fi and en names
    ("Yksikkö;Mentoroitava;Mentori;mentee", "1:4", "B"),  # a name, then the id
    ("unit;Enhet;mentor;mentee", "1:2", "A"),             # the id and the Swedish word
])
def test_two_columns_meaning_one_are_an_error_naming_both(run, write, nordic, header, position,
                                                          letter):
    path = write("kaksi.csv", excel_fi(header, [("p-a", "Aino Aktori", "Maija Mentor",
                                                "Aino Aktori")]))
    result = run("--lang", "fi", "simulate", str(nordic), "--participants", str(path))
    assert result.exit_code == 1
    first, second, _rest = header.split(";", 2) if letter == "A" else (
        header.split(";")[1], header.split(";")[3], "")
    what = "yksikön" if letter == "A" else "roolin 'mentee'"
    at = "B" if letter == "A" else "D"
    assert (f"kaksi.csv:{position}: sarakkeet '{first}' ({letter}) ja '{second}' ({at}) "
            f"kertovat molemmat {what} [E610]") in result.output
    assert "Aino" not in result.output and "Maija" not in result.output
    assert "Traceback" not in result.output


def test_two_keys_meaning_one_in_a_yaml_units_file(run, write, nordic):
    path = write("units.yaml", "- {unit: p-a, mentor: Maija, mentee: Aino, adept: Aino}\n")
    result = run("simulate", str(nordic), "--participants", str(path))
    assert result.exit_code == 1
    assert "units.yaml:1:" in result.output
    assert "keys 'mentee' and 'adept' both give role 'mentee'" in result.output
    assert "Aino" not in result.output


@pytest.mark.parametrize("lang,hint", [("fi", "tarkoititko `mentoroitava`?"),
                                       ("sv", "menade du `mentoroitava`?"),
                                       ("en", "did you mean `mentoroitava`?")])
def test_an_unknown_header_is_an_error_with_a_suggestion_in_the_users_language(run, write, lang,
                                                                               hint):
    path = write("yksikot.csv", excel_fi("Yksikkö;Mentori;Mentroitava",
                                         [("p-a", "Maija Mentor", "Aino Aktori")]))
    result = run("--lang", lang, "simulate", "womento", "--participants", str(path))
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "yksikot.csv:1:3:" in line)
    assert hint in line and "[E610]" in line
    assert "Aino" not in result.output and "Maija" not in result.output


def test_an_unknown_first_row_still_names_no_cell(run, write):
    path = write("people.csv", excel_fi("Maija Mentor;Aino Aktori", [("Mirja", "Bea")]))
    result = run("--lang", "fi", "simulate", "womento", "--participants", str(path))
    assert result.exit_code == 1
    assert "people.csv:1:1:" in result.output
    for name in ("Maija", "Aino", "Mirja", "Bea"):
        assert name not in result.output

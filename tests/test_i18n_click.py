"""click's own messages and the schema's descriptions in the language of the run (issue 15,
points 1 and 10): usage errors ("Usage:", "Error: No such option", "Missing argument", "Did you
mean …", "Invalid value for …") under --lang before or after the command and under the locale,
in-process and from the installed command; every schema description extractable and translated."""

from __future__ import annotations

import gettext
import json
import os
import subprocess
from pathlib import Path

import click
import pytest

from mentorcore.schema import json_schema
from tests.test_cli import installed_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    """The CLI in-process (click's CliRunner) under the name users type, as in the usage line."""
    from click.testing import CliRunner

    from mentorcore.cli import cli

    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args), prog_name="mentorcore",
                                       catch_exceptions=False)

# -- click's messages --------------------------------------------------------------------------

FINNISH_UNKNOWN_OPTION = ["Käyttö: mentorcore validate [VALITSIMET] POLKU|MALLI...",
                          "Ohjeet: 'mentorcore validate --help'.", "",
                          "Virhe: Valitsinta '--x' ei ole."]
SWEDISH_UNKNOWN_OPTION = ["Användning: mentorcore validate [FLAGGOR] SÖKVÄG|MODELL...",
                          "Hjälp får du med 'mentorcore validate --help'.", "",
                          "Fel: Flaggan '--x' finns inte."]
ENGLISH_UNKNOWN_OPTION = ["Usage: mentorcore validate [OPTIONS] PATH|MODEL...",
                          "Try 'mentorcore validate --help' for help.", "",
                          "Error: No such option '--x'."]


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "fi", "validate", "--x"], FINNISH_UNKNOWN_OPTION),
    (["validate", "--x", "--lang", "fi"], FINNISH_UNKNOWN_OPTION),  # --lang after the mistake
    (["validate", "--lang=sv", "--x"], SWEDISH_UNKNOWN_OPTION),
    (["--lang", "fi", "validate", "--x", "--lang", "sv"], SWEDISH_UNKNOWN_OPTION),  # the last
    (["validate", "--x"], ENGLISH_UNKNOWN_OPTION),
])
def test_a_usage_error_is_in_the_language_of_lang(run, args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fi_FI.UTF-8"}, FINNISH_UNKNOWN_OPTION),
    ({"LC_ALL": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"}, SWEDISH_UNKNOWN_OPTION),
    ({"LANGUAGE": "de:sv", "LANG": "fi_FI.UTF-8"}, SWEDISH_UNKNOWN_OPTION),
    ({"LANGUAGE": "de", "LANG": "fi_FI.UTF-8"}, FINNISH_UNKNOWN_OPTION),  # as for our messages
    ({"LANG": "C.UTF-8"}, ENGLISH_UNKNOWN_OPTION),
])
def test_a_usage_error_follows_the_locale(run, monkeypatch, environ, expected):
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    assert run("validate", "--x").stderr.splitlines() == expected


def test_lang_en_keeps_click_english_under_a_finnish_locale(run, monkeypatch):
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    assert run("--lang", "en", "validate", "--x").stderr.splitlines() == ENGLISH_UNKNOWN_OPTION
    assert run("validate", "--x", "--lang", "en").stderr.splitlines() == ENGLISH_UNKNOWN_OPTION


@pytest.mark.parametrize(("args", "finnish", "swedish"), [
    (["validate"], "Virhe: Argumentti puuttuu 'POLKU|MALLI...'.",
     "Fel: Argument saknas 'SÖKVÄG|MODELL...'."),
    (["validate", "--strct", "womento"],
     "Virhe: Valitsinta '--strct' ei ole. Tarkoititko '--strict'?",
     "Fel: Flaggan '--strct' finns inte. Menade du '--strict'?"),
    (["--csv-dialect", "excel", "list"],
     "Virhe: Virheellinen arvo kohteelle '--csv-dialect': 'excel' ei ole mikään seuraavista: "
     "'excel-fi', 'rfc4180'.",
     "Fel: Ogiltigt värde för '--csv-dialect': 'excel' är inte något av 'excel-fi', 'rfc4180'."),
    (["simulate", "womento", "--replications"],
     "Virhe: Valitsin '--replications' tarvitsee 1 argumentin.",
     "Fel: Flaggan '--replications' kräver 1 argument."),
    (["simulate", "womento", "--pairs", "x"],
     "Virhe: Virheellinen arvo kohteelle '--pairs': 'x' ei ole kelvollinen luku (integer).",
     "Fel: Ogiltigt värde för '--pairs': 'x' är inte ett giltigt tal (integer)."),
    (["valdate", "womento"], "Virhe: Komentoa 'valdate' ei ole.",
     "Fel: Kommandot 'valdate' finns inte."),
    (["list", "extra"], "Virhe: Ylimääräinen argumentti (extra)",
     "Fel: Oväntat extra argument (extra)"),
])
def test_click_finds_the_mistake_and_says_it_in_finnish_and_swedish(run, args, finnish, swedish):
    for code, expected in (("fi", finnish), ("sv", swedish)):
        result = run("--lang", code, *args)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == expected
        assert "Usage" not in result.stderr and "Error" not in result.stderr


def test_the_run_leaves_gettext_and_the_environment_as_it_found_them(run, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de")
    domain = gettext.textdomain()
    run("--lang", "fi", "validate", "--x")
    run("--lang", "sv", "validate", "womento")
    assert gettext.textdomain() == domain
    assert os.environ["LANGUAGE"] == "de"
    monkeypatch.delenv("LANGUAGE")
    run("--lang", "fi", "validate", "--x")
    assert "LANGUAGE" not in os.environ
    assert gettext.gettext("Usage:") == "Usage:"  # outside a run, click speaks English again


def _installed(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run([installed_command(), *args], capture_output=True, text=True,
                          timeout=120, env={**env, "LANG": "C.UTF-8", **environ})


def test_the_installed_command_says_usage_errors_in_finnish_and_swedish():
    finnish = _installed("validate", "--x", "--lang", "fi")
    assert finnish.returncode == 2
    assert finnish.stderr.splitlines() == FINNISH_UNKNOWN_OPTION
    swedish = _installed("validate", "--strct", "womento", LANG="sv_FI.UTF-8")
    assert swedish.returncode == 2
    assert swedish.stderr.splitlines()[-1] == \
        "Fel: Flaggan '--strct' finns inte. Menade du '--strict'?"
    assert _installed("--lang", "fi", "validate").stderr.splitlines()[-1] == \
        "Virhe: Argumentti puuttuu 'POLKU|MALLI...'."


def _extracted(directory: Path, method_map: list[tuple[str, str]], **options: object) -> set:
    from babel.messages.extract import extract_from_dir

    return {message for _file, _line, message, _comments, _context in extract_from_dir(
        directory, method_map=method_map, **options)}  # type: ignore[arg-type]


def test_every_message_of_the_installed_click_is_in_the_catalogs():
    """After an upgrade of click, a message it adds or rewords fails here until it is listed in
    mentorcore/cli/click_messages.py (and so extracted and translated)."""
    pytest.importorskip("babel")
    from babel.messages.frontend import parse_keywords

    from mentorcore.cli import click_messages

    clicks = _extracted(Path(click.__file__).parent, [("**.py", "python")])
    listed = _extracted(Path(click_messages.__file__).parent, [("click_messages.py", "python")],
                        options_map={"click_messages.py": {
                            "keywords": parse_keywords(["N_plural:1,2"])}})
    assert clicks - listed == set(), "add these to mentorcore/cli/click_messages.py"
    assert len(clicks) > 50


# -- the schema's descriptions -----------------------------------------------------------------

def _descriptions(schema: object, path: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "description" and isinstance(value, str):
                found[path] = value
            else:
                found.update(_descriptions(value, f"{path}/{key}"))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found.update(_descriptions(value, f"{path}/{index}"))
    return found


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_description_of_the_schema_is_translated(code):
    english = _descriptions(json_schema())
    translated = _descriptions(json_schema(language=code))
    assert translated.keys() == english.keys()
    assert len(english) > 300
    same = sorted({english[path] for path in english if translated[path] == english[path]})
    assert same == [], f"{code}: {len(same)} descriptions stay English, e.g. {same[:3]}"


def test_the_schema_command_writes_finnish_and_swedish_descriptions(run):
    finnish = json.loads(run("schema", "--lang", "fi").stdout)
    phase = finnish["$defs"]["Phase"]
    assert phase["description"].startswith("Järjestyksessä etenevä vaihe")
    assert phase["properties"]["duration"]["description"] == "kuinka kauan vaihe kestää"
    assert phase["properties"]["source"]["description"] == \
        "lähteen tunniste (mallin sources-luettelon jonkin kohteen tunniste)"
    swedish = json.loads(run("--lang", "sv", "schema").stdout)
    assert swedish["$defs"]["Cadence"]["properties"]["per_month"]["description"] == \
        "träffar per månad; enheten meeting/month om ingen annan anges"
    assert swedish["$defs"]["Role"]["description"].startswith("En typ av deltagare")


def test_the_installed_schema_command_follows_the_locale():
    finnish = json.loads(_installed("schema", LANG="fi_FI.UTF-8").stdout)
    assert finnish["$defs"]["Phase"]["properties"]["duration"]["description"] == \
        "kuinka kauan vaihe kestää"


def test_what_click_makes_once_follows_each_run(run):
    """click makes --help's option once and names a Path's kind when the option is made: a run
    in one language leaves neither to the next run (in one process, as the tests and the
    Python API run the command line)."""
    assert "Näytä tämä ohje ja lopeta." in run("--lang", "fi", "validate", "--help").stdout
    assert "Show this message and exit." in run("validate", "--help").stdout
    assert "Visa den här hjälpen och avsluta." in run("validate", "--help", "--lang", "sv").stdout
    for code, expected in (("fi", "Kansio '/no/such' ei ole olemassa."),
                           ("en", "Directory '/no/such' does not exist."),
                           ("sv", "Katalog '/no/such' finns inte.")):
        result = run("--lang", code, "--extends-dir", "/no/such", "list")
        assert result.exit_code == 2 and result.stderr.splitlines()[-1].endswith(expected)

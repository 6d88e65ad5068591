"""The command line in Finnish and Swedish (issue 15, point 1): every help text of every built-in
command and option is in the catalog and translated, shown in the language of ``--lang`` (before
or after the command name) or of the locale — also by the installed command and its help cache —
and the tables and summaries of simulate, match, list, catalogue, plugins and validate."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import click
import pytest

from mentorcore.cli import cli
from mentorcore.cli.help import CLICK_WORDS
from tests.test_cli import installed_command

babel = pytest.importorskip("babel")

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "mentorcore" / "locale"
PARTICIPANTS = ROOT / "tests" / "data" / "participants" / "auroras-individual.csv"


def _catalog(path: Path) -> dict[str, str]:
    """msgid → translation (the singular of a plural; '' when untranslated or fuzzy)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = {}
    for message in catalog:
        if not message.id or message.context:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        string = message.string[0] if isinstance(message.string, tuple) else message.string
        found[key] = "" if "fuzzy" in message.flags else string
    return found


def _commands() -> dict[str, click.Command]:
    """Every built-in command of the group, by name (click's command tree, subgroups walked)."""
    from mentorcore.plugins import owner_of

    found: dict[str, click.Command] = {}

    def walk(group: click.Group, ctx: click.Context, path: str) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            owner = owner_of(command) or ""
            if not owner.startswith("mentorcore."):
                continue  # a plugin's command: its help is the plugin's
            found[f"{path} {name}".strip()] = command
            if isinstance(command, click.Group):
                walk(command, click.Context(command, info_name=name, parent=ctx), f"{path} {name}")

    with click.Context(cli, info_name="mentorcore") as root:
        root.params = {"plugins_dir": None, "disabled": ()}
        walk(cli, root, "")
    return found


def _help_texts() -> list[tuple[str, str]]:
    """(where, text) of every help text the help of the command line shows."""
    texts = [("mentorcore", cli.help or "")]
    texts += [(f"mentorcore {param.opts[0]}", param.help) for param in cli.params
              if isinstance(param, click.Option) and param.help]
    for name, command in _commands().items():
        with click.Context(command, info_name=name,  # as the group makes it: -h, --help
                           help_option_names=cli.context_settings["help_option_names"]) as ctx:
            params = command.get_params(ctx)  # with the help option click adds
        assert command.help, f"{name} has no help"
        texts.append((name, command.help))
        if command.short_help:
            texts.append((f"{name} (short)", command.short_help))
        texts += [(f"{name} {max(param.opts, key=len)}", param.help) for param in params
                  if isinstance(param, (click.Option, click.Argument)) and param.help]
    texts += [("click", word) for word in CLICK_WORDS]
    return texts


def test_the_walk_finds_every_command_and_option():
    commands = _commands()
    assert {"simulate", "match", "validate", "list", "catalogue", "plugins", "track",
            "capacity", "compare", "handbook", "forms", "new", "test", "schema",
            "privacy", "show", "diff"} <= set(commands)
    texts = dict(_help_texts())
    assert texts["simulate --pairs"].startswith("Units in a synthetic cohort")
    assert texts["validate --help"] == "Show this message and exit."
    from mentorcore.matching.solvers import SOLVERS  # --solver's text is written out: all named

    assert all(f"{name}: " in texts["match --solver"] for name in SOLVERS)


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_help_text_is_in_the_catalog_and_translated(code):
    """Extractable (in the template, so marked N_ in the code) and translated in the language:
    a help text written without N_, or left untranslated, fails here."""
    template = _catalog(LOCALE / "mentorcore.pot")
    catalog = _catalog(LOCALE / code / "LC_MESSAGES" / "mentorcore.po")
    not_extracted = sorted({where for where, text in _help_texts() if text not in template})
    assert not not_extracted, f"help texts not marked N_(…) for extraction: {not_extracted}"
    untranslated = sorted({where for where, text in _help_texts()
                           if not catalog.get(text) or catalog[text] == text})
    assert not untranslated, f"{code}: help texts not translated: {untranslated}"


def _words(text: str) -> str:
    return " ".join(text.split())


def _letters(text: str) -> str:
    """``text`` without whitespace: click wraps long lines, at hyphens too."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("code", "usage", "options"), [("fi", "Käyttö:", "Valitsimet:"),
                                                         ("sv", "Användning:", "Flaggor:")])
def test_every_command_shows_its_help_in_the_language(run, code, usage, options):
    """Each command's --help (the language before and after the command name) shows the
    translation of its own text and of every option's help, and click's words translated."""
    from mentorcore.i18n import translator

    gettext = translator(code)
    for name, command in _commands().items():
        before = run("--lang", code, *name.split(), "--help")
        after = run(*name.split(), "--help", "--lang", code)
        assert before.exit_code == 0 and after.exit_code == 0, (name, after.output)
        assert before.output == after.output, name
        shown = _words(before.output)
        assert shown.startswith(f"{usage} cli {name} "), name  # CliRunner's program name
        assert options in shown, name
        first = gettext(command.help or "").split("\n\n")[0]
        assert _letters(first) in _letters(shown), (name, first)
        assert _words((command.help or "").split("\n\n")[0]) not in shown, name
        for param in command.params:
            if isinstance(param, click.Option) and param.help and not param.hidden:
                assert _letters(gettext(param.help)) in _letters(shown), (name, param.opts)
        assert _words(gettext("Show this message and exit.")) in shown, name


def test_defaults_environment_variables_and_the_group_help_are_translated(run):
    finnish = _words(run("--lang", "fi", "--help").output)
    assert "[oletus: excel-fi; ympäristömuuttuja:" not in finnish  # click's order: env first
    assert "[ympäristömuuttuja: MENTORCORE_CSV_DIALECT]" in finnish
    assert "[oletus: excel-fi]" in finnish
    assert "Komennot:" in finnish
    assert "simulate Simuloi malli MALLI" in finnish  # the commands' short help too
    assert "Näytä versio ja lopeta." in finnish
    swedish = _words(run("simulate", "--help", "--lang", "sv").output)
    assert "[standard: table]" in swedish and "[default:" not in swedish


def test_the_locale_chooses_the_help_language_and_lang_wins(run, monkeypatch):
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    assert run("validate", "--help").output.startswith("Användning: cli validate")
    assert run("validate", "--help", "--lang", "fi").output.startswith("Käyttö: cli validate")
    assert run("--lang", "en", "validate", "--help").output.startswith("Usage: cli validate")
    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")  # LC_ALL before LANG
    assert run("--help").output.startswith("Käyttö: cli")
    monkeypatch.setenv("LANGUAGE", "sv")  # LANGUAGE before both
    assert run("--help").output.startswith("Användning: cli")


def test_lang_after_the_command_name_is_the_language_of_the_run(run):
    result = run("validate", "womento", "--lang", "fi")
    assert result.exit_code == 0
    assert "1 malli tarkistettu, 0 virheellistä; 0 virhettä, 0 varoitusta" in result.stderr
    wrong = run("validate", "womento", "--lang", "de")
    assert wrong.exit_code == 2
    assert "--lang: unknown language 'de' (choose one of: fi, sv, en) [E104]" in wrong.stderr
    # a document's --lang stays the document's: handbook in Swedish, help in Swedish too
    assert run("handbook", "--lang", "sv", "--help").output.startswith("Användning: cli handbook")


# -- the installed command and its help cache --------------------------------------------------

def _installed(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", **environ}
    return subprocess.run([installed_command(), *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_the_installed_command_shows_finnish_and_swedish_help(tmp_path):
    before = _installed("--lang", "fi", "simulate", "--help")
    assert before.returncode == 0, before.stderr
    assert before.stdout.startswith("Käyttö: mentorcore simulate [VALITSIMET] MALLI")
    assert "Simuloi malli MALLI" in before.stdout and "Valitsimet:" in before.stdout
    assert "--participants TIEDOSTO" in before.stdout and "--start VVVV-KK-PP" in before.stdout
    after = _installed("simulate", "--help", "--lang", "sv")
    assert after.returncode == 0, after.stderr
    assert after.stdout.startswith("Användning: mentorcore simulate [FLAGGOR] MODELL")
    assert "Simulera MODELL" in after.stdout and "Visa den här hjälpen och avsluta." in after.stdout
    assert "--set ID=VÄRDE" in after.stdout and "--start ÅÅÅÅ-MM-DD" in after.stdout


def test_the_help_cache_keeps_one_entry_per_language(tmp_path):
    """LANG=fi_FI.UTF-8 mentorcore --help: Finnish, the first time (click) and the second (the
    cache); another language is its own entry, never the Finnish one served again."""
    cache = {"XDG_CACHE_HOME": str(tmp_path)}
    first = _installed("--help", LANG="fi_FI.UTF-8", **cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Käyttö: mentorcore [VALITSIMET] KOMENTO [ARGUMENTIT]...")
    assert "Komennot:" in first.stdout
    assert len(list((tmp_path / "mentorcore").glob("help-*.txt"))) == 1
    second = _installed("--help", LANG="fi_FI.UTF-8", **cache)
    assert second.stdout == first.stdout
    swedish = _installed("--help", LANG="sv_FI.UTF-8", **cache)
    assert swedish.stdout.startswith("Användning: mentorcore") and "Kommandon:" in swedish.stdout
    english = _installed("--help", LANG="C.UTF-8", **cache)
    assert english.stdout.startswith("Usage: mentorcore") and "Commands:" in english.stdout
    assert _installed("--lang", "sv", "--help", LANG="fi_FI.UTF-8",
                      **cache).stdout == swedish.stdout
    entries = list((tmp_path / "mentorcore").glob("help-*.txt"))
    assert len(entries) == 4
    # each entry is renewed when a compiled catalog changes (its translations)
    import mentorcore

    installed = Path(mentorcore.__file__).parent / "locale"  # the catalogs the command reads
    mo = str(installed / "fi" / "LC_MESSAGES" / "mentorcore.mo")
    assert all(mo in entry.read_text("utf-8", "surrogateescape") for entry in entries)


# -- tables and summaries ----------------------------------------------------------------------

def test_simulate_table_in_finnish_and_swedish(run):
    from mentorcore.simulation.formats import FIGURE_LABELS

    english = run("simulate", "womento", "--pairs", "4").output
    finnish = run("--lang", "fi", "simulate", "womento", "--pairs", "4").output
    assert "simulated from" in english and "Workload per month" in english
    for heading in ("Vaiheet", "Luvut", "Työmäärä kuukausittain",
                    "Käytetyt oletukset (arvo, mistä se tulee)"):
        assert f"\n{heading}\n" in finnish, heading
    assert "suomalainen kalenteri; 4 paria (synteettinen)" in finnish
    assert re.search(r"\n  vaihe +laji +alkaa +päättyy +päiviä\n", finnish)
    assert re.search(r"\n  kuukausi +yksiköt +tapaamiset +tilaisuudet +työntekijät h", finnish)
    rows = {line.strip().rsplit("  ", 1)[0].strip() for line in finnish.splitlines()}
    assert "pidetyt tapaamiset" in rows
    assert not rows & set(FIGURE_LABELS.values()), "an English figure label in Finnish"
    swedish = run("simulate", "womento", "--pairs", "1", "--replications", "3", "--lang", "sv")
    assert "; 3 upprepningar: median (5:e–95:e percentilen)" in swedish.output
    assert "1 par (syntetisk)" in swedish.output
    assert "\nFaser (första upprepningen)\n" in swedish.output


def test_match_table_and_markdown_in_finnish_and_swedish(run):
    table = run("--lang", "fi", "match", "auroras-individual", str(PARTICIPANTS)).output
    assert "\nParit (2)\n" in table and "\nIlman paria (1)\n" in table
    # roles by the model's names in the language (Finnish: aktori, yksilömentori), not ids
    assert re.search(r"\n  aktori +yksilömentori +pisteet +perustelut\n", table)
    summary = table.rstrip("\n").splitlines()[-1]
    assert summary.startswith("aktori: 7, yksilömentori: 3, Auroras-verkoston työntekijä: 1; "
                              "2 paria; ilman paria: aktori 1, yksilömentori 0")
    assert "pisteet yhteensä 0, keskiarvo 0; paikkoja käytetty 2/2" in summary
    english = run("match", "auroras-individual", str(PARTICIPANTS)).output
    assert ("7 mentees (aktori), 3 individual mentors, 1 Auroras staff member; 2 pairs; "
            "unmatched: ") in english
    markdown = run("match", "auroras-individual", str(PARTICIPANTS), "--format", "md",
                   "--lang", "sv").output
    assert markdown.startswith("# Matchning: auroras-individual\n")
    # the model names its roles in English and Finnish only: Swedish falls back on English
    assert ("**Sammanfattning:** mentee (aktori): 7, individual mentor: 3, Auroras staff "
            "member: 1; 2 par;") in markdown
    assert ("## Par (2)\n\n| mentee (aktori) | individual mentor | poäng | grupp | skäl |"
            in markdown)
    assert "## Utan par (1)\n\n| id | roll | kandidater | skäl |" in markdown


def test_list_catalogue_and_plugins_in_finnish(run):
    listing = run("--lang", "fi", "list").output
    assert "womento" in listing and "Womento-työuramentorointi" in listing
    catalogue = run("catalogue", "--lang", "fi").output
    assert catalogue.startswith("# Mentorointiohjelmat") and "- **Tapaamiset:** " in catalogue
    plugins = run("plugins", "--lang", "fi").output
    assert plugins.startswith("laajennusrajapinta ")
    assert "mentorcore.builtins.kinds (sisäänrakennettu, " in plugins
    assert "    vaiheiden lajit: recruitment," in plugins and "): ok\n" in plugins
    assert "    phase kinds:" in run("plugins").output


@pytest.mark.parametrize(("code", "models", "expected"), [
    ("fi", ("womento",), "1 malli tarkistettu, 0 virheellistä; 0 virhettä, 0 varoitusta"),
    ("fi", ("womento", "missing.yaml"), "2 mallia tarkistettu, 1 virheellinen; 1 virhe, "
                                        "0 varoitusta"),
    ("fi", ("nope.yaml", "missing.yaml"), "2 mallia tarkistettu, 2 virheellistä; 2 virhettä, "
                                          "0 varoitusta"),
    ("sv", ("womento", "missing.yaml"), "2 modeller kontrollerade, 1 med fel; 1 fel, 0 varningar"),
    ("en", ("missing.yaml",), "1 model checked: 1 with errors; 1 error, 0 warnings"),
])
def test_the_validate_summary_has_each_count_in_its_own_plural(run, code, models, expected):
    result = run("--lang", code, "validate", *models)
    assert result.stderr.rstrip("\n").splitlines()[-1] == expected

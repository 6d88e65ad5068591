"""No English of the code in Finnish or Swedish output (issue 15, point 1): each command is run
as a coordinator would, under --lang fi and --lang sv, and every word of its output that only the
code's English messages use — a word of a message id that no translation of that language
contains — is a leak: a text written without _() (an f-string, a literal) that extraction never
sees, or a message shown before it is translated."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "mentorcore" / "locale"
DATA = ROOT / "tests" / "data"
WORD = re.compile(r"\b[a-z][a-z']{2,}\b")
NOT_PROSE = re.compile(  # code, options, ids, metavars, names and addresses in the output
    r"`[^`]*`|--?[\w-]+|\b\w+_\w+\b|\S+\.\S+|https?://\S+|\S+@\S+|'[^'\s]*'|\S*/\S*"
    r"|\w+(-\w+)+|\b[A-Z][A-Z_=.:]+\b")
DATA_WORDS = {"text", "boolean", "number", "integer", "date", "choice", "list", "liite"}
"""Words of the output that are data, not prose: field types, and Liite (an appendix in the
documents' own Finnish, quoted by the English messages)."""


@functools.cache
def _english_only(code: str) -> frozenset[str]:
    """The words of the code's English messages that no translation into ``code`` uses."""
    babel = pytest.importorskip("babel.messages.pofile")
    english: set[str] = set()
    translated: set[str] = set()
    with (LOCALE / code / "LC_MESSAGES" / "mentorcore.po").open("rb") as handle:
        for message in babel.read_po(handle):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in ids:
                english |= set(WORD.findall(NOT_PROSE.sub(" ", text).lower()))
            for text in strings:
                translated |= set(WORD.findall(text.lower()))
    return frozenset(english - translated - DATA_WORDS - _model_words())


@functools.cache
def _model_words() -> frozenset[str]:
    """The ids and kinds of the bundled models and the names the installed plugins provide:
    the output shows them as they are written (a phase ``orientation``, a criterion ``region``)."""
    from mentorcore.plugins import Registry, build_plugin_manager
    from tests.conftest import default_library

    library = default_library()
    words: set[str] = set()
    for model_id in library.ids():
        programme = library.load(model_id).programme
        for items in (programme.phases, programme.units, programme.roles, programme.events,
                      programme.forms, programme.reports,
                      programme.matching.rules if programme.matching else ()):
            for item in items:
                for attribute in ("id", "kind", "criterion"):
                    words |= set(WORD.findall(str(getattr(item, attribute, "")).lower()))
        if programme.participant_data is not None:  # its fields, by id
            for field in programme.participant_data.fields:
                words |= set(WORD.findall(field.id.lower()))
    registry = Registry(build_plugin_manager())
    for names in (registry.phase_kinds, registry.unit_kinds, registry.criteria):
        for name in names:
            words |= set(WORD.findall(name.lower()))
    return frozenset(words)


COMMANDS = {
    "list": ["list"],
    "simulate": ["simulate", "womento"],
    "simulate a camp": ["simulate", "kesalukio"],
    "simulate rolling": ["simulate", "monika"],
    "capacity": ["capacity", "womento", "--staff-hours", "40/month", "--replications", "20"],
    "compare": ["compare", "womento", "auroras-vaasa", "--replications", "20"],
    "match": ["match", str(DATA / "participants" / "pairs-model.yaml"),
              str(DATA / "participants" / "people.csv")],
    "match womento": ["match", "womento", str(DATA / "participants" / "womento.csv")],
    "track": ["track", "auroras-individual", "--units", str(DATA / "logs" / "auroras-units.csv"),
              "--log", str(DATA / "logs" / "auroras-log.csv"), "--today", "2020-12-31"],
    "handbook": ["handbook", "auroras-individual"],
    "forms": ["forms", "auroras-individual"],
    "privacy": ["privacy", "womento"],
    "plugins": ["plugins"],
    "catalogue": ["catalogue"],
    "validate": ["validate", "womento", "auroras-vaasa"],
}
"""The runs checked in Finnish: every bundled model has its texts in Finnish."""

SWEDISH = {
    "simulate": ["simulate", "auroras-vaasa"],
    "capacity": ["capacity", "auroras-vaasa", "--staff-hours", "40/month", "--replications",
                 "20"],
    "handbook": ["handbook", "auroras-vaasa"],
    "privacy": ["privacy", "auroras-vaasa"],
    "plugins": ["plugins"],
    "validate": ["validate", "womento", "auroras-vaasa"],
}
"""The runs checked in Swedish: of a model with its texts in Swedish too (a model's own text in
a language it does not declare falls back on another, by design)."""


def _leaks(text: str, code: str) -> list[str]:
    """Each English-only word of ``text``, with the first line it is on."""
    lines = [NOT_PROSE.sub(" ", line).lower() for line in text.splitlines()]
    return sorted(next(f"{word}: {line.strip()[:110]}" for line in lines
                       if re.search(rf"\b{word}\b", line))
                  for word in set(WORD.findall("\n".join(lines))) & _english_only(code))


@pytest.mark.parametrize(("code", "name"), [("fi", name) for name in COMMANDS]
                         + [("sv", name) for name in SWEDISH])
def test_no_english_of_the_code_in_the_output(run, name, code):
    result = run("--lang", code, *(COMMANDS if code == "fi" else SWEDISH)[name])
    assert result.exit_code in (0, 1), result.output
    assert _leaks(result.stdout + result.stderr, code) == []


@pytest.mark.parametrize("code", ["fi", "sv"])
@pytest.mark.parametrize("name", ["", *sorted({args[0] for args in COMMANDS.values()}),
                                  "diff", "new", "schema", "test"])
def test_no_english_of_the_code_in_the_help(run, name, code):
    result = run("--lang", code, *([name] if name else []), "--help")
    assert result.exit_code == 0
    assert _leaks(result.stdout, code) == []


def test_the_detector_finds_an_english_sentence():
    assert _leaks("100 %  the phase lasts about 8–10 month (units that ran to the end)", "fi")
    assert _leaks("vaihe kestää noin 8–10 kuukautta", "fi") == []


# -- what the word scan above cannot see: metavars, the version, phase kinds, CSV headers --------

METAVAR = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*(?:[ =|./:-]+[A-Z0-9a-z]+)*)(?![\w-])")


@functools.cache
def _catalog(code: str) -> dict[tuple[str | None, str], str]:
    """``(context, msgid)`` → translation, of the catalog of ``code``."""
    babel = pytest.importorskip("babel.messages.pofile")
    with (LOCALE / code / "LC_MESSAGES" / "mentorcore.po").open("rb") as handle:
        return {(m.context, m.id): m.string for m in babel.read_po(handle)
                if m.id and isinstance(m.id, str)}


def _english_metavars() -> dict[str, set[str]]:
    """Every command's metavars in English, as click makes them (a choice's values, which the
    user types, aside; ``[FILES]...`` → ``FILES``): the group's, the built-in commands' and
    those of every command a plugin adds, by command name."""
    import click

    from mentorcore import i18n
    from mentorcore.cli import cli

    previous = i18n.use("en")
    try:
        context = click.Context(cli, info_name="mentorcore")
        found: dict[str, set[str]] = {}
        commands = [("", cli)] + [(name, cli.get_command(context, name))
                                  for name in cli.list_commands(context)]
        for name, command in commands:
            assert command is not None
            sub = click.Context(command, info_name=name, parent=context)
            for param in command.get_params(sub):
                if isinstance(param.type, click.Choice) or getattr(param, "is_flag", False) \
                        or getattr(param, "hidden", False) or (
                            isinstance(param, click.Option) and param.metavar is None
                            and isinstance(param.type, click.Path)):
                    continue  # an option's path type: click's own 'file', 'directory'…
                metavar = param.make_metavar(sub).removesuffix("...")
                found.setdefault(name, set()).add(metavar.strip("[]"))
        return found
    finally:
        i18n.use(previous)


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_metavar_of_every_command_is_translated(code):
    """MODEL, FILE, YYYY-MM-DD, ID=VALUE: each one of each command in the catalog and
    translated (click's type names too, INTEGER; an option's path type without a metavar is
    named by click's own message ids 'file', 'directory')."""
    catalog = _catalog(code)
    missing = sorted({metavar for metavars in _english_metavars().values()
                      for metavar in metavars
                      if not (catalog.get((None, metavar))
                               or catalog.get((None, metavar + "...")))})
    assert missing == []


@pytest.mark.parametrize("code", ["fi", "sv"])
@pytest.mark.parametrize("name", ["", *sorted({args[0] for args in COMMANDS.values()}),
                                  "diff", "new", "schema", "show", "test"])
def test_the_help_names_the_metavars_in_the_language_of_the_run(run, name, code):
    """The usage line, the options, and the help texts that refer to them (\"Simuloi malli
    MALLI\"): no metavar is left in English where the language has its own word for it."""
    catalog = _catalog(code)
    english = _english_metavars()[name] | {"MODEL", "MODELS", "FILE", "FILES", "ID=VALUE"}
    own = {m for m in english if catalog.get((None, m), m) != m}
    result = run("--lang", code, *([name] if name else []), "--help")
    assert result.exit_code == 0
    words = {match.group(1) for match in METAVAR.finditer(result.stdout)}
    assert sorted(words & own) == []
    for metavar in _english_metavars()[name] & own:  # each shown as the catalog words it
        assert catalog[(None, metavar)] in result.stdout


@pytest.mark.parametrize(("args", "variables", "code"), [
    (("--lang", "fi"), {}, "fi"), (("--lang", "sv"), {"LANG": "fi_FI.UTF-8"}, "sv"),
    ((), {"LANG": "fi_FI.UTF-8"}, "fi"), ((), {"LC_ALL": "sv_FI.UTF-8", "LANG": "fi_FI"}, "sv"),
    ((), {"LANGUAGE": "fi", "LANG": "sv_FI.UTF-8"}, "fi"),
])
def test_the_version_speaks_the_language_of_the_run(args, variables, code):
    """The installed command's quick answer (no click, no catalog of click's), in the words of
    the catalogs: --lang before the flag, else LANGUAGE, LC_ALL, LANG."""
    import os
    import subprocess

    from mentorcore.version import __version__
    from tests.test_cli import installed_command

    message = _catalog(code)[(None, "%(prog)s, version %(version)s")]
    env = {key: value for key, value in os.environ.items()
           if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([installed_command(), *args, "--version"], capture_output=True,
                          text=True, timeout=60, env={**env, **variables,
                                                     "MENTORCORE_NO_CACHE": "1"})
    assert done.stdout == message % {"prog": "mentorcore", "version": __version__} + "\n"


def _phase_rows(output: str, heading: str, column: str) -> list[tuple[str, str]]:
    """The (phase, kind) cells of the simulate table's phases, read by the columns' places."""
    lines = output.splitlines()
    start = lines.index(heading) + 1
    header = lines[start]
    kind_at = header.index(column)
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append((line[:kind_at].strip(), line[kind_at:].split("  ")[0].strip()))
    return rows


@pytest.mark.parametrize(("code", "model", "heading", "column"), [
    ("fi", "kesalukio", "Vaiheet", "laji"), ("fi", "womento", "Vaiheet", "laji"),
    ("sv", "auroras-vaasa", "Faser", "typ"), ("sv", "kesalukio", "Faser", "typ"),
])
def test_the_simulate_table_names_phases_and_kinds_in_the_language(run, code, model, heading,
                                                                   column, registry):
    """The kind column shows each kind's label (a plugin's from its own catalog: the camp's
    'leiri'), the phase column the phase's name, as the handbook does; JSON keeps the ids."""
    from mentorcore.words import Words
    from tests.conftest import default_library

    programme = default_library().programme(model)
    result = run("--lang", code, "simulate", model)
    assert result.exit_code == 0, result.output
    words = Words(code)
    expected = [(phase.name.get(code) if phase.name else phase.id,
                 words.phase_kind(phase.kind, registry)) for phase in programme.phases]
    assert _phase_rows(result.stdout, heading, column) == expected
    assert all(label != phase.kind for (_name, label), phase in zip(expected, programme.phases,
                                                                    strict=True))
    import json

    data = json.loads(run("--lang", code, "simulate", model, "--format", "json").stdout)
    assert [p["kind"] for p in data["phases"]] == [p.kind for p in programme.phases]


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_phase_kind_installed_has_a_label_in_finnish_and_swedish(registry, code):
    """The built-in kinds from the catalogs, the first-party plugins' from their own; a kind
    nobody labels (a third party's) is shown by its name."""
    from mentorcore.kinds import PhaseKind
    from mentorcore.words import Words

    words = Words(code)
    assert sorted(kind for kind in registry.phase_kinds
                  if words.phase_kind(kind, registry) == kind) == []
    assert Words("en").phase_kind("follow_up", registry) == "follow-up"
    assert words.phase_kind("retreat", registry) == "retreat"  # unknown: its id
    assert PhaseKind(name="x", rank=None, description="", labels=lambda k, lang: "y").labels


def _header(text: str) -> list[str]:
    from tests.conftest import csv_rows

    return csv_rows(text)[0]


CSV_RUNS = {
    "simulate": (["simulate", "womento", "--format", "csv"],
                 ["date", "type", "unit", "phase", "event", "exit", "report", "assumption",
                  "value", "origin"]),
    "match": (["match", str(DATA / "participants" / "pairs-model.yaml"),
               str(DATA / "participants" / "people.csv"), "--format", "csv"],
              ["record", "group", "id_1", "role_1", "id_2", "role_2", "score", "reasons"]),
    "end reports": (["simulate", "auroras-individual", "--format", "end-reports"],
                    ["unit", "mentor", "mentee", "reported_on", "ended", "meetings", "themes"]),
}
"""The CSV files mentorcore writes whose header is its own (forms and the blank log take the
model's labels): the English header, the column ids docs/ list."""


@pytest.mark.parametrize("name", sorted(CSV_RUNS))
def test_the_header_row_of_a_csv_is_in_the_language_of_the_run(run, name):
    """A coordinator opens these in Excel: the header row in Finnish or Swedish, the ids in
    English; no cell of the header stays the English id."""
    args, english = CSV_RUNS[name]
    assert _header(run("--lang", "en", *args).stdout) == english
    for code in ("fi", "sv"):
        result = run("--lang", code, *args)
        assert result.exit_code == 0, result.output
        header = _header(result.stdout)
        assert len(header) == len(english)
        assert [cell for cell, id_ in zip(header, english, strict=True) if cell == id_] == []


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_the_blank_log_in_finnish_or_swedish_reads_back_in_track(run, tmp_path, code):
    """The meeting log forms --log writes (its header in the language) is what track reads: the
    same rows under the Finnish or Swedish header give the status they give under the English
    one."""
    import json

    units = tmp_path / "units.csv"
    units.write_text("unit,mentor,mentee\npair-1,m1,e1\n", encoding="utf-8")
    status = {}
    for language, meeting in (("en", "meeting"), (code, {"fi": "tapaaminen", "sv": "möte"}[code])):
        blank = run("forms", "auroras-individual", "--log", "--lang", language).stdout
        assert blank.split(";")[0].lstrip("\ufeff") == {"en": "Unit", "fi": "Yksikkö",
                                                          "sv": "Enhet"}[language]
        log = tmp_path / f"log-{language}.csv"
        log.write_text(blank.lstrip("\ufeff") + "pair-1;2027-01-07;start-meeting;;;;;;;;\r\n"
                       f"pair-1;2027-01-21;{meeting};;;;;;;;\r\n"
                       f"pair-1;2027-02-04;{meeting};;;;;;;;\r\n", encoding="utf-8-sig")
        result = run("track", "auroras-individual", "--units", str(units), "--log", str(log),
                     "--today", "2027-02-10", "--format", "json")
        assert result.exit_code == 0, result.output
        status[language] = json.loads(result.stdout)["units"]
    assert status[code] == status["en"] and status["en"][0]["meetings"] >= 2


def test_the_sweep_csv_is_the_same_fixed_format_in_every_language(run):
    """simulate --sweep --format csv is for programs (docs/planning.md): the column ids, ','
    and a decimal point under --lang fi and sv too (it wrote Finnish decimal commas)."""
    args = ["simulate", "womento", "--sweep", "dropout_rate=0..0.1:0.1", "--replications", "3",
            "--format", "csv"]
    english = run("--lang", "en", *args).stdout
    assert english.startswith("dropout_rate,units,units_mean,")
    assert run("--lang", "fi", *args).stdout == english
    assert run("--lang", "sv", *args).stdout == english


# -- ids where a label is expected: every bundled model, in every output a coordinator reads ------

MODELS = sorted(p.stem for p in (ROOT / "program_models").glob("*.yaml"))
ORIGINS = {"model", "default", "override"}
REFERS_TO = {"phase", "event", "exit", "report"}


def _simulated(run, tmp_path, code: str, model: str, fmt: str) -> bytes:
    out = tmp_path / f"{model}-{code}.{fmt}"
    result = run("--lang", code, "simulate", model, "--pairs", "6", "--seed", "3", "--start",
                 "2027-01-04", "--format", fmt, "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _sheet(data: bytes, index: int) -> list[tuple]:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return list(book.worksheets[index].iter_rows(values_only=True))


@functools.cache
def _enumerations(model: str) -> dict[str, set[str]]:
    """The ids of a simulated run's enumerations, from its JSON (which keeps them): event types,
    unit kinds, how units ended."""
    import json

    from click.testing import CliRunner

    from mentorcore.cli import cli

    data = json.loads(CliRunner().invoke(cli, [
        "simulate", model, "--pairs", "6", "--seed", "3", "--start", "2027-01-04",
        "--format", "json"]).stdout)
    return {"types": {e["type"] for e in data["events"]} | {"assumption"},
            "kinds": {u["kind"] for u in data["units"]},
            "ended": {u["ended"] for u in data["units"]}}


@pytest.mark.parametrize("code", ["fi", "sv"])
@pytest.mark.parametrize("model", MODELS)
def test_no_id_where_a_coordinator_reads_a_label(run, tmp_path, model, code, registry):
    """Under --lang fi and sv, each place where a name or label exists shows it, not the id: a
    phase in the catalogue's durations and in simulate's notes by its name (as the handbook
    names it), the enumerations of the timeline CSV (type, origin) and of the workbook (a unit's
    kind and how it ended, a row's type and what it refers to) by their labels, the record of
    processing's data subjects by their names. The model's own ids in id columns (unit, phase,
    event, exit rule) are legitimate and not looked at."""
    from tests.conftest import csv_rows, default_library

    programme = default_library().programme(model)
    named = {p.id: p.name.get(code) for p in programme.phases
             if p.name is not None and p.name.get(code) != p.id}
    ids = _enumerations(model)

    catalogue = run("--lang", code, "catalogue").stdout
    section = catalogue.split(f"## {programme.name.get(code)}\n", 1)[1].split("\n## ", 1)[0]
    timed = [p for p in programme.phases if p.duration is not None]
    if len(timed) > 1:
        (duration,) = [line for line in section.splitlines() if line.startswith("- **")
                       and any(f"{named.get(p.id, p.id)}: " in line for p in timed)]
        assert [p.id for p in timed if f"({p.id})" in duration] == [], duration

    table = run("--lang", code, "simulate", model, "--pairs", "6", "--seed", "3").stdout
    notes = [line for line in table.splitlines() if line.startswith(("huom.:", "obs:"))]
    assert [(phase, note) for note in notes for phase in named if f"'{phase}'" in note] == []

    rows = csv_rows(_simulated(run, tmp_path, code, model, "csv").decode("utf-8"))[1:]
    assert {row[1] for row in rows} & ids["types"] == set()
    assert {row[9] for row in rows if row[9]} & ORIGINS == set()

    workbook = _simulated(run, tmp_path, code, model, "xlsx")
    units = _sheet(workbook, 4)[1:]
    assert {row[1] for row in units} & ids["kinds"] == set()
    assert {row[9] for row in units} & ids["ended"] == set()
    timeline = _sheet(workbook, 5)[1:]
    assert {row[1] for row in timeline} & ids["types"] == set()
    assert {row[3] for row in timeline if row[3]} & REFERS_TO == set()
    assert {row[2] for row in _sheet(workbook, 3)[1:]} & ORIGINS == set()
    from mentorcore.simulation.formats import FIGURE_LABELS

    # the figures by their labels in the language, as the table names them
    assert {row[0] for row in _sheet(workbook, 0)[1:]} & set(FIGURE_LABELS.values()) == set()

    record = run("--lang", code, "privacy", model).stdout
    subjects = next((line for line in record.splitlines()
                     if line.startswith(("Rekisteröidyt:", "Registrerade:"))), "")
    assert [r.id for r in programme.roles if f"({r.id})" in subjects] == [], subjects


def test_english_spreadsheets_keep_the_ids_of_the_csv_and_label_the_workbook(run, tmp_path):
    """English: the timeline CSV is its documented form (the ids: ``phase_start``, ``model``),
    the workbook is for people in every language (``phase starts``, ``from the model``)."""
    from tests.conftest import csv_rows

    ids = _enumerations("kesalukio")
    rows = csv_rows(_simulated(run, tmp_path, "en", "kesalukio", "csv").decode("utf-8"))[1:]
    assert {row[1] for row in rows} == ids["types"]
    assert {row[9] for row in rows if row[9]} <= ORIGINS
    workbook = _simulated(run, tmp_path, "en", "kesalukio", "xlsx")
    assert "phase starts" in {row[1] for row in _sheet(workbook, 5)[1:]}
    assert "from the model" in {row[2] for row in _sheet(workbook, 3)[1:]}


RECORDS = {"pair", "leader", "member", "unmatched", "not_eligible", "not_matched", "requirement"}


@pytest.mark.parametrize("code", ["en", "fi", "sv"])
def test_the_row_kinds_of_the_match_csv_are_labels_under_finnish_and_swedish(run, code):
    """match --format csv: the first column says what a row is — a label under fi and sv
    (``pari``, ``ilman paria`` / ``par``, ``utan par``), its id in English (docs/matching.md);
    the people's ids and roles are the list's own in every language."""
    from tests.conftest import csv_rows

    kinds: set[str] = set()
    roles: set[str] = set()
    for model in ("womento", "matkalla-tyoelamaan", "kesalukio"):
        result = run("--lang", code, "match", model,
                     str(DATA / "participants" / f"{model}.csv"), "--format", "csv")
        assert result.exit_code == 0, result.output
        rows = csv_rows(result.stdout)[1:]
        kinds |= {row[0] for row in rows}
        roles |= {row[3] for row in rows if row[0] in (RECORDS | {"pari", "par"})}
    if code == "en":
        assert kinds <= RECORDS and "pair" in kinds
    else:
        assert kinds & RECORDS == set() and len(kinds) >= 3, kinds
    assert roles <= {"mentor", "mentee", "staff"}


@pytest.mark.parametrize("code", ["en", "fi", "sv"])
def test_simulate_s_help_names_the_origins_as_its_table_prints_them(run, code):
    """One meaning, one wording: the help says where an assumption's value comes from in the
    words of the table's last column (``from the model``, not the JSON's ``model``)."""
    from mentorcore.i18n import use
    from mentorcore.simulation.wording import origin_label

    help_text = " ".join(run("--lang", code, "simulate", "--help").stdout.split())
    previous = use(code)
    try:
        labels = [origin_label(origin) for origin in ("model", "default", "override")]
    finally:
        use(previous)
    assert "(" + ", ".join(labels) + ")" in help_text, help_text


def test_the_installed_command_writes_the_timeline_csv_s_labels_under_a_finnish_locale():
    """As a coordinator runs it (LANG=fi_FI, no --lang): the type and origin cells in Finnish
    (the camp plugin's 'leiripäivä' too: it was asked for English), the model's ids (units,
    phases) as they are; the table names the programme and its phases in Finnish."""
    import os
    import subprocess

    from tests.conftest import csv_rows
    from tests.test_cli import installed_command

    env = {key: value for key, value in os.environ.items()
           if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([installed_command(), "simulate", "kesalukio", "--pairs", "3",
                           "--seed", "1", "--start", "2027-01-04", "--format", "csv"],
                          capture_output=True, text=True, timeout=120, check=True,
                          env={**env, "LANG": "fi_FI.UTF-8"})
    rows = csv_rows(done.stdout)
    types = {row[1] for row in rows[1:]}
    assert {"oletus", "vaihe alkaa", "tapaaminen", "leiripäivä"} <= types, types
    assert {"phase_start", "meeting", "camp_day"} & types == set()
    assert {row[9] for row in rows[1:] if row[9]} <= {"mallista", "simulaation oletus",
                                                       "asetettu tälle ajolle"}
    assert {row[3] for row in rows[1:] if row[3]} == {"camp", "mentoring"}  # phase ids stay
    table = subprocess.run([installed_command(), "simulate", "kesalukio", "--pairs", "3"],
                           capture_output=True, text=True, timeout=120, check=True,
                           env={**env, "LANG": "fi_FI.UTF-8"}).stdout
    # the model's own texts follow the locale as the messages do (they were English)
    assert table.startswith("Kesälukio (kesalukio)\n") and "kesälukio (leiri)  leiri" in table


# -- match: roles by their names, the unit and the solver by labels (issue 15, point 1) -------

MATCHED = sorted(p.stem for p in (ROOT / "program_models").glob("*.yaml")
                 if (DATA / "participants" / f"{p.stem}.csv").exists()
                 and "\nmatching:" in p.read_text(encoding="utf-8"))
"""The bundled models that match, each with a participant list in tests/data."""


def _labels(code: str, result: dict) -> tuple[str, str]:
    """The solver's label and the unit's name or kind label in ``code``, as match shows them."""
    from mentorcore.i18n import use
    from mentorcore.matching.formats import solver_label
    from mentorcore.simulation.wording import unit_kind_label
    from tests.conftest import default_library

    unit = default_library().programme(result["model"]).get("units", result["unit"])
    previous = use(code)
    try:
        return solver_label(result["solver"]), (unit.name.get(code) if unit.name is not None
                                                else unit_kind_label(unit.kind))
    finally:
        use(previous)


@pytest.mark.parametrize("code", ["fi", "sv"])
@pytest.mark.parametrize("model", MATCHED)
def test_match_names_roles_units_and_solvers_where_people_read_them(run, tmp_path, model, code):
    """Under fi and sv, match's table, Markdown and workbook name each role by the model's name
    for it in that language — the columns of the pairs, the counts of the summary, a person's
    role beside her id, the requirements — and the unit and the solver by their labels in the
    heading, not by the ids the JSON keeps (``mentee: 10``, ``yksiköt (pair)``, ``ratkaisija
    optimal`` before). A role whose name contains its id as a word (``individual mentor``) is
    not looked for."""
    import json

    from tests.conftest import default_library

    programme = default_library().programme(model)
    people = str(DATA / "participants" / f"{model}.csv")
    result = json.loads(run("--lang", code, "match", model, people, "--format", "json").stdout)
    solver, unit = _labels(code, result)
    ids = [r.id for r in programme.roles if r.name is not None
           and not re.search(rf"\b{re.escape(r.id)}\b", r.name.get(code))]
    table = run("--lang", code, "match", model, people).stdout
    heading, summary = table.splitlines()[0], table.rstrip("\n").splitlines()[-1]
    assert f": {unit};" in heading and f": {solver} (" in heading, heading
    if not re.search(rf"\b{re.escape(result['unit'])}\b", unit):  # a fallback may say it
        assert f"({result['unit']})" not in heading and f" {result['unit']};" not in heading
    if solver != result["solver"]:
        assert f" {result['solver']} " not in heading, heading
    said = [line for line in table.splitlines()[1:-1] if re.match(r"  \S+ \(", line)]
    markdown = run("--lang", code, "match", model, people, "--format", "md").stdout
    out = tmp_path / f"{model}.xlsx"
    assert run("--lang", code, "match", model, people, "--out", str(out), "--format", "xlsx",
               "--force").exit_code == 0
    labels = " ".join(str(row[0]) for row in _sheet(out.read_bytes(), 0)[1:])
    for role in ids:
        word = rf"(?<![\w'-]){re.escape(role)}(?![\w'-])"  # not inside an id (wants-mentor)
        assert not re.search(word, summary), (role, summary)
        assert not [line for line in said if re.search(rf"\({re.escape(role)}\)", line)], role
        assert not re.search(word, markdown.split("\n## ", 1)[0]), role  # heading, summary
        assert not re.search(rf"\| {re.escape(role)} \|", markdown), role
        assert not re.search(word, labels), (role, labels)
    assert result["solver"] in {"optimal", "stable", "reciprocal", "split"}  # JSON: the ids
    assert {m for m in result["summary"]["participants"]} <= {r.id for r in programme.roles}


def test_match_in_english_names_roles_by_the_model_s_english_names(run):
    """English: the model's English names where it gives them (``individual mentor``), in the
    plural where counted (``7 mentees (aktori)``, not ``7 mentee (aktori)s``)."""
    table = run("match", "auroras-individual",
                str(DATA / "participants" / "auroras-individual.csv")).stdout
    assert table.splitlines()[0].startswith("auroras-individual: units: mentor–mentee pair; "
                                            "solver: optimal (seed 0)")
    summary = table.rstrip("\n").splitlines()[-1]
    assert summary.startswith("7 mentees (aktori), 3 individual mentors, 1 Auroras staff "
                              "member; "), summary


# -- track: dates as the language writes them (issue 15, point 1) -----------------------------

ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
TRACK = ["track", "auroras-individual", "--units", str(DATA / "logs" / "auroras-units.csv"),
         "--log", str(DATA / "logs" / "auroras-log.csv"), "--today", "2027-12-31"]


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_track_writes_dates_as_finnish_and_swedish_write_them(run, tmp_path, code):
    """Under fi and sv every human-readable output of track — the table, the HTML page, the
    workbook's text cells, the reports in Markdown and HTML — writes a date as 31.12.2027 (it
    wrote 2027-12-31); JSON keeps ISO."""
    outputs = {fmt: run("--lang", code, *TRACK, "--format", fmt).stdout
               for fmt in ("table", "html")}
    outputs |= {f"reports {fmt}": run("--lang", code, *TRACK, "--reports", "--format", fmt).stdout
                for fmt in ("md", "html")}
    out = tmp_path / "status.xlsx"
    assert run("--lang", code, *TRACK, "--format", "xlsx", "--out", str(out)).exit_code == 0
    outputs["xlsx"] = "\n".join(str(cell) for index in (0, 1)
                                for row in _sheet(out.read_bytes(), index) for cell in row
                                if isinstance(cell, str))
    for fmt, text in outputs.items():
        assert "31.12.2027" in text or fmt == "xlsx" and "9.3.2027" in text, fmt
        assert ISO_DATE.findall(text) == [], (fmt, ISO_DATE.findall(text)[:3])
    for args in ([], ["--reports"]):
        assert ISO_DATE.search(run("--lang", code, *TRACK, *args, "--format", "json").stdout)


def test_track_writes_iso_dates_in_english(run):
    table = run(*TRACK).stdout
    assert "status on 2027-12-31" in table and "2027-03-09" in table


# -- quantities in words: plural-aware in every language (issue 15, point 1) ------------------

SINGULAR_UNIT = re.compile(r"\b(?:[02-9]|\d\d+)(?:–\d+)? (?:day|week|month|year|meeting|person)"
                           r"\b(?!s)")


@pytest.mark.parametrize("model", MODELS)
def test_simulate_s_notes_count_units_in_the_plural(run, model):
    """A duration in simulate's notes reads "(6 months)" (it read "(6 month)", the unit's id
    after the number: matkalla-tyoelamaan's whole process); likewise every quantity of a note
    in English, and in Finnish by the plural forms of the catalogs ("6 kuukautta")."""
    english = run("simulate", model, "--pairs", "6", "--seed", "3").stdout
    notes = [line for line in english.splitlines() if line.startswith("note:")]
    assert [note for note in notes if SINGULAR_UNIT.search(note)] == []
    if model == "matkalla-tyoelamaan":
        assert any("(6 months)" in note for note in notes), notes
        finnish = run("--lang", "fi", "simulate", model, "--pairs", "6", "--seed", "3").stdout
        assert "(6 kuukautta)" in finnish


# -- the units file's headers in the help (issue 15, point 1) ---------------------------------

@pytest.mark.parametrize("code", ["en", "fi", "sv"])
@pytest.mark.parametrize(("command", "option"), [("simulate", "--participants"),
                                                 ("track", "--units")])
def test_the_help_says_a_units_file_takes_the_headers_in_every_language(run, code, command,
                                                                        option):
    """simulate --participants and track --units accept a role's name in any language of the
    model and Yksikkö/Enhet, Ryhmä/Grupp (ec7ffb3): their help says so, in each language."""
    lines = run("--lang", code, command, "--help").stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith(option + " "))
    end = next(k for k in range(start + 1, len(lines)) if lines[k].lstrip().startswith("-"))
    said = " ".join(" ".join(lines[start:end]).split())
    assert "Yksikkö/Enhet" in said and "Ryhmä/Grupp" in said, said
    assert {"en": "name in any language", "fi": "millä tahansa mallin kielellä",
            "sv": "på något av modellens språk"}[code] in said, said

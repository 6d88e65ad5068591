"""The fault matrix: plugins failing in every hook, each way, run through the installed
``mentorcore`` command as a subprocess. Each faulty plugin is disabled for the run with one
warning that names it and the hook; every command that does not need it works, and standard
output stays valid JSON whatever a plugin prints; ``--strict-plugins`` reports every failure,
then fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

REGISTER_HOOKS = {
    "register_models": "Path('.')",
    "register_phase_kinds": "PhaseKind(name='visit', rank=40, description='d')",
    "register_unit_kinds": "UnitKind(name='trio', description='d', members=3)",
    "register_criteria": "Criterion(name='same_town', description='d')",
    "register_checks": "Check(id='W101', name='c', severity=Severity.WARNING, summary='s', "
                       "function=lambda programme, registry: iter(()))",
    "register_renderers": "Renderer(name='fx', target='simulation', description='d', "
                          "render=lambda result, options: '')",
    "register_sections": "Section(name='extra', title='Extra', render=lambda context: 'x')",
    "register_phase_behaviours": "PhaseBehaviour(kind='visit', description='d')",
    "register_intakes": "Intake(entry='waves', description='d', starts=lambda context: 0)",
    "register_schedule_adjusters": "ScheduleAdjuster(name='a', description='d', "
                                   "adjust=lambda schedule, context: schedule)",
    "register_meeting_handlers": "MeetingHandler(name='h', description='d', "
                                 "handle=lambda meeting: None)",
}
FAULTS = {
    # each: the body of the hook implementation, and what the warning says
    "raises": ("    print('noise on stdout')\n    raise RuntimeError('boom')\n",
               "RuntimeError: boom"),
    "exits": ("    import sys\n    sys.exit(0)\n", "it called sys.exit(0)"),
    "interrupts": ("    raise GeneratorExit()\n", "GeneratorExit"),
    "wrong_type": ("    register('not a thing')\n", "registered str 'not a thing'"),
    "returns": ("    return [{item}]\n", "instead of calling register"),
    "hangs": ("    import time\n    time.sleep(30)\n", "did not finish"),
}
HEADER = """\
from pathlib import Path
from mentorcore.plugin_api import (Check, Criterion, Intake, MeetingHandler, PhaseBehaviour,
    PhaseKind, Renderer, ScheduleAdjuster, Section, Severity, UnitKind, hookimpl)
import click
"""
RUNTIME = {
    # plugin code a command calls: (source, command, expected exit, what the message says)
    "check_raises": ("""
def explode(programme, registry):
    raise ValueError('bad check')
    yield

@hookimpl
def register_checks(register):
    register(Check(id='W101', name='x', severity=Severity.WARNING, summary='s',
                   function=explode))
""", "validate", 0, "plugin 'check_raises' ({file}) failed in check check_raises/W101 "
                    "(check_raises.explode): ValueError: bad check"),
    "check_yields_str": ("""
def wrong(programme, registry):
    yield 'a string'

@hookimpl
def register_checks(register):
    register(Check(id='W102', name='x', severity=Severity.WARNING, summary='s',
                   function=wrong))
""", "validate", 0, "check check_yields_str/W102 (check_yields_str.wrong) yielded str "
                    "'a string', not a Finding"),
    "check_bad_path": ("""
from mentorcore.plugin_api import Finding

def wrong(programme, registry):
    yield Finding(path=('phases', 7, 'kind'), message='m')

@hookimpl
def register_checks(register):
    register(Check(id='W103', name='x', severity=Severity.WARNING, summary='s',
                   function=wrong))
""", "validate", 0, "yielded a Finding whose path ('phases', 7, 'kind') is not a path in the "
                    "model"),
    "renderer_none": ("""
@hookimpl
def register_renderers(register):
    register(Renderer(name='nothing', target='simulation', description='d',
                      render=lambda result, options: None))
""", "simulate --format nothing", 1, "format nothing (renderer_none.register_renderers."
                                     "<locals>.<lambda>) returned NoneType, not text"),
    "renderer_exits": ("""
def leave(result, options):
    import sys
    sys.exit(0)

@hookimpl
def register_renderers(register):
    register(Renderer(name='leave', target='simulation', description='d', render=leave))
""", "simulate --format leave", 1, "plugin 'renderer_exits' ({file}) failed in format leave "
                                   "(renderer_exits.leave): it called sys.exit(0)"),
    "command_raises": ("""
@click.command(name='fx-command')
def fx_command():
    raise RuntimeError('command broke')

@hookimpl
def register_commands(cli):
    cli.add_command(fx_command)
""", "fx-command", 1, "plugin 'command_raises' ({file}) failed in command fx-command "
                      "(command_raises.fx_command): RuntimeError: command broke"),
    "command_collides": ("""
@click.command(name='validate')
def validate():
    pass

@hookimpl
def register_commands(cli):
    cli.add_command(validate)
""", "validate", 0, "plugin 'command_collides' ({file}) registers the command 'validate', "
                    "which plugin 'mentorcore.commands.models' already provides"),
    "criterion_collides": ("""
@hookimpl
def register_criteria(register):
    register(Criterion(name='region', description='ours'))
""", "plugins", 0, "registers the criterion 'region', which plugin "
                    "'mentorcore.builtins.kinds' already provides"),
    "api_too_new": ("""
MENTORCORE_PLUGIN_API = '>=9,<10'

@hookimpl
def register_criteria(register):
    register(Criterion(name='future', description='d'))
""", "validate", 0, "plugin 'api_too_new' ({file}) supports the plugin API >=9,<10, and this "
                    "mentorcore provides"),
}


def mentorcore(*args: str, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = shutil.which("mentorcore", path=os.path.dirname(sys.executable))
    assert command, "the installed mentorcore command"
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MENTORCORE_PLUGIN_TIMEOUT": "2",
                               "MENTORCORE_NO_CACHE": "1", **(env or {})}, cwd=cwd)


def _matrix(directory: Path) -> dict[str, tuple[str, str]]:
    """One plugin file per hook and fault: name → (hook, what its warning says)."""
    cases = {}
    for hook, item in REGISTER_HOOKS.items():
        for fault, (body, says) in FAULTS.items():
            if fault == "hangs" and hook not in ("register_criteria", "register_checks"):
                continue  # each hang costs the time limit in every run
            name = f"f_{hook.removeprefix('register_')}_{fault}"
            (directory / f"{name}.py").write_text(
                HEADER + f"\n@hookimpl\ndef {hook}(register):\n" + body.format(item=item))
            if hook == "register_models" and fault == "wrong_type":  # a str is a path
                says = "'not a thing' is neither a directory nor a .yaml file"
            cases[name] = (hook, says)
    name = "f_commands_raises"
    (directory / f"{name}.py").write_text(
        HEADER + "\n@hookimpl\ndef register_commands(cli):\n" + FAULTS["raises"][0])
    cases[name] = ("register_commands", "RuntimeError: boom")
    (directory / "f_import_raises.py").write_text("raise ImportError('no such module')\n")
    cases["f_import_raises"] = ("import", "ImportError: no such module")
    (directory / "f_import_exits.py").write_text("import sys\nprint('x')\nsys.exit(3)\n")
    cases["f_import_exits"] = ("import", "it called sys.exit(3)")
    (directory / "f_import_hangs.py").write_text("import time\ntime.sleep(30)\n")
    cases["f_import_hangs"] = ("import", "did not finish import within 2 s")
    return cases


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, str]]]:
    directory = tmp_path_factory.mktemp("faulty")
    return directory, _matrix(directory)


def test_every_faulty_plugin_is_named_once_and_the_rest_works(matrix):
    directory, cases = matrix
    listing = mentorcore("--plugins-dir", str(directory), "plugins", "--format", "json")
    assert listing.returncode == 0, listing.stderr[-3000:]
    rows = {row["name"]: row for row in json.loads(listing.stdout)}  # stdout: valid JSON
    for name, (hook, says) in cases.items():
        row = rows[name]
        assert row["status"] == "failed", (name, row)
        assert f"plugin '{name}' ({directory / name}.py)" in row["reason"], row["reason"]
        assert hook in row["reason"] and says in row["reason"], (name, row["reason"])
        assert listing.stderr.count(f"plugin '{name}' (") == 1, name
        assert f"--disable-plugin {name}" in listing.stderr
    assert "noise on stdout" in listing.stderr           # what plugins print goes to stderr
    assert rows["mentorcore-camp"]["status"] == "ok"     # the others work
    assert "Traceback" not in listing.stderr and "internal error" not in listing.stderr

    for command in (["--help"], ["list"], ["validate", "--format", "json", "kielikaveri"],
                    ["simulate", "womento", "--pairs", "2", "--format", "json"]):
        done = mentorcore("--plugins-dir", str(directory), *command)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        if "json" in command:
            json.loads(done.stdout)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_strict_plugins_reports_every_failure_then_fails(matrix):
    """Strict mode does not stop at the first failure: every faulty plugin of the run is
    reported, each once and attributed, as an error; then one line counts them and the run
    exits 1 — also for failures in hooks the command itself never needed."""
    directory, cases = matrix
    for flag, env, command in ((["--strict-plugins"], None, ["validate", "womento"]),
                               ([], {"MENTORCORE_STRICT_PLUGINS": "1"}, ["list"])):
        done = mentorcore("--plugins-dir", str(directory), *flag, *command, env=env)
        assert done.returncode == 1, done.stderr
        assert "[W300]" not in done.stderr and "Traceback" not in done.stderr
        for name, (hook, says) in cases.items():
            assert done.stderr.count(f"plugin '{name}' ({directory / name}.py)") == 1, (
                name, done.stderr[-3000:])  # its error, once
            assert done.stderr.count(f"'{name}' ({directory / name}.py)") == 2  # and counted
            line = next(line for line in done.stderr.splitlines()
                        if line.startswith(f"plugin '{name}' ("))
            assert hook in line and says in line and line.endswith("]"), line
            assert f"--disable-plugin {name}" in line
        assert f"--strict-plugins: {len(cases)} plugins failed: " in done.stderr


def test_strict_plugins_fail_the_groups_help_too(tmp_path):
    """`mentorcore --strict-plugins --help` (a plugin author's CI checking that the plugins
    load) prints the help and every failure, and exits 1; under MENTORCORE_STRICT_PLUGINS the
    help is never answered from the cache, which would not load the plugins at all."""
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / "broken.py").write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    cache = {"MENTORCORE_NO_CACHE": "", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = mentorcore("--plugins-dir", str(directory), "--help", env=cache)
    assert plain.returncode == 0 and "[W300]" in plain.stderr
    for flag, env in ((["--strict-plugins"], cache),
                      ([], {**cache, "MENTORCORE_STRICT_PLUGINS": "1"}),
                      ([], {**cache, "MENTORCORE_STRICT_PLUGINS": "1"})):  # again: no cache
        done = mentorcore("--plugins-dir", str(directory), *flag, "--help", env=env)
        assert done.returncode == 1, (flag, env, done.stderr)
        assert "Usage: mentorcore" in done.stdout
        assert "plugin 'broken'" in done.stderr and "[E301]" in done.stderr
    from mentorcore.cli import startup
    from mentorcore.plugins import STRICT_VARIABLE

    assert startup.STRICT_VARIABLE == STRICT_VARIABLE  # the quick path's copy of the name


def test_debug_keeps_the_plugins_frames(matrix):
    directory, _cases = matrix
    done = mentorcore("--plugins-dir", str(directory), "--debug", "list")
    assert done.returncode == 0
    assert f'File "{directory / "f_import_raises.py"}", line 1' in done.stderr
    assert f'File "{directory / "f_criteria_raises.py"}"' in done.stderr


@pytest.mark.parametrize("case", sorted(RUNTIME))
def test_plugin_code_failing_at_run_time_is_named(tmp_path, case):
    source, command, exit_code, says = RUNTIME[case]
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / f"{case}.py").write_text(HEADER + source)
    (tmp_path / "m.yaml").write_text(MINIMAL)
    args = command.split()
    if args[0] in ("validate", "simulate"):
        args.insert(1, "m.yaml")
    done = mentorcore("--plugins-dir", str(directory), *args, cwd=tmp_path)
    says = says.format(file=directory / f"{case}.py")
    assert done.returncode == exit_code, done.stdout + done.stderr
    assert done.stderr.count(says) == 1, done.stderr
    assert "internal error" not in done.stderr and "please report it" not in done.stderr
    assert "Traceback" not in done.stderr
    if exit_code == 0:
        assert "[W300]" in done.stderr


CRITERION_MODEL = """\
id: leaving
extends: womento
matching:
  unit: pair
  rules:
    - {id: town, criterion: leaves, hard: true}
participant_data:
  fields:
    - {id: city, purpose: to pair people who live in the same city}
"""
PEOPLE = ("id;role;name;city;gender;immigrant_background;education\n"
          "a1;mentee;A One;Vaasa;female;yes;higher\nm1;mentor;M One;Vaasa;female;;\n")


def test_a_criterion_calling_sys_exit_cannot_fake_a_result(tmp_path):
    """Issue 14, point 8: sys.exit(0) in a criterion used to end `match` with exit 0 and no
    output; what it prints goes to stderr."""
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / "exiting.py").write_text(
        "import sys\nfrom mentorcore.plugin_api import Criterion, hookimpl\n\n"
        "def leave(candidates, params):\n    print('criterion noise')\n    sys.exit(0)\n\n"
        "@hookimpl\ndef register_criteria(register):\n"
        "    register(Criterion(name='leaves', description='d', evaluate=leave))\n")
    (tmp_path / "leaving.yaml").write_text(CRITERION_MODEL)
    (tmp_path / "people.csv").write_text(PEOPLE)
    done = mentorcore("--plugins-dir", str(directory), "match", "leaving.yaml", "people.csv",
                      "--format", "json", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert "criterion noise" in done.stderr
    assert (f"leaving.yaml:6:7: matching.rules[0]: rule 'town': plugin 'exiting' "
            f"({directory / 'exiting.py'}) failed in criterion 'leaves' (exiting.leave): it "
            "called sys.exit(0) [E504]") in done.stderr


DEBUG_CASES = {
    # plugin code an engine runs and re-raises as its own error: --debug still shows its frames
    "behaviour": ("""
from mentorcore.plugin_api import PhaseBehaviour

def visit(window):
    raise RuntimeError('behaviour broke')
    yield

@hookimpl
def register_phase_kinds(register):
    register(PhaseKind(name='visit', rank=40, description='d'))

@hookimpl
def register_phase_behaviours(register):
    register(PhaseBehaviour(kind='visit', description='d', events=visit,
                            event_types=('visit_day',)))
""", ["simulate", "m.yaml", "--pairs", "2"], "in visit"),
    "criterion": ("""
def leave(candidates, params):
    raise RuntimeError('criterion broke')

@hookimpl
def register_criteria(register):
    register(Criterion(name='leaves', description='d', evaluate=leave))
""", ["match", "leaving.yaml", "people.csv"], "in leave"),
}


@pytest.mark.parametrize("case", sorted(DEBUG_CASES))
def test_debug_shows_the_frames_of_plugin_code_an_engine_ran(tmp_path, case):
    source, command, function = DEBUG_CASES[case]
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / f"{case}.py").write_text(HEADER + source)
    (tmp_path / "m.yaml").write_text(MINIMAL + "  - {id: visit, kind: visit, duration: "
                                               "{value: 2, unit: day}}\n")
    (tmp_path / "leaving.yaml").write_text(CRITERION_MODEL)
    (tmp_path / "people.csv").write_text(PEOPLE)
    plain = mentorcore("--plugins-dir", str(directory), *command, cwd=tmp_path)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr, plain.stderr
    done = mentorcore("--plugins-dir", str(directory), "--debug", *command, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert f'File "{directory / case}.py", line' in done.stderr, done.stderr[-3000:]
    assert function in done.stderr

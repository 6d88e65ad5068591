"""The built-in command modules are imported when one of their commands is used, not at every
start (mentorcore.builtins.commands), and are the same plugins as when they were imported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import click
import pytest

from mentorcore.builtins.commands import COMMANDS, command_modules, load


def test_the_table_names_every_command_of_every_module_in_order() -> None:
    """COMMANDS is what each module's register_commands adds: a module added, a command
    renamed or added, fails here (and a module missing from it is imported at once)."""
    assert sorted(COMMANDS) == command_modules()
    for module in load():
        found = click.Group()
        module.register_commands(found)  # type: ignore[attr-defined]
        assert tuple(found.commands) == COMMANDS[module.__name__], module.__name__


def test_a_run_imports_only_the_module_of_its_command(tmp_path) -> None:
    script = (
        "import sys\n"
        "from mentorcore.cli import main\n"
        "sys.argv = ['mentorcore', 'validate', 'womento']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('mentorcore.commands.')),"
        " file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "MENTORCORE_NO_CACHE": "1", "LANG": "C.UTF-8",
                               "XDG_CACHE_HOME": str(tmp_path)}, check=False)
    assert done.stdout.strip() == "ok: womento"
    assert done.stderr.strip().splitlines()[-1] == "['mentorcore.commands.models']"


def test_every_command_works_and_is_listed_as_its_modules(run) -> None:
    listed = run("--help").output
    for names in COMMANDS.values():
        for name in names:
            assert f"  {name} " in listed or f"  {name}\n" in listed, name
    rows = {row["name"]: row for row in json.loads(run("plugins", "--format", "json").output)}
    for module, names in COMMANDS.items():
        assert rows[module]["origin"] == "builtin"
        assert rows[module]["hooks"] == ["register_commands"]
        assert rows[module]["commands"] == sorted(names)


@pytest.mark.parametrize(("name", "option"), [("simulate", "--pairs"), ("schema", "--lang"),
                                              ("match", "--solver")])
def test_a_command_run_in_a_new_process_is_the_real_one(tmp_path, name: str,
                                                        option: str) -> None:
    """In a new process no command module is imported before its command is looked up: the
    placeholder gives way to the module's own command, with its options and its work."""
    mentorcore = shutil.which("mentorcore")
    assert mentorcore is not None
    env = {**os.environ, "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(tmp_path)}
    shown = subprocess.run([mentorcore, name, "--help"], capture_output=True, text=True,
                           env=env, check=False)
    assert shown.returncode == 0, shown.stderr
    assert option in shown.stdout

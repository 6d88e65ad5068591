"""`mentorcore --version` and `mentorcore --help` without click: the version as a constant, the
group's help from a cache that is equal to a fresh help and changes with what changes it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorcore.cli import cli, startup
from mentorcore.version import __version__

PROBE = """\
import sys
from mentorcore.cli import main
sys.argv = ["mentorcore", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
else:
    code = 0
sys.stdout.flush()
print("CLICK" if "click" in sys.modules else "NO-CLICK", code, file=sys.stderr)
"""

PLUGIN = '''\
import click

from mentorcore import hookimpl


@click.command()
def hello():
    """{summary}"""


@hookimpl
def register_commands(cli):
    cli.add_command(hello)
'''


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    """A user's environment with the cache in a temporary directory."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MENTORCORE_") and k not in ("LANGUAGE", "LC_ALL",
                                                            "LC_MESSAGES")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), COLUMNS="100", LANG="C.UTF-8")
    return env


def mentorcore(*args: str, env: dict[str, str]) -> tuple[str, bool, str]:
    """Run the command line as the console script does: (stdout, click imported?, exit code)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env=env, timeout=60)
    imported, code = done.stderr.strip().splitlines()[-1].split()
    return done.stdout, imported == "CLICK", code


def entries(env: dict[str, str]) -> list[Path]:
    return sorted((Path(env["XDG_CACHE_HOME"]) / "mentorcore").glob("help-*.txt"))


def test_version_is_answered_without_click_as_click_would(environ):
    output, imported, code = mentorcore("--version", env=environ)
    assert (output, imported, code) == (f"mentorcore, version {__version__}\n", False, "0")
    assert CliRunner().invoke(cli, ["--version"]).output == output
    assert not entries(environ)


@pytest.mark.parametrize(("args", "variables", "expected"), [
    (("--lang", "fi"), {}, "mentorcore, versio {version}\n"),
    (("--lang", "sv"), {"LANG": "fi_FI.UTF-8"}, "mentorcore, version {version}\n"),
    (("--lang", "en"), {"LANG": "fi_FI.UTF-8"}, "mentorcore, version {version}\n"),
    ((), {"LANG": "fi_FI.UTF-8"}, "mentorcore, versio {version}\n"),
    ((), {"LC_ALL": "fi_FI.UTF-8", "LANG": "sv_FI.UTF-8"}, "mentorcore, versio {version}\n"),
    ((), {"LANGUAGE": "fi:sv", "LANG": "C.UTF-8"}, "mentorcore, versio {version}\n"),
    (("--lang", "xx"), {"LANG": "fi_FI.UTF-8"}, "mentorcore, versio {version}\n"),
])
def test_version_is_in_the_language_of_the_run_without_click(environ, args, variables,
                                                                expected):
    """--version before any catalog of click's: --lang before the flag, else the locale, as
    every other answer of the command line (an unknown --lang counts as none there too)."""
    expected = expected.format(version=__version__)
    env = {**environ, **variables}
    assert mentorcore(*args, "--version", env=env) == (expected, False, "0")
    invoked = CliRunner().invoke(cli, [*args, "--version"], env=variables)
    assert invoked.output == expected  # the same words when click answers it


def test_the_cached_help_is_the_fresh_help_without_click(environ):
    fresh, imported, code = mentorcore("--help", env={**environ, "MENTORCORE_NO_CACHE": "1"})
    assert imported and code == "0" and "Commands:" in fresh and "validate" in fresh
    assert not entries(environ)
    first, imported, _code = mentorcore("--help", env=environ)
    assert first == fresh and imported                      # printed by click, and stored
    (entry,) = entries(environ)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) & 0o077 == 0
    cached, imported, code = mentorcore("--help", env=environ)
    assert (cached, imported, code) == (fresh, False, "0")
    assert mentorcore("-h", env=environ)[0] == fresh


def test_adding_a_plugin_changes_the_help(environ, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    before = mentorcore("--plugins-dir", str(plugins), "--help", env=environ)[0]
    assert mentorcore("--plugins-dir", str(plugins), "--help", env=environ)[1] is False
    assert "hello" not in before
    (plugins / "greeting.py").write_text(PLUGIN.format(summary="Say hello."))
    after, imported, _code = mentorcore("--plugins-dir", str(plugins), "--help", env=environ)
    assert imported and "  hello      Say hello." in after
    assert mentorcore("--plugins-dir", str(plugins), "--help", env=environ)[:2] == (after, False)
    (plugins / "greeting.py").write_text(PLUGIN.format(summary="Say hello, twice."))
    changed = mentorcore("--plugins-dir", str(plugins), "--help", env=environ)[0]
    assert "Say hello, twice." in changed
    via_environment = {**environ, "MENTORCORE_PLUGINS_DIR": str(plugins)}
    assert mentorcore("--help", env=via_environment)[0] == changed
    disabled = mentorcore("--plugins-dir", str(plugins), "--disable-plugin", "greeting",
                          "--help", env=environ)[0]
    assert "hello" not in disabled


def test_language_and_width_are_part_of_the_key(environ):
    narrow = mentorcore("--help", env={**environ, "COLUMNS": "60"})[0]
    wide = mentorcore("--help", env=environ)[0]
    assert narrow != wide and max(len(line) for line in narrow.splitlines()) <= 60
    assert mentorcore("--help", env={**environ, "COLUMNS": "60"})[:2] == (narrow, False)
    mentorcore("--help", env={**environ, "LANG": "fi_FI.UTF-8"})
    mentorcore("--lang", "sv", "--help", env=environ)
    assert len(entries(environ)) == 4


def test_an_unwritable_cache_is_bypassed_silently(environ, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    env = {**environ, "XDG_CACHE_HOME": str(blocked)}
    output, imported, code = mentorcore("--help", env=env)
    assert imported and code == "0" and "Commands:" in output
    assert mentorcore("--help", env=env)[1] is True  # still fresh, and no error
    relative = {**environ, "XDG_CACHE_HOME": "relative/cache", "HOME": str(tmp_path / "home")}
    mentorcore("--help", env=relative)
    assert list((tmp_path / "home" / ".cache" / "mentorcore").glob("help-*.txt"))


def test_an_entry_anyone_else_may_write_is_ignored(environ):
    fresh = mentorcore("--help", env=environ)[0]
    (entry,) = entries(environ)
    entry.write_bytes(entry.read_bytes().replace(b"Commands:", b"Planted:"))
    assert mentorcore("--help", env=environ)[0] == fresh.replace("Commands:", "Planted:")
    entry.chmod(0o622)
    assert mentorcore("--help", env=environ)[:2] == (fresh, True)


def test_a_changed_source_file_invalidates_the_entry(tmp_path, monkeypatch):
    """In an editable install, editing a command's help changes no version: the entry lists
    the source files that were loaded, with their sizes and modification times."""
    source = tmp_path / "our_commands.py"
    source.write_text("# v1\n")
    module = types.ModuleType("our_commands")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, "our_commands", module)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["--help"]
    cache = startup.HelpCache(args, startup.global_options(args, os.environ), os.environ)
    cache.write("the help")
    assert startup.HelpCache(args, startup.global_options(args, os.environ),
                             os.environ).read() == "the help"
    source.write_text("# version 2\n")
    assert cache.read() is None


def test_the_cache_can_be_turned_off(environ):
    env = {**environ, "MENTORCORE_NO_CACHE": "1"}
    mentorcore("--help", env=env)
    assert mentorcore("--help", env=env)[1] is True and not entries(environ)


@pytest.mark.parametrize("args, action, complete, rest", [
    (["--help"], "help", True, ()),
    (["--lang", "fi", "--version"], "version", True, ()),
    (["--version", "--help"], "version", True, ()),
    (["--help", "--version"], "help", True, ()),
    (["--plugins-dir", "--help"], None, True, ()),          # --help is the directory's name
    (["--plugins-dir=x", "--disable-plugin", "a", "-h"], "help", True, ()),
    (["--debug", "list", "--help"], None, True, ("list", "--help")),
    (["--help", "list"], "help", True, ("list",)),
    (["--bogus", "--help"], None, False, ()),
    (["--debug=1", "--help"], None, False, ()),
    (["--lang"], None, False, ()),
    (["--", "--help"], None, False, ()),
    ([], None, True, ()),
])
def test_the_group_options_are_read_as_click_reads_them(args, action, complete, rest):
    given = startup.global_options(args, {})
    assert (given.action, given.complete, given.rest) == (action, complete, rest)


def test_disabled_plugins_come_from_the_option_else_the_environment():
    environ = {"MENTORCORE_DISABLE_PLUGINS": "a  b"}
    assert startup.global_options(["--help"], environ).disabled == ("a", "b")
    assert startup.global_options(["--disable-plugin", "c", "--help"], environ).disabled == ("c",)


def test_help_lists_the_commands_of_a_plugins_dir_given_before_it(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "greeting.py").write_text(textwrap.dedent(PLUGIN.format(summary="Say hello.")))
    result = CliRunner().invoke(cli, ["--plugins-dir", str(plugins), "--help"])
    assert result.exit_code == 0 and "Say hello." in result.output


def test_a_run_collects_garbage_in_big_batches_and_leaves_the_rest_to_the_exit(environ):
    """The command line's process (mentorcore.cli.main): the collector's youngest generation
    is collected after COLLECTION_THRESHOLDS[0] allocations, and what is alive at the end is
    frozen, so the interpreter's exit does not walk it; the output is the command's."""
    from mentorcore.cli import COLLECTION_THRESHOLDS

    probe = ("import gc, sys\nfrom mentorcore.cli import main\n"
             "sys.argv = ['mentorcore', 'validate', 'womento']\n"
             "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
             "sys.stdout.flush()\n"
             "print(code, gc.get_threshold()[0], gc.get_freeze_count() > 1000, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**environ, "MENTORCORE_NO_CACHE": "1"}, timeout=60)
    assert done.stdout == "ok: womento\n"
    assert done.stderr.split()[-3:] == ["0", str(COLLECTION_THRESHOLDS[0]), "True"]

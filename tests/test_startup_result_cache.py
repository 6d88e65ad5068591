"""A repeated `mentorcore validate` replays the stored result of the same run: exactly what a
cold run prints (standard output, standard error, exit status), and a fresh result as soon as
anything that can change it changed — a model, its `extends` parent, the plugins, the language,
the working directory, a file shadowing a model id."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcore.cli import startup
from tests.conftest import MINIMAL

SCRIPT = Path(sys.executable).with_name("mentorcore")

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
sys.stderr.write(("CLICK" if "click" in sys.modules else "NO-CLICK") + "\\n")
sys.exit(code)
"""

BASE = MINIMAL.replace("{min: 3, max: 4, unit: month}", "{min: 5, max: 4, unit: month}")
"""conftest's minimal model with a duration whose minimum lies above its maximum (an error)."""

CHILD = """\
id: child
extends: base.yaml
name: Child
"""

CHECK_PLUGIN = '''\
from mentorcore import hookimpl
from mentorcore.checks import Check, Finding
from mentorcore.diagnostics import Severity


def region(programme, registry):
    {body}


@hookimpl
def register_checks(register):
    register(Check(id="W901", name="region", severity=Severity.WARNING,
                   summary="a model names its region", function=region))
'''
WARNS = 'yield Finding(path=("name",), message="name the region")'
FAILS = 'raise RuntimeError("broken")'


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    """A user's environment with the cache in a temporary directory."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MENTORCORE_") and k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), COLUMNS="100", LANG="C.UTF-8")
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"):  # as a user's shell has it
        env.pop(name, None)
    return env


@pytest.fixture
def models(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "base.yaml").write_text(BASE)
    (folder / "child.yaml").write_text(CHILD)
    return folder


def script(*args: str, env: dict[str, str], cwd: Path,
           merged: bool = False) -> tuple[str, str, int]:
    """The installed console script as a user runs it: (stdout, stderr, exit status)."""
    done = subprocess.run([str(SCRIPT), *args], env=env, cwd=cwd, timeout=120, text=True,
                          stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT if merged else subprocess.PIPE)
    return done.stdout, done.stderr or "", done.returncode


def probe(*args: str, env: dict[str, str], cwd: Path) -> tuple[tuple[str, str, int], bool]:
    """``main()`` run as a process: its (stdout, stderr, exit status), and whether it was
    replayed (click never imported)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=cwd, timeout=120,
                          capture_output=True, text=True)
    *lines, marker = done.stderr.splitlines(keepends=True)
    return (done.stdout, "".join(lines), done.returncode), marker.strip() == "NO-CLICK"


def cold(*args: str, env: dict[str, str], cwd: Path) -> tuple[str, str, int]:
    result, replayed = probe(*args, env={**env, "MENTORCORE_NO_CACHE": "1"}, cwd=cwd)
    assert not replayed
    return result


def entries(env: dict[str, str]) -> list[Path]:
    return sorted((Path(env["XDG_CACHE_HOME"]) / "mentorcore").glob("result-*.txt"))


def test_a_hit_prints_exactly_what_a_cold_run_prints(environ, models):
    args = ("validate", "base.yaml", "child.yaml", "womento")
    fresh = script(*args, env={**environ, "MENTORCORE_NO_CACHE": "1"}, cwd=models)
    assert fresh[2] == 1 and "[E202]" in fresh[0] and "ok: womento" in fresh[0]
    assert "3 models checked" in fresh[1] and not entries(environ)
    first = script(*args, env=environ, cwd=models)
    (entry,) = entries(environ)
    assert first == fresh
    assert script(*args, env=environ, cwd=models) == fresh
    # the second run was the replay: what the entry holds is what the command prints
    entry.write_text(entry.read_text(encoding="utf-8").replace("ok: womento", "ok: planted"),
                     encoding="utf-8")
    assert script(*args, env=environ, cwd=models)[0] == fresh[0].replace("ok: womento",
                                                                         "ok: planted")
    entry.unlink()
    merged = script(*args, env={**environ, "MENTORCORE_NO_CACHE": "1"}, cwd=models, merged=True)
    script(*args, env=environ, cwd=models, merged=True)
    assert script(*args, env=environ, cwd=models, merged=True) == merged  # the same order


def test_json_and_a_clean_run_replay_their_exit_status(environ, models):
    for args in (("validate", "womento"), ("validate", "--format", "json", "base.yaml")):
        fresh = cold(*args, env=environ, cwd=models)
        assert probe(*args, env=environ, cwd=models) == (fresh, False)
        assert probe(*args, env=environ, cwd=models) == (fresh, True)
    assert len(entries(environ)) == 2


def test_an_edited_model_gives_a_fresh_result_even_with_its_size_and_time(environ, models):
    model = models / "base.yaml"
    before, _ = probe("validate", "base.yaml", env=environ, cwd=models)
    assert probe("validate", "base.yaml", env=environ, cwd=models) == (before, True)
    status = model.stat()
    model.write_text(BASE.replace("min: 5, max: 4", "min: 3, max: 4"))  # same size
    os.utime(model, ns=(status.st_atime_ns, status.st_mtime_ns))        # same time
    after, replayed = probe("validate", "base.yaml", env=environ, cwd=models)
    assert not replayed and after != before and after == cold("validate", "base.yaml",
                                                               env=environ, cwd=models)
    assert "[E202]" not in after[0]


def test_an_edited_parent_gives_a_fresh_result(environ, models):
    before, _ = probe("validate", "child.yaml", env=environ, cwd=models)
    assert "[E202]" in before[0]
    assert probe("validate", "child.yaml", env=environ, cwd=models) == (before, True)
    (models / "base.yaml").write_text(BASE.replace("min: 5, max: 4", "min: 3, max: 4"))
    after, replayed = probe("validate", "child.yaml", env=environ, cwd=models)
    assert not replayed and "[E202]" not in after[0]
    assert after == cold("validate", "child.yaml", env=environ, cwd=models)


def test_a_new_plugin_in_the_plugins_dir_gives_a_fresh_result(environ, models, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    env = {**environ, "MENTORCORE_PLUGINS_DIR": str(plugins)}
    before, _ = probe("validate", "womento", env=env, cwd=models)
    assert probe("validate", "womento", env=env, cwd=models) == (before, True)
    (plugins / "region.py").write_text(CHECK_PLUGIN.format(body=WARNS))
    after, replayed = probe("validate", "womento", env=env, cwd=models)
    assert not replayed and "name the region" in after[0]
    assert after == cold("validate", "womento", env=env, cwd=models)


def test_a_newly_installed_distribution_gives_a_fresh_result(environ, models, tmp_path):
    """A plugin installed into a folder already on sys.path (the environment unchanged): its
    *.dist-info is seen at once; removed, it is gone at once."""
    site = tmp_path / "site"
    site.mkdir()
    env = {**environ, "PYTHONPATH": str(site)}
    before, _ = probe("validate", "womento", env=env, cwd=models)
    assert probe("validate", "womento", env=env, cwd=models) == (before, True)
    (site / "mentorcore_region.py").write_text(CHECK_PLUGIN.format(body=WARNS))
    info = site / "mentorcore_region-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mentorcore-region\n"
                                   "Version: 0.1\n\n")
    (info / "entry_points.txt").write_text("[mentorcore]\nregion = mentorcore_region\n")
    installed, replayed = probe("validate", "womento", env=env, cwd=models)
    assert not replayed and "name the region" in installed[0]
    assert probe("validate", "womento", env=env, cwd=models) == (installed, True)
    for file in info.iterdir():
        file.unlink()
    info.rmdir()
    # uninstalled: the key of the first run again, whose entry holds
    assert probe("validate", "womento", env=env, cwd=models)[0] == before
    assert before == cold("validate", "womento", env=env, cwd=models)


def test_another_language_gives_a_fresh_result(environ, models):
    english, _ = probe("validate", "base.yaml", env=environ, cwd=models)
    assert probe("validate", "base.yaml", env=environ, cwd=models) == (english, True)
    finnish, replayed = probe("validate", "base.yaml", env={**environ, "LANG": "fi_FI.UTF-8"},
                              cwd=models)
    assert not replayed and finnish != english
    assert finnish == cold("validate", "base.yaml", env={**environ, "LANG": "fi_FI.UTF-8"},
                           cwd=models)
    swedish, replayed = probe("--lang", "sv", "validate", "base.yaml", env=environ, cwd=models)
    assert not replayed and swedish not in (english, finnish)


def test_another_working_directory_gives_a_fresh_result(environ, models, tmp_path):
    """The same arguments and the same file: named relative to the working directory."""
    model = str(models / "base.yaml")
    here, _ = probe("validate", model, env=environ, cwd=tmp_path)
    assert here[0].startswith("models/base.yaml:")
    assert probe("validate", model, env=environ, cwd=tmp_path) == (here, True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    there, replayed = probe("validate", model, env=environ, cwd=elsewhere)
    assert not replayed and there[0].startswith(f"{model}:")


def test_a_file_that_shadows_a_model_id_gives_a_fresh_result(environ, models):
    before, _ = probe("validate", "womento", env=environ, cwd=models)
    assert probe("validate", "womento", env=environ, cwd=models) == (before, True)
    (models / "womento").write_text(BASE)  # `womento` is now this file, not the bundled model
    after, replayed = probe("validate", "womento", env=environ, cwd=models)
    assert not replayed and "[E202]" in after[0]


def test_a_new_model_beside_a_read_one_gives_a_fresh_result(environ, models):
    """A model found by id depends on the folder it is looked up in: a file added to the folder
    of any model read gives a fresh result."""
    probe("validate", "child.yaml", env=environ, cwd=models)
    assert probe("validate", "child.yaml", env=environ, cwd=models)[1] is True
    (models / "other.yaml").write_text(BASE)
    assert probe("validate", "child.yaml", env=environ, cwd=models)[1] is False


def test_a_missing_parent_is_looked_for_again(environ, models):
    """`extends: sub/base.yaml` that is not there (E010): the file may appear in a folder the
    run never read, so the run is not stored."""
    (models / "sub").mkdir()
    (models / "orphan.yaml").write_text(CHILD.replace("base.yaml", "sub/base.yaml"))
    for _run in range(2):
        missing, replayed = probe("validate", "orphan.yaml", env=environ, cwd=models)
        assert "[E010]" in missing[0] and not replayed
    assert not entries(environ)
    (models / "sub" / "base.yaml").write_text(BASE)
    found, _ = probe("validate", "orphan.yaml", env=environ, cwd=models)
    assert "[E010]" not in found[0] and "[E202]" in found[0]


def test_runs_that_are_never_stored(environ, models, tmp_path):
    # standard input
    done = subprocess.run([str(SCRIPT), "validate", "-"], input=BASE, env=environ, cwd=models,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "[E202]" in done.stdout
    # a usage or I/O error (exit 2): a missing file may appear
    assert probe("validate", "missing.yaml", env=environ, cwd=models)[0][2] == 2
    # a plugin that fails (a W300 warning: a time limit may pass next time)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text(CHECK_PLUGIN.format(body=FAILS))
    failed, _ = probe("--plugins-dir", str(plugins), "validate", "womento", env=environ,
                      cwd=models)
    assert "[W300]" in failed[1]
    # the cache turned off
    probe("validate", "womento", env={**environ, "MENTORCORE_NO_CACHE": "1"}, cwd=models)
    # a global option the start-up does not read
    probe("--extends-dir", str(models), "validate", "child.yaml", env=environ, cwd=models)
    assert not entries(environ)
    assert probe("--plugins-dir", str(plugins), "validate", "womento", env=environ,
                 cwd=models)[1] is False


def test_output_with_escape_sequences_or_past_the_text_stream_is_not_stored(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["validate", "womento"]

    def run(write: str, *, binary: bool = False) -> startup.ResultCache:
        cache = startup.ResultCache(args, startup.global_options(args, os.environ), os.environ)
        cache.start()
        sys.stdout.write(write)
        if binary:
            sys.stdout.buffer  # noqa: B018 - what click does to write bytes
        cache.finish(0)
        return cache

    run("\x1b[1mok\x1b[0m\n")
    run("ok\n", binary=True)
    assert not list(tmp_path.glob("cache/mentorcore/result-*.txt"))
    cache = run("ok: womento\n")
    assert cache.read() == (0, [("out", "ok: womento\n")])
    assert capsys.readouterr().out.endswith("ok: womento\n")  # written through while recorded


def test_stored_chunks_keep_their_text_and_order(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["validate", "x"]
    cache = startup.ResultCache(args, startup.global_options(args, os.environ), os.environ)
    chunks = [("out", "a\n"), ("err", "line\nwith 3 lines\n\n"), ("out", "9 \u00e4\U0001f600\n"),
              ("err", "out 12\n")]
    cache.start()
    try:
        for name, text in chunks:
            (sys.stdout if name == "out" else sys.stderr).write(text)
    finally:
        cache.finish(1)
    again = startup.ResultCache(args, startup.global_options(args, os.environ), os.environ)
    assert again.read() == (1, chunks)


def test_the_key_holds_the_environment_date_and_terminal():
    args = ["validate", "x"]
    given = startup.global_options(args, {})
    key = startup.ResultCache(args, given, {"SOME_SETTING": "1"}).key
    assert "env SOME_SETTING=1" in key and "\ndate 20" in key and "\nterminal " in key
    assert startup.ResultCache(args, given, {"SOME_SETTING": "2"}).path != \
        startup.ResultCache(args, given, {"SOME_SETTING": "1"}).path


def test_a_removed_working_directory_runs_without_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def removed() -> str:
        raise FileNotFoundError("the working directory was removed")

    monkeypatch.setattr(os, "getcwd", removed)
    assert startup.replay_result(["validate", "womento"]) is None

"""Helpers for testing plugins and models with pytest: installed with mentorcore and loaded by
pytest automatically (a ``pytest11`` entry point), or named in a ``conftest.py`` as
``pytest_plugins = ["mentorcore.testing"]`` — both work.

``register_plugin`` registers a plugin (a module or an object with ``@hookimpl`` methods) for
one test and returns a registry of the default plugin set that sees it; the manager is strict,
so a failing plugin fails the test with its error. While the test runs the plugin is visible
to the command line as well: ``mentorcore_cli`` runs the ``mentorcore`` command with click's
``CliRunner``, or as a real subprocess of the installed command with ``subprocess=True`` (the
plugin must then be an importable module, which is loaded through
``MENTORCORE_EXTRA_PLUGINS``)::

    from mentorcore.plugin_api import Criterion, hookimpl

    class MyPlugin:
        @hookimpl
        def register_criteria(self, register):
            register(Criterion(name="same_city", description="both live in the same city"))

    def test_my_criterion(register_plugin):
        registry = register_plugin(MyPlugin(), name="my-plugin")
        assert "same_city" in registry.criteria

    def test_on_the_command_line(register_plugin, mentorcore_cli):
        import my_plugin  # a module of the package under test

        register_plugin(my_plugin, name="my-plugin")
        result = mentorcore_cli("plugins", "--format", "json")
        assert result.exit_code == 0 and "my-plugin" in result.stdout
        assert mentorcore_cli("plugins", subprocess=True).exit_code == 0

``mentorcore test`` runs model tests (``*.test.yaml``) of the directories plugins register with
``register_models`` (see docs/model-tests.md).
"""

from __future__ import annotations

import os
import subprocess as _subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentorcore import plugins
from mentorcore.records import record


@record
class CliResult:
    """What a ``mentorcore`` run gave: ``exit_code``, ``stdout``, ``stderr`` and ``output``
    (both, as a terminal shows them)."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def register_plugin() -> Iterator[Callable[..., plugins.Registry]]:
    """Register plugin objects for one test; returns the fresh registry that sees them (and
    the default plugins), strict: a failure of the plugin is an error. The plugin is visible to
    ``mentorcore_cli`` (and any ``mentorcore.cli`` run in the test) until the test ends."""
    manager = plugins.build_plugin_manager(strict=True)
    added: list[str] = []

    def _register(plugin: object, name: str | None = None) -> plugins.Registry:
        name = name or getattr(plugin, "__name__", None) or f"plugin-{id(plugin)}"
        if manager.is_registered(plugin):  # an installed plugin is already there
            return plugins.Registry(manager)
        manager.register(plugin, name=name)
        manager.origins.setdefault(name, ("registered", None))
        if name not in plugins.TEST_PLUGINS:
            plugins.TEST_PLUGINS[name] = plugin
            added.append(name)
        return plugins.Registry(manager)

    try:
        yield _register
    finally:
        for name in added:
            plugins.TEST_PLUGINS.pop(name, None)


def _importable(plugin: object) -> tuple[str, str] | None:
    """``(module name, directory for PYTHONPATH)`` of a plugin module loaded from a file."""
    if not isinstance(plugin, types.ModuleType) or not getattr(plugin, "__file__", None):
        return None
    path = Path(str(plugin.__file__)).resolve()
    depth = plugin.__name__.count(".") + (1 if path.name == "__init__.py" else 0)
    root = path.parent
    for _level in range(depth):
        root = root.parent
    return plugin.__name__, str(root)


@pytest.fixture
def mentorcore_cli() -> Callable[..., CliResult]:
    """Run ``mentorcore ARGS…`` with the plugins registered by ``register_plugin`` visible:
    ``mentorcore_cli("validate", "m.yaml")`` through click's ``CliRunner``;
    ``mentorcore_cli(..., subprocess=True)`` as the installed command (``env`` adds variables,
    ``cwd`` its directory)."""

    def run(*args: str | os.PathLike[str], subprocess: bool = False,
            env: dict[str, str] | None = None, cwd: str | os.PathLike[str] | None = None,
            input: str | None = None) -> CliResult:
        words = [os.fspath(a) for a in args]
        if not subprocess:
            from click.testing import CliRunner

            from mentorcore.cli import cli

            runner = CliRunner()
            previous = Path.cwd()
            try:
                if cwd is not None:
                    os.chdir(cwd)
                result = runner.invoke(cli, words, env=env, input=input,
                                       catch_exceptions=False)
            finally:
                os.chdir(previous)
            return CliResult(result.exit_code, result.stdout, result.stderr)
        environment = {**os.environ, **(env or {})}
        modules, paths = [], []
        for name, plugin in plugins.TEST_PLUGINS.items():
            found = _importable(plugin)
            if found is None:
                raise TypeError(f"plugin {name!r} is not a module loaded from a file; a "
                                "subprocess cannot import it")
            modules.append(found[0])
            paths.append(found[1])
        if modules:
            environment[plugins.EXTRA_PLUGINS_VARIABLE] = " ".join(modules)
            environment["PYTHONPATH"] = os.pathsep.join(
                [*dict.fromkeys(paths), *filter(None, [environment.get("PYTHONPATH")])])
        command = [sys.executable, "-m", "mentorcore", *words]
        done = _subprocess.run(command, capture_output=True, text=True, env=environment,
                               cwd=cwd, input=input, timeout=600)
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run


__all__ = [
    "CliResult",
    "mentorcore_cli",
    "register_plugin",
]

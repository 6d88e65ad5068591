"""Registers the command modules of ``mentorcore.commands`` as plugins, each imported only when
one of its commands is used.

A run uses one command, and importing all fourteen modules (with the click commands they build
and what they import) cost ~8 ms of every start. So a module named in :data:`COMMANDS` is
registered as a :class:`CommandModule` under the module's own name — the same plugin to
``mentorcore plugins``, ``--disable-plugin`` and the ``register_commands`` hook — whose
``register_commands`` adds a :class:`LazyCommand` for each of its commands; the group imports
the module when it looks a command up (:meth:`LazyCommand.load`). A module not in the table is
imported at once, as before; a test keeps the table equal to what the modules register.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

import mentorcore.commands
from mentorcore.hookspecs import hookimpl

__all__ = ["COMMANDS", "CommandModule", "LazyCommand", "command_modules", "load", "plugin"]

COMMANDS: dict[str, tuple[str, ...]] = {
    "mentorcore.commands.capacity": ("capacity",),
    "mentorcore.commands.catalogue": ("catalogue", "diff"),
    "mentorcore.commands.compare": ("compare",),
    "mentorcore.commands.forms": ("forms",),
    "mentorcore.commands.handbook": ("handbook",),
    "mentorcore.commands.match": ("match",),
    "mentorcore.commands.models": ("list", "show", "validate"),
    "mentorcore.commands.new": ("new",),
    "mentorcore.commands.plugins": ("plugins",),
    "mentorcore.commands.privacy": ("privacy",),
    "mentorcore.commands.schema": ("schema",),
    "mentorcore.commands.simulate": ("simulate",),
    "mentorcore.commands.test": ("test",),
    "mentorcore.commands.track": ("track",),
}
"""Each built-in command module and the commands its ``register_commands`` adds, in order."""


def command_modules() -> list[str]:
    """Every module of ``mentorcore.commands``, by name, in alphabetical order (read from the
    package's directory: cheaper than ``pkgutil`` at every start)."""
    names: set[str] = set()
    for directory in mentorcore.commands.__path__:
        try:
            files = os.listdir(directory)
        except OSError:
            continue
        names.update(name[:-3] for name in files
                     if name.endswith(".py") and name != "__init__.py" and "." not in name[:-3])
    return [f"mentorcore.commands.{name}" for name in sorted(names)]


def load() -> list[object]:
    """The command modules, imported."""
    return [importlib.import_module(name) for name in command_modules()]


def plugin(module_name: str) -> object:
    """What to register as the plugin ``module_name``: the module itself once it is imported
    (or when :data:`COMMANDS` does not know it), else a :class:`CommandModule`."""
    module = sys.modules.get(module_name)
    if module is not None or module_name not in COMMANDS:
        return module or importlib.import_module(module_name)
    return CommandModule(module_name)


class CommandModule:
    """A built-in command module, not yet imported, as a plugin: its commands are
    :class:`LazyCommand` placeholders until one is used."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name

    def __repr__(self) -> str:
        return f"<command module {self.module_name}, imported on first use>"

    def __dir__(self) -> list[str]:
        """Its hook implementation: what pluggy looks up when it registers the plugin (every
        name ``object`` gives an instance, ~30 static lookups for each of the 14 modules at
        every start, implements nothing)."""
        return ["register_commands"]

    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        module = sys.modules.get(self.module_name)
        if module is not None:  # imported meanwhile: its own commands
            module.register_commands(cli)
            return
        for name in COMMANDS[self.module_name]:
            cli.add_command(LazyCommand(name, self.module_name))


class LazyCommand(click.Command):
    """The command ``name`` of the built-in module ``module_name``, before it is imported."""

    def __init__(self, name: str, module_name: str) -> None:
        super().__init__(name)
        self.module_name = module_name

    def load(self) -> click.Command:
        """The real command: the module imported and asked for its commands."""
        found = click.Group()
        importlib.import_module(self.module_name).register_commands(found)
        command = found.commands.get(self.name or "")
        if command is None:  # COMMANDS disagrees with the module: a bug, caught by a test
            raise LookupError(f"{self.module_name} adds no command {self.name!r}")
        return command

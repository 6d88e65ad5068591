"""Registers the command modules of ``mentorcore.commands`` as plugins."""

from __future__ import annotations

import importlib
import os

import mentorcore.commands


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

"""Registers the command modules of ``mentorcore.commands`` as plugins."""

from __future__ import annotations

import importlib
import pkgutil

import mentorcore.commands


def command_modules() -> list[str]:
    """Every module of ``mentorcore.commands``, by name, in alphabetical order."""
    return [f"mentorcore.commands.{info.name}"
            for info in pkgutil.iter_modules(mentorcore.commands.__path__)]


def load() -> list[object]:
    return [importlib.import_module(name) for name in command_modules()]

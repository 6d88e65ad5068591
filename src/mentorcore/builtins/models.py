"""Provides the bundled programme models (``program_models/``)."""

from __future__ import annotations

import os

from mentorcore.bundled import bundled_models_directory
from mentorcore.hookspecs import Register, hookimpl


@hookimpl
def register_models(register: Register[str | os.PathLike[str]]) -> None:
    register(bundled_models_directory())

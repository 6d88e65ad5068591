"""Where the bundled programme models (``program_models/``) and their model tests live."""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_models_directory"]


def bundled_models_directory() -> Path:
    """Where the bundled models are: inside the installed package, or in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "program_models"
    if installed.is_dir():
        return installed
    return package.parent.parent / "program_models"

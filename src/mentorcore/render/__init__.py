"""Documents from a model: the handbook for mentors and mentees, and printable forms.

Each document is built once as plain values (:mod:`mentorcore.render.document`) and written as
Markdown, a self-contained HTML page, Word or PDF. All functions are pure: a programme and a
language in, a document out. The names below load their modules when first used, so that a
command that only names a format (``DOCUMENT_FORMATS``) does not load the renderers.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["form_csv", "render_forms", "render_handbook"]

_HOMES = {"form_csv": "mentorcore.render.forms", "render_forms": "mentorcore.render.forms",
          "render_handbook": "mentorcore.render.handbook"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mentorcore.render' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

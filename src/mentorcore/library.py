"""The models available to a run — bundled or provided by plugins — and how a reference on the
command line (a file path or a model id) is turned into a loaded model."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.loading import Loaded, load
from mentorcore.loading.document import Parents
from mentorcore.model import Programme
from mentorcore.plugins import Registry, build_plugin_manager
from mentorcore.spelling import did_you_mean


def _run_registry() -> Registry | None:
    """The registry of the running ``mentorcore`` command, if code runs inside one."""
    import sys

    click = sys.modules.get("click")
    if click is None:
        return None
    ctx = click.get_current_context(silent=True)
    while ctx is not None:  # the run's Session (mentorcore.cli.session), by its mark: the
        session = ctx.obj    # library is below the CLI and imports nothing from it
        if getattr(session, "is_mentorcore_session", False):
            registry: Registry = session.registry
            return registry
        ctx = ctx.parent
    return None


class Library:
    """Finds and loads models. ``Library()`` uses the registry of the running ``mentorcore``
    command when there is one (so a plugin's command sees ``--plugins-dir`` and
    ``--disable-plugin``), else it builds one of the default plugin set (built-in, installed
    and ``MENTORCORE_PLUGINS_DIR``); pass ``registry`` to use another.

    Example::

        >>> from mentorcore.library import Library
        >>> womento = Library().programme("womento")
        >>> [phase.kind for phase in womento.phases]
        ['matching', 'mentoring']
    """

    def __init__(self, registry: Registry | None = None, *,
                 extends_dirs: Iterable[Path] = ()) -> None:
        self.registry = registry if registry is not None else _run_registry() or Registry(
            build_plugin_manager())
        self.extends_dirs = tuple(Path(d) for d in extends_dirs)
        """Folders ``extends:`` may name files in, besides the folder of the model itself."""
        self._parents = Parents()  # a model several loads extend is parsed once

    def ids(self) -> list[str]:
        return sorted(self.registry.model_paths())

    def path(self, reference: str) -> Path:
        """A file path as given, or the file of a model id; ``MentorcoreError`` (exit 2) if
        neither."""
        candidate = Path(reference)
        if reference == "-":  # standard input (mentorcore.loading.document.STDIN)
            return candidate
        if candidate.exists() or reference.endswith((".yaml", ".yml")) or "/" in reference:
            return candidate
        found = self.registry.model_path(reference)
        if found is not None:
            return found
        paths = self.registry.model_paths()
        raise MentorcoreError.single(
            checks.IO, _("no model or file named '{name}'").format(name=reference),
            file=reference, exit_code=2,
            hint=self.registry.unavailable_provider("register_models", reference)
            or did_you_mean(reference, paths) or _("see `mentorcore list`"))

    def load(self, reference: str) -> Loaded:
        """Load a model by id or path; problems are in ``Loaded.diagnostics``."""
        path = self.path(reference)
        return load(path, registry=self.registry, reference=reference,
                    extends_dirs=self.extends_dirs, parents=self._parents)

    def programme(self, reference: str) -> Programme:
        """The programme of a model id or path; ``MentorcoreError`` if it has errors."""
        loaded = self.load(reference)
        if not loaded.ok or loaded.programme is None:
            raise MentorcoreError(loaded.errors or loaded.diagnostics)
        return loaded.programme


__all__ = [
    "Library",
]

"""Building the plugin manager and the registry of everything plugins provide.

One function, :func:`build_plugin_manager`, makes the manager of a run: the built-in plugins
first (``DEFAULT_PLUGINS``), then the entry points of the ``mentorcore`` group (first-party and
third-party packages alike), then single-file plugins from a plugins directory (``--plugins-dir``
or ``MENTORCORE_PLUGINS_DIR``). Any plugin may be disabled by name.

:class:`Registry` calls each ``register_*`` hook plugin by plugin, so it knows who provided
what, and names the plugin when one fails.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import pluggy

from mentorcore import hookspecs
from mentorcore.diagnostics import MentorcoreError

ENTRY_POINT_GROUP = "mentorcore"
PLUGINS_DIR_VARIABLE = "MENTORCORE_PLUGINS_DIR"
DEFAULT_PLUGINS = (
    "mentorcore.builtins.models",
    "mentorcore.builtins.kinds",
    "mentorcore.builtins.checks",
)


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, remembering the distribution and version of each installed plugin."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.versions: dict[str, tuple[str, str]] = {}


def _plugin_error(message: str, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single("E300", message, hint=hint)


def _load_directory(manager: PluginManager, directory: Path,
                    disabled: set[str]) -> None:
    if not directory.is_dir():
        raise MentorcoreError.single("E001", f"plugins directory not found: {directory}",
                                     exit_code=2)
    for path in sorted(directory.glob("*.py")):
        name = path.stem
        if name.startswith("_") or name in disabled:
            continue
        spec = importlib.util.spec_from_file_location(f"mentorcore_local_plugin_{name}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # noqa: BLE001 - a broken plugin is reported, by name
            raise _plugin_error(f"plugin '{name}' ({path}) failed to load: "
                                f"{type(error).__name__}: {error}") from None
        _register(manager, module, name)


def _register(manager: PluginManager, plugin: object, name: str) -> None:
    try:
        manager.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        raise _plugin_error(f"plugin '{name}' is refused: {error}",
                            hint="see docs/plugins.md for each hook's arguments") from None
    except ValueError as error:  # already registered under that name
        raise _plugin_error(f"plugin '{name}' is refused: {error}") from None


def build_plugin_manager(plugins_dir: str | Path | None = None,
                         disabled: Iterable[str] = (),
                         entry_points: bool = True) -> PluginManager:
    """The plugin manager of one run."""
    disabled = set(disabled)
    manager = PluginManager("mentorcore")
    manager.add_hookspecs(hookspecs)
    from mentorcore.builtins.commands import command_modules

    for module_name in (*DEFAULT_PLUGINS, *command_modules()):
        if module_name not in disabled:
            _register(manager, importlib.import_module(module_name), module_name)
    if entry_points:
        from importlib.metadata import entry_points as find_entry_points

        for entry_point in find_entry_points(group=ENTRY_POINT_GROUP):
            if entry_point.name in disabled or manager.has_plugin(entry_point.name):
                continue
            try:
                plugin = entry_point.load()
            except Exception as error:  # noqa: BLE001 - a broken plugin is reported, by name
                raise _plugin_error(f"plugin '{entry_point.name}' failed to load: "
                                    f"{type(error).__name__}: {error}") from None
            _register(manager, plugin, entry_point.name)
            if entry_point.dist is not None:
                manager.versions[entry_point.name] = (entry_point.dist.name,
                                                      entry_point.dist.version)
    directory = plugins_dir or os.environ.get(PLUGINS_DIR_VARIABLE)
    if directory:
        _load_directory(manager, Path(directory), disabled)
    for name in disabled:
        manager.set_blocked(name)
    return manager


@attrs.frozen
class Provided:
    """One thing a plugin provided through a hook."""

    plugin: str
    hook: str
    item: Any


class Registry:
    """Everything the plugins of one manager provide, and which plugin provided it."""

    def __init__(self, manager: pluggy.PluginManager) -> None:
        self.manager = manager
        self._provided: dict[str, list[Provided]] = {}

    def _collect(self, hook_name: str) -> list[Provided]:
        if hook_name not in self._provided:
            found: list[Provided] = []
            hook = getattr(self.manager.hook, hook_name)
            for impl in reversed(hook.get_hookimpls()):  # registration order
                plugin = self.manager.get_name(impl.plugin) or repr(impl.plugin)

                def register(item: Any, _plugin: str = plugin) -> None:
                    found.append(Provided(_plugin, hook_name, item))

                call_plugin(plugin, hook_name, impl.function, register=register)
            self._provided[hook_name] = found
        return self._provided[hook_name]

    def items(self, hook_name: str) -> list[Any]:
        return [p.item for p in self._collect(hook_name)]

    def provided(self, hook_name: str) -> list[Provided]:
        return list(self._collect(hook_name))

    def named(self, hook_name: str) -> dict[str, Any]:
        """Items with a ``name`` (kinds, criteria) by name; the first registration wins."""
        found: dict[str, Any] = {}
        for item in self.items(hook_name):
            found.setdefault(item.name, item)
        return found

    def provider(self, hook_name: str, name: str) -> str | None:
        for p in self._collect(hook_name):
            if getattr(p.item, "name", None) == name:
                return p.plugin
        return None

    @property
    def phase_kinds(self) -> dict[str, Any]:
        return self.named("register_phase_kinds")

    @property
    def unit_kinds(self) -> dict[str, Any]:
        return self.named("register_unit_kinds")

    @property
    def criteria(self) -> dict[str, Any]:
        return self.named("register_criteria")

    @property
    def checks(self) -> list[Any]:
        return self.items("register_checks")

    def model_paths(self) -> dict[str, Path]:
        """Every available model by id (its file name without ``.yaml``); first one wins."""
        found: dict[str, Path] = {}
        for location in self.items("register_models"):
            location = Path(location)
            files = sorted(location.glob("*.yaml")) if location.is_dir() else [location]
            for path in files:
                found.setdefault(path.stem, path)
        return found


def call_plugin(plugin: str, hook: str, function: Callable[..., Any], **kwargs: Any) -> Any:
    """Call one plugin's hook implementation; a failure is reported naming plugin and hook."""
    try:
        return function(**kwargs)
    except MentorcoreError:
        raise
    except Exception as error:  # noqa: BLE001 - reported by name, traceback only with --debug
        raise MentorcoreError.single(
            "E301", f"plugin '{plugin}' failed in hook {hook}: {type(error).__name__}: {error}",
        ) from error


_default: Registry | None = None


def default_registry() -> Registry:
    """The registry of the default plugin manager (built on first use)."""
    global _default
    if _default is None:
        _default = Registry(build_plugin_manager())
    return _default


def reset_default_registry(manager: pluggy.PluginManager | None = None) -> None:
    """Forget what the default registry collected (after plugins were added or removed)."""
    global _default
    _default = None if manager is None else Registry(manager)

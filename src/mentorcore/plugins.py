"""Building the plugin manager and the registry of everything plugins provide.

One function, :func:`build_plugin_manager`, makes the manager of a run: the built-in plugins
first (``DEFAULT_PLUGINS`` and the command modules), then the entry points of the ``mentorcore``
group (first-party and third-party packages alike), then single-file plugins from a plugins
directory (``--plugins-dir`` or ``MENTORCORE_PLUGINS_DIR``). Any plugin may be disabled by name.

:class:`Registry` calls each ``register_*`` hook plugin by plugin, so it knows who provided
what, checks what each one registers, and names the plugin when one fails.
"""

from __future__ import annotations

import contextvars
import functools
import importlib
import importlib.util
import os
import signal
import sys
import threading
import time
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from mentorcore import checks, hookspecs
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _, alternatives

if TYPE_CHECKING:
    from mentorcore.checks import Check
    from mentorcore.kinds import Criterion, PhaseKind, Renderer, UnitKind

__all__ = ["PLUGIN_FAILED", "PLUGIN_LOAD_FAILED", "PluginManager", "Provided", "Registry",
           "build_plugin_manager", "call_hook", "call_plugin", "contract"]

ENTRY_POINT_GROUP = "mentorcore"
PLUGINS_DIR_VARIABLE = "MENTORCORE_PLUGINS_DIR"
TIMEOUT_VARIABLE = "MENTORCORE_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds a plugin's hook may run before the run is stopped and the plugin named."""
DEFAULT_PLUGINS = (
    "mentorcore.builtins.models",
    "mentorcore.builtins.kinds",
    "mentorcore.builtins.checks",
    "mentorcore.builtins.renderers",
    "mentorcore.builtins.simulation",
)
PLUGIN_LOAD_FAILED = checks.PLUGIN_LOAD_FAILED
PLUGIN_FAILED = checks.PLUGIN_FAILED


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, remembering where each plugin came from and its version."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.origins: dict[str, tuple[str, str | None]] = {}
        """plugin name → (``builtin`` | ``entry point`` | ``file``, version or path)."""
        self.disabled_entry_points: dict[str, EntryPoint] = {}
        """Installed plugins left out of this run (``--disable-plugin``), not imported."""


def _plugin_error(message: str, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single(PLUGIN_LOAD_FAILED, message, hint=hint)


def _load_directory(manager: PluginManager, directory: Path, disabled: set[str]) -> None:
    if not directory.is_dir():
        raise MentorcoreError.single(
            checks.IO, _("plugins directory not found: {directory}").format(directory=directory),
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
            raise _plugin_error(_("plugin '{name}' ({file}) failed to load: {error}").format(
                name=name, file=path, error=f"{type(error).__name__}: {error}")) from None
        _register(manager, module, name, ("file", str(path)))


def _register(manager: PluginManager, plugin: object, name: str,
              origin: tuple[str, str | None]) -> None:
    try:
        manager.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        raise _plugin_error(_("plugin '{name}' is refused: {error}").format(name=name, error=error),
                            hint=_("see docs/plugins.md for each hook's arguments")) from None
    except ValueError as error:  # already registered under that name
        raise _plugin_error(_("plugin '{name}' is refused: {error}").format(
            name=name, error=error)) from None
    manager.origins[name] = origin


def _check_hook_names(manager: PluginManager) -> None:
    """A hook implementation whose name no hook has (a typo) is refused, with a suggestion."""
    from mentorcore.spelling import did_you_mean

    known = [name for name in dir(hookspecs) if name.startswith(("register_", "simulate_"))]
    for name in dir(manager.hook):
        if name.startswith("_"):
            continue
        caller = getattr(manager.hook, name)
        if caller.spec is None:
            plugins = ", ".join(sorted({manager.get_name(i.plugin) or "?"
                                        for i in caller.get_hookimpls()}))
            raise _plugin_error(_("plugin '{name}' implements unknown hook '{hook}'").format(
                name=plugins, hook=name),
                hint=did_you_mean(name, known) or _("see docs/plugins.md"))


@attrs.frozen
class EntryPoint:
    """A plugin declared by an installed distribution: ``name = module[:attribute]``."""

    name: str
    value: str
    version: str | None

    def load(self) -> object:
        module_name, _colon, attribute = self.value.partition(":")
        loaded: object = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def _declared_entry_points(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of section ``[group]`` of an ``entry_points.txt``."""
    found: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line:
            name, _equals, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def find_entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the distributions installed on ``sys.path``, as
    ``importlib.metadata.entry_points(group=…)`` finds them (the first distribution of a name on
    the path wins), read straight from each ``*.dist-info/entry_points.txt``: the library reads
    every distribution's metadata first, which takes ~50–100 ms with mentorcore's dependencies
    installed, against ~1 ms here. A path entry this cannot list (a zip file, a custom finder)
    is handed to ``importlib.metadata``."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        try:
            listing = sorted(os.scandir(entry or "."), key=lambda item: item.name)
        except OSError:
            if entry and os.path.isfile(entry):  # e.g. a zip: the library knows how to look
                found.extend(_library_entry_points(group, entry, seen))
            continue
        for item in listing:
            stem, dot, suffix = item.name.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            name, _dash, version = stem.partition("-")
            key = name.lower().replace("-", "_").replace(".", "_")
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(item.path, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                continue
            found.extend(EntryPoint(name=n, value=v, version=version.partition("-")[0] or None)
                         for n, v in _declared_entry_points(text, group))
    return found


def _library_entry_points(group: str, path: str, seen: set[str]) -> list[EntryPoint]:
    from importlib.metadata import distributions

    found: list[EntryPoint] = []
    for distribution in distributions(path=[path]):
        key = (distribution.metadata["Name"] or "").lower().replace("-", "_").replace(".", "_")
        if key in seen:
            continue
        seen.add(key)
        found.extend(EntryPoint(name=e.name, value=e.value, version=distribution.version)
                     for e in distribution.entry_points if e.group == group)
    return found


def build_plugin_manager(plugins_dir: str | Path | None = None,
                         disabled: Iterable[str] = (),
                         entry_points: bool = True) -> PluginManager:
    """The plugin manager of one run."""
    from mentorcore.builtins.commands import command_modules
    from mentorcore.version import __version__

    disabled = set(disabled)
    manager = PluginManager("mentorcore")
    manager.add_hookspecs(hookspecs)
    for module_name in (*DEFAULT_PLUGINS, *command_modules()):
        if module_name not in disabled:
            _register(manager, importlib.import_module(module_name), module_name,
                      ("builtin", __version__))
    if entry_points:
        for entry_point in sorted(find_entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
            if entry_point.name in disabled:
                manager.disabled_entry_points.setdefault(entry_point.name, entry_point)
                continue
            if manager.has_plugin(entry_point.name):
                continue
            try:
                plugin = entry_point.load()
            except Exception as error:  # noqa: BLE001 - a broken plugin is reported, by name
                raise _plugin_error(_("plugin '{name}' failed to load: {error}").format(
                    name=entry_point.name, error=f"{type(error).__name__}: {error}")) from None
            _register(manager, plugin, entry_point.name, ("entry point", entry_point.version))
    directory = plugins_dir or os.environ.get(PLUGINS_DIR_VARIABLE)
    if directory:
        _load_directory(manager, Path(directory), disabled)
    _check_hook_names(manager)
    for name in disabled:
        manager.set_blocked(name)
    _attribute_implementations(manager)
    return manager


@attrs.frozen
class Provided:
    """One thing a plugin provided through a hook."""

    plugin: str
    hook: str
    item: Any


_CONTRACT_TYPES = {
    "click": "click", "Check": "mentorcore.checks", "Criterion": "mentorcore.kinds",
    "PhaseKind": "mentorcore.kinds", "Renderer": "mentorcore.kinds", "UnitKind": "mentorcore.kinds",
    "Intake": "mentorcore.simulation.behaviours",
    "MeetingHandler": "mentorcore.simulation.behaviours",
    "PhaseBehaviour": "mentorcore.simulation.behaviours",
    "ScheduleAdjuster": "mentorcore.simulation.behaviours",
}
"""Where the names in the hookspecs' annotations are defined (imported only when a hook's
contract names them)."""


class _ContractNames(dict[str, Any]):
    def __missing__(self, name: str) -> Any:
        if name not in _CONTRACT_TYPES:
            raise KeyError(name)
        module = importlib.import_module(_CONTRACT_TYPES[name])
        value = module if name == "click" else getattr(module, name)
        self[name] = value
        return value


@functools.cache
def contract(hook_name: str) -> tuple[type, ...] | None:
    """The types a ``register_*`` hook accepts, read from its annotation in
    :mod:`mentorcore.hookspecs` (``register: Register[PhaseKind]``) — the one table of hook
    contracts; ``None`` for a hook that takes no ``register`` callback.

    >>> contract("register_phase_kinds")
    (<class 'mentorcore.kinds.PhaseKind'>,)
    >>> contract("register_commands") is None
    True
    """
    hints = typing.get_type_hints(getattr(hookspecs, hook_name), localns=_ContractNames())
    register = hints.get("register")
    if register is None:
        return None
    (item,), _result = typing.get_args(register)
    members = typing.get_args(item) if isinstance(item, types.UnionType) else (item,)
    return tuple(typing.get_origin(member) or member for member in members)


_calling: contextvars.ContextVar[str] = contextvars.ContextVar("mentorcore_plugin")
"""The plugin whose hook implementation is running (what a ``register`` call is attributed to)."""


def _attributed(plugin: str, hook: str, function: Callable[..., Any],
                argnames: tuple[str, ...]) -> Callable[..., Any]:
    """``function`` (a plugin's hook implementation) run under the plugin's name and time limit,
    its failures reported naming the plugin. pluggy passes the arguments by position, in the
    order of ``argnames``."""

    @functools.wraps(function)
    def run(*args: Any, **named: Any) -> Any:
        kwargs = {**dict(zip(argnames, args, strict=False)), **named}
        token = _calling.set(plugin)
        try:
            return call_plugin(plugin, hook, function, **kwargs)
        finally:
            _calling.reset(token)

    return run


def _attribute_implementations(manager: pluggy.PluginManager) -> None:
    """Wrap every (non-wrapper) hook implementation so that, called through pluggy's hook caller
    — where wrappers run and hook-call monitoring sees each call — it is still attributed to its
    plugin, limited in time, and reported by name when it fails."""
    for name in manager.hook.__dict__:
        caller = getattr(manager.hook, name)
        if name.startswith("_") or caller.spec is None:
            continue
        for impl in caller.get_hookimpls():
            if impl.wrapper or impl.hookwrapper or getattr(impl.function, "_mentorcore", False):
                continue
            plugin = manager.get_name(impl.plugin) or repr(impl.plugin)
            wrapped = _attributed(plugin, name, impl.function, tuple(impl.argnames))
            wrapped._mentorcore = True  # type: ignore[attr-defined] # wrapped once only
            impl.function = wrapped


def call_hook(manager: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> list[Any]:
    """Call a hook through pluggy's hook caller (wrappers run, monitoring sees the call)."""
    _attribute_implementations(manager)  # plugins registered since the manager was built
    return list(getattr(manager.hook, hook_name)(**kwargs))


class Registry:
    """Everything the plugins of one manager provide, and which plugin provided it.

    Each registration is checked against its hook's :func:`contract` when it is made and kept
    with the name of the plugin that made it. Build one per run and pass it explicitly::

        >>> registry = Registry(build_plugin_manager())
        >>> sorted(registry.phase_kinds)[:3]
        ['camp', 'closing', 'follow_up']
    """

    def __init__(self, manager: PluginManager) -> None:
        self.manager = manager
        self._provided: dict[str, list[Provided]] = {}

    def _collect(self, hook_name: str) -> list[Provided]:
        if hook_name not in self._provided:
            expected = contract(hook_name)
            found: list[Provided] = []

            def register(item: Any) -> None:
                plugin = _calling.get("?")
                if expected is not None and not isinstance(item, expected):
                    raise MentorcoreError.single(PLUGIN_FAILED, _(
                        "plugin '{name}' registered {item} in {hook}; expected {types}").format(
                            name=plugin, item=f"{type(item).__name__} {item!r:.40}",
                            hook=hook_name,
                            types=alternatives([t.__name__ for t in expected])))
                found.append(Provided(plugin, hook_name, item))

            call_hook(self.manager, hook_name, register=register)
            # pluggy calls the last registered plugin first; keep the order of registration
            # (built-in plugins, then entry points, then the plugins directory): first one wins
            order = {impl.plugin_name: index for index, impl in enumerate(
                getattr(self.manager.hook, hook_name).get_hookimpls())}
            found.sort(key=lambda provided: order.get(provided.plugin, len(order)))
            self._provided[hook_name] = found
        return self._provided[hook_name]

    def items(self, hook_name: str) -> list[Any]:
        """What every plugin registered through ``hook_name``, in registration order."""
        return [p.item for p in self._collect(hook_name)]

    def provided(self, hook_name: str) -> list[Provided]:
        """Like :meth:`items`, each with the plugin that provided it."""
        return list(self._collect(hook_name))

    def named(self, hook_name: str) -> dict[str, Any]:
        """Items with a ``name`` (kinds, criteria) by name; the first registration wins."""
        found: dict[str, Any] = {}
        for item in self.items(hook_name):
            found.setdefault(item.name, item)
        return found

    def plugin_of(self, hook_name: str, item: object) -> str:
        """The plugin that registered ``item`` through ``hook_name``."""
        return next((p.plugin for p in self._collect(hook_name) if p.item is item), "?")

    def provider(self, hook_name: str, name: str) -> str | None:
        """The plugin that registered the item called ``name`` through ``hook_name``."""
        for p in self._collect(hook_name):
            if getattr(p.item, "name", None) == name:
                return p.plugin
        return None

    @property
    def phase_kinds(self) -> dict[str, PhaseKind]:
        return self.named("register_phase_kinds")

    @property
    def unit_kinds(self) -> dict[str, UnitKind]:
        return self.named("register_unit_kinds")

    @property
    def criteria(self) -> dict[str, Criterion]:
        return self.named("register_criteria")

    def renderers(self, target: str) -> dict[str, Renderer]:
        """The output formats for ``target`` (``simulation`` or ``matching``) by name."""
        found: dict[str, Renderer] = {}
        for renderer in self.items("register_renderers"):
            if renderer.target == target:
                found.setdefault(renderer.name, renderer)
        return found

    def renderer(self, target: str, name: str) -> Renderer:
        """The renderer ``name`` for ``target``; ``MentorcoreError`` (exit 2) naming the known
        ones when there is none."""
        from mentorcore.spelling import did_you_mean

        found = self.renderers(target)
        if name not in found:
            raise MentorcoreError.single(
                checks.INVALID_VALUE, "--format: " + _("unknown {target} format '{name}'").format(
                    target=target, name=name), exit_code=2,
                hint=did_you_mean(name, found) or _("choose one of: {choices}").format(
                    choices=", ".join(found)))
        return found[name]

    @property
    def checks(self) -> list[Check]:
        return self.items("register_checks")

    def disabled_provider(self, hook_name: str, name: str) -> str | None:
        """The installed but disabled plugin that would provide the item ``name`` through
        ``hook_name`` (e.g. the phase kind ``camp`` of ``mentorcore-camp``), so that a message
        about an unknown name can say which plugin to enable. Asked only on that error path:
        each disabled plugin is imported and its hook called on a manager of its own."""
        manager = self.manager
        disabled = getattr(manager, "disabled_entry_points", {})
        for plugin_name, entry_point in sorted(disabled.items()):
            found: list[object] = []
            try:
                side = PluginManager(manager.project_name)
                side.add_hookspecs(hookspecs)
                side.register(entry_point.load(), name=plugin_name)
                getattr(side.hook, hook_name)(register=found.append)
            except Exception:  # noqa: BLE001 - a broken disabled plugin names nothing
                continue
            if any(getattr(item, "name", None) == name for item in found):
                return plugin_name
        return None

    def model_paths(self) -> dict[str, Path]:
        """Every available model by id (its file name without ``.yaml``); first one wins."""
        found: dict[str, Path] = {}
        for location in self.items("register_models"):
            location = Path(location)
            files = sorted(location.glob("*.yaml")) if location.is_dir() else [location]
            for path in files:
                found.setdefault(path.stem, path)
        return found


def plugin_timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class _PluginTimeout(BaseException):
    """Raised inside a hook that ran past the time limit (a BaseException, so that a plugin's
    ``except Exception`` cannot swallow it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise _PluginTimeout


def _timed(function: Callable[..., Any], limit: float, kwargs: dict[str, Any]) -> Any:
    """Run ``function`` with a wall-clock limit: SIGALRM in the main thread where the platform
    has it (no cost per call), otherwise without a limit."""
    if (limit <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return function(**kwargs)
    previous_handler = signal.signal(signal.SIGALRM, _alarm)
    previous_delay, _interval = signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.monotonic()
    try:
        return function(**kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # an outer call's limit keeps running
            remaining = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))


def call_plugin(plugin: str, hook: str, function: Callable[..., Any], **kwargs: Any) -> Any:
    """Call one plugin's hook implementation with a time limit; a failure, a hang past the
    limit (``MENTORCORE_PLUGIN_TIMEOUT`` seconds) or an exception is reported naming the plugin
    and the hook."""
    limit = plugin_timeout()
    try:
        return _timed(function, limit, kwargs)
    except _PluginTimeout:
        raise MentorcoreError.single(
            PLUGIN_FAILED, _("plugin '{name}' did not finish hook {hook} within {limit} s").format(
                name=plugin, hook=hook, limit=f"{limit:g}"),
            hint=_("disable it with --disable-plugin {name}").format(name=plugin)) from None
    except MentorcoreError:
        raise
    except Exception as error:  # noqa: BLE001 - reported by name; traceback only with --debug
        raise MentorcoreError.single(
            PLUGIN_FAILED,
            _("plugin '{name}' failed in hook {hook}: {error}").format(
                name=plugin, hook=hook, error=f"{type(error).__name__}: {error}"),
            hint=_("disable it with --disable-plugin {name}").format(name=plugin)) from error

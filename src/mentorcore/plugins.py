"""Building the plugin manager and the registry of everything plugins provide.

One function, :func:`build_plugin_manager`, makes the manager of a run: the built-in plugins
first (``DEFAULT_PLUGINS`` and the command modules), then the entry points of the ``mentorcore``
group (first-party and third-party packages alike), then single-file plugins from a plugins
directory (``--plugins-dir`` or ``MENTORCORE_PLUGINS_DIR``), then the modules named in
``MENTORCORE_EXTRA_PLUGINS`` (what the testing kit uses to reach a subprocess). Any plugin may be
disabled by name.

A plugin that fails — at import (an exception, ``SystemExit``, a hang past the time limit), in a
hook (an exception, a wrong type, items returned instead of registered, a name another plugin
owns) or in what it registered (a check, a renderer …) — is *isolated*: it is disabled for the
rest of the run and reported once, as a warning (W300) that names it, its distribution, the
hook or callable and the fix; everything that does not need it keeps working. In strict mode
(``strict=True``, ``--strict-plugins``, ``MENTORCORE_STRICT_PLUGINS=1``) each failure is an
error instead: the command line reports every failure of the run, then exits 1
(:func:`strict_errors`); the Python API without a report callback raises the first.

:class:`Registry` calls each ``register_*`` hook plugin by plugin, so it knows who provided
what, checks what each one registers, and owns the names: a name two plugins register is an
error naming both (E302) unless the later one says ``register(item, replace=True)``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import inspect
import os
import re
import signal
import sys
import threading
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from mentorcore import checks, hookspecs
from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
from mentorcore.hookspecs import PLUGIN_API_VERSION
from mentorcore.i18n import _, alternatives, ngettext
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.checks import Check
    from mentorcore.formats import Renderer
    from mentorcore.kinds import Criterion, PhaseKind, UnitKind

__all__ = ["DEPRECATED_HOOKS", "PLUGIN_API_VERSION", "PLUGIN_FAILED", "PLUGIN_LOAD_FAILED",
           "Deprecation", "MentorcoreDeprecationWarning", "PluginError", "PluginFailure",
           "PluginManager", "Provided", "Registry", "Renamed", "build_plugin_manager",
           "call_hook", "deprecated_use", "call_plugin", "contract", "current_plugin", "own",
           "owner_of",
           "callable_name", "collect", "item_name", "model_files", "plugin_sections", "run_check",
           "strict_errors", "strict_mode"]

ENTRY_POINT_GROUP = "mentorcore"
PLUGINS_DIR_VARIABLE = "MENTORCORE_PLUGINS_DIR"
EXTRA_PLUGINS_VARIABLE = "MENTORCORE_EXTRA_PLUGINS"
"""Module names (``module`` or ``module:attribute``, separated by spaces) loaded as plugins
after the others; the plugin's name is the module name. The testing kit sets it so that a
plugin under test reaches the ``mentorcore`` command run as a subprocess."""
STRICT_VARIABLE = "MENTORCORE_STRICT_PLUGINS"
"""Set to ``1`` (any value but empty or ``0``) to make any plugin failure fatal."""
TIMEOUT_VARIABLE = "MENTORCORE_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds a plugin's import or hook may run before it is stopped and the plugin named."""
API_ATTRIBUTE = "MENTORCORE_PLUGIN_API"
"""The module attribute in which a plugin declares the plugin API versions it supports, as a
version specifier: ``MENTORCORE_PLUGIN_API = ">=1.0,<2"``."""
DEFAULT_PLUGINS = (
    "mentorcore.builtins.models",
    "mentorcore.builtins.kinds",
    "mentorcore.builtins.checks",
    "mentorcore.builtins.renderers",
    "mentorcore.builtins.simulation",
    "mentorcore.builtins.coverage",
)
PLUGIN_LOAD_FAILED = checks.PLUGIN_LOAD_FAILED
PLUGIN_FAILED = checks.PLUGIN_FAILED

_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}\Z")
"""What a kind, criterion, format or event type may be called: lower case, digits, ``_``, ``-``."""
_CHECK_ID = re.compile(r"(?:(?P<prefix>[^/\s]+)/)?(?P<code>[EW]\d{3})\Z")


@record(kw_only=True)
class PluginFailure:
    """Why a plugin is disabled for the run: where it failed (``import``, a hook name, or a
    registered callable such as ``criterion same_city``) and what happened."""

    plugin: str
    where: str
    reason: str
    hint: str | None = None
    rule: str = checks.PLUGIN_FAILED.id
    error: BaseException | None = attrs.field(default=None, eq=False, repr=False)

    def diagnostic(self, severity: Severity = Severity.WARNING) -> Diagnostic:
        rule = checks.PLUGIN_DISABLED.id if severity is Severity.WARNING else self.rule
        message = self.reason if severity is Severity.ERROR else _(
            "{reason}; the plugin is disabled for this run").format(reason=self.reason)
        hint = self.hint
        if not hint or "--disable-plugin" not in hint:
            leave_out = _("or leave it out with --disable-plugin {name}").format(name=self.plugin)
            hint = f"{hint}; {leave_out}" if hint else leave_out
        return Diagnostic(rule=rule, severity=severity, message=message, hint=hint)


class PluginError(MentorcoreError):
    """A plugin failed (an error naming it; see :class:`PluginFailure`)."""

    def __init__(self, failure: PluginFailure, exit_code: int = 1) -> None:
        self.failure = failure
        super().__init__([failure.diagnostic(Severity.ERROR)], exit_code=exit_code)


def strict_mode(strict: bool | None = None) -> bool:
    """Whether plugin failures are errors: ``strict``, or ``MENTORCORE_STRICT_PLUGINS`` when it
    is ``None``."""
    if strict is not None:
        return strict
    return os.environ.get(STRICT_VARIABLE, "").strip() not in ("", "0")


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, remembering where each plugin came from, its distribution and version,
    the plugin API range it declares, and which plugins failed."""

    def __init__(self, project_name: str, *, strict: bool | None = None) -> None:
        super().__init__(project_name)
        self.origins: dict[str, tuple[str, str | None]] = {}
        """plugin name → (``builtin`` | ``entry point`` | ``file`` | ``module`` |
        ``registered``, version or path)."""
        self.distributions: dict[str, tuple[str, str | None]] = {}
        """plugin name → (distribution name, version) of the installed package providing it."""
        self.api_ranges: dict[str, str] = {}
        """plugin name → the plugin API range it declares (``MENTORCORE_PLUGIN_API``)."""
        self.disabled_entry_points: dict[str, EntryPoint] = {}
        """Installed plugins left out of this run (``--disable-plugin``), not imported."""
        self.disabled_names: tuple[str, ...] = ()
        """Every name ``--disable-plugin`` gave."""
        self.failures: dict[str, PluginFailure] = {}
        """plugin name → why it is disabled for this run (the first failure)."""
        self.strict = strict_mode(strict)
        """Any plugin failure is an error instead of a warning: with a :attr:`report`
        callback every failure is still recorded and reported (the command line lists them
        all, then exits 1: :func:`strict_errors`); without one the first failure raises
        :class:`PluginError`."""
        self.deprecations: set[tuple[str, str]] = set()
        """(plugin, deprecated item) already warned about (:func:`deprecated_use`)."""
        self.warn: Callable[[Diagnostic], None] | None = None
        """Shows a warning about a plugin that is no failure (a deprecated item it uses, W301);
        ``None``: a Python :class:`MentorcoreDeprecationWarning`."""
        self.report: Callable[[PluginFailure], None] | None = None
        """Called once per failed plugin (the command line prints the warning, or the error in
        strict mode); ``None``: a Python ``warnings.warn`` (in strict mode: raise)."""

    def describe(self, plugin: str) -> str:
        """``'name'`` with its distribution and version where they are known."""
        distribution = self.distributions.get(plugin)
        if distribution is None:
            origin, where = self.origins.get(plugin, ("", None))
            if origin == "file" and where:
                return f"'{plugin}' ({where})"
            return f"'{plugin}'"
        dist, version = distribution
        return f"'{plugin}' ({dist} {version})" if version else f"'{plugin}' ({dist})"

    def is_builtin(self, plugin: str) -> bool:
        return self.origins.get(plugin, ("",))[0] == "builtin"

    def fail(self, failure: PluginFailure) -> None:
        """Disable ``failure.plugin`` for the run and report it once. In strict mode without a
        :attr:`report` callback (the Python API, the ``register_plugin`` fixture) raise
        :class:`PluginError`; with one (the command line) report it as an error and go on, so
        that every failure of the run is listed before the run fails (:func:`strict_errors`)."""
        if failure.plugin in self.failures:
            if self.strict and self.report is None:
                raise PluginError(self.failures[failure.plugin]) from failure.error
            return
        self.failures[failure.plugin] = failure
        if self.strict and self.report is None:
            raise PluginError(failure) from failure.error
        if self.report is not None:
            self.report(failure)
        else:
            import warnings

            warnings.warn(failure.diagnostic().format(), PluginWarning, stacklevel=3)

    def failed(self, plugin: str) -> bool:
        return plugin in self.failures

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """pluggy's registration; a plugin implementing a deprecated hook's old name is warned
        (W301) once."""
        registered = super().register(typing.cast("Any", plugin), name)
        if registered is not None:
            _MANAGERS[registered] = self
            for hook_name, deprecation in DEPRECATED_HOOKS.items():
                if isinstance(getattr(getattr(plugin, hook_name, None), "mentorcore_impl",
                                      None), dict):
                    deprecated_use(deprecation, plugin=registered)
        return registered

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        """pluggy's reading of a hook implementation; an implementation named after a
        deprecated hook (:data:`DEPRECATED_HOOKS`) implements its replacement. In a module,
        a name bound to anything but a function (the classes, modules and constants it
        imports: most of its names) is no implementation, nor is a plain function without
        the ``mentorcore_impl`` marker; both are passed over without pluggy's static
        attribute lookup (~650 names at every start)."""
        if isinstance(plugin, types.ModuleType):
            value = plugin.__dict__.get(name)
            if not isinstance(value, _HOOKABLE):
                return None
            if type(value) is types.FunctionType and not isinstance(
                    value.__dict__.get(f"{self.project_name}_impl"), dict):
                return None  # what pluggy would find on it (`_get_marker_opts`)
        opts = super().parse_hookimpl_opts(typing.cast("Any", plugin), name)
        deprecation = DEPRECATED_HOOKS.get(name)
        if opts is not None and deprecation is not None and not opts.get("specname"):
            opts = typing.cast("Any", {**opts, "specname": deprecation.replacement})
        return opts


_HOOKABLE = (types.FunctionType, staticmethod, classmethod, types.MethodType)
"""What pluggy takes as a hook implementation in a module (``_static_hook_attr``)."""


class PluginWarning(UserWarning):
    """A plugin failed and is disabled (the Python API's form of the W300 warning)."""


class MentorcoreDeprecationWarning(DeprecationWarning):
    """A plugin uses a deprecated hook or attribute of the plugin API (the Python API's form of
    the W301 warning; ``-W error::mentorcore.plugin_api.MentorcoreDeprecationWarning`` makes it
    an error in a plugin's tests)."""


@record(kw_only=True)
class Deprecation:
    """Something of the plugin API that is deprecated: ``item`` (``hook register_x``,
    ``PhaseWindow.first``) works until plugin API ``removed_in``; ``replacement`` is what to
    use instead; ``since`` the plugin API version that deprecated it."""

    item: str
    replacement: str
    since: str
    removed_in: str


DEPRECATED_HOOKS: dict[str, Deprecation] = {}
"""A hook's old name → its deprecation; a plugin implementing the old name implements the
``replacement`` hook (and is warned once). None is deprecated in plugin API 1.1: a hook renamed
in a minor version gets its old name here, and only the next major version drops it."""


class Renamed:
    """A deprecated alias of an attribute of a type plugins register or receive, for an
    attribute renamed in a minor version: reading ``old`` warns once per plugin (W301) and gives
    ``new``. Put it on the class: ``PhaseWindow.first = Renamed("first", "start", since="1.2",
    removed_in="2.0")``."""

    def __init__(self, old: str, new: str, *, since: str, removed_in: str) -> None:
        self.old, self.new, self.since, self.removed_in = old, new, since, removed_in

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        cls = type(instance).__name__
        deprecated_use(Deprecation(item=f"{cls}.{self.old}", replacement=f"{cls}.{self.new}",
                                   since=self.since, removed_in=self.removed_in))
        return getattr(instance, self.new)


_WARNED: set[tuple[str, str]] = set()
"""(plugin, item) warned about without a manager that knows the plugin."""


def deprecated_use(deprecation: Deprecation, plugin: str | None = None) -> None:
    """Say, once per plugin and item, that ``plugin`` (default: the plugin whose code is
    running) uses something deprecated: on the command line a W301 warning on standard error;
    in Python a :class:`MentorcoreDeprecationWarning`."""
    plugin = plugin or current_plugin() or _("(unknown plugin)")
    manager = _MANAGERS.get(plugin)
    seen = manager.deprecations if manager is not None else _WARNED
    key = (plugin, deprecation.item)
    if key in seen:
        return
    seen.add(key)
    described = manager.describe(plugin) if manager is not None else f"'{plugin}'"
    diagnostic = checks.PLUGIN_DEPRECATED.error(
        _("plugin {plugin} uses {item}, which is deprecated since plugin API {since} and goes "
          "away in {removed}: use {replacement} instead").format(
            plugin=described, item=deprecation.item, since=deprecation.since,
            removed=deprecation.removed_in, replacement=deprecation.replacement),
        hint=_("update the plugin; until then it works as before"))
    if manager is not None and manager.warn is not None:
        manager.warn(diagnostic)
        return
    import warnings

    warnings.warn(diagnostic.format(), MentorcoreDeprecationWarning, stacklevel=3)


def _hint(plugin: str) -> str:
    return _("fix the plugin, or leave it out with --disable-plugin {name}").format(name=plugin)


def callable_name(function: object) -> str:
    """``module.qualname`` of a plugin's function (a single-file plugin by its file name)."""
    return _callable_name(function)


def _callable_name(function: object) -> str:
    module = getattr(function, "__module__", None) or ""
    name = getattr(function, "__qualname__", None) or getattr(function, "__name__", None) \
        or type(function).__name__
    if module.startswith("mentorcore_local_plugin_"):
        module = module.removeprefix("mentorcore_local_plugin_")
    return f"{module}.{name}" if module else str(name)


def _failure_of(manager: PluginManager, plugin: str, where: str, error: BaseException,
                *, doing: str | None = None) -> PluginFailure:
    """The failure of ``plugin`` raising ``error`` in ``where`` (``doing``: the callable)."""
    if isinstance(error, PluginError):
        return error.failure
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, SystemExit):
        text = _("it called sys.exit({code})").format(code=error.code)
    if isinstance(error, MentorcoreError):
        text = "; ".join(d.message for d in error.diagnostics)
    reason = _("plugin {plugin} failed in {where}: {error}").format(
        plugin=manager.describe(plugin),
        where=f"{where} ({doing})" if doing else where, error=text)
    return PluginFailure(plugin=plugin, where=where, reason=reason, hint=_hint(plugin),
                         error=error)


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """What plugin code prints goes to standard error: standard output holds the command's
    result only (JSON stays valid)."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _run_plugin_code(manager: PluginManager, plugin: str, where: str,
                     function: Callable[..., Any], kwargs: dict[str, Any],
                     doing: str | None = None, args: tuple[Any, ...] = ()) -> Any:
    """``function(**kwargs)`` under the time limit with its output on standard error; any
    ``BaseException`` becomes a :class:`PluginError` naming the plugin (``KeyboardInterrupt``
    one with exit status 130)."""
    limit = plugin_timeout()
    token = _calling.set(plugin)  # whose code runs: what a deprecated item's use names
    try:
        with _stdout_to_stderr():
            return _timed(function, limit, kwargs, args)
    except PluginError:
        raise
    except _PluginTimeout:
        what = f"{where} ({doing})" if doing else where
        failure = PluginFailure(
            plugin=plugin, where=where, hint=_hint(plugin),
            reason=_("plugin {plugin} did not finish {where} within {limit} s").format(
                plugin=manager.describe(plugin), where=what, limit=f"{limit:g}"))
        raise PluginError(failure) from None
    except KeyboardInterrupt as error:
        raise PluginError(_failure_of(manager, plugin, where, error, doing=doing),
                          exit_code=130) from error
    except BaseException as error:  # noqa: BLE001 - plugin code: attributed, never fatal here
        raise PluginError(_failure_of(manager, plugin, where, error, doing=doing)) from error
    finally:
        _calling.reset(token)


def _load_directory(manager: PluginManager, directory: Path, disabled: set[str]) -> list[str]:
    if not directory.is_dir():
        raise MentorcoreError.single(
            checks.IO, _("plugins directory not found: {directory}").format(directory=directory),
            exit_code=2)
    from importlib.util import module_from_spec, spec_from_file_location  # only for local files

    names = []
    for path in sorted(directory.glob("*.py")):
        name = path.stem
        if name.startswith("_"):
            continue
        names.append(name)
        if name in disabled:
            continue
        manager.origins[name] = ("file", str(path))
        spec = spec_from_file_location(f"mentorcore_local_plugin_{name}", path)
        if spec is None or spec.loader is None:
            continue
        module = module_from_spec(spec)
        loader = spec.loader
        if _import(manager, name, functools.partial(loader.exec_module, module)):
            _register(manager, module, name, ("file", str(path)))
    return names


def _import(manager: PluginManager, name: str, load: Callable[[], Any]) -> Any:
    """Import a plugin under the time limit; ``None`` (the plugin failed) on any failure."""
    try:
        loaded = _run_plugin_code(manager, name, _("import"), load, {})
    except PluginError as error:
        failure = error.failure
        manager.fail(attrs.evolve(failure, rule=PLUGIN_LOAD_FAILED.id,
                                  reason=failure.reason))
        return None
    return True if loaded is None else loaded


def _register(manager: PluginManager, plugin: object, name: str,
              origin: tuple[str, str | None]) -> None:
    manager.origins[name] = origin
    if not _compatible(manager, plugin, name):
        return
    problem = _refused_implementations(plugin)
    if problem is None:
        try:
            manager.register(plugin, name=name)
            return
        except pluggy.PluginValidationError as error:
            problem = str(error)
        except ValueError as error:  # already registered under that name
            problem = str(error)
    failure = PluginFailure(
        plugin=name, where=_("loading"), rule=PLUGIN_LOAD_FAILED.id,
        reason=_("plugin {plugin} is refused: {error}").format(
            plugin=manager.describe(name), error=problem),
        hint=_("see docs/plugins.md for each hook's arguments"))
    if origin[0] == "builtin":
        raise PluginError(failure)
    manager.fail(failure)


def _refused_implementations(plugin: object) -> str | None:
    """Implementation options mentorcore does not support: ``firstresult`` and ``historic``
    are properties of a hook (none of mentorcore's is either), and ``hookwrapper``/``wrapper``
    implementations are supported (they run around the others, isolated like any other
    implementation) when they are generator functions. An implementation marked
    ``specname`` is refused too: the function's name is the hook's name."""
    for attribute in dir(plugin):
        try:
            value = getattr(plugin, attribute)
        except Exception:  # noqa: BLE001 - a property that fails is not a hook
            continue
        options = getattr(value, "mentorcore_impl", None)
        if not isinstance(options, dict):
            continue
        if options.get("specname"):
            return _("{name}: specname is not supported; name the function after its "
                     "hook").format(name=attribute)
        for flag in ("firstresult", "historic"):
            if options.get(flag):
                return _("{name}: {flag} is not supported").format(name=attribute, flag=flag)
        for flag in ("wrapper", "hookwrapper"):
            if options.get(flag) and not inspect.isgeneratorfunction(value):
                return _("{name}: a {flag}=True implementation must be a generator function "
                         "(one that yields once)").format(name=attribute, flag=flag)
    return None


def _declared_range(plugin: object) -> str | None:
    declared = getattr(plugin, API_ATTRIBUTE, None)
    return declared if isinstance(declared, str) else None


def _compatible(manager: PluginManager, plugin: object, name: str) -> bool:
    """A plugin declaring a plugin API range this mentorcore is not in is refused (E303)."""
    declared = _declared_range(plugin)
    if declared is None:
        return True
    manager.api_ranges[name] = declared
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        ok = SpecifierSet(declared).contains(PLUGIN_API_VERSION, prereleases=True)
        reason = _("plugin {plugin} supports the plugin API {range}, and this mentorcore "
                   "provides {version}").format(plugin=manager.describe(name), range=declared,
                                                version=PLUGIN_API_VERSION)
    except InvalidSpecifier:
        ok, reason = False, _("plugin {plugin} declares {attribute} = '{range}', which is no "
                              "version range (e.g. '>=1.0,<2')").format(
            plugin=manager.describe(name), attribute=API_ATTRIBUTE, range=declared)
    if not ok:
        manager.fail(PluginFailure(
            plugin=name, where=_("loading"), rule=checks.PLUGIN_INCOMPATIBLE.id, reason=reason,
            hint=_("install a version of the plugin made for plugin API {version}, or a "
                   "mentorcore in its range").format(version=PLUGIN_API_VERSION)))
    return ok


def _check_hook_names(manager: PluginManager) -> None:
    """A hook implementation whose name no hook has (a typo) is refused, with a suggestion."""
    from mentorcore.spelling import did_you_mean

    known = [name for name in dir(hookspecs) if name.startswith(("register_", "simulate_"))]
    for name in dir(manager.hook):
        if name.startswith("_"):
            continue
        caller = getattr(manager.hook, name)
        if caller.spec is None:
            for impl in list(caller.get_hookimpls()):
                plugin = impl.plugin_name
                failure = PluginFailure(
                    plugin=plugin, where=_("loading"), rule=PLUGIN_LOAD_FAILED.id,
                    reason=_("plugin {plugin} implements unknown hook '{hook}'").format(
                        plugin=manager.describe(plugin), hook=name),
                    hint=did_you_mean(name, known) or _("see docs/plugins.md"))
                if manager.is_builtin(plugin):
                    raise PluginError(failure)
                manager.fail(failure)
                manager.unregister(impl.plugin)


@record
class EntryPoint:
    """A plugin declared by an installed distribution: ``name = module[:attribute]``."""

    name: str
    value: str
    version: str | None
    distribution: str | None = None

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


def _distribution_name(directory: str, fallback: str) -> str:
    """The ``Name:`` of a ``*.dist-info/METADATA`` (the distribution as ``pip`` names it)."""
    for file_name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(directory, file_name), encoding="utf-8") as file:
                for line in file:
                    if line.startswith("Name:"):
                        return line.partition(":")[2].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return fallback


def find_entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the distributions installed on ``sys.path``, as
    ``importlib.metadata.entry_points(group=…)`` finds them (the first distribution of a name on
    the path wins), read straight from each ``*.dist-info/entry_points.txt``: the library reads
    every distribution's metadata first, which takes ~50–100 ms with mentorcore's dependencies
    installed, against ~1 ms here. A path entry this cannot list (a zip file, a custom finder)
    is handed to ``importlib.metadata``."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    header = f"[{group}]"
    for entry in sys.path:
        try:  # the metadata folders only, in the order of their names
            listing = sorted(name for name in os.listdir(entry or ".")
                             if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            if entry and os.path.isfile(entry):  # e.g. a zip: the library knows how to look
                found.extend(_library_entry_points(group, entry, seen))
            continue
        for folder in listing:
            stem = folder.rpartition(".")[0]
            name, _dash, version = stem.partition("-")
            key = name.lower().replace("-", "_").replace(".", "_")
            if key in seen:
                continue
            seen.add(key)
            path = os.path.join(entry or ".", folder)
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                continue
            declared = _declared_entry_points(text, group) if header in text else []
            if not declared:
                continue
            distribution = _distribution_name(path, name)
            found.extend(EntryPoint(name=n, value=v, version=version.partition("-")[0] or None,
                                    distribution=distribution) for n, v in declared)
    return found


def _library_entry_points(group: str, path: str, seen: set[str]) -> list[EntryPoint]:
    from importlib.metadata import distributions

    found: list[EntryPoint] = []
    for distribution in distributions(path=[path]):
        key = (distribution.metadata["Name"] or "").lower().replace("-", "_").replace(".", "_")
        if key in seen:
            continue
        seen.add(key)
        found.extend(EntryPoint(name=e.name, value=e.value, version=distribution.version,
                                distribution=distribution.metadata["Name"])
                     for e in distribution.entry_points if e.group == group)
    return found


def build_plugin_manager(plugins_dir: str | Path | None = None,
                         disabled: Iterable[str] = (),
                         entry_points: bool = True, *, strict: bool | None = None,
                         report: Callable[[PluginFailure], None] | None = None,
                         warn: Callable[[Diagnostic], None] | None = None,
                         ) -> PluginManager:
    """The plugin manager of one run. A plugin that fails to load is disabled and reported
    through ``report`` (a Python warning without it); ``strict`` (default:
    ``MENTORCORE_STRICT_PLUGINS``) makes that an error. ``warn`` shows the other warnings about
    plugins (a deprecated item used, W301; a Python warning without it). A name in
    ``disabled`` that is no plugin is an error (E304, exit 2) with the closest name."""
    from mentorcore.builtins.commands import command_modules
    from mentorcore.builtins.commands import plugin as command_plugin
    from mentorcore.version import __version__

    disabled = set(disabled)
    manager = PluginManager("mentorcore", strict=strict)
    manager.report = report
    manager.warn = warn
    manager.disabled_names = tuple(sorted(disabled))
    manager.add_hookspecs(hookspecs)
    known: list[str] = []
    for module_name in DEFAULT_PLUGINS:
        known.append(module_name)
        if module_name not in disabled:
            _register(manager, importlib.import_module(module_name), module_name,
                      ("builtin", __version__))
    for module_name in command_modules():  # imported when one of their commands is used
        known.append(module_name)
        if module_name not in disabled:
            _register(manager, command_plugin(module_name), module_name,
                      ("builtin", __version__))
    if entry_points:
        for entry_point in sorted(find_entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
            known.append(entry_point.name)
            if entry_point.name in disabled:
                manager.disabled_entry_points.setdefault(entry_point.name, entry_point)
                continue
            if manager.has_plugin(entry_point.name) or entry_point.name in manager.origins:
                continue
            manager.origins[entry_point.name] = ("entry point", entry_point.version)
            if entry_point.distribution:
                manager.distributions[entry_point.name] = (entry_point.distribution,
                                                           entry_point.version)
            plugin = _import(manager, entry_point.name, entry_point.load)
            if plugin is not None:
                _register(manager, plugin, entry_point.name,
                          ("entry point", entry_point.version))
    directory = plugins_dir or os.environ.get(PLUGINS_DIR_VARIABLE)
    if directory:
        known.extend(_load_directory(manager, Path(directory), disabled))
    for value in os.environ.get(EXTRA_PLUGINS_VARIABLE, "").split():
        name = value.partition(":")[0]
        known.append(name)
        if name in disabled or name in manager.origins:
            continue
        manager.origins[name] = ("module", None)
        plugin = _import(manager, name, EntryPoint(name, value, None).load)
        if plugin is not None:
            _register(manager, plugin, name, ("module", None))
    for name, plugin in list(TEST_PLUGINS.items()):  # the testing kit's, for one test
        known.append(name)
        if name not in disabled and not manager.has_plugin(name) \
                and not manager.is_registered(plugin):
            _register(manager, plugin, name, ("registered", None))
    _check_unknown_disabled(disabled, known)
    _check_hook_names(manager)
    for name in disabled:
        manager.set_blocked(name)
    _attribute_implementations(manager)
    return manager


TEST_PLUGINS: dict[str, object] = {}
"""Plugin objects every manager built registers (:mod:`mentorcore.testing` adds one for the
length of a test, so that the command line sees it too)."""


def _check_unknown_disabled(disabled: set[str], known: list[str]) -> None:
    from mentorcore.spelling import did_you_mean

    for name in sorted(disabled - set(known)):
        raise MentorcoreError.single(
            checks.PLUGIN_UNKNOWN, "--disable-plugin: " + _("no plugin named '{name}'").format(
                name=name), exit_code=2,
            hint=did_you_mean(name, known) or _("see `mentorcore plugins`"))


@record
class Provided:
    """One thing a plugin provided through a hook (``replaces``: the plugin whose item of the
    same name it replaces with ``register(item, replace=True)``)."""

    plugin: str
    hook: str
    item: Any
    replaces: str | None = None


_CONTRACT_TYPES = {
    "click": "click", "Check": "mentorcore.checks", "Criterion": "mentorcore.kinds",
    "PhaseKind": "mentorcore.kinds", "Renderer": "mentorcore.formats",
    "UnitKind": "mentorcore.kinds", "Section": "mentorcore.sections",
    "Intake": "mentorcore.simulation.behaviours",
    "MeetingHandler": "mentorcore.simulation.behaviours",
    "PhaseBehaviour": "mentorcore.simulation.phase_behaviours",
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
    written = getattr(hookspecs, hook_name).__annotations__.get("register")
    if written is None:
        return None
    # only this parameter's annotation is evaluated (the others may name what is not imported)
    holder = types.SimpleNamespace(__annotations__={"register": written})
    register = typing.get_type_hints(holder, globalns=vars(hookspecs),
                                     localns=_ContractNames())["register"]
    (item,) = typing.get_args(register)
    members = typing.get_args(item) if isinstance(item, types.UnionType) else (item,)
    return tuple(typing.get_origin(member) or member for member in members)


_calling: contextvars.ContextVar[str] = contextvars.ContextVar("mentorcore_plugin")
"""The plugin whose hook implementation is running (what a ``register`` call is attributed to)."""


def _attributed(manager: PluginManager, plugin: str, hook: str, function: Callable[..., Any],
                argnames: tuple[str, ...]) -> Callable[..., Any]:
    """``function`` (a plugin's hook implementation) run under the plugin's name and time limit
    with its output on standard error; a failure disables the plugin (an error in strict mode),
    and a ``register_*`` implementation that returns something instead of calling ``register``
    fails. pluggy passes the arguments by position, in the order of ``argnames``."""

    @functools.wraps(function)
    def run(*args: Any, **named: Any) -> Any:
        if manager.failed(plugin):
            return None
        kwargs = {**dict(zip(argnames, args, strict=False)), **named}
        token = _calling.set(plugin)
        try:
            result = _run_plugin_code(manager, plugin, hook, function, kwargs,
                                      doing=_callable_name(function))
            if result is not None and "register" in kwargs:
                raise PluginError(PluginFailure(
                    plugin=plugin, where=hook, hint=_(
                        "call register(item) once per item, and return nothing"),
                    reason=_("plugin {plugin} returned {value} from {hook} instead of calling "
                             "register").format(plugin=manager.describe(plugin), hook=hook,
                                                value=f"{type(result).__name__} {result!r:.40}")))
            return result
        except PluginError as error:
            if error.exit_code == 130 or manager.is_builtin(plugin):
                raise
            manager.fail(error.failure)
            return None
        finally:
            _calling.reset(token)

    return run


_YIELDED, _RETURNED = "yielded", "returned"


def _advance(generator: typing.Generator[Any, Any, Any], value: Any = None,
             error: BaseException | None = None) -> tuple[str, Any]:
    """One step of a wrapper's generator: ``(_YIELDED, None)`` when it yields again,
    ``(_RETURNED, value)`` when it returns; what it raises propagates."""
    try:
        if error is not None:
            generator.throw(error)
        else:
            generator.send(value)
    except StopIteration as stop:
        return _RETURNED, stop.value
    return _YIELDED, None


def _wrapper_result_problem(hook: str, value: Any, argnames: tuple[str, ...]) -> str | None:
    """What is wrong with what a ``wrapper=True`` implementation returned: the hook's result
    is a list (of nothing, for a ``register_*`` hook, whose implementations register)."""
    if not isinstance(value, list):
        return _("returned {found}, not the result its yield gave").format(
            found=f"{type(value).__name__} {value!r:.40}")
    if "register" in argnames and any(item is not None for item in value):
        return _("returned items instead of calling register")
    return None


def _isolated_wrapper(manager: PluginManager, plugin: str, hook: str,
                      function: Callable[..., Any], argnames: tuple[str, ...],
                      old_style: bool) -> Callable[..., Any]:
    """A plugin's ``wrapper=True`` (or ``hookwrapper=True``) implementation driven step by step
    under the plugin's name and time limit: if it fails — raises before or after its ``yield``,
    does not yield, yields twice, returns something other than the hook's result (or, old
    style, forces a wrong result or an exception) — the plugin is disabled for the run with one
    warning (an error in strict mode) and the hook's result passes through unchanged."""
    doing = _callable_name(function)

    def step(action: Callable[[], Any]) -> Any:
        token = _calling.set(plugin)
        try:
            return _run_plugin_code(manager, plugin, hook, action, {}, doing=doing)
        finally:
            _calling.reset(token)

    def failed(error: PluginError) -> None:
        if error.exit_code == 130 or manager.is_builtin(plugin):
            raise error
        manager.fail(error.failure)

    def misbehaved(problem: str) -> PluginError:
        return PluginError(PluginFailure(
            plugin=plugin, where=hook, hint=_(
                "a wrapper=True implementation yields once and returns what its yield gives "
                "(see docs/plugins.md, Conventions)"),
            reason=_("plugin {plugin}: wrapper {hook} ({function}) {problem}").format(
                plugin=manager.describe(plugin), hook=hook, function=doing, problem=problem)))

    def close(generator: typing.Generator[Any, Any, Any]) -> None:
        with contextlib.suppress(PluginError):
            step(generator.close)

    @functools.wraps(function)
    def run(*args: Any, **named: Any) -> typing.Generator[Any, Any, Any]:
        if manager.failed(plugin):
            return (yield)
        kwargs = {**dict(zip(argnames, args, strict=False)), **named}
        try:
            generator = step(functools.partial(function, **kwargs))
            state, _value = step(functools.partial(_advance, generator))
            if state is _RETURNED:
                raise misbehaved(_("did not yield"))
        except PluginError as error:
            failed(error)
            return (yield)
        if old_style:
            outcome = yield
            exception = outcome.exception
            before = outcome.get_result() if exception is None else None
            try:
                state, _value = step(functools.partial(_advance, generator, outcome))
                if state is _YIELDED:
                    close(generator)
                    raise misbehaved(_("yielded twice"))
                if outcome.exception is not None and exception is None:
                    raise misbehaved(_("set an exception as the hook's result: {error}").format(
                        error=f"{type(outcome.exception).__name__}: {outcome.exception}"))
                if outcome.exception is None:
                    problem = _wrapper_result_problem(hook, outcome.get_result(), argnames)
                    if problem is not None:
                        raise misbehaved(problem)
            except PluginError as error:
                if exception is None:
                    outcome.force_result(before)
                else:
                    outcome.force_exception(exception)
                failed(error)
            return None
        thrown: BaseException | None = None
        try:
            result = yield
        except BaseException as inner:  # noqa: BLE001 - handed to the wrapper, then on
            thrown = inner
        if thrown is not None:  # an inner implementation raised (a strict or a built-in one)
            handled = False
            try:
                state, value = step(functools.partial(_advance, generator, error=thrown))
                handled = state is _RETURNED
                if not handled:
                    close(generator)
                    failed(misbehaved(_("yielded twice")))
            except PluginError as error:
                if error is not thrown and error.__cause__ is not thrown:
                    failed(error)  # the wrapper's own failure, not the one it was handed
            if handled:
                return value
            raise thrown
        try:
            state, value = step(functools.partial(_advance, generator, result))
            if state is _YIELDED:
                close(generator)
                raise misbehaved(_("yielded twice"))
            problem = _wrapper_result_problem(hook, value, argnames)
            if problem is not None:
                raise misbehaved(problem)
        except PluginError as error:
            failed(error)
            return result
        return value

    return run


def _attribute_implementations(manager: pluggy.PluginManager) -> None:
    """Wrap every hook implementation so that, called through pluggy's hook caller — where
    wrappers run and hook-call monitoring sees each call — it is still attributed to its
    plugin, limited in time, and isolated when it fails (a ``wrapper=True`` or
    ``hookwrapper=True`` implementation too: :func:`_isolated_wrapper`)."""
    if not isinstance(manager, PluginManager):
        return
    for name in manager.hook.__dict__:
        caller = getattr(manager.hook, name)
        if name.startswith("_") or caller.spec is None:
            continue
        for impl in caller.get_hookimpls():
            if getattr(impl.function, "_mentorcore", False):
                continue
            plugin = manager.get_name(impl.plugin) or repr(impl.plugin)
            manager.origins.setdefault(plugin, ("registered", None))
            if impl.wrapper or impl.hookwrapper:
                wrapped = _isolated_wrapper(manager, plugin, name, impl.function,
                                            tuple(impl.argnames), old_style=impl.hookwrapper)
            else:
                wrapped = _attributed(manager, plugin, name, impl.function,
                                      tuple(impl.argnames))
            wrapped._mentorcore = True  # type: ignore[attr-defined] # wrapped once only
            impl.function = wrapped


def call_hook(manager: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> list[Any]:
    """Call a hook through pluggy's hook caller (wrappers run, monitoring sees the call)."""
    _attribute_implementations(manager)  # plugins registered since the manager was built
    return list(getattr(manager.hook, hook_name)(**kwargs))


_OWNERS: dict[int, tuple[object, str, PluginManager]] = {}
"""id(registered item or its callables) → (the object, its plugin, the manager): who to name
when it fails. The object is kept so that its id is never reused."""


def current_plugin() -> str | None:
    """The plugin whose hook implementation is running, if any."""
    return _calling.get(None)


def own(manager: PluginManager, plugin: str, item: object) -> None:
    """Record that ``plugin`` provided ``item`` (see :func:`owner_of`)."""
    _own(manager, plugin, item)


def _own(manager: PluginManager, plugin: str, item: object) -> None:
    _OWNERS[id(item)] = (item, plugin, manager)
    _MANAGERS[plugin] = manager
    for attribute in ("evaluate", "function", "render", "events", "starts", "adjust", "handle",
                      "sections"):
        value = getattr(item, attribute, None)
        if callable(value):
            _OWNERS[id(value)] = (value, plugin, manager)


def owner_of(item: object) -> str | None:
    """The plugin that registered ``item`` (a kind, criterion, check, renderer, behaviour … or
    one of their functions), where known."""
    found = _OWNERS.get(id(item))
    return found[1] if found is not None and found[0] is item else None


def call_plugin(plugin: str | object, where: str, function: Callable[..., Any],
                *args: Any, **kwargs: Any) -> Any:
    """Call plugin code — a registered item's function — with the time limit, its output on
    standard error; any failure (``SystemExit`` and ``KeyboardInterrupt`` included) is a
    :class:`PluginError` naming the plugin (``plugin``: its name, or the registered item),
    its distribution, ``where`` and the callable. The plugin is disabled for the rest of the
    run. Code of mentorcore's own built-in plugins is run unchanged (a failure there is a
    bug, reported as such)."""
    item = plugin
    if not isinstance(plugin, str):
        plugin = owner_of(plugin) or owner_of(function) or _("(unknown plugin)")
    entry = _OWNERS.get(id(item)) or _OWNERS.get(id(function))
    manager = entry[2] if entry is not None else _MANAGERS.get(plugin) or PluginManager(
        "mentorcore")
    return _invoke(manager, plugin, where, function, *args, **kwargs)


_MANAGERS: dict[str, PluginManager] = {}
"""plugin name → the manager that last registered something of it."""


def _invoke(manager: PluginManager, plugin: str, where: str, function: Callable[..., Any],
            *args: Any, **kwargs: Any) -> Any:
    if manager.is_builtin(plugin):
        return function(*args, **kwargs)
    return _run_plugin_code(manager, plugin, where, function, kwargs,
                            doing=_callable_name(function), args=args)


_KEYS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "register_models": ("model location", lambda item: os.fspath(item)),
    "register_phase_kinds": ("phase kind", lambda item: item.name),
    "register_unit_kinds": ("unit kind", lambda item: item.name),
    "register_criteria": ("criterion", lambda item: item.name),
    "register_checks": ("check", lambda item: item.id),
    "register_renderers": ("format", lambda item: f"{item.target}:{item.name}"),
    "register_phase_behaviours": ("phase behaviour", lambda item: item.kind),
    "register_intakes": ("intake", lambda item: item.entry),
    "register_schedule_adjusters": ("schedule adjuster", lambda item: item.name),
    "register_meeting_handlers": ("meeting handler", lambda item: item.name),
    "register_sections": ("section", lambda item: item.name),
}
"""What names an item of each hook (the name plugins own), and what the item is called."""


def item_name(hook_name: str, item: Any) -> str:
    """The name an item registered through ``hook_name`` is known by (a criterion's name, a
    check's id, a renderer's ``target:name``, a model location …): what plugins own."""
    return _KEYS[hook_name][1](item)


def _what(hook_name: str) -> str:
    """What an item of ``hook_name`` is called, in the language of the messages."""
    return {
        "register_models": _("model location"), "register_phase_kinds": _("phase kind"),
        "register_unit_kinds": _("unit kind"), "register_criteria": _("criterion"),
        "register_checks": _("check"), "register_renderers": _("format"),
        "register_phase_behaviours": _("phase behaviour"), "register_intakes": _("intake"),
        "register_schedule_adjusters": _("schedule adjuster"),
        "register_meeting_handlers": _("meeting handler"), "register_sections": _("section"),
    }.get(hook_name, _KEYS[hook_name][0])


def _problem(hook: str, item: Any) -> str | None:
    """What is wrong with ``item`` registered through ``hook`` beyond its type (checked when
    it is registered): a name's format, a function that is no function, day ranges."""
    def bad_name(value: object, what: str) -> str | None:
        if isinstance(value, str) and _NAME.match(value):
            return None
        return _("{what} {value!r} is no name (lower case letters, digits, _ and -, starting "
                 "with a letter)").format(what=what, value=value)

    def not_callable(value: object, what: str, optional: bool = False) -> str | None:
        if callable(value) or (optional and value is None):
            return None
        return _("{what} is {value}, not a function").format(what=what,
                                                              value=type(value).__name__)

    problems: list[str | None] = []
    if hook == "register_models":
        location = Path(item)
        if not (location.is_dir() or (location.is_file()
                                      and location.suffix in (".yaml", ".yml"))):
            problems.append(_("{path!r} is neither a directory nor a .yaml file").format(
                path=os.fspath(item)))
    if hook in ("register_phase_kinds", "register_unit_kinds", "register_criteria",
                "register_renderers", "register_sections"):
        problems.append(bad_name(item.name, "name"))
    if hook == "register_phase_kinds" and item.rank is not None and (
            not isinstance(item.rank, int) or not 0 <= item.rank <= 100):
        problems.append(_("rank {rank!r} is not a whole number from 0 to 100").format(
            rank=item.rank))
    if hook == "register_unit_kinds" and item.members is not None and (
            not isinstance(item.members, int) or item.members < 1):
        problems.append(_("members {members!r} is not a whole number above 0").format(
            members=item.members))
    if hook == "register_criteria":
        problems.append(not_callable(item.evaluate, "evaluate", optional=True))
    if hook == "register_checks":
        problems.append(not_callable(item.function, "function"))
        if not _CHECK_ID.match(str(item.id)):
            problems.append(_("check id {id!r} is not like W101 (or PLUGIN/W101)").format(
                id=item.id))
        elif str(item.id).rpartition("/")[2][0] != ("E" if item.severity is Severity.ERROR
                                                   else "W"):
            problems.append(_("check id {id!r} does not start with the letter of its severity "
                              "(E error, W warning)").format(id=item.id))
    if hook == "register_renderers":
        problems.append(not_callable(item.render, "render"))
    if hook == "register_phase_behaviours":
        problems.append(bad_name(item.kind, "kind"))
        problems.append(not_callable(item.events, "events", optional=True))
        for event_type in item.event_types:
            problems.append(bad_name(event_type, "event type"))
        if item.default_days is not None and (not isinstance(item.default_days, int | float)
                                              or not 0 < item.default_days <= 3660):
            problems.append(_("default_days {days!r} is not a number of days from 1 to "
                              "3660").format(days=item.default_days))
    if hook == "register_intakes":
        problems.append(not_callable(item.starts, "starts"))
    if hook == "register_schedule_adjusters":
        problems.append(not_callable(item.adjust, "adjust"))
    if hook == "register_meeting_handlers":
        problems.append(not_callable(item.handle, "handle"))
    if hook == "register_sections":
        problems.append(not_callable(item.render, "render"))
    found = [problem for problem in problems if problem]
    return "; ".join(found) if found else None


class Registry:
    """Everything the plugins of one manager provide, and which plugin provided it.

    Each registration is checked against its hook's :func:`contract` (and the item's own
    rules: names, functions, day ranges) when it is made and kept with the name of the plugin
    that made it; names are owned. Build one per run and pass it explicitly::

        >>> registry = Registry(build_plugin_manager())
        >>> sorted(registry.phase_kinds)[:3]
        ['camp', 'closing', 'follow_up']
    """

    def __init__(self, manager: PluginManager) -> None:
        self.manager = manager
        self._provided: dict[str, list[Provided]] = {}
        self._refused: dict[str, list[Provided]] = {}

    def _collect(self, hook_name: str) -> list[Provided]:
        if hook_name not in self._provided:
            self._provided[hook_name] = self._call(hook_name)
        failures = self.manager.failures
        return [p for p in self._provided[hook_name] if p.plugin not in failures]

    def _call(self, hook_name: str) -> list[Provided]:
        manager = self.manager
        expected = contract(hook_name)
        found: list[tuple[Provided, bool]] = []

        def refuse(failure: PluginFailure) -> typing.NoReturn:
            # recorded at once, so that a plugin catching the exception is still disabled
            if not manager.is_builtin(failure.plugin):
                manager.fail(failure)
            raise PluginError(failure)

        def register(item: Any, *, replace: bool = False) -> None:
            plugin = _calling.get("?")
            problem = None
            if expected is not None and not isinstance(item, expected):
                problem = _("plugin {plugin} registered {item} in {hook}; expected "
                            "{types}").format(
                    plugin=manager.describe(plugin), item=f"{type(item).__name__} {item!r:.40}",
                    hook=hook_name, types=alternatives([t.__name__ for t in expected]))
            elif hook_name in _KEYS:
                detail = _problem(hook_name, item)
                if detail is not None:
                    problem = _("plugin {plugin} registered a {what} in {hook} that is refused: "
                                "{problem}").format(plugin=manager.describe(plugin),
                                                    what=_what(hook_name), hook=hook_name,
                                                    problem=detail)
            if problem is not None:
                refuse(PluginFailure(plugin=plugin, where=hook_name, reason=problem,
                                     hint=_("see docs/plugins.md, {hook}").format(
                                         hook=hook_name)))
            if hook_name == "register_checks" and not manager.is_builtin(plugin):
                prefix, _slash, code = str(item.id).rpartition("/")
                if prefix and prefix != plugin:
                    refuse(PluginFailure(
                        plugin=plugin, where=hook_name, hint=_(
                            "give the code alone (W101): mentorcore adds the prefix"),
                        reason=_("plugin {plugin} registered check {id}, whose prefix is not "
                                 "the plugin's name").format(plugin=manager.describe(plugin),
                                                             id=item.id)))
                item = attrs.evolve(item, id=f"{plugin}/{code}")
            _own(manager, plugin, item)
            found.append((Provided(plugin, hook_name, item), bool(replace)))

        call_hook(manager, hook_name, register=register)
        # pluggy calls the last registered plugin first; keep the order of registration
        # (built-in plugins, then entry points, then the plugins directory)
        order = {impl.plugin_name: index for index, impl in enumerate(
            getattr(manager.hook, hook_name).get_hookimpls())}
        found.sort(key=lambda pair: order.get(pair[0].plugin, len(order)))
        return self._own_names(hook_name, found)

    def _own_names(self, hook_name: str, found: list[tuple[Provided, bool]]) -> list[Provided]:
        """One item per name: a second registration of a name is refused (its plugin fails,
        naming both) unless it says ``replace=True``, which replaces the earlier one."""
        if hook_name not in _KEYS:
            return [provided for provided, _replace in found]
        key = _KEYS[hook_name][1]
        what = _what(hook_name)
        kept: dict[str, Provided] = {}
        for provided, replace in found:
            if self.manager.failed(provided.plugin):
                continue
            name = key(provided.item)
            earlier = kept.get(name)
            if earlier is None:
                kept[name] = provided
            elif replace and earlier.plugin != provided.plugin:
                kept[name] = attrs.evolve(provided, replaces=earlier.plugin)
            else:
                shown = name.partition(":")[2] if hook_name == "register_renderers" else name
                self.manager.fail(PluginFailure(
                    plugin=provided.plugin, where=hook_name, rule=checks.NAME_COLLISION.id,
                    reason=_("plugin {plugin} registers the {what} '{name}', which plugin "
                             "{other} already provides").format(
                        plugin=self.manager.describe(provided.plugin), what=what, name=shown,
                        other=self.manager.describe(earlier.plugin)),
                    hint=_("choose another name, or register(item, replace=True) to replace "
                           "it deliberately")))
        failures = self.manager.failures
        return [p for p in kept.values() if p.plugin not in failures]

    def items(self, hook_name: str) -> list[Any]:
        """What every plugin registered through ``hook_name``, in registration order."""
        return [p.item for p in self._collect(hook_name)]

    def provided(self, hook_name: str) -> list[Provided]:
        """Like :meth:`items`, each with the plugin that provided it."""
        return list(self._collect(hook_name))

    def named(self, hook_name: str) -> dict[str, Any]:
        """Items with a ``name`` (kinds, criteria) by name."""
        found: dict[str, Any] = {}
        for item in self.items(hook_name):
            found.setdefault(item.name, item)
        return found

    def plugin_of(self, hook_name: str, item: object) -> str:
        """The plugin that registered ``item`` through ``hook_name``."""
        return next((p.plugin for p in self._collect(hook_name) if p.item is item),
                    owner_of(item) or "?")

    def provider(self, hook_name: str, name: str) -> str | None:
        """The plugin that registered the item called ``name`` through ``hook_name``."""
        for p in self._collect(hook_name):
            if getattr(p.item, "name", None) == name:
                return p.plugin
        return None

    @property
    def phase_kinds(self) -> dict[str, PhaseKind]:
        return self.named("register_phase_kinds")

    def unsimulated_kind(self, kind: str) -> str | None:
        """The plugin that provides the phase kind ``kind`` when no plugin gives that kind a
        simulation behaviour (``register_phase_behaviours``): the simulation cannot honour what
        the kind means and runs such a phase as days with nothing of its own — ``validate``
        warns (W223) and ``simulate`` says so in its notes. ``None`` for a kind with a
        behaviour, an unknown kind, and the built-in kinds (the engine's own vocabulary)."""
        provider = self.provider("register_phase_kinds", kind)
        if provider is None or self.manager.is_builtin(provider):
            return None
        if any(behaviour.kind == kind
               for behaviour in self.items("register_phase_behaviours")):
            return None
        return provider

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
        ones when there is none (and the plugin that would provide it, if it failed)."""
        from mentorcore.spelling import did_you_mean

        found = self.renderers(target)
        if name not in found:
            hint = did_you_mean(name, found) or _("choose one of: {choices}").format(
                choices=", ".join(found))
            unavailable = self.unavailable_provider("register_renderers", name)
            if unavailable is not None:
                hint = unavailable
            raise MentorcoreError.single(
                checks.INVALID_VALUE, "--format: " + _("unknown {target} format '{name}'").format(
                    target=target, name=name), exit_code=2, hint=hint)
        return found[name]

    def render(self, target: str, name: str, result: object, options: Any) -> str | bytes:
        """The output of format ``name`` for ``result``, checked: text from a text renderer,
        bytes from a binary one; a plugin renderer's failure names the plugin
        (:class:`PluginError`)."""
        renderer = self.renderer(target, name)
        plugin = self.plugin_of("register_renderers", renderer)
        content = _invoke(self.manager, plugin, _("format {name}").format(name=name),
                          renderer.render, result, options)
        expected: type | tuple[type, ...] = bytes if renderer.binary else str
        if self.manager.is_builtin(plugin):  # svg and ics are text written as UTF-8 bytes
            expected = (str, bytes)
        if not isinstance(content, expected):
            failure = PluginFailure(
                plugin=plugin, where=_("format {name}").format(name=name), hint=_hint(plugin),
                reason=_("plugin {plugin}: format {name} ({function}) returned {found}, not "
                         "{expected}").format(plugin=self.manager.describe(plugin), name=name,
                                              function=_callable_name(renderer.render),
                                              found=type(content).__name__,
                                              expected=_("bytes") if renderer.binary
                                              else _("text")))
            self.manager.failures.setdefault(plugin, failure)
            raise PluginError(failure)
        return typing.cast("str | bytes", content)

    @property
    def checks(self) -> list[Check]:
        return self.items("register_checks")

    def failed_provider(self, hook_name: str, name: str) -> str | None:
        """The plugin that registered the item ``name`` through ``hook_name`` but failed
        since (so the item is unavailable)."""
        for provided in self._provided.get(hook_name, ()):
            if provided.plugin in self.manager.failures and name in _names(hook_name,
                                                                           provided.item):
                return provided.plugin
        return None

    def unavailable_provider(self, hook_name: str, name: str) -> str | None:
        """Why the item ``name`` of ``hook_name`` is unavailable, as a hint, when a plugin that
        provides it is known: disabled, failed, or a plugin that failed to load."""
        self._collect(hook_name)
        failed = self.failed_provider(hook_name, name)
        manager = self.manager
        if failed is not None:
            return _("it is provided by the plugin {plugin}, which failed: {reason}").format(
                plugin=manager.describe(failed), reason=manager.failures[failed].reason)
        disabled = self.disabled_provider(hook_name, name)
        if disabled is not None:
            return _("it is provided by the plugin {plugin}, disabled with --disable-plugin; "
                     "is it installed?").format(plugin=disabled)
        caller = getattr(manager.hook, hook_name, None)
        implementing = {impl.plugin_name for impl in caller.get_hookimpls()} \
            if caller is not None else set()
        unloaded = sorted(plugin for plugin, failure in manager.failures.items()
                          if failure.rule in (PLUGIN_LOAD_FAILED.id,
                                              checks.PLUGIN_INCOMPATIBLE.id)
                          or plugin in implementing)
        if len(unloaded) == 1:
            return _("the plugin {plugin}, which failed, may provide it: {reason}").format(
                plugin=manager.describe(unloaded[0]), reason=manager.failures[unloaded[0]].reason)
        if unloaded:
            return _("the plugins that failed to load may provide it: {plugins}").format(
                plugins=", ".join(manager.describe(p) for p in unloaded))
        return None

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
                with _stdout_to_stderr():
                    side.register(entry_point.load(), name=plugin_name)
                    getattr(side.hook, hook_name)(register=functools.partial(_keep, found))
            except BaseException:  # noqa: BLE001 - a broken disabled plugin names nothing
                continue
            if any(name in _names(hook_name, item) for item in found):
                return plugin_name
        return None

    def model_paths(self) -> dict[str, Path]:
        """Every available model by id (its file name without ``.yaml``); first one wins."""
        found: dict[str, Path] = {}
        for location in self.items("register_models"):
            for path in model_files(location):
                found.setdefault(path.stem, path)
        return found

    def model_path(self, model_id: str) -> Path | None:
        """``model_paths().get(model_id)``, found without listing every model of every
        location: the first location that holds the model's file gives it."""
        if model_id.endswith(".test"):  # a model test's name, never a model's
            return None
        name = f"{model_id}.yaml"
        for location in self.items("register_models"):
            location = Path(location)
            try:
                if not location.is_dir():
                    if location.stem == model_id:
                        return location
                elif name in os.listdir(location):  # as written (a file system may ignore case)
                    return location / name
            except OSError:  # what cannot be listed holds no model (as model_files finds)
                continue
        return None

    def model_providers(self) -> dict[str, str]:
        """Every available model id → the plugin that provides it."""
        found: dict[str, str] = {}
        for provided in self.provided("register_models"):
            for path in model_files(provided.item):
                found.setdefault(path.stem, provided.plugin)
        return found


def _names(hook_name: str, item: Any) -> set[str]:
    """The names a registered item answers to: a model location its model ids, a kind,
    criterion or format its name, a behaviour its kind, an intake its entry."""
    if hook_name == "register_models":
        with contextlib.suppress(OSError, TypeError):
            return {path.stem for path in model_files(item)}
        return set()
    return {value for value in (getattr(item, "name", None), getattr(item, "kind", None),
                                getattr(item, "entry", None)) if isinstance(value, str)}


def model_files(location: str | os.PathLike[str]) -> list[Path]:
    """The model files of a location ``register_models`` gave: a directory's ``*.yaml``
    files (not its model tests, ``*.test.yaml``), or the one file; each file's name without
    ``.yaml`` is the model id."""
    location = Path(location)
    if not location.is_dir():
        return [location]
    return sorted(p for p in location.glob("*.yaml") if not p.name.endswith(".test.yaml"))


def strict_errors(registry: Registry) -> MentorcoreError | None:
    """The end of a strict run (``--strict-plugins``): every ``register_*`` hook is called — so
    that a failure in a hook the command did not need is found and reported too — and, when
    any plugin failed, one error (exit 1) that counts and names them all (each failure was
    reported, as an error, when it happened); ``None`` when none failed or the run is not
    strict."""
    manager = registry.manager
    if not manager.strict:
        return None
    for hook_name in sorted(_KEYS):
        with contextlib.suppress(PluginError):  # each failure is recorded and reported
            registry.items(hook_name)
    failed = sorted(manager.failures)
    if not failed:
        return None
    message = ngettext("--strict-plugins: {count} plugin failed: {plugins}",
                       "--strict-plugins: {count} plugins failed: {plugins}",
                       len(failed)).format(count=len(failed), plugins=", ".join(
                           manager.describe(name) for name in failed))
    return MentorcoreError([Diagnostic(
        rule=checks.PLUGIN_FAILED.id, severity=Severity.ERROR, message=message,
        hint=_("each failure is reported above; fix the plugins, or leave them out with "
               "--disable-plugin"))], exit_code=1)


def collect(plugin: str | object, where: str, function: Callable[..., Any],
            *args: Any) -> list[Any]:
    """``list(function(*args))`` as :func:`call_plugin` runs it: for plugin functions that
    yield (a generator fails while it is iterated)."""

    @functools.wraps(function)
    def items() -> list[Any]:
        produced = function(*args)
        return [] if produced is None else list(produced)

    return typing.cast("list[Any]", call_plugin(plugin, where, items))


def _keep(found: list[object], item: object, replace: bool = False) -> None:
    found.append(item)


def _resolvable(data: Any, path: tuple[Any, ...]) -> bool:
    """``path`` leads to a value of the (merged, plain) model ``data``; a key a model may
    leave out (the last element, a name) counts, so that a check can point at a missing key."""
    node = data
    for index, element in enumerate(path):
        last = index == len(path) - 1
        if isinstance(element, bool) or not isinstance(element, str | int):
            return False
        if isinstance(node, dict):
            if element in node:
                node = node[element]
                continue
            return last and isinstance(element, str)
        if isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            node = node[element]
            continue
        return False
    return True


def run_check(registry: Registry, provided: Provided, programme: Any, data: Any) -> list[Any]:
    """The findings of one registered check, each checked (a :class:`~mentorcore.checks.
    Finding` whose ``path`` leads into the model). A plugin's check that fails or yields
    something else is disabled for the run with a warning naming the plugin (an error in
    strict mode) and gives no findings."""
    from mentorcore.checks import Finding

    check = provided.item
    manager = registry.manager
    builtin = manager.is_builtin(provided.plugin)
    where = "" if builtin else _("check {id}").format(id=check.id)  # a built-in one: if needed

    try:
        if builtin:  # mentorcore's own check, called as it is (as _invoke does)
            found = list(check.function(programme, registry))
        else:
            found = _run_plugin_code(manager, provided.plugin, where, _findings_of, {},
                                     doing=_callable_name(check.function),
                                     args=(check.function, programme, registry))
        for finding in found:
            problem = None
            if not isinstance(finding, Finding):
                problem = _("yielded {found}, not a Finding").format(
                    found=f"{type(finding).__name__} {finding!r:.40}")
            elif not isinstance(finding.path, tuple) or not _resolvable(data, finding.path):
                problem = _("yielded a Finding whose path {path!r} is not a path in the "
                            "model").format(path=finding.path)
            elif not isinstance(finding.message, str) or not finding.message:
                problem = _("yielded a Finding without a message")
            if problem is not None:
                where = where or _("check {id}").format(id=check.id)
                raise PluginError(PluginFailure(
                    plugin=provided.plugin, where=where, hint=_hint(provided.plugin),
                    reason=_("plugin {plugin}: {where} ({function}) {problem}").format(
                        plugin=manager.describe(provided.plugin), where=where,
                        function=_callable_name(check.function), problem=problem)))
    except PluginError as error:
        if builtin or error.exit_code == 130:
            raise
        manager.fail(error.failure)
        return []
    return found


def _findings_of(function: Callable[..., Any], *args: Any) -> list[Any]:
    """What a plugin's check yields, all of it (so that its code runs inside the time limit)."""
    return list(function(*args))


def plugin_sections(registry: Registry, programme: Any, language: str,
                    document: str) -> list[tuple[str, str]]:
    """``(heading, Markdown)`` of each section plugins add to ``document`` (``handbook`` or
    ``forms``) for ``programme`` in ``language``, in the order of the plugins. A section whose
    ``render`` fails, or returns something other than text or ``None``, is left out and its
    plugin disabled with a warning (an error in strict mode)."""
    from mentorcore.sections import SectionContext

    manager = registry.manager
    found: list[tuple[str, str]] = []
    context = SectionContext(programme=programme, language=language, document=document)
    for provided in registry.provided("register_sections"):
        section = provided.item
        if document not in section.documents:
            continue
        where = _("section {name}").format(name=section.name)
        try:
            text = _invoke(manager, provided.plugin, where, section.render, context)
            heading = _invoke(manager, provided.plugin, where, section.heading, language)
            if text is not None and not isinstance(text, str):
                raise PluginError(PluginFailure(
                    plugin=provided.plugin, where=where, hint=_hint(provided.plugin),
                    reason=_("plugin {plugin}: {where} ({function}) returned {found}, not "
                             "text").format(plugin=manager.describe(provided.plugin),
                                            where=where,
                                            function=_callable_name(section.render),
                                            found=type(text).__name__)))
        except PluginError as error:
            if manager.is_builtin(provided.plugin) or error.exit_code == 130:
                raise
            manager.fail(error.failure)
            continue
        if text is not None and text.strip():
            found.append((heading, text))
    return found


def plugin_timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class _PluginTimeout(BaseException):
    """Raised inside plugin code that ran past the time limit (a BaseException, so that a
    plugin's ``except Exception`` cannot swallow it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise _PluginTimeout


def _timed(function: Callable[..., Any], limit: float, kwargs: dict[str, Any],
           args: tuple[Any, ...] = ()) -> Any:
    """Run ``function`` with a wall-clock limit: SIGALRM in the main thread where the platform
    has it (no cost per call), otherwise without a limit."""
    if (limit <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return function(*args, **kwargs)
    previous_handler = signal.signal(signal.SIGALRM, _alarm)
    previous_delay, _interval = signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.monotonic()
    try:
        return function(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # an outer call's limit keeps running
            remaining = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))

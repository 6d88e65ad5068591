"""``mentorcore plugins``: every plugin — its distribution, version, plugin API range, hooks,
everything it registered and its status (ok, failed with the reason, disabled)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import current_session, guarded
from mentorcore.hookspecs import PLUGIN_API_VERSION, hookimpl
from mentorcore.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from mentorcore.plugins import PluginManager, Registry

_WHAT = {  # the JSON key of each hook's items; their names: mentorcore.plugins.item_name
    "register_models": "models", "register_phase_kinds": "phase_kinds",
    "register_unit_kinds": "unit_kinds", "register_criteria": "criteria",
    "register_checks": "checks", "register_renderers": "formats",
    "register_sections": "sections", "register_phase_behaviours": "phase_behaviours",
    "register_intakes": "intakes", "register_schedule_adjusters": "schedule_adjusters",
    "register_meeting_handlers": "meeting_handlers",
}
KEYS = (*_WHAT.values(), "commands")
"""What a row lists a plugin registered, in this order."""


def _row(manager: PluginManager, name: str) -> dict[str, Any]:
    origin, version = manager.origins.get(name, ("registered", None))
    distribution = manager.distributions.get(name)
    return {"name": name, "origin": origin, "version": version,
            "distribution": distribution[0] if distribution else None,
            "api": manager.api_ranges.get(name), "hooks": [], "status": "ok", "reason": None,
            "replaces": []}


def describe_plugins(registry: Registry) -> list[dict[str, Any]]:
    """Each plugin of the run: name, origin, distribution, version, declared plugin API range,
    hooks, status (``ok``, ``failed`` with its ``reason``, ``disabled``) and what it
    registered. Every hook is called, so a plugin failing in one shows as failed."""
    from mentorcore.plugins import item_name, model_files

    manager = registry.manager
    rows: dict[str, dict[str, Any]] = {}
    for plugin in manager.get_plugins():
        name = manager.get_name(plugin)
        if name is None or manager.is_blocked(name):
            continue
        rows[name] = _row(manager, name)
        rows[name]["hooks"] = sorted(caller.name for caller in
                                     manager.get_hookcallers(plugin) or [])
    for hook, key in _WHAT.items():
        for provided in registry.provided(hook):
            row = rows.get(provided.plugin)
            if row is None:
                continue
            value = item_name(hook, provided.item)
            if key == "models":
                row.setdefault(key, []).extend(p.stem for p in model_files(value))
            else:
                row.setdefault(key, []).append(value)
            if provided.replaces:
                row["replaces"].append(f"{key.rstrip('s')} {value} of {provided.replaces}")
    commands = _commands(manager)
    for name, row in rows.items():
        if commands.get(name):
            row["commands"] = sorted(commands[name])
    for name in manager.disabled_names:
        row = rows.setdefault(name, _row(manager, name))
        entry = manager.disabled_entry_points.get(name)
        if entry is not None:
            row.update(origin="entry point", version=entry.version,
                       distribution=entry.distribution)
        row["status"] = "disabled"
    for name, failure in manager.failures.items():
        row = rows.setdefault(name, _row(manager, name))
        row.update(status="failed", reason=failure.reason)
        for key in KEYS:
            row.pop(key, None)
    return sorted(rows.values(), key=lambda r: (r["origin"] != "builtin", r["name"]))


def _commands(manager: PluginManager) -> dict[str, list[str]]:
    """plugin → the commands it adds (``register_commands`` called through the hook caller)."""
    from mentorcore.cli.group import collect_commands
    from mentorcore.plugins import owner_of

    found: dict[str, list[str]] = {}
    for name, command in collect_commands(manager).items():
        found.setdefault(owner_of(command) or "?", []).append(name)
    return found


@click.command(cls=HelpCommand, help=N_(
    "List every plugin: where it comes from (distribution and version), the plugin API range\n"
    "it declares, its status (ok, failed with the reason, disabled), its hooks and everything\n"
    "it registered (models, kinds, criteria, checks, formats, sections, behaviours, intakes,\n"
    "commands, and what it replaces).\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore plugins\n"
    "  mentorcore plugins --format json\n"
    "  mentorcore --plugins-dir ./local-plugins plugins"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=N_("Output format."))
@guarded
def plugins(fmt: str) -> None:
    rows = describe_plugins(current_session().registry)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(_("plugin API {version}").format(version=PLUGIN_API_VERSION))
    for row in rows:
        where = " ".join(filter(None, [row["distribution"], row["version"]]))
        details = ", ".join(filter(None, [_origin(row["origin"]), where,
                                          row["api"] and f"API {row['api']}"]))
        click.echo(f"{row['name']} ({details}): {_status(row['status'])}")
        if row["reason"]:
            click.echo("    " + _("reason: {reason}").format(reason=row["reason"]))
        for key in KEYS:
            if row.get(key):
                click.echo(f"    {_label(key)}: {', '.join(row[key])}")
        for replaced in row["replaces"]:
            click.echo("    " + _("replaces: {what}").format(what=replaced))
        if row["status"] == "ok" and not any(row.get(k) for k in KEYS):
            click.echo("    " + _("hooks: {hooks}").format(hooks=", ".join(row["hooks"]) or "-"))



def _label(key: str) -> str:
    """The text listing's label of what a plugin registered, in the language of the run."""
    labels = {
        "models": pgettext("plugins listing", "models"),
        "phase_kinds": pgettext("plugins listing", "phase kinds"),
        "unit_kinds": pgettext("plugins listing", "unit kinds"),
        "criteria": pgettext("plugins listing", "criteria"),
        "checks": pgettext("plugins listing", "checks"),
        "formats": pgettext("plugins listing", "formats"),
        "sections": pgettext("plugins listing", "sections"),
        "phase_behaviours": pgettext("plugins listing", "phase behaviours"),
        "intakes": pgettext("plugins listing", "intakes"),
        "schedule_adjusters": pgettext("plugins listing", "schedule adjusters"),
        "meeting_handlers": pgettext("plugins listing", "meeting handlers"),
        "commands": pgettext("plugins listing", "commands"),
    }
    return labels.get(key, key.replace("_", " "))


def _origin(origin: str) -> str:
    """Where a plugin comes from (builtin, entry point, file, registered), in the language of
    the run."""
    origins = {"builtin": pgettext("plugin origin", "builtin"),
               "entry point": pgettext("plugin origin", "entry point"),
               "file": pgettext("plugin origin", "file"),
               "registered": pgettext("plugin origin", "registered")}
    return origins.get(origin, origin)


def _status(status: str) -> str:
    """A plugin's status (ok, failed, disabled), in the language of the run."""
    statuses = {"ok": pgettext("plugin status", "ok"),
                "failed": pgettext("plugin status", "failed"),
                "disabled": pgettext("plugin status", "disabled")}
    return statuses.get(status, status)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(plugins)

"""``mentorcore plugins``: every plugin, its version and what it provides."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from mentorcore.cli.session import current_session, guarded
from mentorcore.hookspecs import hookimpl

if TYPE_CHECKING:
    from mentorcore.plugins import PluginManager, Registry

_WHAT = {
    "register_models": ("models", lambda item: str(item)),
    "register_phase_kinds": ("phase_kinds", lambda item: item.name),
    "register_unit_kinds": ("unit_kinds", lambda item: item.name),
    "register_criteria": ("criteria", lambda item: item.name),
    "register_checks": ("checks", lambda item: item.id),
    "register_renderers": ("formats", lambda item: f"{item.target}:{item.name}"),
}


def describe_plugins(registry: Registry) -> list[dict[str, Any]]:
    """Each plugin of the registry's manager: name, origin, version, hooks and what it provides."""
    manager = registry.manager
    rows: dict[str, dict[str, Any]] = {}
    for plugin in manager.get_plugins():
        name = manager.get_name(plugin)
        if name is None or manager.is_blocked(name):
            continue
        origin, version = manager.origins.get(name, ("registered", None))
        hooks = sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])
        rows[name] = {"name": name, "origin": origin, "version": version, "hooks": hooks}
    for hook, (key, label) in _WHAT.items():
        for provided in registry.provided(hook):
            row = rows.get(provided.plugin)
            if row is None:
                continue
            value = label(provided.item)
            if key == "models":
                from pathlib import Path

                location = Path(value)
                value = sorted(p.stem for p in location.glob("*.yaml")) if location.is_dir() \
                    else [location.stem]
                row.setdefault(key, []).extend(value)
            else:
                row.setdefault(key, []).append(value)
    for name, row in rows.items():
        commands = _commands_of(manager, name)
        if commands:
            row["commands"] = commands
    return sorted(rows.values(), key=lambda r: (r["origin"] != "builtin", r["name"]))


def _commands_of(manager: PluginManager, name: str) -> list[str]:
    """The commands the plugin ``name`` adds: its ``register_commands`` called alone, through
    pluggy's hook caller."""
    plugin = manager.get_plugin(name)
    if plugin is None or not any(caller.name == "register_commands"
                                 for caller in manager.get_hookcallers(plugin) or []):
        return []
    others = [other for other in manager.get_plugins() if other is not plugin]
    collector = click.Group()
    try:
        manager.subset_hook_caller("register_commands", remove_plugins=others)(cli=collector)
    except Exception:  # noqa: BLE001 - a broken plugin is reported when its commands are used
        return ["(failed)"]
    return sorted(collector.commands)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@guarded
def plugins(fmt: str) -> None:
    """List every plugin: where it comes from, its version, its hooks and what it provides
    (models, phase kinds, unit kinds, criteria, checks, commands).

    \b
    Examples:
      mentorcore plugins
      mentorcore plugins --format json
      mentorcore --plugins-dir ./local-plugins plugins
    """
    rows = describe_plugins(current_session().registry)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        version = f" {row['version']}" if row["version"] else ""
        click.echo(f"{row['name']}{version} ({row['origin']})")
        for key in ("models", "phase_kinds", "unit_kinds", "criteria", "checks", "formats",
                    "commands"):
            if row.get(key):
                click.echo(f"    {key.replace('_', ' ')}: {', '.join(row[key])}")
        if not any(row.get(k) for k in ("models", "phase_kinds", "unit_kinds", "criteria",
                                        "checks", "formats", "commands")):
            click.echo(f"    hooks: {', '.join(row['hooks']) or '-'}")


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(plugins)

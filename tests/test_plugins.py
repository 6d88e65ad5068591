"""Plugins: discovery, the plugins command, failing plugins, and the documented examples."""

from __future__ import annotations

import json
import os
import re
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorcore import hookspecs
from mentorcore.cli import cli
from tests.conftest import MINIMAL

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
FIRST_PARTY = {"mentorcore-camp": "camp", "mentorcore-kielikaveri": "reciprocal_language",
               "mentorcore-oma-polku": "same_language_group", "mentorcore-auroras": "same_field",
               "mentorcore-monika": "mentor_kind"}


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def hook_names() -> list[str]:
    return [name for name in dir(hookspecs)
            if callable(getattr(hookspecs, name)) and hasattr(getattr(hookspecs, name),
                                                               "mentorcore_spec")]


def test_plugins_lists_first_party_plugins_from_entry_points():
    rows = {row["name"]: row for row in json.loads(invoke("plugins", "--format", "json").output)}
    for name, provided in FIRST_PARTY.items():
        assert rows[name]["origin"] == "entry point" and rows[name]["status"] == "ok"
        assert rows[name]["version"] and rows[name]["distribution"] == "mentorcore"
        assert provided in rows[name].get("phase_kinds", []) + rows[name].get("criteria", [])
    assert "womento" in rows["mentorcore.builtins.models"]["models"]
    assert "validate" not in rows["mentorcore.commands.catalogue"]["commands"]
    assert {"catalogue", "diff"} <= set(rows["mentorcore.commands.catalogue"]["commands"])


def test_disable_plugin(write):
    path = write("m.yaml", MINIMAL.replace("kind: mentoring", "kind: camp"))
    assert invoke("validate", str(path)).exit_code == 0
    result = invoke("--disable-plugin", "mentorcore-camp", "validate", str(path))
    assert result.exit_code == 1
    assert "unknown phase kind 'camp'" in result.output
    assert "provided by the plugin mentorcore-camp" in result.output
    rows = {r["name"]: r for r in json.loads(invoke("--disable-plugin", "mentorcore-camp",
                                                    "plugins", "--format", "json").output)}
    assert rows["mentorcore-camp"]["status"] == "disabled"
    assert "phase_kinds" not in rows["mentorcore-camp"]
    via_env = invoke("validate", str(path), env={"MENTORCORE_DISABLE_PLUGINS": "mentorcore-camp"})
    assert via_env.exit_code == 1


def test_single_file_plugin_from_plugins_dir(tmp_path, write):
    plugins = tmp_path / "local"
    plugins.mkdir()
    (plugins / "our_rule.py").write_text(
        "from mentorcore import hookimpl\nfrom mentorcore.kinds import Criterion\n\n"
        "@hookimpl\ndef register_criteria(register):\n"
        "    register(Criterion(name='same_city', description='same city'))\n")
    model = write("m.yaml", MINIMAL + "matching:\n  unit: pair\n  rules:\n"
                                      "    - {id: city, criterion: same_city, hard: true}\n")
    assert invoke("validate", str(model)).exit_code == 1
    result = invoke("--plugins-dir", str(plugins), "validate", str(model))
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke("--plugins-dir", str(plugins), "plugins", "--format", "json").output)
    (ours,) = [r for r in rows if r["name"] == "our_rule"]
    assert ours["origin"] == "file" and ours["criteria"] == ["same_city"]
    env = invoke("validate", str(model), env={"MENTORCORE_PLUGINS_DIR": str(plugins)})
    assert env.exit_code == 0


@pytest.mark.parametrize("source, fragment", [
    ("raise ImportError('no module named foo')\n",
     "plugin 'broken' ({file}) failed in import: ImportError: no module named foo"),
    ("import sys\nsys.exit(0)\n", "plugin 'broken' ({file}) failed in import: it called "
                                  "sys.exit(0)"),
    ("from mentorcore import hookimpl\n@hookimpl\n"
     "def register_criteria(register, extra):\n    pass\n",
     "plugin 'broken' ({file}) is refused"),
    ("from mentorcore import hookimpl\n@hookimpl\ndef register_critera(register):\n    pass\n",
     "plugin 'broken' ({file}) implements unknown hook 'register_critera'"),
    ("from mentorcore import hookimpl\n@hookimpl\ndef register_criteria(register):\n"
     "    raise RuntimeError('database is down')\n",
     "plugin 'broken' ({file}) failed in register_criteria (broken.register_criteria): "
     "RuntimeError: database is down"),
    ("from mentorcore import hookimpl\n@hookimpl\ndef register_phase_kinds(register):\n"
     "    register('retreat')\n",
     "plugin 'broken' ({file}) registered str 'retreat' in register_phase_kinds; expected "
     "PhaseKind"),
])
def test_a_failing_plugin_is_disabled_with_one_warning_and_strict_makes_it_fatal(
        tmp_path, source, fragment):
    plugins = tmp_path / "local"
    plugins.mkdir()
    (plugins / "broken.py").write_text(source)
    fragment = fragment.format(file=plugins / "broken.py")
    result = invoke("--plugins-dir", str(plugins), "validate", "kielikaveri")  # uses criteria
    assert result.exit_code == 0, result.output
    assert result.output.count(fragment) == 1, result.output
    assert "the plugin is disabled for this run" in result.output
    assert "--disable-plugin broken" in result.output and "[W300]" in result.output
    assert "Traceback" not in result.output
    if "register_critera" in source:
        assert "(did you mean `register_criteria`?" in result.output
    strict = invoke("--plugins-dir", str(plugins), "--strict-plugins", "validate", "kielikaveri")
    assert strict.exit_code == 1 and fragment in strict.output, strict.output
    via_env = invoke("--plugins-dir", str(plugins), "validate", "kielikaveri",
                     env={"MENTORCORE_STRICT_PLUGINS": "1"})
    assert via_env.exit_code == 1
    quiet = invoke("--plugins-dir", str(plugins), "--disable-plugin", "broken", "validate",
                   "kielikaveri")
    assert quiet.exit_code == 0 and "broken" not in quiet.output


def test_a_hanging_plugin_is_stopped_and_named(tmp_path):
    plugins = tmp_path / "local"
    plugins.mkdir()
    (plugins / "slow.py").write_text(
        "import time\nfrom mentorcore import hookimpl\n@hookimpl\n"
        "def register_criteria(register):\n    time.sleep(30)\n")
    (plugins / "slow_import.py").write_text("import time\ntime.sleep(30)\n")
    result = invoke("--plugins-dir", str(plugins), "validate", "kielikaveri",
                    env={"MENTORCORE_PLUGIN_TIMEOUT": "0.5"})
    assert result.exit_code == 0, result.output
    assert "plugin 'slow' (" in result.output
    assert "did not finish register_criteria (slow.register_criteria) within 0.5 s" \
        in result.output
    assert "did not finish import within 0.5 s" in result.output
    assert "plugin 'slow_import' (" in result.output


def test_a_failing_check_is_named(register_plugin, write):
    from mentorcore.checks import Check
    from mentorcore.diagnostics import Severity
    from mentorcore.library import Library

    def explode(programme, registry):
        raise ValueError("bad check")

    class Plugin:
        @hookspecs.hookimpl
        def register_checks(self, register):
            register(Check(id="E900", name="explode", severity=Severity.ERROR, summary="x",
                           function=explode))

    registry = register_plugin(Plugin(), name="exploder")
    from mentorcore.diagnostics import MentorcoreError

    with pytest.raises(MentorcoreError, match=r"plugin 'exploder' failed in check exploder/E900 "
                       r"\(tests.test_plugins.*explode\): ValueError: bad check"):
        Library(registry).load(str(write("m.yaml", MINIMAL)))


def _documented_examples() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    sections = re.split(r"^### `", text, flags=re.M)[1:]
    found = {}
    for section in sections:
        name = section.split("(", 1)[0]
        code = re.search(r"```python\n(.*?)```", section, flags=re.S)
        found[name] = code.group(1) if code else ""
    return found


def test_every_hook_is_documented_with_an_example():
    documented = _documented_examples()
    for name in hook_names():
        assert documented.get(name), f"docs/plugins.md has no example for hook {name}"


@pytest.mark.parametrize("hook", sorted(_documented_examples()))
def test_documented_examples_run(register_plugin, hook):
    module = types.ModuleType(f"example_{hook}")
    exec(compile(_documented_examples()[hook], f"docs/plugins.md:{hook}", "exec"), module.__dict__)
    registry = register_plugin(module, name=f"example-{hook}")
    if hook == "register_commands":
        import click

        group = click.Group()
        module.register_commands(cli=group)
        assert group.commands
    elif hook.startswith("register_"):
        assert any(p.plugin == f"example-{hook}" for p in registry.provided(hook))


def test_a_plugin_renderer_is_a_format_of_simulate(tmp_path):
    plugins = tmp_path / "local"
    plugins.mkdir()
    example = _documented_examples()["register_renderers"]
    (plugins / "tsv.py").write_text(example)
    result = invoke("--plugins-dir", str(plugins), "simulate", "womento", "--pairs", "3",
                    "--format", "meetings-tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["pair-1", "pair-2", "pair-3", "group-1"]
    assert all(line.split("\t")[1].isdigit() for line in lines)
    unknown = invoke("simulate", "womento", "--format", "meetings-tsv")
    assert unknown.exit_code == 2 and "unknown simulation format 'meetings-tsv'" in unknown.output


def test_auroras_plugin_gives_the_end_reports():
    result = invoke("simulate", "auroras-individual", "--pairs", "20", "--seed", "3",
                    "--format", "end-reports")
    assert result.exit_code == 0, result.output
    import csv
    import io

    text = result.output.lstrip("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert header == ["unit", "mentor", "mentee", "reported_on", "ended", "meetings", "themes"]
    assert len(rows) == 20
    completed = sorted(int(r[5]) for r in rows if r[4] == "completed")
    # 6–8 meetings in all: in the median, and never more (a pair whose about-3–4-month phase is
    # short may lose a cancelled meeting it has no time to make up)
    assert completed and 6 <= completed[len(completed) // 2] <= 8 and completed[-1] <= 8
    assert all(r[6] for r in rows if int(r[5]) > 0)           # and their themes
    without = invoke("--disable-plugin", "mentorcore-auroras", "simulate", "auroras-individual",
                     "--format", "end-reports")
    assert without.exit_code == 2


# -- hooks are called through pluggy's hook caller ---------------------------------------------

def test_a_wrapper_implementation_runs_around_the_plugins_of_a_hook(register_plugin):
    from mentorcore.kinds import PhaseKind

    seen: list[str] = []

    class Wrapper:
        @hookspecs.hookimpl(wrapper=True)
        def register_phase_kinds(self, register):
            seen.append("before")
            result = yield
            seen.append("after")
            return result

    class Provider:
        @hookspecs.hookimpl
        def register_phase_kinds(self, register):
            register(PhaseKind(name="retreat", rank=40, description="a weekend retreat"))

    register_plugin(Wrapper(), name="wrapper")
    registry = register_plugin(Provider(), name="retreats")
    assert "retreat" in registry.phase_kinds
    assert seen == ["before", "after"]
    assert registry.provider("register_phase_kinds", "retreat") == "retreats"
    assert registry.provider("register_phase_kinds", "camp") == "mentorcore-camp"


def test_hook_call_monitoring_sees_the_register_hooks(register_plugin):
    registry = register_plugin(object(), name="nothing")
    called: list[str] = []
    registry.manager.add_hookcall_monitoring(
        lambda hook_name, impls, kwargs: called.append(hook_name), lambda *args: None)
    assert registry.criteria and registry.checks
    assert called == ["register_criteria", "register_checks"]


def test_the_types_of_formats_and_sections_are_the_same_from_every_module():
    """`mentorcore.kinds` defined them before they had modules of their own: plugins that import
    them from there (or from the plugin API) get the very classes the hooks check against."""
    from mentorcore import formats, kinds, plugin_api, sections

    for module, names in ((formats, ("Renderer", "RenderOptions", "RENDER_TARGETS")),
                          (sections, ("Section", "SectionContext", "SECTION_DOCUMENTS"))):
        for name in names:
            assert getattr(kinds, name) is getattr(module, name), name
            assert name in kinds.__all__ and name in module.__all__
            if name.isupper():
                continue
            assert getattr(plugin_api, name) is getattr(module, name), name
    with pytest.raises(AttributeError, match="Renderers"):
        kinds.Renderers  # noqa: B018 - an unknown name is still an AttributeError


def test_a_phase_behaviours_window_and_events_are_one_class_from_every_module():
    """They are defined with the simulation's other plugin types; the module of phase
    behaviours, which defined them before, and the plugin API give the same classes."""
    from mentorcore import plugin_api
    from mentorcore.simulation import behaviours, phase_behaviours

    for name in ("PhaseWindow", "BehaviourEvent"):
        assert getattr(phase_behaviours, name) is getattr(behaviours, name), name
        assert getattr(plugin_api, name) is getattr(behaviours, name), name
        assert name in phase_behaviours.__all__ and name in behaviours.__all__
    with pytest.raises(AttributeError):
        phase_behaviours.Window  # noqa: B018 - an unknown name is still an AttributeError


def test_the_contract_of_each_hook_is_the_type_its_hookspec_declares():
    from mentorcore.checks import Check
    from mentorcore.kinds import Criterion, PhaseKind, Renderer, Section, UnitKind
    from mentorcore.plugins import contract
    from mentorcore.simulation.behaviours import (
        Intake,
        MeetingHandler,
        PhaseBehaviour,
        ScheduleAdjuster,
    )

    assert {name: contract(name) for name in hook_names()} == {
        "register_checks": (Check,), "register_commands": None,
        "register_criteria": (Criterion,), "register_intakes": (Intake,),
        "register_meeting_handlers": (MeetingHandler,), "register_models": (str, os.PathLike),
        "register_phase_behaviours": (PhaseBehaviour,), "register_phase_kinds": (PhaseKind,),
        "register_renderers": (Renderer,), "register_schedule_adjusters": (ScheduleAdjuster,),
        "register_sections": (Section,), "register_unit_kinds": (UnitKind,)}


@pytest.mark.parametrize("hook", ["register_criteria", "register_intakes"])
def test_a_registration_of_the_wrong_type_is_refused_naming_the_plugin(register_plugin, hook):
    from mentorcore.diagnostics import MentorcoreError

    plugin = types.SimpleNamespace(**{hook: hookspecs.hookimpl(
        lambda register: register("not a contract type"))})
    registry = register_plugin(plugin, name="sloppy")
    with pytest.raises(MentorcoreError, match=f"plugin 'sloppy' registered str .* in {hook}"):
        registry.items(hook)


@pytest.mark.parametrize("group", ["mentorcore", "console_scripts", "pytest11"])
def test_entry_points_are_found_as_importlib_metadata_finds_them(group):
    from importlib.metadata import entry_points

    from mentorcore.plugins import find_entry_points

    ours = sorted((e.name, e.value, e.version) for e in find_entry_points(group))
    theirs = sorted((e.name, e.value, e.dist.version if e.dist else None)
                    for e in entry_points(group=group))
    assert ours == theirs and (group != "mentorcore" or len(ours) >= 5)


def test_an_entry_point_loads_its_object():
    from mentorcore.plugins import EntryPoint

    assert EntryPoint(name="x", value="os.path:join", version=None).load() is os.path.join
    assert EntryPoint(name="x", value="mentorcore_camp", version=None).load().__name__ == (
        "mentorcore_camp")


def test_a_name_another_plugin_owns_is_an_error_naming_both_unless_replaced(register_plugin):
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.kinds import PhaseKind

    class Late:
        @hookspecs.hookimpl
        def register_phase_kinds(self, register):
            register(PhaseKind(name="mentoring", rank=10, description="a later plugin's"))

    registry = register_plugin(Late(), name="late")
    with pytest.raises(MentorcoreError, match="plugin 'late' registers the phase kind "
                       "'mentoring', which plugin 'mentorcore.builtins.kinds' already "
                       "provides"):
        assert registry.phase_kinds


def test_a_deliberate_replacement_is_kept_and_recorded():
    from mentorcore.kinds import PhaseKind

    class Replacing:
        @hookspecs.hookimpl
        def register_phase_kinds(self, register):
            register(PhaseKind(name="mentoring", rank=10, description="ours"), replace=True)

    from mentorcore.plugins import Registry, build_plugin_manager

    manager = build_plugin_manager(strict=True)
    manager.register(Replacing(), name="replacing")
    registry = Registry(manager)
    assert registry.phase_kinds["mentoring"].rank == 10
    (provided,) = [p for p in registry.provided("register_phase_kinds")
                   if p.item.name == "mentoring"]
    assert (provided.plugin, provided.replaces) == ("replacing", "mentorcore.builtins.kinds")
    plugins = [p.plugin for p in registry.provided("register_phase_kinds")]
    assert plugins[0] == "mentorcore.builtins.kinds"


@pytest.mark.parametrize(("plugin", "kind", "name"), [
    ("mentorcore-camp", "phase kind", "camp"),
    ("mentorcore-oma-polku", "criterion", "same_language_group"),
    ("mentorcore-kielikaveri", "criterion", "reciprocal_language")])
def test_an_unknown_name_names_the_disabled_plugin_that_provides_it(write, plugin, kind, name):
    """No table of first-party names in the core: the disabled plugins are asked."""
    if kind == "phase kind":
        text = MINIMAL.replace("kind: mentoring", f"kind: {name}")
    else:
        text = MINIMAL + ("matching:\n  unit: pair\n  rules:\n"
                          f"    - {{id: r, criterion: {name}, hard: true}}\n")
    path = write("m.yaml", text)
    result = invoke("--disable-plugin", plugin, "validate", str(path))
    assert result.exit_code == 1
    assert f"unknown {kind} '{name}'" in result.output
    assert f"is provided by the plugin {plugin}; is it installed?" in result.output
    other = invoke("--disable-plugin", "mentorcore-monika", "validate", str(path))
    assert "provided by the plugin" not in other.output

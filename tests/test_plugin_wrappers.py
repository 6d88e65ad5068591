"""``wrapper=True`` and ``hookwrapper=True`` implementations are supported (docs/plugins.md,
Conventions) and isolated like every other hook implementation: one that fails — raises before
or after its ``yield``, never yields, yields twice, returns something other than the hook's
result, hangs — is disabled for the run with one warning naming the plugin, the hook and the
fix, and the hook's result passes through, so every other plugin keeps working."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mentorcore import hookspecs
from mentorcore.cli import cli

HEADER = "from mentorcore.plugin_api import hookimpl\n\n"
CASES = {
    # name: (the implementation, what its warning says)
    "after_yield": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    result = yield
    raise RuntimeError('wrapper broke')
""", "failed in register_criteria (after_yield.register_criteria): RuntimeError: wrapper broke"),
    "before_yield": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    raise RuntimeError('before the yield')
    yield
""", "failed in register_criteria (before_yield.register_criteria): RuntimeError: before the "
     "yield"),
    "returns_none": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    yield
""", "wrapper register_criteria (returns_none.register_criteria) returned NoneType None, not "
     "the result its yield gave"),
    "returns_items": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    result = yield
    return result + ['a criterion']
""", "wrapper register_criteria (returns_items.register_criteria) returned items instead of "
     "calling register"),
    "yields_twice": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    result = yield
    yield
    return result
""", "wrapper register_criteria (yields_twice.register_criteria) yielded twice"),
    "never_yields": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    return []
    yield
""", "wrapper register_criteria (never_yields.register_criteria) did not yield"),
    "exits": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    import sys
    result = yield
    sys.exit(0)
""", "failed in register_criteria (exits.register_criteria): it called sys.exit(0)"),
    "hangs": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    import time
    result = yield
    time.sleep(30)
    return result
""", "did not finish register_criteria (hangs.register_criteria) within 1 s"),
    "old_style_raises": ("""
@hookimpl(hookwrapper=True)
def register_criteria(register):
    outcome = yield
    raise ValueError('old style broke')
""", "failed in register_criteria (old_style_raises.register_criteria): ValueError: old style "
     "broke"),
    "old_style_forces": ("""
@hookimpl(hookwrapper=True)
def register_criteria(register):
    outcome = yield
    outcome.force_result('nonsense')
""", "wrapper register_criteria (old_style_forces.register_criteria) returned str 'nonsense'"),
    "old_style_exception": ("""
@hookimpl(hookwrapper=True)
def register_criteria(register):
    outcome = yield
    outcome.force_exception(KeyError('k'))
""", "wrapper register_criteria (old_style_exception.register_criteria) set an exception as "
     "the hook's result: KeyError: 'k'"),
    "not_a_generator": ("""
@hookimpl(wrapper=True)
def register_criteria(register):
    return []
""", "plugin 'not_a_generator' ({file}) is refused: register_criteria: a wrapper=True "
     "implementation must be a generator function (one that yields once)"),
}


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env={"MENTORCORE_PLUGIN_TIMEOUT": "1",
                                                    **(env or {})}, catch_exceptions=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_failing_wrapper_is_disabled_and_the_hook_still_works(tmp_path, case):
    source, says = CASES[case]
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / f"{case}.py").write_text(HEADER + source)
    says = says.format(file=directory / f"{case}.py")
    # kielikaveri matches with the first-party criterion reciprocal_language: the criteria
    # hook's result gets past the failed wrapper
    result = invoke("--plugins-dir", str(directory), "validate", "kielikaveri")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(f"plugin '{case}' (") == 1, result.stderr
    assert says in result.stderr, result.stderr
    assert "the plugin is disabled for this run" in result.stderr
    assert f"--disable-plugin {case}" in result.stderr and "[W300]" in result.stderr
    assert "internal error" not in result.output and "Traceback" not in result.output
    listing = invoke("--plugins-dir", str(directory), "plugins", "--format", "json")
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert rows[case]["status"] == "failed" and says in rows[case]["reason"]
    assert "reciprocal_language" in rows["mentorcore-kielikaveri"]["criteria"]
    strict = invoke("--plugins-dir", str(directory), "--strict-plugins", "validate",
                    "kielikaveri")
    assert strict.exit_code == 1 and says in strict.stderr, strict.output


def test_a_failing_wrapper_is_named_by_the_installed_command(tmp_path):
    directory = tmp_path / "plugins"
    directory.mkdir()
    for case in ("after_yield", "old_style_raises"):
        (directory / f"{case}.py").write_text(HEADER + CASES[case][0])
    command = shutil.which("mentorcore", path=os.path.dirname(sys.executable))
    assert command
    done = subprocess.run([command, "--plugins-dir", str(directory), "match", "kielikaveri",
                           "--help"], capture_output=True, text=True, timeout=300)
    listing = subprocess.run([command, "--plugins-dir", str(directory), "plugins", "--format",
                              "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and listing.returncode == 0, listing.stderr
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    for case in ("after_yield", "old_style_raises"):
        assert rows[case]["status"] == "failed"
        assert listing.stderr.count(f"plugin '{case}' (") == 1
    assert "PluggyTeardownRaisedWarning" not in listing.stderr
    assert "Traceback" not in listing.stderr


def test_a_wrapper_that_handles_a_strict_failure_inside_keeps_its_result(register_plugin):
    """A wrapper sees a failure of an implementation inside it (strict mode raises it) and may
    handle it; one that does not handle it lets it through unchanged, not as its own failure."""
    from mentorcore.diagnostics import MentorcoreError

    seen: list[str] = []

    class Watcher:
        @hookspecs.hookimpl(wrapper=True)
        def register_unit_kinds(self, register):
            try:
                return (yield)
            except MentorcoreError as error:
                seen.append(type(error).__name__)
                raise

    class Broken:
        @hookspecs.hookimpl
        def register_unit_kinds(self, register):
            raise RuntimeError("inside")

    register_plugin(Watcher(), name="watcher")
    registry = register_plugin(Broken(), name="broken")
    with pytest.raises(MentorcoreError, match="plugin 'broken' failed in register_unit_kinds"):
        assert registry.unit_kinds
    assert seen == ["PluginError"]
    assert not registry.manager.failed("watcher")


@pytest.mark.parametrize(("source", "says"), [
    ("@hookimpl(specname='register_criteria')\ndef criteria(register):\n    pass\n",
     "is refused: criteria: specname is not supported; name the function after its hook"),
    # firstresult and historic are a hook's properties: pluggy's marker has no such option
    ("@hookimpl(firstresult=True)\ndef register_criteria(register):\n    pass\n",
     "failed in import: TypeError: "),
])
def test_what_mentorcore_does_not_support_is_refused_at_load(tmp_path, source, says):
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / "unsupported.py").write_text(HEADER + source)
    result = invoke("--plugins-dir", str(directory), "validate", "kielikaveri")
    assert result.exit_code == 0, result.output
    assert f"plugin 'unsupported' ({directory / 'unsupported.py'}) {says}" in result.stderr, (
        result.stderr)
    assert result.stderr.count("plugin 'unsupported' (") == 1

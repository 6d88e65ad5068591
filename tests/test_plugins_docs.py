"""Every Python block of docs/plugins.md runs in the tests and does what the page says.

The first block of each hook's section is a complete plugin module, run by
tests/test_plugins.py (``test_documented_examples_run``; some of them also by the tests of their
hook: renderers, sections, commands). Every other block is run here, each by its own test,
registered through mentorcore.testing's kit as a plugin author would — or it says why it cannot
run (``<!-- not run: REASON -->`` on the line above it). A block that is neither fails
:func:`test_every_python_block_of_plugins_md_runs_somewhere`.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.test_plugins import _documented_examples

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"
TEMPLATE = ROOT / "plugins" / "template"
BLOCK = re.compile(r"(?:^|\n)(?P<before>[^\n]*)\n?```python\n(?P<code>.*?)```", re.S)
HEADING = re.compile(r"^#{2,4} (?P<title>.+)$", re.M)
NOT_RUN = "<!-- not run:"


def blocks(text: str) -> list[tuple[str, int, int, str, str]]:
    """``(heading, index under it, line, the line above, code)`` for every fenced python block
    of a page: the heading is the nearest one above the block (``## Testing a plugin``,
    ``### `register_phase_kinds(register)` ``), the index counts from 0 under it."""
    found = []
    counts: dict[str, int] = {}
    for match in BLOCK.finditer(text):
        headings = [h["title"] for h in HEADING.finditer(text, 0, match.start("code"))]
        heading = headings[-1] if headings else ""
        index = counts.get(heading, 0)
        counts[heading] = index + 1
        found.append((heading, index, text.count("\n", 0, match.start("code")) + 1,
                      match["before"], match["code"]))
    return found


def block(heading: str, index: int, *, at_its_line: bool = False) -> str:
    """The code of a block; ``at_its_line``: after blank lines, so that a traceback names the
    page's own line numbers."""
    for title, number, line, _before, code in blocks(DOCS.read_text(encoding="utf-8")):
        if (title, number) == (heading, index):
            return "\n" * (line - 1) + code if at_its_line else code
    raise AssertionError(f"docs/plugins.md has no python block {index + 1} under {heading!r}")


def _hook(heading: str) -> str | None:
    found = re.fullmatch(r"`(?P<hook>\w+)\(.*\)`", heading)
    return found["hook"] if found else None


RUN_HERE: dict[tuple[str, int], str] = {}
"""(heading, index) of each block this file runs → the test that runs it."""


def runs(heading: str, index: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def mark(test: Callable[..., None]) -> Callable[..., None]:
        RUN_HERE[(heading, index)] = test.__name__
        return test
    return mark


def unrun(text: str) -> list[str]:
    """The python blocks of ``text`` (docs/plugins.md's) that no test runs and no
    ``<!-- not run: … -->`` excuses."""
    first = _documented_examples()
    missing = []
    for heading, index, line, before, code in blocks(text):
        hook = _hook(heading)
        if before.startswith(NOT_RUN) or (heading, index) in RUN_HERE:
            continue
        if index == 0 and hook is not None and first.get(hook) == code:
            continue  # tests/test_plugins.py::test_documented_examples_run
        missing.append(f"plugins.md:{line} ({heading}, block {index + 1})")
    return missing


def test_every_python_block_of_plugins_md_runs_somewhere():
    text = DOCS.read_text(encoding="utf-8")
    assert not unrun(text), ("python blocks of docs/plugins.md that no test runs (run them in "
                             f"tests/test_plugins_docs.py, or mark them {NOT_RUN} REASON -->)")
    present = {(heading, index) for heading, index, *_rest in blocks(text)}
    assert set(RUN_HERE) <= present, "tests of blocks docs/plugins.md no longer has"


def test_a_new_block_that_nothing_runs_is_found():
    text = DOCS.read_text(encoding="utf-8")
    extra = text.replace("#### Translating a plugin's labels\n",
                         "#### Translating a plugin's labels\n\n```python\nLABELS = {}\n```\n")
    assert unrun(extra) == [f"plugins.md:{extra.count(chr(10), 0, extra.index('LABELS = {}')) + 1}"
                            " (Translating a plugin's labels, block 1)"]
    excused = extra.replace("\n```python\nLABELS = {}",
                            f"\n{NOT_RUN} needs a database -->\n```python\nLABELS = {{}}")
    assert unrun(excused) == []


def _module_from(code: str, directory: Path, name: str) -> types.ModuleType:
    """``code`` as the plugin module ``name`` in ``directory``, imported from its file (as
    ``--plugins-dir`` or a package would: ``__file__`` is set)."""
    path = directory / f"{name}.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- Versions ------------------------------------------------------------------------------------

@runs("Versions", 0)
def test_a_declared_plugin_api_range_is_read_and_enforced(register_plugin, mentorcore_cli,
                                                          tmp_path):
    code = block("Versions", 0)
    for name, text in (("declares", code), ("outside", code.replace('">=1.0,<2"', '">=2"'))):
        register_plugin(_module_from(text, tmp_path, name), name=name)
    listing = mentorcore_cli("plugins", "--format", "json")
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert rows["declares"]["api"] == ">=1.0,<2" and rows["declares"]["status"] == "ok"
    assert rows["outside"]["status"] == "failed"
    assert "plugin 'outside' supports the plugin API >=2" in rows["outside"]["reason"]
    strict = mentorcore_cli("--strict-plugins", "plugins")
    assert strict.exit_code == 1 and "[E303]" in strict.stderr and "'declares'" not in strict.stderr


# -- Testing a plugin ----------------------------------------------------------------------------

@runs("Testing a plugin", 0)
def test_the_testing_example_passes_with_the_template_plugin(register_plugin, mentorcore_cli,
                                                             monkeypatch):
    monkeypatch.syspath_prepend(str(TEMPLATE))  # the plugin the example imports
    monkeypatch.delitem(sys.modules, "mentorcore_same_city", raising=False)
    namespace: dict[str, object] = {}
    exec(compile(block("Testing a plugin", 0, at_its_line=True), str(DOCS), "exec"), namespace)
    # the child process names the plugin by its module, the kit's process by the name given
    child = json.loads(mentorcore_cli("plugins", "--format", "json", subprocess=True,
                                      env={"MENTORCORE_EXTRA_PLUGINS": "mentorcore_same_city",
                                           "PYTHONPATH": str(TEMPLATE)}).stdout)
    assert any(row["name"] == "mentorcore_same_city" for row in child)
    tests = {name: test for name, test in namespace.items() if name.startswith("test_")}
    assert set(tests) == {"test_provides_same_city", "test_the_command_line_sees_it"}
    tests["test_provides_same_city"](register_plugin)
    tests["test_the_command_line_sees_it"](register_plugin, mentorcore_cli)


# -- register_phase_kinds: a kind's labels from the plugin's own catalog ----------------------

RETREAT_FI = {"retreat": "retriitti"}  # and no "retreat day"


@runs("`register_phase_kinds(register)`", 1)
def test_a_kinds_labels_come_from_the_plugins_own_catalog(register_plugin, mentorcore_cli,
                                                          tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    plugin = tmp_path / "retreat-plugin"
    messages = plugin / "locale" / "fi" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalog = Catalog(locale="fi", domain="mentorcore_retreat")
    for english, finnish in RETREAT_FI.items():
        catalog.add(english, finnish)
    with (messages / "mentorcore_retreat.mo").open("wb") as handle:
        write_mo(handle, catalog)
    module = _module_from(block("`register_phase_kinds(register)`", 1), plugin,
                          "mentorcore_retreat")
    registry = register_plugin(module, name="retreat")
    kind = registry.phase_kinds["retreat"]
    assert kind.labels("retreat", "fi") == "retriitti"
    assert module.LABELS("retreat_day", "fi") == "retreat day"  # the catalog lacks it: English
    assert kind.labels("retreat", "sv") == "retreat"  # no Swedish catalog: English
    assert kind.labels("retreat", "en") == "retreat"
    model = tmp_path / "retreat.yaml"
    model.write_text(MINIMAL.replace("kind: mentoring", "kind: retreat"), encoding="utf-8")
    table = {lang: mentorcore_cli("--lang", lang, "simulate", str(model), "--pairs", "2")
             for lang in ("fi", "sv")}
    for result in table.values():
        assert result.exit_code == 0, result.output
    phases = {lang: next(line for line in result.stdout.splitlines()
                         if line.strip().startswith("mentoring "))
              for lang, result in table.items()}
    assert phases["fi"].split()[1] == "retriitti" and phases["sv"].split()[1] == "retreat"
    as_json = mentorcore_cli("--lang", "fi", "simulate", str(model), "--pairs", "2",
                             "--format", "json")
    assert "retriitti" not in as_json.stdout  # JSON keeps the names


@pytest.mark.parametrize("heading,index", sorted(RUN_HERE))
def test_each_block_run_here_is_a_block_of_the_page(heading, index):
    assert block(heading, index).strip()

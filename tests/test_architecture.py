"""The shape of the code: imports point one way, with no cycles; rule ids are declared.

These read the source (``ast``), not the running program, so a lazy import inside a function
counts like one at the top: a cycle hidden in a function is still a cycle. Imports under
``if TYPE_CHECKING:`` are for annotations only and do not count.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import networkx
import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SOURCE / "mentorcore"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(child) for child in ast.walk(node))
    return hidden


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> Iterator[tuple[str, str, int]]:
    """``(imported module, imported name or "", line)`` for every import of a project module."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name) if alias.name.startswith("mentorcore") else None
                if target:
                    yield target, "", node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _level in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            if not base.startswith("mentorcore"):
                continue
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:
                    yield f"{base}.{alias.name}", "", node.lineno
                else:
                    target = _resolve(base)
                    if target:
                        yield target, alias.name, node.lineno


def graph() -> networkx.DiGraph:
    edges = networkx.DiGraph()
    for module in MODULES:
        edges.add_node(module)
        for target, _name, _line in imports(module):
            if target != module:
                edges.add_edge(module, target)
    return edges


def test_the_module_table_sees_the_package():
    assert {"mentorcore", "mentorcore.i18n", "mentorcore.loading.loader",
            "mentorcore.matching", "mentorcore.simulation"} <= set(MODULES)
    assert "mentorcore.diagnostics" in {target for target, _n, _l in imports("mentorcore.checks")}
    assert "mentorcore.i18n" in {target for target, _n, _l in imports("mentorcore.diagnostics")}


def test_there_is_no_import_cycle():
    cycles = [sorted(component) for component in
              networkx.strongly_connected_components(graph()) if len(component) > 1]
    assert not cycles, f"import cycles: {cycles}"


def _imports_of(prefix: str) -> Iterator[tuple[str, str, int]]:
    for module in MODULES:
        if module == prefix or module.startswith(prefix + "."):
            for target, _name, line in imports(module):
                yield module, target, line


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_language_layer_imports_nothing_from_the_project():
    found = [(m, t, line) for m, t, line in _imports_of("mentorcore.i18n")]
    assert not found


@pytest.mark.parametrize("engine", ["mentorcore.matching", "mentorcore.simulation"])
def test_engines_import_neither_rendering_nor_the_command_line(engine):
    wrong = [(m, t, line) for m, t, line in _imports_of(engine)
             if _under(t, "mentorcore.render", "mentorcore.cli", "mentorcore.commands",
                       "mentorcore.builtins")]
    assert not wrong


SHELL = ("mentorcore.builtins", "mentorcore.cli", "mentorcore.commands", "mentorcore.plugins",
         "mentorcore.testing")
"""What may import the built-in plugins: they themselves, the plugin host that registers them and
the command line."""


def test_no_core_module_imports_the_builtin_plugins():
    wrong = [(m, t, line) for m in MODULES if not _under(m, *SHELL)
             for t, _name, line in imports(m) if _under(t, "mentorcore.builtins")]
    assert not wrong


def test_no_module_imports_a_private_name_of_another():
    wrong = [(module, target, name, line) for module in MODULES
             for target, name, line in imports(module)
             if name.startswith("_") and name != "_" and not name.startswith("__")
             and target != module]  # _ is gettext; dunders are public
    assert not wrong


# -- rule ids ----------------------------------------------------------------------------------

RULE_ID = re.compile(r"^[EWI]\d{3}$")
DECLARING = {"Check", "_loader", "_rule", "_check", "rule"}
"""Calls that declare a rule: the id is their first argument."""


def _raw_rule_ids(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(
                node.func, "attr", "")
            if name in DECLARING:
                first = node.args[0] if node.args else next(
                    (k.value for k in node.keywords if k.arg == "id"), None)
                if first is not None:
                    declared.add(id(first))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and RULE_ID.match(node.value) and id(node) not in declared):
            yield node.lineno, node.value


def test_every_rule_id_in_the_code_is_a_declared_rule():
    """A diagnostic is made from a declared rule object, never from a bare id string, so that
    every id a user can see is in the rule index (docs/authoring.md)."""
    raw = [f"{path.relative_to(SOURCE)}:{line}: {value}" for path in MODULES.values()
           for line, value in _raw_rule_ids(path)]
    assert not raw

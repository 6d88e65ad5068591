"""The simulation package's boundaries, read from its source: what it imports, what it declares.

(tests/test_architecture.py checks the whole project: cycles, engines importing no renderer or
command, rule ids declared.)
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import mentorcore.simulation

PACKAGE = Path(mentorcore.simulation.__file__).parent
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def imported(module: str) -> list[str]:
    """Every module named by an import in ``module`` (at any level, TYPE_CHECKING included)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import"
            names.append(node.module or "")
    return names


@pytest.mark.parametrize("module", MODULES)
def test_a_submodule_imports_from_the_module_that_defines_a_name(module):
    assert "mentorcore.simulation" not in imported(module), (
        f"{module} imports from the package __init__ (a cycle): import from the submodule")


@pytest.mark.parametrize("module", ["__init__", *MODULES])
def test_every_module_declares_its_public_names(module):
    name = "mentorcore.simulation" + ("" if module == "__init__" else f".{module}")
    loaded = importlib.import_module(name)
    assert hasattr(loaded, "__all__"), f"{name} declares no __all__"
    assert [n for n in loaded.__all__ if not hasattr(loaded, n)] == []


def test_no_global_registry_is_reached_for():
    for module in ["__init__", *MODULES]:
        assert "default_registry" not in (PACKAGE / f"{module}.py").read_text(encoding="utf-8")


def test_every_simulation_rule_is_documented():
    from mentorcore.simulation.problems import SIMULATION_CHECKS

    docs = Path(__file__).resolve().parent.parent / "docs"
    text = (docs / "simulation.md").read_text(encoding="utf-8")
    for check in SIMULATION_CHECKS:
        assert f"| {check.id} |" in text

"""The examples in the docstrings of ``mentorcore`` (the installed package, as a user imports it)
run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import mentorcore

MODULES = sorted(info.name for info in pkgutil.walk_packages(mentorcore.__path__, "mentorcore.")
                 if not info.name.endswith("__main__"))


def test_every_module_is_collected():
    assert {"mentorcore.diagnostics", "mentorcore.model.quantity", "mentorcore.plugins",
            "mentorcore.simulation.calendar", "mentorcore.library"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_of_a_module(name, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples fail"

"""The Python examples in the docs run, and print what the docs say they print.

An example is a fenced ``python`` block written as an interactive session (``>>>``); the blocks
of one page run in order in one namespace, as a reader would type them, and every figure they
show is compared (doctest, with ``...`` for the parts that vary). A block that is not a session
must be a plugin's code, run by tests/test_plugins.py and tests/test_plugins_docs.py (which
fails on a block of docs/plugins.md that nothing runs), or say why it is not run
(``<!-- not run: REASON -->`` just above it).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md"])
BLOCK = re.compile(r"(?:^|\n)(?P<before>[^\n]*)\n?```python\n(?P<code>.*?)```", re.S)
RUN_ELSEWHERE = {"plugins.md"}
"""Pages whose non-session blocks are plugin code, each run by tests/test_plugins.py or
tests/test_plugins_docs.py (which checks that every one is)."""


def blocks(page: Path) -> list[tuple[int, str, str]]:
    """``(line, the line above, code)`` for every fenced python block of a page."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start("code")) + 1, match["before"], match["code"])
            for match in BLOCK.finditer(text)]


def sessions(page: Path) -> list[tuple[int, str]]:
    return [(line, code) for line, _before, code in blocks(page) if ">>> " in code]


@pytest.mark.parametrize("page", [p for p in PAGES if sessions(p)], ids=lambda p: p.name)
def test_the_examples_of_a_page_print_what_it_says(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    namespace: dict[str, object] = {}
    for line, code in sessions(page):
        test = parser.get_doctest(code, namespace, page.name, str(page), line)
        runner.run(test, clear_globs=False)
        namespace = test.globs  # a DocTest works on a copy: the next block goes on from here
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{page.name}: {result.failed} of {result.attempted} examples fail"


def test_every_python_block_of_the_docs_runs_somewhere():
    unrun = [f"{page.name}:{line}" for page in PAGES if page.name not in RUN_ELSEWHERE
             for line, before, code in blocks(page)
             if ">>> " not in code and not before.startswith("<!-- not run:")]
    assert not unrun, f"python blocks that no test runs (write them as >>> sessions): {unrun}"


def test_a_wrong_figure_in_an_example_fails(tmp_path):
    page = tmp_path / "wrong.md"
    page.write_text("```python\n>>> 1 + 1\n3\n```\n", encoding="utf-8")
    runner = doctest.DocTestRunner()
    for line, code in sessions(page):
        runner.run(doctest.DocTestParser().get_doctest(code, {}, page.name, str(page), line),
                   out=lambda text: None)
    assert runner.summarize(verbose=False).failed == 1

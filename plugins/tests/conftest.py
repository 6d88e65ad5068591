"""The first-party plugins' own tests use mentorcore's testing kit, as a third party's would
(``mentorcore_cli``, ``register_plugin``); messages in English whatever the locale."""

import csv
import io

import pytest


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV output, comma- or semicolon-separated (Finnish Excel), BOM or not."""
    text = text.lstrip("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") \
        else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("MENTORCORE_NO_CACHE", "1")

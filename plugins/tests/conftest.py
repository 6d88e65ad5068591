"""The first-party plugins' own tests use mentorcore's testing kit, as a third party's would
(``mentorcore_cli``, ``register_plugin``); messages in English whatever the locale."""

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("MENTORCORE_NO_CACHE", "1")

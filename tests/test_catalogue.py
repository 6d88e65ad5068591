"""The bundled catalogue: every documented programme is a valid, cited model with its facts
tested. The facts themselves are the table in ``program_models/tests/<id>.test.yaml``."""

from __future__ import annotations

import pytest

from mentorcore.bundled import bundled_models_directory
from mentorcore.loading import strict
from mentorcore.model import COLLECTIONS, walk
from mentorcore.modeltest import run_test_file
from tests.conftest import default_library

MODELS = bundled_models_directory()
IDS = sorted(p.stem for p in MODELS.glob("*.yaml"))
SEEDS = {"000_c8d4e67aa64ceaaf.txt", "002_b32a4af5a46c46f4.txt", "003_4353dff11b6bdf2e.txt"}
DOCUMENTED = {  # programmes.md sections 1–11
    "womento", "auroras-vaasa", "auroras-group", "auroras-individual", "matkalla-tyoelamaan",
    "monika", "oma-polku", "kesalukio", "peer-mentoring-jyvaskyla", "kielikaveri",
    "professionals-group",
}


def test_every_documented_programme_is_bundled():
    assert set(IDS) >= DOCUMENTED


@pytest.mark.parametrize("model_id", IDS)
def test_model_is_clean_under_strict(model_id):
    loaded = default_library().load(model_id)
    assert loaded.programme is not None
    assert [d.format() for d in strict(loaded.diagnostics)] == []
    assert loaded.programme.id == model_id  # the file name is the id


@pytest.mark.parametrize("model_id", IDS)
def test_documented_facts_hold(model_id):
    """One test per programme: its table of documented facts."""
    result = run_test_file(MODELS / "tests" / f"{model_id}.test.yaml")
    assert result.model == model_id
    assert len(result.outcomes) >= 7, "a programme's documented facts need more than a few lines"
    failures = [f"{result.file}:{o.line}: {o.expectation.that}: {o.message}"
                for o in result.outcomes if not o.passed]
    assert failures == []


@pytest.mark.parametrize("model_id", IDS)
def test_every_fact_carries_a_source(model_id):
    programme = default_library().programme(model_id)
    sources = {s.id: s for s in programme.sources}
    assert sources and programme.source in sources
    assert {s.document for s in sources.values()} <= SEEDS
    for collection in COLLECTIONS:
        if collection in ("sources", "assumptions"):
            continue
        for item in getattr(programme, collection):
            assert item.source in sources, f"{collection}[{item.id}] cites no known source"
    cited = [obj for _, obj in walk(programme) if hasattr(obj, "source") and obj.source]
    assert all(obj.source in sources for obj in cited)


@pytest.mark.parametrize("model_id", IDS)
def test_names_and_assumptions(model_id):
    programme = default_library().programme(model_id)
    assert {"fi", "en"} <= programme.name.languages
    for assumption in programme.assumptions:
        assert str(assumption.rationale).strip(), f"assumption {assumption.id} has no rationale"


def test_about_stays_approximate():
    womento = default_library().programme("womento")
    assert womento.get("phases", "mentoring").duration.approx is True
    kesalukio = default_library().programme("kesalukio")
    assert kesalukio.get("units", "camp-group").size.approx is True
    monika = default_library().programme("monika")
    assert any(p.duration is not None and p.duration.approx for p in monika.phases)

"""Every bundled model can be followed: a log made from a simulated run, cut half-way, reads
back, gets a status for every unit, alerts, a forecast, every output format and the model's
reports — whatever its units (pairs, buddies, groups of pairs, led groups, peers)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import default_library

MODELS = sorted(p.stem for p in (Path(__file__).parent.parent / "program_models").glob("*.yaml"))


def _files(programme, run, tmp_path):
    from mentorcore.tracking.blank import log_header
    from mentorcore.tracking.logformat import log_columns
    from mentorcore.tracking.replay import log_rows
    from mentorcore.tracking.sheetio import write_csv

    cut = run.start + (run.end - run.start) / 2
    columns = [c.id for c in log_columns(programme)]
    rows = log_rows(run, programme, cut)
    log = tmp_path / "log.csv"
    log.write_bytes(write_csv(log_header(programme, "fi"),
                              [[row.get(c) for c in columns] for row in rows]))
    roles = list(dict.fromkeys(run.cohort.member_roles))
    grouped = run.units.groups > 0
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["unit", *roles] + (["group"] if grouped else []))
    for index in range(run.units.count):
        by_role: dict[str, list[str]] = {}
        for role, member in zip(run.cohort.member_roles, run.units.cohort.members(index),
                                strict=True):
            by_role.setdefault(role, []).append(member)
        group = [run.units.cohort.group_id(int(run.units.group_of[index]))] if grouped else []
        writer.writerow([run.units.cohort.unit_id(index),
                         *[";".join(by_role.get(role, [])) for role in roles], *group])
    units = tmp_path / "units.csv"
    units.write_text(buffer.getvalue(), encoding="utf-8")
    return units, log, cut, rows


@pytest.mark.parametrize("model", MODELS)
def test_every_bundled_model_can_be_followed(model, tmp_path):
    from mentorcore.simulation import simulate
    from mentorcore.tracking.forecast import forecast
    from mentorcore.tracking.formats import FORMATS, render
    from mentorcore.tracking.reports import model_reports, render_reports
    from mentorcore.tracking.status import STATUSES
    from mentorcore.tracking.track import track

    library = default_library()
    programme = library.programme(model)
    run = simulate(programme, registry=library.registry, pairs=8, seed=11, start="2027-01-04")
    units, log, cut, rows = _files(programme, run, tmp_path)
    followed = track(programme, units, log, registry=library.registry, today=cut)
    status = followed.status
    assert len(status.units) == run.units.count
    assert sum(status.programme.counts[s] for s in STATUSES) == run.units.count
    held = sum(1 for r in rows if r["kind"] == "meeting")
    assert status.programme.counts["meetings"] == held
    predicted = forecast(programme, followed.plan, followed.schedule, status,
                         registry=library.registry, runs=4, units_per_run=100, draws=50)
    assert all(0 <= u.chance <= 1 for u in predicted.units)
    for fmt in FORMATS:
        assert render(status, fmt)
    sections = model_reports(programme, followed.plan, followed.schedule, followed.log,
                             status, "fi")
    assert render_reports(sections, "md", "t", "fi").startswith("# t")

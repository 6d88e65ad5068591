"""Invariants of track, over generated logs (hypothesis): the reader never repeats a cell's
value in a message; every unit gets one status, counted once; meetings are counted once each;
only units still meeting get alerts; expected ranges are ordered."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import default_library

START = dt.date(2027, 1, 4)
UNITS = [f"pair-{n}" for n in range(1, 6)]
junk = st.text(alphabet="qxzjQXZJ", min_size=5, max_size=12)


def _check(rows, today):
    from mentorcore.matching.sheets import Cell, Sheet
    from mentorcore.tracking.log import check_log

    header = (("unit", 1), ("date", 2), ("kind", 3), ("exit", 4))
    cells = tuple((number, {name: Cell(value, number, column)
                            for (name, column), value in zip(header, row, strict=True)})
                  for number, row in enumerate(rows, start=2))
    return check_log(Sheet("log.csv", header, 1, cells),
                     default_library().programme("auroras-individual"), units=UNITS,
                     start=START, today=today)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(st.sampled_from(UNITS), junk),
                          st.one_of(st.dates(dt.date(2026, 6, 1), dt.date(2028, 1, 1)).map(
                              dt.date.isoformat), junk),
                          st.one_of(st.sampled_from(["meeting", "end", "start-meeting"]), junk),
                          st.one_of(st.just(""), st.sampled_from(["employed", "completed"]),
                                    junk)), min_size=1, max_size=30))
def test_no_message_repeats_a_cell(rows):
    from mentorcore.diagnostics import MentorcoreError

    try:
        log = _check(rows, dt.date(2027, 6, 1))
        diagnostics = list(log.warnings)
    except MentorcoreError as error:
        diagnostics = list(error.diagnostics)
    text = " ".join(d.format() for d in diagnostics)
    for row in rows:
        for value in row:
            if value and set(value) <= set("qxzjQXZJ"):
                assert value not in text
    for diagnostic in diagnostics:
        assert diagnostic.rule and diagnostic.file == "log.csv"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(UNITS), st.integers(2, 150),
                          st.sampled_from(["meeting", "meeting", "meeting", "end"])),
                max_size=40),
       st.integers(10, 200))
def test_one_status_per_unit_and_meetings_counted_once(events, today_offset):
    from mentorcore.simulation.plan import compile_plan
    from mentorcore.tracking.schedule import dated_schedule
    from mentorcore.tracking.status import STATUSES, status_of

    library = default_library()
    programme = library.programme("auroras-individual")
    plan = compile_plan(programme, library.registry)
    today = START + dt.timedelta(days=today_offset)
    rows = [(unit, (START + dt.timedelta(days=day)).isoformat(), kind,
             "employed" if kind == "end" else "")
            for unit, day, kind in events if START + dt.timedelta(days=day) <= today]
    if not rows:
        return
    log = _check(rows, today)
    schedule = dated_schedule(plan, START, programme)
    status = status_of(programme, plan, schedule, log, [(u, ()) for u in UNITS], today)
    counts = status.programme.counts
    assert sum(counts[name] for name in STATUSES) == len(UNITS)
    distinct = {(u, d) for u, d, k, _e in rows if k == "meeting"}
    assert counts["meetings"] == len(distinct)
    for unit in status.units:
        assert unit.status in STATUSES
        assert 0 <= unit.expected_low <= unit.expected_high <= 8
        if unit.alerts:
            assert unit.status in ("on_track", "behind", "ahead")
        ended = [r for r in rows if r[0] == unit.id and r[2] == "end"]
        assert (unit.status == "ended_early") == bool(ended)

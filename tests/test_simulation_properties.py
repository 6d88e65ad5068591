"""Properties of the simulation over random seeds, cohorts and calendars (hypothesis)."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore import Library
from mentorcore.simulation import render, simulate
from mentorcore.simulation.plan import compile_plan

LIBRARY = Library()
MODELS = [m for m in ("womento", "auroras-individual", "matkalla-tyoelamaan", "monika",
                      "kesalukio", "kielikaveri") if m in LIBRARY.ids()]
PROGRAMMES = {m: LIBRARY.programme(m) for m in MODELS}

seeds = st.integers(min_value=0, max_value=2**63 - 1)
starts = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31))
FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(model=st.sampled_from(MODELS), seed=seeds, pairs=st.integers(1, 12), start=starts)
def test_a_seeded_simulation_is_reproducible(model, seed, pairs, start, registry):
    programme = PROGRAMMES[model]
    options = {"registry": registry, "pairs": pairs, "seed": seed, "start": start}
    first = render(simulate(programme, **options), "json")
    assert first == render(simulate(programme, **options), "json")


@FAST
@given(model=st.sampled_from(MODELS), seed=seeds, pairs=st.integers(1, 25), start=starts,
       calendar=st.sampled_from(["plain", "finnish"]))
def test_random_seeds_always_give_a_well_formed_timeline(model, seed, pairs, start, calendar,
                                                         registry):
    run = simulate(PROGRAMMES[model], registry=registry, pairs=pairs, seed=seed, start=start,
                   calendar=calendar)
    events = run.timeline.events()
    assert events and events[0].type == "phase_start"
    # the programme starts on the start day, or the first day after it that is not a holiday
    assert events[0].date == start if calendar == "plain" else \
        0 <= (events[0].date - start).days <= 62
    assert [e.date for e in events] == sorted(e.date for e in events)
    meeting_phases = {p.id for p in compile_plan(PROGRAMMES[model], registry).cadence_phases}
    cadence_phases = [p for p in run.phases if p.id in meeting_phases]
    units = {u.id: u for u in run.units.rows()}
    seen = defaultdict(list)
    for event in events:
        if event.type != "meeting":
            continue
        seen[event.unit].append(event.date)
        unit = units[event.unit]
        assert unit.start <= event.date <= unit.end
        assert any(p.start <= event.date <= p.end for p in cadence_phases)
    for dates in seen.values():
        assert dates == sorted(dates)
    for unit in units.values():
        assert unit.start <= unit.end
        assert unit.meetings_held <= unit.meetings_planned or unit.kind == "group"
    assert run.end >= max(u.end for u in units.values())


@pytest.mark.parametrize("model", MODELS)
def test_more_pairs_never_change_the_first_pairs(model, registry):
    programme = PROGRAMMES[model]
    start = datetime.date(2026, 1, 5)
    small = simulate(programme, registry=registry, pairs=5, seed=42, start=start)
    large = simulate(programme, registry=registry, pairs=9, seed=42, start=start)

    def meetings(run):
        found = defaultdict(list)
        for event in run.timeline.events():
            if event.type.startswith("meeting"):
                found[event.unit].append((event.date, event.type))
        return found

    a, b = meetings(small), meetings(large)
    for number in range(1, 6):
        unit = small.cohort.unit_id(number - 1)
        assert a[unit] == b[unit]


# -- the fast paths compute what the plain formulas do (point 11: faster, same numbers) ------

@settings(max_examples=60, deadline=None)
@given(rows=st.integers(0, 40), slots=st.integers(1, 30), seed=seeds)
def test_the_running_sum_is_numpys_cumsum_to_the_bit(rows, slots, seed):
    import numpy as np

    from mentorcore.simulation.engine import running_sum

    values = np.random.default_rng(seed % 2**32).random((rows, 3, slots)).astype(np.float32)
    expected = np.cumsum(values, axis=-1)
    assert np.array_equal(running_sum(values.copy()), expected)


@settings(max_examples=40, deadline=None)
@given(replications=st.integers(1, 30), units=st.integers(1, 3000), slots=st.integers(1, 40),
       offset=st.integers(0, 10_000), seed=seeds)
def test_a_slots_pair_of_numbers_is_its_hashs_two_halves(replications, units, slots, offset,
                                                         seed):
    """The chunked, in-place hashing gives the numbers of the splitmix64 formula on the whole
    array: the upper 32 bits the first number, the lower the second."""
    import numpy as np

    from mentorcore.simulation.streams import _GOLDEN, Streams, mix

    streams = Streams(seed, np.arange(replications))
    ids = np.arange(units)
    for dtype in (np.float32, np.float64):
        high, low = streams.slot_uniform_pair(3, ids, slots, offset=offset, dtype=dtype)
        keys = streams._keys(3, ids)
        counters = (np.arange(offset, offset + slots, dtype=np.uint64) + np.uint64(1)) * _GOLDEN
        hashed = mix(keys[:, :, None] + counters[None, None, :])
        scale = dtype(2.0 ** -32)
        assert np.array_equal(high, (hashed >> np.uint64(32)).astype(dtype) * scale)
        assert np.array_equal(low, (hashed & np.uint64(0xFFFFFFFF)).astype(dtype) * scale)

"""Matching benchmarks (timed comparisons, not tests).

Run: ``python benchmarks/bench_matching.py [--size 10000] [--stable-size 5000]
[--reciprocal-size 10000,20000] [--memory-sizes 2000,20000]
[--only optimal,stable,package,reciprocal,memory]``

Every workload runs in a process of its own, so that its peak resident memory (``ru_maxrss``) is
its own; each also reports the peak of the same process before the list is read (Python,
NumPy, SciPy, mentorcore and the model: the baseline).

* optimal: N mentees × N mentors with 3 hard rules and 4 weighted preferences, end to end
  from a CSV file (read, privacy checks, vectorised scoring, solver, explanations, JSON), beside
  the bare ``scipy.optimize.linear_sum_assignment`` on the same score matrix, in the same run;
* stable: deferred acceptance at 5,000 × 5,000 with full preference lists (every pair
  acceptable), end to end and the solver alone;
* package: the stable solver beside the ``matching`` package (HospitalResident) at 500 × 500
  on the same strict preferences — both must give the same (mentee-optimal) matching;
* reciprocal: 10,000 and 20,000 language buddies, end to end from CSV (peak memory), beside the
  bare sparse ``min_weight_full_bipartite_matching`` on the same graph's double cover (another
  process, same run);
* memory: the peak of ``match`` alone (no reference in the process) for each solver at the
  ``--memory-sizes`` (numbers of people: half mentees and half mentors, or buddies).

Participants are synthetic: invented names, random attributes from a fixed seed.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from mentorcore.library import Library
    from mentorcore.model import Programme

FIELDS = ["nursing", "it", "law", "teaching", "accounting", "engineering", "social work",
          "logistics", "cleaning", "cooking", "childcare", "retail", "construction", "design",
          "research", "media", "transport", "agriculture", "pharmacy", "dentistry"]
LANGUAGES = ["fi", "sv", "en", "ar", "so", "ru", "fa", "ku", "ti", "uk", "et", "zh"]
LANGUAGE_WEIGHTS = [.35, .05, .05, .1, .08, .08, .06, .05, .04, .06, .04, .04]
REGIONS = ["Helsinki", "Espoo", "Vantaa", "Turku", "Tampere", "Vaasa", "Jyväskylä", "Oulu"]
SLOTS = ["mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm",
         "fri-am", "fri-pm", "sat", "sun"]
FIRST = ["Aino", "Bea", "Cecilia", "Dina", "Eeva", "Fatima", "Gita", "Hanna", "Iida", "Jasmin",
         "Kaisa", "Leila", "Maija", "Noora", "Olga", "Pilvi", "Rasa", "Saara", "Tuuli", "Ulla"]
LAST = ["Esimerkki", "Keksitty", "Kuvitelma", "Mallikas", "Näyte", "Testinen", "Lumo",
        "Satunen", "Tarina", "Unelma"]

PAIR_MODEL = """\
id: bench-pairs
name: Benchmark pairs
organisation: Benchmark
roles:
  - {id: mentor, name: {fi: mentori, en: mentor}, kind: mentor}
  - {id: mentee, name: {fi: aktori, en: mentee}, kind: mentee}
units:
  - {id: pair, kind: pair, roles: [mentor, mentee]}
matching:
  unit: pair
  solver: optimal
  rules:
    - {id: language, criterion: shared_language, hard: true}
    - {id: gender, criterion: gender, hard: true, params: {wish: wished_gender}}
    - {id: not-with, criterion: forbidden_pair, hard: true}
    - {id: field, criterion: same_value, weight: 3, params: {mentee: wished_field, mentor: field}}
    - {id: region, criterion: region, weight: 2}
    - {id: times, criterion: availability, weight: 1}
    - {id: age, criterion: age_range, weight: 1, params: {max_difference: 15}}
participant_data:
  controller: Benchmark
  fields:
    - {id: name, purpose: to contact the participant, identifying: true}
    - {id: field, purpose: matching by field, roles: [mentor]}
    - {id: wished_field, purpose: matching by field, roles: [mentee]}
    - {id: languages, purpose: a shared language, type: list}
    - {id: gender, purpose: the mentee's wish, values: [female, male, other]}
    - {id: wished_gender, purpose: the mentee's wish, type: list, roles: [mentee]}
    - {id: not_with, purpose: pairs that must not be formed, type: list}
    - {id: region, purpose: meeting in person}
    - {id: availability, purpose: meeting times, type: list}
    - {id: age, purpose: age difference, type: number}
"""

BUDDY_MODEL = """\
id: bench-buddies
name: Benchmark buddies
organisation: Benchmark
roles:
  - {id: buddy, name: kielikaveri, kind: buddy}
units:
  - {id: pair, kind: reciprocal_pair, roles: [buddy, buddy]}
matching:
  unit: pair
  solver: reciprocal
  rules:
    - {id: languages, criterion: reciprocal_language, hard: true}
    - {id: region, criterion: region, weight: 2, params: {mentee: region, mentor: region}}
    - {id: times, criterion: availability, weight: 1}
participant_data:
  fields:
    - {id: languages_offered, purpose: the languages a buddy teaches, type: list}
    - {id: languages_wanted, purpose: the languages a buddy wants to learn, type: list}
    - {id: region, purpose: meeting in person}
    - {id: availability, purpose: meeting times, type: list}
"""


def name(rng: np.random.Generator) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def write_pairs_csv(path: Path, mentees: int, mentors: int, seed: int = 0) -> None:
    """A semicolon-separated, UTF-8-with-BOM participant file as an office would save it."""
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "role", "name", "field", "wished_field", "languages", "gender",
                         "wished_gender", "not_with", "region", "availability", "age"])
        for k in range(mentees + mentors):
            mentee = k < mentees
            ident = f"{'a' if mentee else 'm'}{k:06d}"
            spoken = {"fi"} | set(rng.choice(LANGUAGES, size=rng.integers(0, 3),
                                             p=LANGUAGE_WEIGHTS))
            wished_gender = "female" if mentee and rng.random() < 0.3 else ""
            not_with = f"m{mentees + int(rng.integers(mentors)):06d}" if mentee and \
                rng.random() < 0.01 else ""
            writer.writerow([
                ident, "mentee" if mentee else "mentor", name(rng),
                "" if mentee else rng.choice(FIELDS), rng.choice(FIELDS) if mentee else "",
                "|".join(sorted(spoken)), rng.choice(["female", "male", "other"], p=[.6, .38, .02]),
                wished_gender, not_with, rng.choice(REGIONS),
                "|".join(rng.choice(SLOTS, size=rng.integers(1, 5), replace=False)),
                int(rng.integers(18, 70))])


def write_buddies_csv(path: Path, people: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",")
        writer.writerow(["id", "role", "languages_offered", "languages_wanted", "region",
                         "availability"])
        for k in range(people):
            native = rng.choice(LANGUAGES, p=LANGUAGE_WEIGHTS)
            offered = {native} | ({"fi"} if native != "fi" and rng.random() < .4 else set())
            if native == "fi":
                wanted = {rng.choice(LANGUAGES[1:])}
            else:
                wanted = {"fi"} | ({rng.choice(LANGUAGES[1:])} if rng.random() < .2 else set())
            writer.writerow([f"b{k:05d}", "buddy", "|".join(sorted(offered)),
                             "|".join(sorted(wanted - offered) or sorted(wanted)),
                             rng.choice(REGIONS),
                             "|".join(rng.choice(SLOTS, size=rng.integers(1, 5), replace=False))])


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


@functools.cache
def library() -> Library:
    """One library (and so one registry of plugins) for every benchmark, as a run has."""
    from mentorcore.library import Library

    return Library()


def programme_from(text: str, directory: Path, name: str) -> Programme:
    path = directory / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return library().programme(str(path))


def bench_optimal(size: int, directory: Path) -> dict[str, float]:
    """The bare solver first (on the very matrix ``match`` builds, same seed), then the whole
    pipeline; the bare run also warms the memory the matrix takes, so that neither pays the
    virtual machine's first-touch cost of fresh memory and the two are compared fairly."""
    import json

    from scipy.optimize import linear_sum_assignment

    from mentorcore.matching import load_participants, match, to_json
    from mentorcore.matching.candidates import Encoded
    from mentorcore.matching.plan import plan_for
    from mentorcore.matching.rules import resolve_rules
    from mentorcore.matching.scoring import weigh

    programme = programme_from(PAIR_MODEL, directory, "bench-pairs")
    people_file = directory / "people.csv"
    write_pairs_csv(people_file, size, size)
    people = load_participants(people_file, programme)
    plan = plan_for(programme, "optimal")
    rules, _ = resolve_rules(programme, plan, people, library().registry)
    rng = np.random.default_rng(0)  # as match(seed=0) orders the people
    left = rng.permutation(np.array(people.of_role("mentee"), dtype=np.int64))
    right = rng.permutation(np.array(people.of_role("mentor"), dtype=np.int64))
    scoring = time.perf_counter()
    weights = weigh(Encoded(people), left, right, rules).weights
    scored = time.perf_counter() - scoring
    np.negative(weights, out=weights)
    bare_start = time.perf_counter()
    rows, cols = linear_sum_assignment(weights)
    bare = time.perf_counter() - bare_start
    expected = int((weights[rows, cols] < 0).sum())
    del weights, rows, cols, people
    gc.collect()
    start = time.perf_counter()
    people = load_participants(people_file, programme)
    loaded = time.perf_counter()
    result = match(programme, people, registry=library().registry, solver="optimal", seed=0)
    matched = time.perf_counter()
    json.dumps(to_json(result))
    end_to_end = time.perf_counter() - start
    assert len(result.pairs) == expected
    return {"size": size, "end_to_end": end_to_end, "read_csv": loaded - start,
            "match": matched - loaded, "json": start + end_to_end - matched,
            "scoring": scored, "bare_solver": bare, "ratio": end_to_end / bare,
            "pairs": len(result.pairs), "unmatched": len(result.unmatched),
            "peak_gib": peak_gib()}


def stable_weights(size: int, seed: int = 1) -> np.ndarray:
    from mentorcore.matching.solvers import quantise

    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 8, (size, size)).astype(np.float64) + rng.random((size, size)) * .5
    return quantise(scores, np.ones((size, size), dtype=bool), out=scores)


def bench_stable(size: int, directory: Path) -> dict[str, float]:
    from mentorcore.matching import load_participants, match
    from mentorcore.matching.solvers import stable

    programme = programme_from(PAIR_MODEL.replace("hard: true", "hard: false"), directory,
                               "bench-stable")
    people_file = directory / "stable.csv"
    write_pairs_csv(people_file, size, size, seed=2)
    start = time.perf_counter()
    result = match(programme, load_participants(people_file, programme),
                   registry=library().registry, solver="stable")
    end_to_end = time.perf_counter() - start
    weights = stable_weights(size)
    start = time.perf_counter()
    stable(weights, np.ones(size, dtype=np.int64))
    solver = time.perf_counter() - start
    return {"size": size, "end_to_end": end_to_end, "solver": solver,
            "pairs": len(result.pairs)}


def bench_package(size: int) -> dict[str, float]:
    from matching.games import HospitalResident

    from mentorcore.matching.solvers import TieBreak, stable

    weights = stable_weights(size, seed=3)
    ours_start = time.perf_counter()
    mentees, mentors = stable(weights.copy(), np.ones(size, dtype=np.int64), seed=5)
    ours = time.perf_counter() - ours_start
    # the same strict preferences, as the solver orders them
    ties = TieBreak(size, size, 5)
    mentee_keys, mentor_keys = ties.mentee_keys(weights), ties.mentor_keys(weights)
    resident_prefs = {f"r{i}": [f"h{j}" for j in np.argsort(-mentee_keys[i], kind="stable")]
                      for i in range(size)}
    hospital_prefs = {f"h{j}": [f"r{i}" for i in np.argsort(-mentor_keys[j], kind="stable")]
                      for j in range(size)}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 100_000))
    try:
        theirs_start = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, {f"h{j}": 1 for j in range(size)})
        solution = game.solve(optimal="resident")
        theirs = time.perf_counter() - theirs_start
    finally:
        sys.setrecursionlimit(limit)
    theirs_pairs = {(int(str(r.name)[1:]), int(str(h.name)[1:]))
                    for h, residents in solution.items() for r in residents}
    same = theirs_pairs == set(zip(mentees.tolist(), mentors.tolist(), strict=True))
    return {"size": size, "ours": ours, "matching_package": theirs, "speedup": theirs / ours,
            "same_matching": same}


def bench_reciprocal(size: int, directory: Path) -> dict[str, float]:
    """``match`` of ``size`` buddies from a CSV file, end to end; peak memory of the process."""
    from mentorcore.matching import load_participants, match

    programme = programme_from(BUDDY_MODEL, directory, "bench-buddies")
    people_file = directory / "buddies.csv"
    write_buddies_csv(people_file, size)
    baseline = peak_gib()
    start = time.perf_counter()
    result = match(programme, load_participants(people_file, programme),
                   registry=library().registry, solver="reciprocal")
    return {"size": size, "end_to_end": time.perf_counter() - start, "pairs": len(result.pairs),
            "unmatched": len(result.unmatched), "peak_gib": peak_gib(),
            "baseline_gib": baseline}


def bench_reciprocal_reference(size: int, directory: Path) -> dict[str, float]:
    """The bare sparse assignment solver on the double cover of the same graph ``match``
    builds (same rules, same order): the reference for the reciprocal row."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    from mentorcore.matching import load_participants
    from mentorcore.matching.candidates import Encoded
    from mentorcore.matching.plan import plan_for
    from mentorcore.matching.rules import resolve_rules
    from mentorcore.matching.scoring import buddy_graph

    programme = programme_from(BUDDY_MODEL, directory, "bench-buddies")
    people_file = directory / "buddies.csv"
    write_buddies_csv(people_file, size)
    people = load_participants(people_file, programme)
    plan = plan_for(programme, "reciprocal")
    rules, _ = resolve_rules(programme, plan, people, library().registry)
    order = np.random.default_rng(0).permutation(np.array(people.of_role("buddy"),
                                                          dtype=np.int64))
    graph = buddy_graph(Encoded(people), order, rules).weights.tocoo()
    n = graph.shape[0]
    big = float(graph.data.max()) + 1
    diagonal = np.arange(n)
    cost = csr_matrix((np.concatenate([big - graph.data, big - graph.data, np.full(n, big)]),
                       (np.concatenate([graph.row, graph.col, diagonal]),
                        np.concatenate([graph.col, graph.row, diagonal]))), shape=(n, n))
    start = time.perf_counter()
    min_weight_full_bipartite_matching(cost)
    return {"size": size, "bare_double_cover": time.perf_counter() - start,
            "possible_pairs": int(graph.nnz), "peak_gib": peak_gib()}


def bench_memory(solver: str, people: int, directory: Path) -> dict[str, float]:
    """Peak memory of ``match`` alone, end to end from CSV, for ``people`` people: half mentees
    and half mentors (the optimal benchmark's rules; stable: its rules as preferences), or
    ``people`` buddies."""
    size = people // 2
    from mentorcore.matching import load_participants, match

    if solver == "reciprocal":
        programme = programme_from(BUDDY_MODEL, directory, "bench-buddies")
        people_file = directory / "buddies.csv"
        write_buddies_csv(people_file, people)
    else:
        text = PAIR_MODEL if solver == "optimal" else PAIR_MODEL.replace("hard: true",
                                                                         "hard: false")
        programme = programme_from(text, directory, f"bench-{solver}")
        people_file = directory / "people.csv"
        write_pairs_csv(people_file, size, size)
    gc.collect()
    baseline = peak_gib()
    start = time.perf_counter()
    result = match(programme, load_participants(people_file, programme),
                   registry=library().registry, solver=solver)
    return {"solver": solver, "people": people, "seconds": time.perf_counter() - start,
            "pairs": len(result.pairs), "peak_gib": peak_gib(), "baseline_gib": baseline}


WORKLOADS = {
    "optimal": lambda size, directory: bench_optimal(size, directory),
    "stable": lambda size, directory: bench_stable(size, directory),
    "package": lambda size, directory: bench_package(size),
    "reciprocal": bench_reciprocal,
    "reciprocal-reference": bench_reciprocal_reference,
    "memory-optimal": lambda size, directory: bench_memory("optimal", size, directory),
    "memory-stable": lambda size, directory: bench_memory("stable", size, directory),
    "memory-reciprocal": lambda size, directory: bench_memory("reciprocal", size, directory),
}


def child(workload: str, size: int) -> None:
    """Run one workload in this process and print its figures as JSON."""
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(WORKLOADS[workload](size, Path(scratch))), flush=True)


def spawn(workload: str, size: int) -> dict[str, float]:
    """One workload in a fresh process (its own peak memory)."""
    done = subprocess.run([sys.executable, __file__, "--child", workload, str(size)],
                          check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{workload}:", figures, flush=True)
    return figures


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--stable-size", type=int, default=5_000)
    parser.add_argument("--package-size", type=int, default=500)
    parser.add_argument("--reciprocal-size", default="10000,20000")
    parser.add_argument("--memory-sizes", default="2000,20000",
                        help="numbers of people (half mentees, half mentors; or buddies)")
    parser.add_argument("--only", default="optimal,stable,package,reciprocal,memory")
    parser.add_argument("--child", nargs=2, metavar=("WORKLOAD", "SIZE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child[0], int(options.child[1]))
        return
    chosen = options.only.split(",")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, NumPy {np.__version__}; "
          f"{time.strftime('%Y-%m-%d')}", flush=True)
    if "package" in chosen:
        spawn("package", options.package_size)
    if "stable" in chosen:
        spawn("stable", options.stable_size)
    buddies: dict[int, dict[str, float]] = {}
    if "reciprocal" in chosen:
        for size in sizes(options.reciprocal_size):
            reference = spawn("reciprocal-reference", size)
            ours = buddies[size] = spawn("reciprocal", size)
            print(f"reciprocal {size}: {ours['end_to_end'] / reference['bare_double_cover']:.2f}"
                  f"x the bare double cover, peak {ours['peak_gib']:.2f} GiB", flush=True)
    if "optimal" in chosen:
        spawn("optimal", options.size)
    if "memory" in chosen:
        for people in sizes(options.memory_sizes):
            for solver in ("optimal", "stable", "reciprocal"):
                if solver == "reciprocal" and people in buddies:  # measured above, alone
                    continue
                spawn(f"memory-{solver}", people)


if __name__ == "__main__":
    main()

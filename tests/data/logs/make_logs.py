"""Make the test logs of tests/data/logs: realistic meeting logs of 40 pairs, from simulated
runs (fixed seeds: the same files every time), with fake names only.

* ``matkalla-units.csv`` / ``matkalla-log.csv``: Matkalla työelämään, 40 pairs over the six
  months of pair mentoring up to the closing event (Finnish Excel CSV: BOM, ``;``);
* ``auroras-units.csv`` / ``auroras-log.csv``: Auroras individual mentoring, 40 pairs, with
  Liite 2's fields filled in (fake texts), cut on 2027-03-01, mid-way;
* ``matkalla-bad-log.csv``: the Matkalla log with one row of each kind of bad input appended
  (an unknown unit, a date in the future, a date before the start, a duplicate, an unknown
  kind).

Run from the repository root: ``python tests/data/logs/make_logs.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from mentorcore import Library
from mentorcore.simulation import simulate
from mentorcore.tracking.blank import log_header
from mentorcore.tracking.logformat import log_columns
from mentorcore.tracking.replay import log_rows
from mentorcore.tracking.sheetio import write_csv

HERE = Path(__file__).resolve().parent
START = dt.date(2027, 1, 4)
FIRST = ("Aino", "Helmi", "Sara", "Leena", "Mirja", "Amina", "Fatima", "Olga", "Mai", "Rosa",
         "Kaisa", "Noora", "Hanna", "Ilona", "Liisa", "Parisa", "Yasmin", "Elena", "Tuuli",
         "Veera")
LAST = ("Testinen", "Esimerkki", "Kuvitelma", "Malli", "Keksitty", "Harjoitus", "Kokeilu",
        "Luonnos")
CONTENT = ("työhakemuksen läpikäynti", "CV:n viimeistely", "alan työpaikat", "verkostot",
           "haastatteluharjoitus", "koulutusvaihtoehdot")
INSIGHT = ("oma osaaminen näkyväksi", "uusi yhteyshenkilö", "suunta selkeytyi", "")
FEEDBACK = ("hyödyllinen", "erittäin hyvä", "sopivan tiivis", "")
TASKS = ("aktori: hakemus valmiiksi", "mentori: kysyy kollegalta", "molemmat: lue artikkeli")


def fake_name(number: int) -> str:
    return f"{FIRST[number % len(FIRST)]} {LAST[(number // len(FIRST)) % len(LAST)]}"


def units_file(run, path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "mentor", "mentee"])
    for index in range(run.units.count):
        writer.writerow([run.units.cohort.unit_id(index), fake_name(2 * index),
                         fake_name(2 * index + 1)])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def fill(unit: str, number: int, row: dict) -> dict:
    seed = sum(map(ord, unit)) + number
    return {"content": CONTENT[seed % len(CONTENT)], "insights": INSIGHT[seed % len(INSIGHT)],
            "mentee-feedback": FEEDBACK[(seed // 2) % len(FEEDBACK)],
            "agreed-tasks": TASKS[seed % len(TASKS)]}


def write_log(programme, rows: list[dict], path: Path) -> list[list]:
    ids = [column.id for column in log_columns(programme)]
    table = [[row.get(column) for column in ids] for row in rows]
    path.write_bytes(write_csv(log_header(programme, "fi"), table))
    return table


def main() -> None:
    library = Library()
    matkalla = library.programme("matkalla-tyoelamaan")
    run = simulate(matkalla, registry=library.registry, pairs=40, seed=2027, start=START)
    units_file(run, HERE / "matkalla-units.csv")
    rows = log_rows(run, matkalla, run.end)
    table = write_log(matkalla, rows, HERE / "matkalla-log.csv")
    ids = [column.id for column in log_columns(matkalla)]
    meeting = next(r for r in table if r[ids.index("kind")] == "meeting")
    bad = [list(r) for r in table]
    unknown = list(meeting)
    unknown[ids.index("unit")] = "pair-99"
    future = list(meeting)
    future[ids.index("date")] = dt.date(2030, 1, 1)
    early = list(meeting)
    early[ids.index("date")] = dt.date(2026, 12, 1)
    kind = list(meeting)
    kind[ids.index("kind")] = "kahvit"
    bad[5:5] = [unknown]
    bad += [future, early, list(meeting), kind]
    (HERE / "matkalla-bad-log.csv").write_bytes(write_csv(log_header(matkalla, "fi"), bad))

    auroras = library.programme("auroras-individual")
    run = simulate(auroras, registry=library.registry, pairs=40, seed=2027, start=START)
    units_file(run, HERE / "auroras-units.csv")
    rows = log_rows(run, auroras, dt.date(2027, 3, 1), fill=fill)
    write_log(auroras, rows, HERE / "auroras-log.csv")
    full = log_rows(run, auroras, run.end, fill=fill)
    write_log(auroras, full, HERE / "auroras-full-log.csv")


if __name__ == "__main__":
    main()

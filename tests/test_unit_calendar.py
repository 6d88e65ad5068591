"""One calendar per unit (issue 17, point 6): `simulate --format ics --calendar-of UNIT` holds
the programme's events and that unit's and its group's own, with the UIDs of the full calendar
(importing both updates, never duplicates)."""

from __future__ import annotations

import icalendar


def _events(data: bytes) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_a_units_calendar_is_its_share_of_the_programmes(run):
    args = ("simulate", "auroras-individual", "--pairs", "4", "--start", "2027-01-11",
            "--format", "ics")
    whole = run(*args)
    one = run(*args, "--calendar-of", "pair-2")
    assert whole.exit_code == 0 and one.exit_code == 0, one.output
    everything = _events(whole.stdout_bytes)
    mine = _events(one.stdout_bytes)
    assert set(mine) < set(everything)                        # the same UIDs, fewer events
    assert all(everything[uid] == summary for uid, summary in mine.items())
    assert any("pair-2" in uid for uid in mine)               # its own start meeting
    assert not any(f"pair-{n}" in uid for uid in mine for n in (1, 3, 4))
    programme_wide = {uid for uid in everything if ".pair-" not in uid}
    assert programme_wide <= set(mine)
    name = icalendar.Calendar.from_ical(one.stdout_bytes)["x-wr-calname"]
    assert "pair-2" in str(name)


def test_an_unknown_unit_or_another_format_is_refused(run):
    wrong = run("simulate", "womento", "--pairs", "3", "--format", "ics",
                "--calendar-of", "pair-9")
    assert wrong.exit_code == 2 and "E620" in wrong.stderr and "pair-3" in wrong.stderr
    other = run("simulate", "womento", "--pairs", "3", "--calendar-of", "pair-1")
    assert other.exit_code == 2 and "--format ics" in other.stderr

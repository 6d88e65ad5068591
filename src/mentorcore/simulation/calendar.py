"""The calendar a simulation runs on: the dated schedule (:mod:`mentorcore.schedule`) and its day
tables, as the engine reads them.

The engine takes the phases' dates from the schedule, moves programme events to working days
with the schedule's one rule (:meth:`mentorcore.schedule.Days.snap`) and puts the units' own
meetings on meeting days: a unit's meetings are drawn over its window in calendar days, then the
window is laid onto the meeting days inside it, in order (a meeting at 40 % of the window falls
on the meeting day 40 % of the way through them), so breaks and weekends hold no meeting and
the number of meetings stays what the cadence gives. The tables are NumPy arrays computed once
per plan; no holiday is looked up per meeting.

Example: from Monday 16 June 2025, Midsummer Eve (Friday 20 June) is no working day, nor the
weekend after it::

    >>> import datetime
    >>> from mentorcore.schedule import Days
    >>> days = Days.make("finnish", datetime.date(2025, 6, 16))
    >>> [int(d) for d in days.table("working")[:5]]
    [0, 1, 2, 3, 7]
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.records import record
from mentorcore.schedule import CALENDARS, Days, Schedule

if TYPE_CHECKING:
    pass

__all__ = ["CALENDARS", "Calendar", "finnish_holidays", "next_monday"]


def finnish_holidays(year: int) -> dict[datetime.date, str]:
    """Finland's public holidays of ``year`` (from the ``holidays`` library), with Midsummer Eve
    and Christmas Eve, in Finnish."""
    import holidays

    return dict(holidays.country_holidays("FI", years=year, language="fi"))


def next_monday(today: datetime.date | None = None) -> datetime.date:
    """The first Monday after ``today`` (a week later when today is a Monday)."""
    today = today or datetime.date.today()
    return today + datetime.timedelta(days=7 - today.weekday())


@record
class Calendar:
    """A run's calendar: its ``name`` (``finnish`` or ``plain``), ``start``, the dated
    ``schedule`` and its day tables."""

    name: str
    start: datetime.date
    schedule: Schedule = attrs.field(eq=False)

    @property
    def days(self) -> Days:
        return self.schedule.calendar

    @property
    def is_plain(self) -> bool:
        return self.name == "plain"

    def phase_start(self, index: int) -> int | None:
        """The day offset the schedule starts phase ``index`` on (``None``: after an open
        phase, the run decides)."""
        if index >= len(self.schedule.phases):
            return None
        return self.schedule.phase_start_offset(index)

    def phase_days(self, index: int) -> int | None:
        """The calendar days the schedule gives phase ``index`` (``None``: its units decide)."""
        if index >= len(self.schedule.phases):
            return None
        return self.schedule.phases[index].days

    def is_block(self, index: int) -> bool:
        return index < len(self.schedule.phases) and self.schedule.phases[index].block

    def start_after(self, offsets: Any, index: int) -> Any:
        """Where phase ``index`` starts after an open phase ending at ``offsets`` (one per
        replication): the next working day, a block of days clear of breaks."""
        import numpy as np

        days = self.days.grown(int(np.max(offsets, initial=0)) + 800)
        length = self.phase_days(index) or 1
        found = {int(o): (days.block_start(int(o), length) if self.is_block(index)
                          else days.next_working(int(o))) for o in np.unique(offsets)}
        return np.array([found[int(o)] for o in offsets], dtype=np.int64)

    def break_days(self, low: Any, high: Any) -> Any:
        """How many days of each window ``[low, high)`` of day offsets lie in a break (the
        Christmas break, the summer pause); vectorised, 0 on a calendar without breaks."""
        import numpy as np

        low, high = np.asarray(low, dtype=np.int64), np.asarray(high, dtype=np.int64)
        if self.is_plain or not self.days.breaks or not low.size:
            return np.zeros(np.broadcast(low, high).shape, dtype=np.int64)
        days = self.days.grown(int(max(high.max(), low.max(), 0)) + 2)
        count = days.cache.get("break_count")
        if count is None:   # count[d]: days in a break before day d
            off = np.zeros(days.horizon, dtype=bool)
            for first, last in days.break_spans(days.date(days.horizon - 1)):
                off[days.offset(first):days.offset(last) + 1] = True
            count = days.cache["break_count"] = np.concatenate([[0], np.cumsum(off)])
        top = len(count) - 1
        return np.maximum(count[np.clip(high, 0, top)] - count[np.clip(low, 0, top)], 0)

    def snap_events(self, days: Any, low: Any, high: Any, horizon: int) -> Any:
        """Event days moved to working days inside their windows (:meth:`Days.snap`)."""
        return self.days.grown(horizon + 2).snap(days, low, high)

    def without_meeting_day(self, start: Any, end: Any, horizon: int) -> Any:
        """Which units' windows ``[start, end)`` hold no meeting day at all (a pair that meets
        only on Saturdays and stops on a Thursday five days after it started): their meetings
        cannot be held."""
        import numpy as np

        if self.is_plain:
            return np.zeros(np.shape(start), dtype=bool)
        rank = _meeting_rank(self.days.grown(horizon + 2))
        top = len(rank) - 1
        return rank[np.clip(end, 0, top)] <= rank[np.clip(start, 0, top)]

    def meeting_days(self, days: Any, start: Any, end: Any, horizon: int) -> Any:
        """Meeting days (R, N, K) drawn over each unit's window ``[start, end)`` (R, N, 1),
        laid onto the meeting days inside that window in order (see the module): the k-th of
        the window's M meeting days takes the days drawn in its k-th M-th of the window.
        A handful of float32/int32 operations per slot; a unit whose window holds no meeting
        day keeps its days (the engine holds none of them: :meth:`without_meeting_day`)."""
        import numpy as np

        if self.is_plain:
            return days
        grown = self.days.grown(horizon + 2)
        table = grown.table("meeting").astype(np.int32)
        if not len(table):
            return days
        rank = _meeting_rank(grown)
        top = len(rank) - 1
        start = np.clip(start, 0, top)
        first = rank[start]
        count = rank[np.clip(end, 0, top)] - first
        scale = (count / np.maximum(end - start, 1)).astype(np.float32)
        last = first + np.maximum(count - 1, 0)
        # whole days below 2**24 are exact in float32: the difference is the same as in int32
        position = np.subtract(days, start.astype(np.float32), dtype=np.float32)
        position *= scale
        index = position.astype(np.int32)
        index += first
        np.minimum(index, last, out=index)
        laid = table.take(index).astype(days.dtype, copy=False)   # take: twice a fancy index
        if (count == 0).any():
            laid = np.where(count > 0, laid, days)
        return laid


def _meeting_rank(days: Days) -> Any:
    """``rank[d]``: how many meeting days come before day ``d`` (computed once per table)."""
    import numpy as np

    rank = days.cache.get("meeting_rank")
    if rank is None:
        rank = days.cache["meeting_rank"] = np.concatenate(
            [[0], np.cumsum(days.meeting)]).astype(np.int32)
    return rank

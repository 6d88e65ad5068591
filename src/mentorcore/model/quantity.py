"""Quantities: a range of numbers with a unit, possibly approximate or open-ended.

The documents speak in ranges ("8–10 months", "1–2 a month", "at least three", "about 20");
a :class:`Range` keeps all of that: ``min``, ``max`` (``None`` when open-ended), ``unit`` and an
``approx`` flag for "about".

YAML forms accepted for a range::

    duration: {min: 8, max: 10, unit: month, approx: true}   # about 8–10 months
    size: {value: 20, unit: person, approx: true}            # about 20 people
    total: {min: 3}                                          # at least three (unit from context)
    per_month: 2                                             # exactly two (unit from context)
"""

import math

import attrs

from mentorcore.i18n import _
from mentorcore.model.fields import fact
from mentorcore.records import record

TIME_UNITS = frozenset({"day", "week", "month", "year"})
"""Units a duration may take."""

COUNT_UNITS = frozenset({
    "meeting", "session", "event", "pair", "person", "mentee", "mentor", "group", "hour",
    "meeting/month", "meeting/week", "event/month",
})
"""Units for counts and sizes."""

UNITS = TIME_UNITS | COUNT_UNITS | frozenset({"year_of_age", "ratio", "percent"})
"""Every unit a quantity may carry."""

APPROX = 0.1
"""What "about" means everywhere (checks, simulation, documents): an approximate quantity may lie
up to 10 % below its lower bound and 10 % above its upper bound — "about 20" is 18–22, "about
8–10 months" is 7.2–11 months. See :meth:`Range.approx_bounds`."""

DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
"""Length of each time unit in days (a month is an average month)."""


def _finite(instance: object, attribute: attrs.Attribute, value: float | None) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(_("{key} must be a finite number, found {value}").format(
            key=attribute.name, value=repr(value)))


@record(kw_only=True)
class Range:
    """A quantity with a unit: ``min``–``max``; ``max`` left out means open-ended ("at least")."""

    min: float = fact("lower bound (inclusive)", default=0, validator=_finite, example=8)
    max: float | None = fact("upper bound (inclusive); leave out for open-ended", default=None,
                             validator=_finite, example=10)
    unit: str = fact("unit of the quantity, e.g. month, meeting, pair, person", units=UNITS,
                     example="month")
    approx: bool = fact('true when the document says "about"', default=False, example=True)

    @property
    def open_ended(self) -> bool:
        return self.max is None

    @property
    def upper(self) -> float:
        """The upper bound, or infinity when open-ended."""
        return math.inf if self.max is None else self.max

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.upper

    def approx_bounds(self) -> tuple[float, float]:
        """The bounds with "about" applied (:data:`APPROX`); exact ranges are unchanged.

        >>> Range(min=20, max=20, unit="person", approx=True).approx_bounds()
        (18.0, 22.0)
        >>> Range(min=3, unit="meeting").approx_bounds()
        (3, inf)
        """
        if not self.approx:
            return self.min, self.upper
        return self.min * (1 - APPROX), self.upper * (1 + APPROX)

    def in_days(self, *, about: bool = False) -> tuple[float, float]:
        """A duration's bounds in days (``ValueError`` for a non-time unit); with ``about``,
        widened by "about" as :meth:`approx_bounds` says."""
        if self.unit not in DAYS_PER:
            raise ValueError(f"{self.unit!r} is not a unit of time")
        per = DAYS_PER[self.unit]
        low, high = self.approx_bounds() if about else (self.min, self.upper)
        return low * per, high * per

    def in_months(self, *, about: bool = False) -> tuple[float, float]:
        low, high = self.in_days(about=about)
        return low / DAYS_PER["month"], high / DAYS_PER["month"]

    def bounds_text(self) -> str:
        """The numbers in words: ``about 8–10``, ``at least 3``, ``20``."""
        def num(x: float) -> str:
            return str(int(x)) if float(x).is_integer() else f"{x:g}"

        if self.max is None:
            text = f"at least {num(self.min)}"
        elif self.min == self.max:
            text = num(self.min)
        else:
            text = f"{num(self.min)}–{num(self.max)}"
        return f"about {text}" if self.approx else text

    def describe(self) -> str:
        """Human text: ``about 8–10 month``, ``at least 3 meeting``, ``20 person``."""
        return f"{self.bounds_text()} {self.unit}"

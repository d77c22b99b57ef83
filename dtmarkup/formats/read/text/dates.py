"""Dates in running text: explicit ones ("May 19, 2021", "Nov. 11, 2019", "19 May 2021")
and weekdays ("Wednesday") resolved against the story's reference date.

A weekday is the latest such day on or before the reference date (wire copy reports the
past week: "met Wednesday"). Without a reference date a weekday is left unresolved and
reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MDY = re.compile(
    rf"(?:{_WEEKDAY},\s+)?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s+(?P<year>(?:19|20)\d\d))?\b"
)
_DMY = re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d))?\b")
_LONE_WEEKDAY = re.compile(rf"\b{_WEEKDAY}\b")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in a text: where, as written, and its value (None: unresolved)."""

    start: int
    end: int
    text: str
    when: str | None
    rule: str


def _make(year: int | None, month: int, day: int, ref: dt.date | None) -> str | None:
    if year is None:
        if ref is None:
            return None
        year = ref.year
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def weekday_before(weekday: str, ref: dt.date) -> dt.date:
    """The latest date on or before ``ref`` that falls on ``weekday``."""
    wanted = _WEEKDAYS.index(weekday.lower())
    return ref - dt.timedelta(days=(ref.weekday() - wanted) % 7)


def find_dates(text: str, ref: dt.date | None) -> list[DateSpan]:
    """Every date in ``text``, left to right, without overlaps."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern, rule in ((_MDY, "date.month-day-year"), (_DMY, "date.day-month-year")):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if m.group("month") == "May" and not m.group("year") and pattern is _DMY:
                continue  # "19 May" without a year is too often a verb phrase
            month = _MONTHS[m.group("month").rstrip(".").lower()]
            year = int(m.group("year")) if m.group("year") else None
            when = _make(year, month, int(m.group("day")), ref)
            label = rule if year is not None else rule.replace("-year", "") + ".year-from-reference"
            found.append(DateSpan(m.start(), m.end(), m.group(0), when, label))
            taken.append((m.start(), m.end()))
    for m in _LONE_WEEKDAY.finditer(text):
        if not free(m.start(), m.end()):
            continue
        when = weekday_before(m.group(0), ref).isoformat() if ref is not None else None
        found.append(
            DateSpan(m.start(), m.end(), m.group(0), when, "date.weekday-before-reference")
        )
        taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def first_full_date(text: str) -> DateSpan | None:
    """The first date with day, month and year in ``text`` (a caption's "on May 19, 2021")."""
    for span in find_dates(text, None):
        if span.when is not None and span.rule.endswith("-year"):
            return span
    return None

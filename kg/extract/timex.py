"""Resolve time expressions ("in February", "earlier this year", "last week") against a date.

>>> from datetime import date
>>> resolve("in February", date(2019, 5, 17))
(datetime.date(2019, 2, 1), 'month')
>>> resolve("in November", date(2019, 5, 17))
(datetime.date(2018, 11, 1), 'month')
>>> resolve("earlier this year", date(2019, 5, 17))
(datetime.date(2019, 1, 1), 'year')
>>> resolve("on Monday", date(2019, 5, 17))
(datetime.date(2019, 5, 13), 'day')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.readers.lines import parse_date

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def resolve(text: str, published: date | None) -> tuple[date | None, str | None]:
    """The date ``text`` denotes and its precision ("day", "month", "year"), if it can tell."""
    low = text.lower()
    exact = parse_date(text)
    if exact is not None:
        return exact, "day"
    words = re.findall(r"[a-z]+", low)
    year_m = _YEAR.search(low)
    month = next((i + 1 for i, m in enumerate(_MONTHS) if m in words), None)
    if month is not None and year_m:
        return date(int(year_m.group(1)), month, 1), "month"
    if year_m and month is None:
        return date(int(year_m.group(1)), 1, 1), "year"
    if published is None:
        return None, None
    if month is not None:
        year = published.year
        if month > published.month and "next" not in words:
            year -= 1
        return date(year, month, 1), "month"
    if "yesterday" in words:
        return published - timedelta(days=1), "day"
    if "today" in words:
        return published, "day"
    day = next((i for i, d in enumerate(_WEEKDAYS) if d in words), None)
    if day is not None:
        back = (published.weekday() - day) % 7 or 7
        return published - timedelta(days=back), "day"
    if "year" in words:
        if "last" in words or "previous" in words:
            return date(published.year - 1, 1, 1), "year"
        if "this" in words:
            return date(published.year, 1, 1), "year"
    if "month" in words:
        if "last" in words or "previous" in words:
            prev = published.replace(day=1) - timedelta(days=1)
            return prev.replace(day=1), "month"
        if "this" in words:
            return published.replace(day=1), "month"
    if "week" in words and ("last" in words or "this" in words):
        when = published - timedelta(days=7 if "last" in words else 0)
        return when.replace(day=1), "month"
    return None, None

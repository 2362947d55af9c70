"""Dates in article text, one parser for the readers (datelines, bylines) and the extractor
(time expressions).

>>> parse_date("Published 17 May, 2019 at 10:00")
datetime.date(2019, 5, 17)
>>> parse_date("March 3rd 2024"), parse_date("2024-03-03"), parse_date("31 February 2024")
(datetime.date(2024, 3, 3), datetime.date(2024, 3, 3), None)
>>> MONTH_NAMES[4], MONTH_NUMBER["sept"]
('may', 9)
"""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_ABBREVIATIONS = {"sep": 9, "sept": 9}
#: month names and their usual abbreviations, lower case, to the month's number
MONTH_NUMBER: dict[str, int] = {
    **{name: i + 1 for i, name in enumerate(MONTH_NAMES)},
    **{name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)},
    **_ABBREVIATIONS,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
#: where a calendar date is in a text (a dateline strips them to see what else it holds)
DATE_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)


def parse_date(text: str) -> date | None:
    """The first calendar date ``text`` gives: "17 May, 2019", "March 3, 2024", "2024-03-03"."""
    for pattern in DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month_s = m.group("month").lower().rstrip(".")
        month = int(month_s) if month_s.isdigit() else MONTH_NUMBER[month_s]
        try:
            return date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
    return None

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
>>> resolve("two weeks ago", date(2019, 5, 17))
(datetime.date(2019, 5, 1), 'month')

A duration, a frequency or an age says how long, how often or how old, not when:

>>> [not_a_time(t) for t in ("six months", "for two weeks", "more than three years", "hours later",
...     "the weeks", "daily", "29", "41-year-old", "54-45", "a new day", "nearly two hours")]
[True, True, True, True, True, True, True, True, True, True, True]
>>> [not_a_time(t) for t in ("six months ago", "last week", "February 2022", "Monday",
...     "Earlier this year", "the past decade", "mid-July", "the end of next year", "2 pm")]
[False, False, False, False, False, False, False, False, False]

How a label says it, after what the event was ("arrest of X by police ..."):

>>> [phrase(t) for t in ("Monday", "Earlier this year", "February", "2019", "3 June 2025",
...     "Tuesday night", "last week", "six months ago")]
['on Monday', 'earlier this year', 'in February', 'in 2019', 'on 3 June 2025', \
'on Tuesday night', 'last week', 'six months ago']
>>> phrase("the middle of June", "until")
'until the middle of June'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.dates import MONTH_NAMES, parse_date

_MONTHS = MONTH_NAMES
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_UNITS = frozenset(
    """second seconds minute minutes hour hours day days night nights week weeks fortnight
    month months year years decade decades century centuries season seasons""".split()
)
# words that only count or qualify a unit: "more than three years", "the first hours"
_AMOUNTS = frozenset(
    """a an the one two three four five six seven eight nine ten eleven twelve fifteen twenty
    thirty forty fifty hundred several few many some more less fewer than nearly almost about
    around roughly at least up to over under half another new same that those these each every
    whole full entire long straight consecutive additional further early late first second
    third fourth fifth sixth seventh eighth ninth tenth final""".split()
)
_RELATIVE = frozenset("later earlier before after afterwards since".split())
_LEADING_SPAN = frozenset("for over within throughout".split())
_FREQUENCY = frozenset("daily weekly monthly annual annually yearly nightly hourly".split())
_DEICTIC = frozenset(
    "ago last this next previous past recent recently yesterday today tonight tomorrow".split()
)
_SEASONS = frozenset("spring summer autumn fall winter".split())
_CLOCK = re.compile(
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|midnight|noon|midday"
)
_NUMBER_WORDS = {
    w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())
}
_AGO = re.compile(r"\b(\d+|[a-z]+) (day|week|month|year)s? ago\b")
_OPENERS = frozenset(
    "earlier later last this next early late mid recent the a an in on at around about".split()
)


def not_a_time(text: str) -> bool:
    """Whether a date expression the model found says how long ("six months", "for two
    weeks"), how often ("daily"), how old ("29", "41-year-old") or a score ("54-45") rather
    than when something happened; also "hours later", relative to nothing a reader can date."""
    low = text.lower().strip()
    if re.fullmatch(r"\d{1,3}|\d+\s*[-–]\s*\d+", low) or re.search(r"-year-old|\baged\b", low):
        return True
    words = re.findall(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", low)
    if not words or words[0] in _LEADING_SPAN:
        return True
    if _FREQUENCY & set(words) and len(words) <= 2:
        return True
    if re.fullmatch(r"[a-z]+-[a-z]+", low) and not (_SEASONS | set(_MONTHS)) & set(low.split("-")):
        return True  # "last-minute", "late-night": they describe, they do not date
    if set(words) & _DEICTIC or _YEAR.search(low) or _CLOCK.search(low):
        return False
    if any(m in w for w in words for m in _MONTHS) or set(words) & (set(_WEEKDAYS) | _SEASONS):
        return False
    counting = [w for w in words if w not in _RELATIVE]
    return all(
        w in _UNITS or w in _AMOUNTS or w.isdigit() or re.fullmatch(r"\d+(?:st|nd|rd|th)", w)
        for w in counting
    ) and any(w in _UNITS for w in counting)


def clean(text: str) -> str:
    """ "October 2020, days" (after "days after ...") -> "October 2020": the parts of a date
    expression that say when."""
    parts = [p.strip() for p in text.split(",")]
    while len(parts) > 1 and not_a_time(parts[-1]):
        parts.pop()
    return re.sub(r"['’]s$", "", ", ".join(parts))  # "next year's election": next year


def phrase(text: str, prep: str | None = None) -> str:
    """The time as the end of an event label says it: "on Monday", "in February", "earlier
    this year"; ``prep`` is the preposition the article put before it, if any."""
    first, _, rest = text.partition(" ")
    if first.lower() in _OPENERS or first.lower() in _DEICTIC or first.lower().startswith("mid-"):
        text = f"{first.lower()} {rest}".strip()
    if prep:
        return f"{prep.lower()} {text}"
    low = text.lower()
    words = re.findall(r"[a-z0-9]+", low)
    if words and (words[0] in _OPENERS | _DEICTIC or words[-1] == "ago" or low.startswith("mid-")):
        return text
    if (
        set(words) & set(_WEEKDAYS)
        or re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", low)
        and any(m in words for m in _MONTHS)
    ):
        return f"on {text}"
    if _CLOCK.fullmatch(low):
        return f"at {text}"
    return f"in {text}"


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
    ago = _AGO.search(low)
    if ago is not None:  # "two weeks ago", "six months ago"
        count = ago.group(1)
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 1 if count == "a" else 0)
        if n:
            unit = ago.group(2)
            if unit == "day":
                return published - timedelta(days=n), "day"
            if unit == "week":
                return (published - timedelta(days=7 * n)).replace(day=1), "month"
            if unit == "month":
                total = published.year * 12 + published.month - 1 - n
                return date(total // 12, total % 12 + 1, 1), "month"
            return date(published.year - n, 1, 1), "year"
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

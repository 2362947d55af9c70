"""Classify the lines of a news text: headline, date line, byline, caption, copyright, boilerplate.

Each recogniser looks at one stripped line and answers with a BlockKind (or None) and, where the
line carries metadata, the value (a date, author names, a publisher name).
"""

from __future__ import annotations

import re
from datetime import date

from kg.dates import DATE_PATTERNS, parse_date
from kg.model import BlockKind

_DATE_PREFIX = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|modified|first published|date)\b(?:\s+on)?[:\s]*",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b\.?", re.I
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?", re.I)
_READ_TIME = re.compile(
    r"^(?:\d+\s*(?:-\s*)?(?:min|mins|minute|minutes)\s+read"
    r"|(?:updated\s+)?\d+\s+(?:seconds?|mins?|minutes?|hours?|hrs?|days?)\s+ago)$",
    re.I,
)

_BYLINE = re.compile(r"^by\s+(?P<names>[A-Z][^\n]{1,150})$", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|al|bin|da|del))*$")

_CAPTION_START = re.compile(
    r"^(?:photo|image|picture|photograph|caption|file photo|pictured)\s*[:|-]", re.I
)
_CAPTION_BRACKET = re.compile(r"\[[^\]\n]{1,40}\]\s*$")
_CREDIT = re.compile(
    r"\((?:[^()\n]*\b(?:getty|reuters|afp|ap|epa|photo|images|anadolu|xinhua|shutterstock|"
    r"file)\b[^()\n]*)\)\s*$",
    re.I,
)

# Credits that end a caption: "(ABC News: Tom Harding)", "... Photograph: Environment Agency"
_CREDIT_TAIL = re.compile(
    r"(?:\([A-Z][\w .&'’-]{1,40}:\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\)"
    r"|\b(?:Photograph|Photo|Picture|Image)s?:\s*[A-Z][^.\n]{1,60})\s*$"
)

_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.I)
_PUBLISHER = re.compile(
    r"^(?:©|\(c\))?\s*(?:copyright\s*)?(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)\d{2})?"
    r"\s*)?(?P<name>[A-Za-z][\w&'’ .-]*?)\s*(?:(?:19|20)\d{2})?\s*[.,]?\s*"
    r"(?:all rights reserved\.?)?\s*$",
    re.I,
)
_BOILERPLATE = re.compile(
    r"^(?:follow us\b|read more\b|read also\b|also read\b|related\b|subscribe\b|sign up\b|"
    r"share this\b|click here\b|advertisement$|join our\b|download (?:the|our)\b|"
    r"watch:|listen:|more on this\b|recommended\b|continue reading\b)",
    re.I,
)
_HANDLE = re.compile(r"@(\w{2,30})")
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&|\|)\s*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def date_line(line: str) -> date | None | bool:
    """A date, True for a date-ish line without a day ("2 min read"), None when not a date line."""
    if _READ_TIME.match(line):
        return True
    if len(line) > 80:
        return None
    rest = _DATE_PREFIX.sub("", line)
    when = parse_date(rest)
    if when is None:
        return None
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", _WEEKDAY.sub(" ", rest))
    leftover = re.findall(r"[A-Za-z]+", rest)
    if len(leftover) > 3:  # a sentence that merely contains a date
        return None
    return when


def byline(line: str) -> list[str] | None:
    """Author names of a byline ("By Jane Doe and John Roe, Reuters"), else None."""
    m = _BYLINE.match(line)
    if not m or line.rstrip().endswith((".", "?", "!")) and len(line.split()) > 8:
        return None
    # "By Lena Hoffmann in Wolfsburg": where each author filed from is no part of the name
    names = [
        re.sub(r"\s+in\s+[A-Z][\w.'’ -]*$", "", n.strip())
        for n in _SPLIT_NAMES.split(m.group("names"))
        if n.strip()
    ]
    if not names or not all(_NAME.match(n) for n in names):
        return None
    # A trailing single word after a comma is the agency ("..., Reuters"), not an author.
    people = [n for n in names if len(n.split()) >= 2]
    return people or names


# Wire services and outlets credited on a line of their own under the headline ("Reuters").
_AGENCIES = frozenset(
    name.strip()
    for name in """reuters | associated press | the associated press | ap | afp
    | agence france-presse | bloomberg | bloomberg news | pa | pa media | press association
    | dpa | efe | ansa | xinhua
    | kyodo | kyodo news | yonhap | anadolu | anadolu agency | tass | interfax | upi | bernama
    | pti | press trust of india | ians | reuters staff | ap staff | afp staff""".split("|")
)


def agency_line(line: str) -> str | None:
    """The agency a credit line names ("Reuters", "By AFP", "AP Staff"), else None."""
    name = re.sub(r"^by\s+", "", line.strip(), flags=re.I).strip(" .")
    if " ".join(name.lower().split()) not in _AGENCIES:
        return None
    return re.sub(r"\s+staff$", "", name, flags=re.I)


def is_caption(line: str) -> bool:
    return bool(
        _CAPTION_START.match(line)
        or _CAPTION_BRACKET.search(line)
        or _CREDIT.search(line)
        or _CREDIT_TAIL.search(line)
    )


def copyright_holder(line: str) -> str | None | bool:
    """The publisher of a copyright line, True for one with no name, None for other lines."""
    if not _COPYRIGHT.search(line) or len(line) > 160:
        return None
    m = _PUBLISHER.match(line)
    if m:
        name = m.group("name").strip(" .,")
        if name and name.lower() not in {"all rights reserved", "copyright"}:
            return name
    return True


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.match(line))


def handle_name(line: str) -> str | None:
    """A readable publisher name from a follow-us handle: "@The_NewArab" -> "The New Arab"."""
    m = _HANDLE.search(line)
    if not m:
        return None
    words = _CAMEL.sub(" ", m.group(1).replace("_", " ")).split()
    return " ".join(words) or None


def classify(line: str, headline: str | None) -> BlockKind:
    """The kind of a non-first line (the first non-empty line is the headline)."""
    if headline is not None and _same(line, headline):
        return BlockKind.BOILERPLATE
    if date_line(line) is not None:
        return BlockKind.DATELINE
    if byline(line) is not None or agency_line(line) is not None:
        return BlockKind.BYLINE
    if copyright_holder(line) is not None:
        return BlockKind.COPYRIGHT
    if is_boilerplate(line):
        return BlockKind.BOILERPLATE
    if is_caption(line):
        return BlockKind.CAPTION
    return BlockKind.BODY


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()

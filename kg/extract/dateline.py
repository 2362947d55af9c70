"""Wire datelines that open a story's first paragraph: "SEOUL —", "La Paz (AFP) -",
"SANTIAGO, May 14 (Reuters) -", "OSLO, Norway, Oct. 17, 2024 /PRNewswire/ --".

They name where the story was filed and who filed it, not who said anything: their words are
kept out of claim text and their places and agencies out of the speakers.

>>> dateline_end("SEOUL — North Korea fired a missile.")
8
>>> dateline_end("La Paz (AFP) - Police arrested a former mayor.")
15
>>> dateline_end("Minera Andina - the owner - said nothing.")
0
"""

from __future__ import annotations

import re

_WORD = r"[A-ZÀ-Þ][\w.'’-]*"
_PLACE = rf"{_WORD}(?:[ ]+{_WORD})*"
_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
_AGENCY = r"(?:\s*\([^()\n]{2,40}\)|\s*/[^/\n]{2,40}/)"
_DASH = r"\s*(?:--|[—–-])\s+"
# a place in capitals, or any place followed by an agency in brackets or slashes
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z .'’-]+(?:,\s*{_PLACE})?{_DATE}?{_AGENCY}?"
    rf"|{_PLACE}(?:,\s*{_PLACE})?{_DATE}?{_AGENCY}){_DASH}"
)


def dateline_end(paragraph: str) -> int:
    """Offset just past the dateline that opens ``paragraph``, or 0 when there is none."""
    m = _DATELINE.match(paragraph)
    if m is None or not re.search(r"[A-Z]{2}|[(/]", m.group()):
        return 0
    return m.end()

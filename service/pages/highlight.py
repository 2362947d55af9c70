"""Cut a source text into paragraphs of segments, marking character spans (claims, quotes).

Templates render the segments with autoescaping, so article text never becomes markup.
Spans may nest or overlap (a quote inside its claim, two claims sharing words): each segment
carries every span that covers it, innermost (shortest) first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # "claim", "quote", "current"
    href: str | None = None
    title: str = ""


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def mark(self) -> Mark | None:
        return self.marks[0] if self.marks else None

    @property
    def css(self) -> str:
        return " ".join(sorted({m.css for m in self.marks}))


def paragraphs(text: str, marks: list[Mark]) -> list[list[Segment]]:
    """The text split at line breaks, each paragraph cut at every mark boundary."""
    out: list[list[Segment]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            out.append(_segments(text, start, end, marks))
    return out


def paragraph_of(text: str, start: int, end: int, marks: list[Mark]) -> list[Segment]:
    """The paragraph(s) holding ``[start, end)`` as one run of segments."""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    if p_end < 0:
        p_end = len(text)
    return _segments(text, p_start, p_end, marks)


def _segments(text: str, start: int, end: int, marks: list[Mark]) -> list[Segment]:
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(start, m.start))
        cuts.add(min(end, m.end))
    points = sorted(cuts)
    segments: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        covering = sorted(
            (m for m in inside if m.start <= a and b <= m.end), key=lambda m: m.end - m.start
        )
        segments.append(Segment(text[a:b], covering))
    return segments

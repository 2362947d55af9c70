"""A claim's neighbourhood in the graph, drawn on the server as inline SVG.

No JavaScript: nodes are plain links, the layout is a fixed ring around the claim. Every
label comes from article text, so all of it is XML-escaped here; styling is by presentation
attributes and classes (the page's CSP allows no inline style elements).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 400
RADIUS_X, RADIUS_Y = 235, 150
MAX_LABEL = 28

COLOURS = {
    "claim": "#b3261e",
    "actor": "#1f5fa8",
    "source": "#2e7d32",
    "event": "#8a5a00",
}


@dataclass(frozen=True)
class Neighbour:
    href: str
    label: str
    relation: str  # the edge label, e.g. "schema:author"
    kind: str  # claim | actor | source | event


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def neighbourhood_svg(centre_label: str, neighbours: list[Neighbour]) -> Markup:
    """The claim in the middle, its neighbours on an ellipse, an edge labelled per relation."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="nbh-title">',
        f'<title id="nbh-title">Graph neighbourhood of the claim: {escape(centre_label)}</title>',
    ]
    n = max(len(neighbours), 1)
    # two or fewer neighbours would stack on one vertical line: tilt the ring
    start = -math.pi / 2 if n > 2 else -math.pi / 6
    placed: list[tuple[float, float, Neighbour]] = []
    for i, nb in enumerate(neighbours):
        angle = start + 2 * math.pi * i / n
        placed.append((cx + RADIUS_X * math.cos(angle), cy + RADIUS_Y * math.sin(angle), nb))
    for x, y, nb in placed:
        mx, my = (cx + x) / 2, (cy + y) / 2
        parts.append(
            f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}" '
            f'stroke="#9aa0a6" stroke-width="1.5"/>'
            f'<text x="{mx:.0f}" y="{my:.0f}" font-size="10" fill="#555" '
            f'text-anchor="middle">{escape(nb.relation)}</text>'
        )
    parts.append(_node(cx, cy, centre_label, "claim", None))
    for x, y, nb in placed:
        parts.append(_node(x, y, nb.label, nb.kind, nb.href))
    parts.append("</svg>")
    return Markup("".join(parts))


def _node(x: float, y: float, label: str, kind: str, href: str | None) -> str:
    colour = COLOURS.get(kind, "#444")
    short = _short(label)
    width = 14 + 6.4 * len(short)
    body = (
        f'<rect x="{x - width / 2:.0f}" y="{y - 14:.0f}" width="{width:.0f}" height="28" '
        f'rx="6" fill="#fff" stroke="{colour}" stroke-width="2"/>'
        f'<text x="{x:.0f}" y="{y + 4:.0f}" font-size="11" fill="{colour}" '
        f'text-anchor="middle">{escape(short)}<title>{escape(kind)}: {escape(label)}</title>'
        f"</text>"
    )
    if href is None:
        return f'<g class="node node-{escape(kind)}">{body}</g>'
    return f'<a href="{escape(href)}" class="node node-{escape(kind)}">{body}</a>'

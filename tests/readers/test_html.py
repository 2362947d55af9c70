"""HTML pages are read through trafilatura, keeping title, date and author."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.model import BlockKind
from kg.readers import read_bytes, read_path

PAGE = """<!DOCTYPE html><html><head>
<title>Minister denies report | Daily Example</title>
<meta property="og:title" content="Minister denies report">
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-03T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Minister denies report</h1>
<p>The finance minister on Sunday denied a report that the government would raise taxes,
calling it "completely false" and saying the budget was balanced.</p>
<p>"We have no plans to raise taxes this year," she told reporters in the capital.</p>
<p>Opposition leaders said the denial was not credible and demanded that the minister publish
the figures before the vote in parliament next month.</p>
</article>
<footer>© 2024 Daily Example. All rights reserved.</footer>
</body></html>
"""


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = read_path(path)
    assert article.title == "Minister denies report"
    assert article.published == date(2024, 3, 3)
    assert article.authors == ["Jane Doe"]
    assert article.publisher == "Daily Example"
    assert article.blocks[0].kind is BlockKind.HEADLINE
    body = [b.span.text(article.text) for b in article.blocks if b.kind is BlockKind.BODY]
    assert any(p.startswith('"We have no plans') for p in body)
    assert not any("Home" in p for p in body)


def test_html_upload_sniffed() -> None:
    article = read_bytes(PAGE.encode(), "upload")
    assert article.title == "Minister denies report"

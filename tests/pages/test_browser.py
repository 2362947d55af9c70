"""A person's path through the pages in headless Chromium, against the app on a real socket.

Screenshots go to pytest's tmp dir (scripts/screenshot.py makes the README's one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.pages import synth
from tests.pages.conftest import Site
from tests.pages.test_browse import expected
from tests.pages.test_escaping import hostile_paths

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    problems: list[str] = []

    def on_dialog(d: Any) -> None:
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    yield pg
    context.close()
    assert problems == []  # no script ran, no CSP violation, nothing broken


def shot(pg: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_home_search_claim_actor_source(page: Any, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "/")
    assert page.locator("h1").inner_text() == "Who claimed what, where, about what"
    assert page.locator(".n-claims").inner_text() == str(12 * 4 + 1)
    shot(page, tmp_path, "home")

    # search by the speaker's name from the header box
    page.locator("header form.search input[name=q]").fill("Okafor")
    page.locator("header form.search button").click()
    page.wait_for_url("**/search?q=Okafor*")
    assert "results for “Okafor”" in page.locator("p.total").inner_text()
    assert page.locator(".hit mark").first.inner_text() == "Okafor"
    shot(page, tmp_path, "search")

    # open a claim she made
    page.locator(".hit-claim a").first.click()
    page.wait_for_url("**/claim/*")
    assert page.locator("dd.speaker a").first.inner_text() == "Amara Okafor"
    assert "the interior minister" in page.locator("dd.speaker").inner_text()
    quote = page.locator("h1.claim-text.quote").inner_text()
    highlighted = page.locator("mark.span.quote").inner_text()
    assert quote == f"“{highlighted}”"
    assert page.locator("mark.span.current").count() >= 2  # the statement around the quote
    assert page.locator("dd.source a").first.inner_text().startswith("Row over")
    assert page.locator("svg.neighbourhood a").count() >= 3  # speaker, source, event
    assert page.locator(".badge.ok").inner_text() == "valid"
    shot(page, tmp_path, "claim")

    # her page, through the speaker link
    page.locator("dd.speaker a").first.click()
    page.wait_for_url("**/actor/amara-okafor")
    assert page.locator("h1").inner_text() == "Amara Okafor"
    assert page.locator(".claims-made a.claim-link").count() >= 12
    shot(page, tmp_path, "actor")

    # a source, with every claim span highlighted and linked
    page.locator(".claims-made .meta a").first.click()
    page.wait_for_url("**/source/*")
    assert page.locator("h1.headline").inner_text().startswith("Row over")
    assert page.locator(".fulltext a.span.claim").count() == 4
    shot(page, tmp_path, "source")


def test_markup_in_an_article_is_shown_as_text(page: Any, site_url: str, tmp_path: Path) -> None:
    paths = hostile_paths()
    page.goto(site_url + paths["claim"])
    # the quote reads as the characters written, and nothing it holds became an element
    assert synth.HOSTILE_QUOTE in page.locator("h1.claim-text").inner_text()
    assert page.locator("main script, main img, main b, main i").count() == 0
    assert page.locator("script").count() == 0
    assert page.locator("dd.speaker a").first.inner_text() == synth.HOSTILE_SPEAKER
    shot(page, tmp_path, "hostile-claim")
    page.goto(site_url + paths["source"])
    assert page.locator("h1.headline").inner_text().startswith('<script>alert("headline")')
    assert page.locator("main script, main img, main i").count() == 0
    page.goto(site_url + "/search?q=alert")
    assert page.locator("main script, main img").count() == 0
    # the page fixture fails the test if a dialog opened or the CSP blocked anything


def test_reads_on_a_phone(browser: Any, site_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    pg = context.new_page()
    try:
        for path in ["/", hostile_paths()["claim"], "/actor/amara-okafor", "/claims"]:
            pg.goto(site_url + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 376, (path, width)  # no sideways scrolling
        pg.goto(site_url + "/actor/amara-okafor")
        shot(pg, tmp_path, "actor-phone")
    finally:
        context.close()


def test_paging_and_facets_on_2000_claims(
    page: Any, big_site: Site, serve: Callable[[Flask], str], tmp_path: Path
) -> None:
    url = serve(big_site.app)
    page.goto(url + "/claims")
    assert page.locator("h1 .total").inner_text() == "2001"
    first = page.locator("a.claim-link").all_inner_texts()
    page.locator("a[rel=next]").first.click()
    page.wait_for_url("**/claims?page=2")
    second = page.locator("a.claim-link").all_inner_texts()
    assert len(first) == len(second) == 25 and not set(first) & set(second)
    # narrow by speaker with the facet form (no JavaScript needed: a GET form)
    speakers, _, _ = expected()
    january = [synth.article_extraction(i) for i in range(31)]  # one article a day
    in_january = sum(x.actor(c.speaker).label == synth.PROLIFIC for x in january for c in x.claims)
    page.select_option(
        "select[name=speaker]", label=f"{synth.PROLIFIC} ({speakers[synth.PROLIFIC]})"
    )
    page.fill("input[name=since]", "2021-01-01")
    page.fill("input[name=until]", "2021-01-31")
    page.locator(".facets button").click()
    page.wait_for_url("**/claims?*speaker=*")
    assert page.locator("h1 .total").inner_text() == str(in_january)
    assert f"by {synth.PROLIFIC}" in page.locator("p.filters").inner_text()
    shot(page, tmp_path, "claims-faceted")


# the header's search box at common widths: its placeholder reads whole ("First contact":
# it was cut to "Search claims, quotes, p"), and the box stays on the screen
FITS = """() => {
  const box = document.querySelector("header form.search input");
  const style = getComputedStyle(box);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {need: ctx.measureText(box.placeholder).width, room: room,
          right: box.getBoundingClientRect().right, width: window.innerWidth};
}"""


@pytest.mark.parametrize("width", [1280, 1024, 800, 390])
def test_the_search_box_placeholder_reads_whole(
    page: Any, site_url: str, tmp_path: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/")
    box = page.locator("header form.search input")
    assert box.get_attribute("placeholder") == "Search claims, quotes, people"
    fit = page.evaluate(FITS)
    assert fit["need"] <= fit["room"], fit
    assert fit["right"] <= fit["width"], fit
    shot(page, tmp_path, f"header-{width}")

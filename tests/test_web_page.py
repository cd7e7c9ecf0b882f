"""The web page in a real browser: Playwright's Python package driving Debian's Chromium over a server on
loopback with map tiles unreachable (as offline). The ledger holds the bundled samples, the seed story and
its two companion articles. Screenshots of each step go to ``out/web-tests/`` (git-ignored).

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it) and uPlot from npm
(``make setup``); without them the tests skip on a bare clone and fail under CI.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from needs import ROOT, require, require_seed

from frontwatch.config import Settings
from frontwatch.ingest import Defaults
from frontwatch.ingest.feed import read_paths
from frontwatch.store import Ledger

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "out" / "web-tests"
TOKEN = "browser-test-token"
SEED_COMPANIONS = ROOT / "tests" / "data" / "ledger" / "seed-companions.jsonl"
# Our own sentences, in the style of a wire report, for the paste box.
PASTED = ("Ukraine's General Staff said on Wednesday that its forces had repelled nine Russian assaults near the "
          "village of Robotyne in the Zaporizhzhia region over the past day. Russia's Defence Ministry said its "
          "units had destroyed two Ukrainian tanks in the same area.")
# Markup and attributes in untrusted text: none of it may run or become elements.
HOSTILE_SOURCE = '<img src=x onerror="window.__pwned=1">Evil "Wire" onmouseover="window.__pwned=2"'
HOSTILE = ("The regional governor said <script>window.__pwned=3</script> that a Russian drone struck a fuel depot "
           "near Odesa on Monday <img src=x onerror=\"window.__pwned=4\"> and that <b onclick='window.__pwned=5'>"
           "two workers</b> were injured. \"<svg onload=window.__pwned=6>\" the governor added.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> str:  # noqa: ANN401
    seed = require_seed()
    url = str(tmp_path_factory.mktemp("page") / "ledger.db")
    settings = Settings.load()
    with Ledger(url, settings, create=True) as led:
        for paths, defaults in (([str(ROOT / "samples")], Defaults()),
                                ([str(seed)], Defaults("2023-07-17", "RT")),
                                ([str(SEED_COMPANIONS)], Defaults())):
            outcomes = list(led.ingest(read_paths(paths, settings.input, defaults), pipeline))
            assert all(o.status == "new" for o in outcomes), outcomes
    return url


@pytest.fixture(scope="module")
def server(sample_ledger: str, pipeline: Any) -> Iterator[str]:  # noqa: ANN401
    import uvicorn

    from frontwatch.web import create_app

    # Tiles from a closed loopback port: what the page meets offline.
    settings = Settings.load().replace("web", tile_url=f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png")
    app = create_app(settings, sample_ledger, token=TOKEN, pipeline=pipeline)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    require((ROOT / "src/frontwatch/web/node_modules/uplot/dist/uPlot.iife.min.js").exists(),
            "uPlot is not installed: run make setup (npm)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:  # noqa: ANN401
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = context.new_page()
    errors: list[str] = []  # uncaught exceptions in the page fail the test
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.set_default_timeout(20_000)
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready]")
    assert pg.get_attribute("body", "data-ready") == "true", pg.inner_text("#notice")
    yield pg
    assert not errors, errors
    context.close()


def shot(page: Any, name: str) -> None:  # noqa: ANN401
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def api(page: Any, path: str) -> Any:  # noqa: ANN401
    return page.evaluate("async (p) => (await fetch(p)).json()", path)


def seed_places(page: Any) -> dict[str, set[str]]:  # noqa: ANN401
    """The located places of the seed story's claims (from the API), with the sides claiming at each."""
    seed = api(page, "/api/claims?limit=5000")["claims"]
    places: dict[str, set[str]] = {}
    for row in seed:
        if row["source"] == "RT" and row["lat"] is not None:
            places.setdefault(row["place"], set()).add(row["claimant_side"])
    return places


@pytest.mark.parametrize("step", ["load"])
def test_web_page_loads_the_ledger_with_markers_for_the_seed_places(page: Any, step: str) -> None:  # noqa: ANN401
    places = seed_places(page)
    assert "Bakhmut" in places, places
    for name in places:
        assert page.locator(f'.fw-marker[data-place="{name}"]').count() >= 1, name
    assert page.locator(".fw-contested").count() >= 1
    health = api(page, "/api/health")
    assert page.inner_text("#summary").startswith(f"{health['counts']['articles']} articles")
    assert page.locator("#claims tbody tr").count() == min(500, len(api(page, "/api/claims?limit=5000")["claims"]))
    assert page.locator("#timeline .u-over").count() == 1 and page.locator("#area canvas").count() == 1
    # newest first, as the API lists them: by the date each claim was made
    said = page.locator("#claims tbody tr td.said").all_inner_texts()
    assert said[0] and said == sorted(said, key=lambda d: d or "0", reverse=True)
    shot(page, f"1-{step}")


@pytest.mark.parametrize("place", ["Bakhmut"])
def test_web_page_clicking_a_marker_shows_its_claims(page: Any, place: str) -> None:  # noqa: ANN401
    # zoom in on the place first, as a person would where markers crowd
    row = next(r for r in api(page, "/api/claims?limit=5000")["claims"] if r["place"] == place)
    page.evaluate("([lat, lon]) => state.map.setView([lat, lon], 11, { animate: false })", [row["lat"], row["lon"]])
    marker = page.locator(f'.fw-marker[data-place="{place}"]').first
    side = marker.get_attribute("data-side")
    marker.click()
    popup = page.locator(".leaflet-popup .popup")
    popup.wait_for()
    expected = {r["claim_id"] for r in api(page, "/api/claims?limit=5000")["claims"]
                if r["place"] == place and r["claimant_side"] == side}
    shown = {li.get_attribute("data-claim") for li in popup.locator("li.popup-claim").all()}
    assert shown and shown <= expected and (len(shown) == len(expected) or len(shown) == 12)
    assert place in popup.inner_text()
    # the table follows the clicked place
    rows = page.locator("#claims tbody tr td:nth-child(6)").all_inner_texts()
    assert rows and set(rows) == {place}
    assert page.locator("#chips .chip").first.inner_text().startswith(f"place: {place}")
    shot(page, "2-marker")


@pytest.mark.parametrize("day", ["2023-07-17"])
def test_web_page_timeline_brush_filters_the_table_and_map(page: Any, day: str) -> None:  # noqa: ANN401
    before_rows = page.locator("#claims tbody tr").count()
    before_markers = page.locator(".fw-marker").count()
    # drag across the weeks around `day` on the timeline (uPlot's overlay), as a person would
    box = page.locator("#timeline .u-over").bounding_box()
    x0, x1 = page.evaluate("""(day) => {
        const t = Date.parse(day + 'T00:00:00Z') / 1000;
        return [state.timeline.valToPos(t - 20 * 86400, 'x'), state.timeline.valToPos(t + 3 * 86400, 'x')];
    }""", day)
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + x0, y)
    page.mouse.down()
    page.mouse.move(box["x"] + (x0 + x1) / 2, y, steps=4)
    page.mouse.move(box["x"] + x1, y, steps=4)
    page.mouse.up()
    page.locator("#chips .chip").first.wait_for()
    lo, hi = page.evaluate("() => state.range.map((t) => new Date(t * 1000).toISOString().slice(0, 10))")
    assert lo <= day <= hi and lo >= "2023-06-20"
    dates = page.locator("#claims tbody tr td.date").all_inner_texts()
    assert 0 < len(dates) < before_rows
    assert all(lo <= d <= hi for d in dates), (lo, hi, dates)
    assert 0 < page.locator(".fw-marker").count() < before_markers
    shot(page, "3-brush")
    # zoom the timeline to the brushed days, then back out; the filter stays as brushed throughout
    full = page.evaluate("() => [state.timeline.scales.x.min, state.timeline.scales.x.max]")
    page.click("#zoom-in")
    zoomed = page.evaluate("() => [state.timeline.scales.x.min, state.timeline.scales.x.max]")
    assert full[0] < zoomed[0] < zoomed[1] < full[1]
    assert zoomed[0] <= page.evaluate("() => state.range[0]") and page.evaluate("() => state.range[1]") <= zoomed[1]
    assert page.locator("#claims tbody tr td.date").all_inner_texts() == dates
    shot(page, "3-zoom")
    page.click("#zoom-out")
    assert page.evaluate("() => [state.timeline.scales.x.min, state.timeline.scales.x.max]") == full
    assert page.locator("#zoom-out").is_hidden()
    page.click("#clear-range")
    assert page.locator("#claims tbody tr").count() == before_rows


@pytest.mark.parametrize("step", ["incident"])
def test_web_page_incident_view_shows_the_contradiction(page: Any, step: str) -> None:  # noqa: ANN401
    first = page.locator("#incidents li.contested").first
    incident_id = first.get_attribute("data-incident")
    first.click()
    view = page.locator("#incident-view")
    view.locator(".contradictions .flag").first.wait_for()
    incident = api(page, f"/api/incidents/{incident_id}")
    assert incident["contradictions"]
    assert view.locator(".contradictions li").first.inner_text().endswith(incident["contradictions"][0]["detail"])
    sides = view.locator(".side-column").evaluate_all("(cols) => cols.map((c) => c.dataset.side)")
    assert {"UA", "RU"} <= set(sides)
    # each side's claims, with their sentences highlighted in the original articles
    view.locator(".side-column mark").first.wait_for()
    for card in view.locator(".claim-card").all():
        claim = next(c for c in incident["claims"] if c["id"] == card.get_attribute("data-claim"))
        article = api(page, f"/api/articles/{claim['article']}")
        start, end = claim["span"]
        card.locator("mark").wait_for()
        assert card.locator("mark").inner_text().split() == article["text"][start:end].split()
    contested = view.locator(".claim-card.contested").evaluate_all(
        "(cards) => cards.map((c) => c.closest('.side-column').dataset.side)")
    assert {"UA", "RU"} <= set(contested)
    shot(page, f"4-{step}")


@pytest.mark.parametrize("published", ["2023-08-23"])
def test_web_page_pasting_an_article_adds_its_claims(page: Any, published: str) -> None:  # noqa: ANN401
    before = page.locator("#claims tbody tr").count()
    page.fill("#paste-text", PASTED)
    page.fill("#paste-published", published)
    page.fill("#paste-source", "Test Wire")
    page.fill("#paste-token", TOKEN)
    page.click("#paste-submit")
    result = page.locator("#paste-result table.paste-claims")
    result.wait_for(timeout=60_000)
    article = result.get_attribute("data-article")
    claims = result.locator("tr[data-claim]")
    assert claims.count() >= 2
    assert "Stored" in page.inner_text("#paste-status")
    page.wait_for_function("(n) => document.querySelectorAll('#claims tbody tr').length > n", arg=before)
    assert page.locator(f'#claims tbody tr[data-article="{article}"]').count() >= claims.count()
    assert page.locator('.fw-marker[data-place="Robotyne"]').count() >= 1
    shot(page, "5-paste")


@pytest.mark.parametrize("step", ["hostile"])
def test_web_page_hostile_article_text_runs_nothing(page: Any, step: str) -> None:  # noqa: ANN401
    page.fill("#paste-text", HOSTILE)
    page.fill("#paste-published", "2023-09-04")
    page.fill("#paste-source", HOSTILE_SOURCE)
    page.fill("#paste-token", TOKEN)
    page.click("#paste-submit")
    page.locator("#paste-result table.paste-claims").wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('#claims tbody tr[data-article]').length > 0")
    page.fill("#filter", "drone")
    rows = page.locator("#claims tbody tr")
    assert rows.count() >= 1
    for row in rows.all()[:10]:
        row.hover()
        row.click()
    for marker in page.locator('.fw-marker[data-place="Odesa"]').all():
        marker.click()
    page.wait_for_timeout(500)
    # nothing ran, and no element came out of the text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x'], svg[onload], [onerror], [onclick], [onmouseover], b[onclick]").count() == 0
    assert page.evaluate("() => [...document.scripts].every((s) => s.src && !s.text.includes('__pwned'))")
    # ...and the text is shown as text
    shown = page.inner_text("body")
    assert "<img src=x" in shown or "<script>" in shown or "<b onclick" in shown
    shot(page, f"6-{step}")


@pytest.mark.parametrize("step", ["read-only"])
def test_web_page_says_when_writes_are_disabled(browser: Any, sample_ledger: str, step: str) -> None:  # noqa: ANN401
    import uvicorn

    from frontwatch.web import create_app

    app = create_app(Settings.load().replace("web", tile_url=""), sample_ledger, token="")
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        while not srv.started:
            time.sleep(0.05)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        pg.goto(f"http://127.0.0.1:{port}/")
        pg.wait_for_selector("body[data-ready='true']", timeout=20_000)
        assert "disabled" in pg.inner_text("#notice") and pg.is_disabled("#paste-submit")
        assert "FRONTWATCH_TOKEN" in pg.inner_text("#paste-status")
        shot(pg, f"7-{step}")
        context.close()
    finally:
        srv.should_exit = True
        thread.join(10)

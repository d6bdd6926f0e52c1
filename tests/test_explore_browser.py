"""The explorer in real headless Chromium (Debian's, via Playwright), network cut.

Two pages: the static one ``kg render`` writes past :data:`kg.render.SMALL_GRAPH`
entities (a synthetic store with dates and XSS payloads in a name and in sentences),
and the served one (``/explore`` of a uvicorn server on 127.0.0.1 started here, over
the hand-built view fixture). Every request that is not the file or 127.0.0.1 is
aborted and recorded, and the tests assert none happened.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from views_fixtures import CHINA, TRUMP, XSS_SENTENCE, build_store

from kg.explore.page import OVERVIEW
from kg.render import SMALL_GRAPH, render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_store import build as build_synthetic  # noqa: E402

XSS = '<img src=x onerror="window.__xss=3"><script>window.__xss=4</script>'
STABLE = "() => document.body.getAttribute('data-stable') === 'true'"




class Visit:
    """An open explorer page, with its errors and every request it made."""

    def __init__(self, browser: Any, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message),
                                          d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.page.wait_for_function(STABLE, timeout=90_000)

    def _console(self, message: Any) -> None:
        # software WebGL logs driver performance notes; they are no page errors
        if message.type == "error" and "GL Driver" not in message.text:
            self.errors.append(message.text)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "http://127.0.0.1:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def drawn(self) -> int:
        return int(self.page.evaluate("() => window.kgExplore.graph.order"))

    def shown(self) -> int:
        """Drawn entities that the filters leave visible."""
        return int(self.page.evaluate("""() => {
            const r = window.kgExplore.renderer, g = window.kgExplore.graph;
            return g.nodes().filter(n => !r.getNodeDisplayData(n).hidden).length; }"""))

    def search(self, text: str) -> list[str]:
        self.page.fill("#kg-search", text)
        self.page.wait_for_selector("#kg-results li", timeout=10_000)
        return list(self.page.eval_on_selector_all(
            "#kg-results .kg-result", "els => els.map(e => e.getAttribute('data-id'))"))


@pytest.fixture(scope="module")
def static(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visit]:
    store = build_synthetic(None, OVERVIEW + 500, 4000, xss=XSS)
    out = render_html(store, tmp_path_factory.mktemp("explore") / "graph.html")
    visit = Visit(browser, out.as_uri())
    yield visit
    visit.page.close()


def test_static_page_opens_on_an_overview_offline(static: Visit) -> None:
    assert static.errors == [] and static.outside == []
    total = static.page.evaluate("() => Object.keys(window.kgExplore.nodes).length")
    assert total > SMALL_GRAPH
    assert 0 < static.drawn() <= OVERVIEW < total  # the overview, not everything


def test_search_finds_entities_that_are_not_drawn_and_opens_them(static: Visit) -> None:
    ids = static.page.evaluate("""() => Object.values(window.kgExplore.nodes)
        .filter(n => !window.kgExplore.graph.hasNode(n.id) && n.aliases.length)
        .map(n => [n.id, n.aliases[0]]).slice(0, 1)""")
    assert ids, "every entity with an alias is drawn: the overview is too large"
    iri, alias = ids[0]
    found = static.search(alias)
    assert iri in found
    static.page.click(f'#kg-results .kg-result[data-id="{iri}"]')
    static.page.wait_for_selector("#kg-panel:not([hidden])")
    assert static.page.get_attribute("#kg-panel", "data-node") == iri
    assert static.page.evaluate("(id) => window.kgExplore.graph.hasNode(id)", iri)
    assert "Statements" in static.page.inner_text("#kg-panel")


def test_expanding_adds_neighbours_one_then_two_hops(static: Visit) -> None:
    iri = static.page.get_attribute("#kg-panel", "data-node")
    before = static.drawn()
    static.page.click('#kg-panel .kg-expand[data-hops="1"]')
    one = static.drawn()
    static.page.click('#kg-panel .kg-expand[data-hops="2"]')
    static.page.wait_for_function(f"() => window.kgExplore.graph.order > {one}")
    assert before <= one < static.drawn()
    assert iri


def test_type_filter_hides_that_type(static: Visit) -> None:
    before = static.shown()
    static.page.uncheck('#kg-legend input[data-type="Person"]')
    people = static.page.evaluate("""() => {
        const r = window.kgExplore.renderer, g = window.kgExplore.graph,
              n = window.kgExplore.nodes;
        return g.nodes().filter(id => n[id].type === 'Person'
                                && !r.getNodeDisplayData(id).hidden).length; }""")
    assert people == 0 and static.shown() < before
    static.page.check('#kg-legend input[data-type="Person"]')
    assert static.shown() == before


def test_article_filter_keeps_that_articles_entities(static: Visit) -> None:
    value = static.page.eval_on_selector("#kg-article", "s => s.options[1].value")
    static.page.select_option("#kg-article", value)
    ok = static.page.evaluate("""(a) => {
        const r = window.kgExplore.renderer, g = window.kgExplore.graph,
              n = window.kgExplore.nodes;
        const shown = g.nodes().filter(id => !r.getNodeDisplayData(id).hidden);
        return [shown.length, shown.every(id => n[id].articles.includes(a))]; }""", value)
    assert ok[0] > 0 and ok[1]
    static.page.select_option("#kg-article", "")


def test_time_slider_narrows_to_a_date_range(static: Visit) -> None:
    before = static.shown()
    assert static.page.is_enabled("#kg-from")
    static.page.eval_on_selector("#kg-to", "b => { b.value = String(Math.floor(b.max / 10)); "
                                 "b.dispatchEvent(new Event('input')); }")
    text = static.page.inner_text("#kg-range")
    assert text.startswith("2024-01-01 – ")
    narrowed = static.shown()
    assert 0 < narrowed < before
    static.page.eval_on_selector("#kg-to", "b => { b.value = b.max; "
                                 "b.dispatchEvent(new Event('input')); }")
    assert static.shown() == before


def test_xss_in_names_and_sentences_stays_text(static: Visit) -> None:
    found = static.search("onerror")
    assert found
    static.page.click(f'#kg-results .kg-result[data-id="{found[0]}"]')
    static.page.wait_for_selector("#kg-panel:not([hidden])")
    panel = static.page.inner_text("#kg-panel")
    assert XSS in panel
    assert static.page.evaluate("document.querySelectorAll('#kg-panel img, #kg-panel script, "
                                "#kg-results img').length") == 0
    assert static.page.evaluate("typeof window.__xss") == "undefined"
    assert static.errors == [] and static.outside == []


# ---- the served explorer -------------------------------------------------------------

@pytest.fixture(scope="module")
def served(browser: Any) -> Iterator[Visit]:
    import uvicorn
    from starlette.applications import Starlette

    from kg.explore.routes import explore_routes

    store = build_store().oxigraph
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=explore_routes(lambda: store)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    visit = Visit(browser, f"http://127.0.0.1:{port}/explore")
    yield visit
    visit.page.close()
    server.should_exit = True
    thread.join(timeout=10)


def test_served_page_loads_the_overview_from_the_server(served: Visit) -> None:
    assert served.errors == [] and served.outside == []
    assert served.drawn() == 7


def test_served_search_and_details_come_from_the_server(served: Visit) -> None:
    assert served.search("chinese government") == [str(CHINA)]
    served.page.click(f'#kg-results .kg-result[data-id="{CHINA}"]')
    served.page.wait_for_selector("#kg-panel:not([hidden])")
    panel = served.page.inner_text("#kg-panel")
    assert "accuse of" in panel and " ".join(XSS_SENTENCE.split()) in panel
    served.page.click(f'#kg-panel .kg-goto[data-id="{TRUMP}"]')
    served.page.wait_for_function(
        f"() => document.getElementById('kg-panel').getAttribute('data-node') === '{TRUMP}'")
    assert "meet" in served.page.inner_text("#kg-panel")
    assert served.page.evaluate("typeof window.__xss") == "undefined"
    assert served.errors == [] and served.outside == []

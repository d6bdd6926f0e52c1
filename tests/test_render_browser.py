"""kg.render in a real browser: Debian's headless Chromium driven by Playwright.

The network is cut off (every request that is not the file itself is aborted and
recorded), so these tests prove the page works offline. Chromium must be installed
(`apt-get install -y chromium`); without it the tests fail rather than skip, since
skipping would hide a broken view.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from views_fixtures import (
    BEIJING,
    CHINA,
    MEXICO,
    TARIFF,
    TRUMP,
    WTO,
    XI,
    XSS_SENTENCE,
    build_store,
)

from kg.render import PALETTE, render_html

# A function, not an expression: Playwright polls an expression with eval(), which
# the page's Content Security Policy rightly forbids.
STABLE = "() => document.body.getAttribute('data-stable') === 'true'"


# A point on the edge between two nodes that no node covers (DOM coordinates), or null.
FREE_EDGE_POINT = """([a, b]) => {
    const net = window.network, p = net.getPositions([a, b]);
    const edge = net.getConnectedEdges(a).find(
        e => net.getConnectedNodes(e).includes(b));
    for (let t = 0.5; t < 0.95; t += 0.05) {
        for (const f of [t, 1 - t]) {
            const dom = net.canvasToDOM({x: p[a].x + f * (p[b].x - p[a].x),
                                         y: p[a].y + f * (p[b].y - p[a].y)});
            if (net.getEdgeAt(dom) === edge && net.getNodeAt(dom) === undefined) {
                return dom;
            }
        }
    }
    return null;
}"""




class Visit:
    """An open page of the view, with what it logged and asked the network for."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function(STABLE, timeout=60_000)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def hover_canvas(self, point: dict[str, float]) -> str:
        """Move the mouse to a canvas point; return the tooltip's text."""
        box = self.page.locator("#kg-network").bounding_box()
        self.page.mouse.move(0, 0)
        self.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        return str(self.page.eval_on_selector("div.vis-tooltip", "e => e.textContent"))


@pytest.fixture(scope="module")
def visit(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visit]:
    path = render_html(build_store(), tmp_path_factory.mktemp("browser") / "graph.html")
    v = Visit(browser, path)
    yield v
    v.page.close()


def test_page_loads_offline_without_errors(visit: Visit) -> None:
    page_url = visit.page.url
    assert visit.requests == [page_url]
    assert visit.errors == []


def test_network_holds_every_entity_and_relation(visit: Visit) -> None:
    assert visit.page.evaluate("typeof window.network") == "object"
    assert visit.page.evaluate("window.kgNodes.length") == 7
    assert visit.page.evaluate("window.kgEdges.length") == 6  # 5 relations, 1 link
    assert visit.page.evaluate("window.network.body.data.nodes.length") == 7


def test_physics_stops_after_stabilising(visit: Visit) -> None:
    before = visit.page.evaluate("JSON.stringify(window.network.getPositions())")
    visit.page.wait_for_timeout(600)
    after = visit.page.evaluate("JSON.stringify(window.network.getPositions())")
    assert before == after


def test_legend_is_visible(visit: Visit) -> None:
    legend = visit.page.locator("#kg-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for kind in ("Person", "Organization", "Country", "Place", "Concept"):
        assert kind in text


def test_xss_payload_does_not_run_and_shows_as_text(visit: Visit) -> None:
    # a point on the Trump → China edge that no node covers
    point = visit.page.evaluate(FREE_EDGE_POINT, [str(TRUMP), str(CHINA)])
    assert point is not None, "no free point on the edge to hover"
    tip = visit.hover_canvas(point)
    assert "Donald Trump — accuse of → China" in tip
    assert XSS_SENTENCE in tip
    assert visit.page.evaluate("document.querySelectorAll('.vis-tooltip script, "
                               ".vis-tooltip img').length") == 0
    assert visit.page.evaluate("typeof window.__xss") == "undefined"
    assert visit.requests == [visit.page.url]  # no <img src=x> was ever loaded


def test_clicking_an_edge_shows_its_sources_as_text(visit: Visit) -> None:
    point = visit.page.evaluate(FREE_EDGE_POINT, [str(TRUMP), str(CHINA)])
    box = visit.page.locator("#kg-network").bounding_box()
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = visit.page.locator("#kg-panel")
    assert panel.is_visible()
    text = visit.page.locator("#kg-panel-body").inner_text()
    assert text.startswith("Donald Trump — accuse of → China")
    assert XSS_SENTENCE in text
    assert visit.page.evaluate("typeof window.__xss") == "undefined"
    visit.page.keyboard.press("Escape")


def test_node_tooltip_shows_type_aliases_and_mentions(visit: Visit) -> None:
    point = visit.page.evaluate(
        "id => window.network.canvasToDOM(window.network.getPositions([id])[id])", str(TRUMP)
    )
    tip = visit.hover_canvas(point)
    assert tip.startswith("Donald Trump")
    assert "Type: Person" in tip and "Also called: Mr Trump, Trump" in tip
    assert "Mentions: 4" in tip
    assert visit.page.evaluate("typeof window.__xss") == "undefined"


def test_search_selects_matching_entities(visit: Visit) -> None:
    visit.page.fill("#kg-search", "wto")
    assert visit.page.inner_text("#kg-search-count") == "1 match"
    assert visit.page.evaluate("window.network.getSelectedNodes()") == [str(WTO)]
    # a single match also opens its details
    assert visit.page.locator("#kg-panel").get_attribute("data-node") == str(WTO)
    visit.page.fill("#kg-search", "")
    assert visit.page.evaluate("window.network.getSelectedNodes()") == []


def test_legend_checkbox_hides_a_type(visit: Visit) -> None:
    box = visit.page.locator("#kg-legend input[data-type='Person']")
    box.uncheck()
    assert visit.page.evaluate("id => window.kgNodes.get(id).hidden", str(TRUMP)) is True
    assert visit.page.evaluate("id => window.kgNodes.get(id).hidden", str(CHINA)) is False
    box.check()
    assert visit.page.evaluate("id => window.kgNodes.get(id).hidden", str(TRUMP)) is False


def test_unconnected_entities_hidden_by_default_and_can_be_shown(visit: Visit) -> None:
    hidden = "ids => ids.map(id => window.kgNodes.get(id).hidden === true)"
    ids = [str(MEXICO), str(TRUMP), str(BEIJING)]  # Beijing: linked to China, so shown
    country = visit.page.locator("#kg-legend [data-count='Country']")
    assert visit.page.evaluate(hidden, ids) == [True, False, False]
    assert country.inner_text() == "1 of 2"
    visit.page.locator("#kg-hide-isolated").uncheck()
    assert visit.page.evaluate(hidden, ids) == [False, False, False]
    assert country.inner_text() == "2"
    # shown below the laid-out graph, not in the middle of it
    lowest = visit.page.evaluate(
        """m => { const p = window.network.getPositions();
                  return Math.max(...Object.keys(p).filter(id => id !== m).map(id => p[id].y))
                  < p[m].y; }""",
        str(MEXICO),
    )
    assert lowest is True
    visit.page.locator("#kg-hide-isolated").check()
    assert visit.page.evaluate(hidden, ids) == [True, False, False]
    assert country.inner_text() == "1 of 2"


def click_node(visit: Visit, node: str) -> None:
    point = visit.page.evaluate(
        "id => window.network.canvasToDOM(window.network.getPositions([id])[id])", node
    )
    box = visit.page.locator("#kg-network").bounding_box()
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_clicking_a_node_opens_its_details_as_text(visit: Visit) -> None:
    panel = visit.page.locator("#kg-panel")
    visit.page.keyboard.press("Escape")
    assert not panel.is_visible()
    click_node(visit, str(TRUMP))
    assert panel.is_visible()
    assert panel.get_attribute("data-node") == str(TRUMP)
    text = panel.inner_text()
    assert "Donald Trump" in text and "Mentions: 4" in text and "Mr Trump, Trump" in text
    assert "Statements (3)" in text
    colour = "id => JSON.stringify(window.kgNodes.get(id).color)"
    assert visit.page.evaluate(colour, str(WTO)) != f'"{PALETTE["Organization"]}"'  # faded
    assert visit.page.evaluate(colour, str(TRUMP)) == f'"{PALETTE["Person"]}"'
    assert visit.page.evaluate(colour, str(XI)) == f'"{PALETTE["Person"]}"'  # a neighbour
    assert "Donald Trump — increase → tariff" in text
    # each statement says which articles it comes from, by headline
    assert "Fentanyl & the <b>trade</b> war; Trump raises tariffs on China" in text
    assert XSS_SENTENCE in text  # the accuse-of sentence, shown as text
    assert visit.page.evaluate("document.querySelectorAll('#kg-panel script, "
                               "#kg-panel img').length") == 0
    assert visit.page.evaluate("typeof window.__xss") == "undefined"
    assert visit.errors == []


def test_entity_clicked_near_the_edge_is_not_left_under_the_panel(visit: Visit) -> None:
    panel_left = "document.getElementById('kg-panel').getBoundingClientRect().left"
    dom_x = """id => { const net = window.network;
                       return net.body.container.getBoundingClientRect().left
                              + net.canvasToDOM(net.getPositions([id])[id]).x; }"""
    for other in (str(TARIFF), str(CHINA)):
        visit.page.keyboard.press("Escape")
        # pan so that the entity sits at the right edge, where the panel will open
        visit.page.evaluate(
            """id => { const net = window.network, c = net.body.container;
                       const p = net.getPositions([id])[id], s = net.getScale();
                       net.moveTo({position: {x: p.x - (c.clientWidth / 2 - 40) / s, y: p.y},
                                   animation: false}); }""",
            other,
        )
        click_node(visit, other)
        assert visit.page.locator("#kg-panel").get_attribute("data-node") == other
        assert visit.page.evaluate(dom_x, other) < visit.page.evaluate(panel_left), other
    visit.page.keyboard.press("Escape")
    visit.page.evaluate("window.network.fit({animation: false})")


def test_panel_links_to_the_other_entity_and_shows_links(visit: Visit) -> None:
    click_node(visit, str(TRUMP))
    visit.page.locator(f"#kg-panel button.kg-goto[data-id='{CHINA}']").first.click()
    panel = visit.page.locator("#kg-panel")
    assert panel.get_attribute("data-node") == str(CHINA)
    assert visit.page.evaluate("window.network.getSelectedNodes()") == [str(CHINA)]
    text = panel.inner_text()
    assert "Links (1)" in text and "Beijing — stands for → China" in text
    visit.page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert visit.page.evaluate("id => window.kgNodes.get(id).color", str(WTO)) == PALETTE[
        "Organization"]  # no longer faded
    assert visit.requests == [visit.page.url]
    assert visit.errors == []

"""The query page of ``kg serve`` in a real browser, with the network cut (issue 11).

Debian's headless Chromium loads ``/``, picks a ready query from the examples, runs it
and shows the rows; it asks nothing of any host but the server's 127.0.0.1, logs no
error, and a headline holding HTML stays text. With ``--token`` the page sends the
token the user types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdf_fixtures import tariff_graph
from serve_server import Server

from kg.rdf.store import Store

XSS = '<img src=x onerror="window.kgPwned=1">Tariffs'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "store"
    with Store.open(path) as st:
        st.replace_article(tariff_graph("a1", title=XSS))
        st.replace_article(tariff_graph("a2", title="Plain title"))
    return path




class Visit:
    """The page open in Chromium; requests off 127.0.0.1:PORT are aborted and recorded."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.origin = server.url
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.route("**/*", self._route)
        self.page.goto(server.url + "/")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def run(self, example: str) -> str:
        self.page.select_option("#kg-example", example)
        self.page.click("#kg-run")
        self.page.wait_for_function(
            "() => !document.getElementById('kg-status').textContent.startsWith('Running')",
            timeout=30_000)
        return str(self.page.text_content("#kg-status"))


def test_page_runs_a_ready_query_offline(browser: Any, store: Path) -> None:
    with Server(store) as server:
        visit = Visit(browser, server)
        options = visit.page.eval_on_selector_all("#kg-example option",
                                                  "os => os.map(o => o.value)")
        assert {"articles", "who_said_what", "entities_by_type"} <= set(options)
        status = visit.run("articles")
        assert status.startswith("2 rows in "), status
        cells = visit.page.eval_on_selector_all("#kg-results td",
                                                "tds => tds.map(t => t.textContent)")
        assert XSS in cells and "Plain title" in cells  # shown as text ...
        assert visit.page.locator("#kg-results img").count() == 0  # ... not as HTML
        assert visit.page.evaluate("() => window.kgPwned") is None
        # a CONSTRUCT shown as Turtle, and an error shown as the server's message
        visit.page.select_option("#kg-accept", "text/turtle")
        visit.page.fill("#kg-query", "CONSTRUCT WHERE { ?a schema:headline ?h }")
        visit.page.click("#kg-run")
        visit.page.wait_for_selector("#kg-results pre", timeout=30_000)
        assert "Plain title" in str(visit.page.text_content("#kg-results pre"))
        visit.page.fill("#kg-query", "SELEC nothing")
        visit.page.click("#kg-run")
        visit.page.wait_for_function(
            "() => document.getElementById('kg-status').textContent.startsWith('Error 400')",
            timeout=30_000)
        assert visit.outside == []
        assert [e for e in visit.errors if "400" not in e] == []


def test_page_sends_the_token(browser: Any, store: Path) -> None:
    with Server(store, "--token", "s3cret") as server:
        visit = Visit(browser, server)
        assert visit.page.is_visible("#kg-token")
        assert visit.run("articles").startswith("Error 401")
        visit.page.fill("#kg-token", "s3cret")
        assert visit.run("articles").startswith("2 rows in ")
        assert visit.outside == []

"""The explorer inside ``kg serve``: /explore and its JSON API from a real server.

The explorer's own behaviour is tested in tests/test_explore_*.py over uvicorn; here
the one server a user starts serves it beside /sparql, reading the served snapshot.
With ``--token`` the page is a shell holding no data that asks for the token (or takes
it from ``#token=`` in the address) and sends it on every request, in real Chromium.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdf_fixtures import tariff_graph
from serve_server import Server, small_store

from kg.rdf import iri
from kg.rdf.store import Store

TRUMP_IRI = iri.entity_iri("person/donald-trump").value


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = small_store(tmp_path_factory.mktemp("explore") / "store")
    with Server(store) as srv:
        yield srv


def test_the_explorer_page_is_served(server: Server) -> None:
    page = httpx.get(server.url + "/explore", timeout=60)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "/explore/api" in page.text


def test_search_and_neighbourhood_come_from_the_store(server: Server) -> None:
    found = httpx.get(server.url + "/explore/api/search", params={"q": "trump"}, timeout=60)
    assert found.status_code == 200
    text = found.text
    assert "Donald Trump" in text
    assert "Beijing" not in text
    iri = next(r for r in found.json()["results"] if "Donald Trump" in str(r))
    entity = iri["id"] if isinstance(iri, dict) and "id" in iri else None
    if entity is None:  # columnar shape: the IRI is the first string naming an entity
        entity = next(v for v in (iri.values() if isinstance(iri, dict) else iri)
                      if isinstance(v, str) and v.startswith("http"))
    node = httpx.get(server.url + "/explore/api/node", params={"id": entity, "hops": "1"},
                     timeout=60)
    assert node.status_code == 200
    assert '"increase"' in node.text  # Trump increased tariffs: the statement and its
    assert "tariff" in node.text  # other end come with the neighbourhood


def test_a_bad_hops_value_is_a_400_naming_it(server: Server) -> None:
    bad = httpx.get(server.url + "/explore/api/node", params={"id": "x", "hops": "3"},
                    timeout=60)
    assert bad.status_code == 400
    assert "hops" in bad.json()["error"]


def test_sparql_still_answers_beside_the_explorer(server: Server) -> None:
    answer = httpx.post(server.sparql, data={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert answer.json()["boolean"] is True


# ---- with --token: the page is a shell, its requests carry the token ---------------

STABLE = "() => document.body.getAttribute('data-stable') === 'true'"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = small_store(tmp_path_factory.mktemp("guarded") / "store")
    with Server(store, "--token", "s3cret") as srv:
        yield srv


def test_with_a_token_the_page_is_an_empty_shell_and_the_api_needs_it(
        guarded: Server) -> None:
    page = httpx.get(guarded.url + "/explore", timeout=60)
    assert page.status_code == 200 and "Donald Trump" not in page.text
    for path in ("/explore/api/overview", "/explore/api/search?q=trump"):
        assert httpx.get(guarded.url + path, timeout=60).status_code == 401
        wrong = httpx.get(guarded.url + path, headers={"Authorization": "Bearer nope"},
                          timeout=60)
        assert wrong.status_code == 401
    good = httpx.get(guarded.url + "/explore/api/search", params={"q": "trump"},
                     headers={"Authorization": "Bearer s3cret"}, timeout=60)
    assert good.status_code == 200 and "Donald Trump" in good.text


def _open(browser: Any, url: str, origin: str) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(origin + "/"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, outside, errors


def test_the_page_asks_for_the_token_and_sends_it(browser: Any, guarded: Server) -> None:
    page, outside, errors = _open(browser, guarded.url + "/explore", guarded.url)
    page.wait_for_selector("#kg-token", timeout=60_000)  # 401 without it: the page asks
    assert "token" in str(page.text_content("#kg-status"))
    assert page.evaluate("() => window.kgExplore.graph.order") == 0
    page.fill("#kg-token", "wrong")
    page.click("#kg-token-form button")
    page.wait_for_function("() => document.getElementById('kg-status').textContent"
                           ".startsWith('Wrong token')", timeout=60_000)
    page.fill("#kg-token", "s3cret")
    page.click("#kg-token-form button")
    page.wait_for_function(STABLE, timeout=60_000)
    assert page.evaluate("() => window.kgExplore.graph.order") > 0
    assert "entities from 2 articles" in str(page.text_content("#kg-summary"))
    page.fill("#kg-search", "trump")
    page.wait_for_selector("#kg-results li", timeout=30_000)
    page.click("#kg-results .kg-result")
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=30_000)
    assert "increase" in page.inner_text("#kg-panel")
    assert outside == [] and errors == []
    page.close()


def test_the_token_can_come_in_the_address_fragment(browser: Any, guarded: Server) -> None:
    page, outside, errors = _open(browser, guarded.url + "/explore#token=s3cret",
                                  guarded.url)
    page.wait_for_function(STABLE, timeout=60_000)
    assert page.evaluate("() => window.kgExplore.graph.order") > 0
    assert "token" not in page.url  # taken out of the address bar at once
    assert outside == [] and errors == []
    page.close()


def test_the_explorer_follows_the_store_after_a_build(tmp_path: Path) -> None:
    """A build that adds an article moves the server to a new snapshot; the explorer's
    index is rebuilt for it (meanwhile the old one answers)."""
    store = small_store(tmp_path / "store")

    def trump_articles(srv: Server) -> int:
        found = httpx.get(srv.url + "/explore/api/search", params={"q": "donald trump"},
                          timeout=60).json()["results"]
        return int(found[0]["articles"])

    with Server(store) as srv:
        assert trump_articles(srv) == 2
        with Store.open(store) as writer:
            writer.replace_article(tariff_graph("a3", title="Title a3"))
        deadline = time.monotonic() + 60
        while trump_articles(srv) != 3 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert trump_articles(srv) == 3
        node = httpx.get(srv.url + "/explore/api/node", params={"id": TRUMP_IRI},
                         timeout=60).json()
        assert "a3" in {a[0] for a in node["articles"]}


def test_a_relations_sentences_come_on_demand(server: Server) -> None:
    node = httpx.get(server.url + "/explore/api/node", params={"id": TRUMP_IRI},
                     timeout=60).json()
    ids, edges = node["nodes"]["id"], node["edges"]
    k = next(j for j, label in enumerate(edges["label"]) if node["labels"][label] == "increase")
    params = {"s": ids[edges["s"][k]], "t": ids[edges["t"][k]], "label": "increase", "neg": "0"}
    said = httpx.get(server.url + "/explore/api/quotes", params=params, timeout=60)
    assert said.status_code == 200
    assert said.json()["quotes"] == [
        "Mr Trump this month increased tariffs on all Chinese imports to 20 per cent."]
    other = httpx.get(server.url + "/explore/api/quotes", params={**params, "label": "sell"},
                      timeout=60)
    assert other.status_code == 404 and "relation" in other.json()["error"]
    bad = httpx.get(server.url + "/explore/api/quotes", params={**params, "neg": "2"},
                    timeout=60)
    assert bad.status_code == 400 and "neg" in bad.json()["error"]


# ---- the index behind the answers (a synthetic store with hubs, in memory) ----------

@pytest.fixture(scope="module")
def synthetic() -> Any:
    import sys

    from kg.explore.routes import Explorer

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synthetic_store import build as build_synthetic

    store = build_synthetic(None, 600, 3000)
    return Explorer(lambda: store)


def test_search_ranks_exact_then_prefix_then_substring_by_popularity(synthetic: Any) -> None:
    index = synthetic.index(synthetic.open_store())
    for q in ("ka", "lo", "mar", "ren", "concept 1", "alias of"):
        wanted = q.casefold()

        def tier(e: int, wanted: str = wanted) -> int:
            names = [n.casefold() for n in [index.label[e], *index.aliases[e]]]
            return 0 if wanted in names else 1 if any(
                n.startswith(wanted) for n in names) else 2 if any(
                wanted in n for n in names) else 3

        brute = sorted((e for e in range(len(index.iris)) if tier(e) < 3),
                       key=lambda e: (tier(e), -len(index.articles[e]), index.label[e],
                                      index.iris[e]))[:20]
        found = synthetic.search(q, 20)
        assert [r["id"] for r in found] == [index.iris[e] for e in brute], q


def test_a_hubs_neighbourhood_keeps_its_strongest_relations(synthetic: Any) -> None:
    from kg.explore.routes import MAX_EDGES, MAX_NEIGHBOURS

    index = synthetic.index(synthetic.open_store())
    hub = max(range(len(index.iris)), key=lambda e: len(index.adjacency[e]))
    assert len(index.adjacency[hub]) > MAX_EDGES  # a real hub
    data = synthetic.node(index.iris[hub])
    assert len(data["nodes"]["id"]) <= MAX_NEIGHBOURS + 1
    shown = data["edges"]["n"]
    assert 0 < len(shown) <= MAX_EDGES
    left = data["left_out"][index.iris[hub]]
    assert left == len(index.adjacency[hub]) - len(shown)
    strongest = sorted((len(index.edge_articles[e]) for e in index.adjacency[hub]
                        if not index.edge_link[e]), reverse=True)
    assert max(shown) == strongest[0]  # the strongest relation is in
    weights = [index.weight(e) for e in index.adjacency[hub]]
    assert weights == sorted(weights, reverse=True)

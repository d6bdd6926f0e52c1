"""kg.explore without a browser: the layout, the page data, the page, the JSON API.

The API runs in starlette's TestClient over real stores: the hand-built view fixture
(statements, sentences, an XSS payload) and a synthetic store in the project's shape.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from views_fixtures import CHINA, TRUMP, XSS_SENTENCE, build_store

from kg.analysis import entity_graph, pagerank
from kg.explore.data import payload
from kg.explore.layout import communities_of, layout
from kg.explore.page import static_page
from kg.explore.routes import explore_routes
from kg.render import SMALL_GRAPH, render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_store import build as build_synthetic  # noqa: E402

XSS = '<img src=x onerror="window.__xss=3"><script>window.__xss=4</script>'


def test_layout_places_every_node_the_same_way_each_time() -> None:
    graph = nx.les_miserables_graph()
    graph.add_node("alone")
    first, second = layout(graph), layout(graph)
    assert first == second
    assert set(first) == set(graph)
    assert all(-1000 <= x <= 2200 and -1000 <= y <= 3000 for x, y in first.values())
    assert len({tuple(p) for p in first.values()}) == graph.number_of_nodes()


def test_community_levels_partition_the_connected_nodes_coarsest_first() -> None:
    """igraph's Louvain levels: each a partition of the connected nodes (the unconnected
    one left out), coarser levels first, the same each run and whatever the node order."""
    graph = nx.les_miserables_graph()
    graph.add_node("alone")
    levels = communities_of(graph)
    connected = set(graph) - {"alone"}
    assert levels
    for level in levels:
        assert set().union(*level) == connected
        assert sum(len(group) for group in level) == len(connected)
    assert [len(level) for level in levels] == sorted(len(level) for level in levels)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(graph, reverse=True))
    shuffled.add_edges_from(sorted(graph.edges(data=True), reverse=True))
    again = communities_of(shuffled)
    assert [sorted(map(sorted, level)) for level in again] == [
        sorted(map(sorted, level)) for level in levels]
    assert communities_of(nx.empty_graph(3)) == []


def test_layout_keeps_communities_together() -> None:
    # two cliques joined by one edge: each clique's nodes sit closer to each other
    graph = nx.barbell_graph(30, 0)
    pos = layout(graph)

    def spread(nodes: range) -> float:
        xs = [pos[n][0] for n in nodes]
        return max(xs) - min(xs) + max(pos[n][1] for n in nodes) - min(pos[n][1] for n in nodes)

    whole = spread(range(60))
    assert spread(range(30)) < whole and spread(range(30, 60)) < whole


def test_payload_is_columnar_and_keeps_statements_and_sentences() -> None:
    graph = entity_graph(build_store())
    data = payload(graph, scores=pagerank(graph), dates={})
    nodes, edges = data["nodes"], data["edges"]
    assert len(nodes["id"]) == 7 and len(nodes["x"]) == 7 and len(nodes["community"]) == 7
    trump = nodes["id"].index(str(TRUMP))
    assert nodes["label"][trump] == "Donald Trump"
    assert "Mr Trump" in nodes["aliases"][trump]
    assert nodes["rank"][trump] in range(7)
    china = nodes["id"].index(str(CHINA))
    accuse = [i for i in range(len(edges["s"]))
              if edges["s"][i] == trump and edges["t"][i] == china]
    assert accuse and XSS_SENTENCE in edges["quotes"][accuse[0]][0]


def test_static_page_is_offline_and_its_data_inert() -> None:
    graph = entity_graph(build_store())
    page = static_page(graph, pagerank(graph), title="<b>t</b>")
    assert "<b>t</b>" not in page and "&lt;b&gt;t&lt;/b&gt;" in page
    assert "<script>window.__xss" not in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    policy = html.unescape(csp.group(1)) if csp else ""
    assert "connect-src 'none'" in policy and "default-src 'none'" in policy
    data = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert data and json.loads(data.group(1))["nodes"]["label"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    return build_synthetic(None, SMALL_GRAPH + 300, 3000, xss=XSS)


def test_render_writes_the_explorer_past_the_small_graph_limit(
        synthetic: ox.Store, tmp_path: Path) -> None:
    out = render_html(synthetic, tmp_path / "graph.html")
    page = out.read_text(encoding="utf-8")
    assert 'data-mode="static"' in page and "new vis.Network" not in page
    assert render_html(synthetic, tmp_path / "again.html").read_bytes() == out.read_bytes()
    small = render_html(build_store(), tmp_path / "small.html").read_text(encoding="utf-8")
    assert 'data-mode="static"' not in small  # the vis-network view, as before


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = build_store().oxigraph
    return TestClient(Starlette(routes=explore_routes(lambda: store)))


def test_search_finds_entities_by_name_or_alias(client: TestClient) -> None:
    found = client.get("/explore/api/search", params={"q": "mr trump"}).json()["results"]
    assert [r["id"] for r in found] == [str(TRUMP)]
    assert found[0]["label"] == "Donald Trump" and found[0]["type"] == "Person"
    assert client.get("/explore/api/search", params={"q": "zzz"}).json() == {"results": []}
    assert client.get("/explore/api/search", params={"q": ""}).json() == {"results": []}


def test_node_returns_statements_sentences_and_articles(client: TestClient) -> None:
    data = client.get("/explore/api/node", params={"id": str(TRUMP)}).json()
    ids = data["nodes"]["id"]
    assert str(TRUMP) in ids and str(CHINA) in ids
    labels = {data["labels"][i] for i in data["edges"]["label"]}
    assert {"accuse of", "increase", "meet"} <= labels
    quotes = [q for qs in data["edges"]["quotes"] for q in qs]
    assert any(q == " ".join(XSS_SENTENCE.split()) for q in quotes)
    assert {a[0] for a in data["articles"]} == {"trade-war", "fentanyl"}
    assert data["complete"] == [str(TRUMP)]


def test_two_hops_reach_further_than_one(client: TestClient) -> None:
    from views_fixtures import XI
    one = client.get("/explore/api/node", params={"id": str(XI), "hops": "1"}).json()
    two = client.get("/explore/api/node", params={"id": str(XI), "hops": "2"}).json()
    assert sorted(one["nodes"]["id"]) == sorted([str(XI), str(TRUMP)])
    assert str(CHINA) in two["nodes"]["id"]  # Xi -> Trump -> China


def test_bad_requests_get_one_line_errors(client: TestClient) -> None:
    bad = client.get("/explore/api/node", params={"id": str(TRUMP), "hops": "3"})
    assert bad.status_code == 400 and "hops must be 1 or 2" in bad.json()["error"]
    missing = client.get("/explore/api/node", params={"id": "https://example.org/nobody"})
    assert missing.status_code == 404 and "search" in missing.json()["error"]
    inject = client.get("/explore/api/node", params={"id": "x> ?p ?o } #"})
    assert inject.status_code == 400
    assert client.get("/explore/api/search", params={"q": "a", "limit": "x"}).status_code == 400


def test_overview_and_page(client: TestClient) -> None:
    data = client.get("/explore/api/overview").json()
    assert len(data["nodes"]["id"]) == 7 and len(data["nodes"]["x"]) == 7
    page = client.get("/explore")
    assert page.status_code == 200 and 'data-mode="served"' in page.text
    assert "connect-src &#39;self&#39;" in page.text

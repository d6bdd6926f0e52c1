"""The explorer inside ``kg serve``: /explore and its JSON API from a real server.

The explorer's own behaviour is tested in tests/test_explore_*.py over uvicorn; here
the one server a user starts serves it beside /sparql, reading the served snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from serve_server import Server, small_store


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

"""``kg serve`` only reads, only locally, and only for whom it should (issue 11, section 1).

Updates (as a parameter, a body, or an update sent as a query), Graph Store writes and
SERVICE are refused with a clear status and message; oversized requests get 413; with
``--token`` every data route needs the bearer token; CORS headers only with ``--cors``;
a bind beyond loopback without a token is refused in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cli_checks import error_line
from serve_server import Server, small_store
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.store import Store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_store(tmp_path_factory.mktemp("refusals") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    with Server(store) as running:
        yield running


def quads(store: Path) -> int:
    with Store.open(store, read_only=True) as st:
        return len(st)


def test_updates_are_refused_and_change_nothing(server: Server, store: Path) -> None:
    # the server reads a snapshot; the store folder itself is checked after it stops
    before = httpx.get(server.sparql, params={"query": COUNT}).json()
    insert = "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <urn:o> } }"
    as_param = httpx.post(server.sparql, data={"update": insert})
    as_body = httpx.post(server.sparql, content=insert,
                         headers={"Content-Type": "application/sparql-update"})
    as_query = httpx.post(server.sparql, data={"query": insert})
    drop = httpx.get(server.sparql, params={"query": "DROP ALL"})
    for response in (as_param, as_body, as_query, drop):
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
    assert as_query.text.startswith("updates are refused (INSERT DATA); kg serve is read-only")
    assert httpx.get(server.sparql, params={"query": COUNT}).json() == before


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_graph_store_writes_are_refused(server: Server, method: str) -> None:
    response = httpx.request(method, server.url + "/store", params={"graph": "urn:g"},
                             content=b"<urn:s> <urn:p> <urn:o> .",
                             headers={"Content-Type": "text/turtle"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert f"{method} is refused; kg serve is read-only" in response.text
    if method != "POST":  # POST /sparql is a query
        on_sparql = httpx.request(method, server.sparql, content=b"x")
        assert on_sparql.status_code == 405


def test_graph_store_reads(server: Server) -> None:
    graph = httpx.get(server.url + "/store", params={"graph": "https://w3id.org/kg/id/article/a1"},
                      headers={"Accept": "application/n-triples"})
    assert graph.status_code == 200
    assert '"Title a1"' in graph.text and '"Title a2"' not in graph.text


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service ?endpoint { ?s ?p ?o } }",
])
def test_service_is_refused(server: Server, query: str) -> None:
    response = httpx.get(server.sparql, params={"query": query})
    assert response.status_code == 403
    assert response.text.startswith("SERVICE is refused (")


def test_service_in_strings_and_names_is_fine(server: Server) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) }'
    assert httpx.get(server.sparql, params={"query": query}).status_code == 200


def test_oversized_requests_are_413(server: Server) -> None:
    padding = "#" + "x" * 1_100_000 + "\nASK {}"
    response = httpx.post(server.sparql, content=padding.encode(),
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert response.text.startswith("request too large (")


def test_unsupported_content_type_is_415(server: Server) -> None:
    response = httpx.post(server.sparql, content=b"ASK {}",
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_no_cors_headers_without_cors(server: Server) -> None:
    response = httpx.get(server.sparql, params={"query": "ASK {}"},
                         headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_and_token(store: Path) -> None:
    origin = "https://yasgui.example"
    with Server(store, "--cors", origin, "--token", "s3cret") as server:
        query = {"query": "ASK { ?s ?p ?o }"}
        refused = httpx.get(server.sparql, params=query, headers={"Origin": origin})
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
        wrong = httpx.get(server.sparql, params=query,
                          headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        good = httpx.get(server.sparql, params=query, headers={
            "Authorization": "Bearer s3cret", "Origin": origin})
        assert good.status_code == 200
        assert good.headers["access-control-allow-origin"] == origin
        preflight = httpx.options(server.sparql, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert preflight.status_code == 200
        other = httpx.get(server.sparql, params=query, headers={
            "Authorization": "Bearer s3cret", "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        assert httpx.get(server.url + "/").status_code == 200  # the page itself is open
        assert httpx.get(server.url + "/store", params={"default": ""}).status_code == 401


def test_non_loopback_bind_needs_a_token(store: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--store", str(store), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert error_line(result) == (
        "Error: --host 0.0.0.0 is reachable from other machines and needs a token; pass "
        "--token SECRET (clients then send Authorization: Bearer SECRET), or keep "
        "--host 127.0.0.1")


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert error_line(result) == (
        f"Error: no store or RDF file at ({tmp_path / 'none'}); build one first with: "
        "kg build INPUT")


def test_store_is_untouched_after_serving(store: Path) -> None:
    assert quads(store) > 0

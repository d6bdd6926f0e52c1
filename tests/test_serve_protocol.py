"""``kg serve`` speaks the SPARQL 1.1 Protocol to real clients (issue 11, section 1).

A real server on 127.0.0.1 over a small store of two article graphs; httpx,
SPARQLWrapper and rdflib's SPARQLStore talk to it: every result format, the three
ways to send a query, the dataset parameters, the union default graph, the service
description, and a malformed query's 400.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serve_server import Server, small_store
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from kg.rdf.sparql import run_query
from kg.rdf.store import Store

IDS = "SELECT ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id"
A1 = "https://w3id.org/kg/id/article/a1"
CONSTRUCT = "CONSTRUCT { ?a schema:headline ?h } WHERE { ?a schema:headline ?h }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    with Server(store, "--max-rows", "50") as running:
        yield running


def ask(server: Server, query: str, accept: str, **params: str) -> httpx.Response:
    return httpx.get(server.sparql, params={"query": query, **params},
                     headers={"Accept": accept}, timeout=30)


def test_select_in_each_result_format(server: Server) -> None:
    as_json = ask(server, IDS, "application/sparql-results+json")
    assert as_json.status_code == 200
    assert as_json.headers["content-type"].startswith("application/sparql-results+json")
    values = [b["id"]["value"] for b in as_json.json()["results"]["bindings"]]
    assert values == ["a1", "a2"]

    as_xml = ask(server, IDS, "application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(as_xml.content)
    assert [e.text for e in root.findall(".//r:binding/r:literal", ns)] == ["a1", "a2"]

    as_csv = ask(server, IDS, "text/csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["id"], ["a1"], ["a2"]]

    as_tsv = ask(server, IDS, "text/tab-separated-values")
    assert as_tsv.text.splitlines() == ["?id", '"a1"', '"a2"']


def test_ask_and_construct_formats(server: Server) -> None:
    assert ask(server, "ASK { ?s a kg:Article }", "application/sparql-results+json").json() == {
        "head": {}, "boolean": True}
    xml = ask(server, "ASK { ?s a kg:Nothing }", "application/sparql-results+xml").text
    assert "<boolean>false</boolean>" in xml
    expected = {(A1, "Title a1"), ("https://w3id.org/kg/id/article/a2", "Title a2")}
    for media, fmt in [("text/turtle", ox.RdfFormat.TURTLE),
                       ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                       ("application/ld+json", ox.RdfFormat.JSON_LD),
                       ("application/rdf+xml", ox.RdfFormat.RDF_XML)]:
        response = ask(server, CONSTRUCT, media)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media)
        triples = {(t.subject.value, t.object.value)
                   for t in ox.parse(response.content, format=fmt)}
        assert triples == expected, media
    describe = ask(server, f"DESCRIBE <{A1}>", "application/n-triples")
    assert f"<{A1}> <https://schema.org/headline> \"Title a1\"" in describe.text


def test_three_ways_to_send_a_query(server: Server) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_form = httpx.post(server.sparql, data={"query": IDS}, headers=accept)
    by_body = httpx.post(server.sparql, content=IDS.encode(), headers={
        **accept, "Content-Type": "application/sparql-query"})
    by_get = ask(server, IDS, "application/sparql-results+json")
    assert by_form.json() == by_body.json() == by_get.json()


def test_union_default_graph_as_kg_query(server: Server, store: Path) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    served = ask(server, query, "application/sparql-results+json").json()
    with Store.open(store, read_only=True) as st:
        local = run_query(st, query).rows[0][0]
    assert served["results"]["bindings"][0]["n"]["value"] == local.value
    assert int(local.value) > 0


def test_dataset_parameters(server: Server) -> None:
    one = httpx.get(server.sparql, params={"query": IDS, "default-graph-uri": A1},
                    headers={"Accept": "application/sparql-results+json"})
    assert [b["id"]["value"] for b in one.json()["results"]["bindings"]] == ["a1"]
    named = httpx.get(server.sparql, params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": A1},
        headers={"Accept": "application/sparql-results+json"})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [A1]
    from_clause = ask(server, f"SELECT ?id FROM <{A1}> WHERE {{ ?a dcterms:identifier ?id }}",
                      "application/sparql-results+json")
    assert [b["id"]["value"] for b in from_clause.json()["results"]["bindings"]] == ["a1"]


def test_malformed_query_is_400_with_the_parser_message(server: Server) -> None:
    response = ask(server, "SELEC ?x WHERE { ?x ?y ?z }", "application/sparql-results+json")
    assert response.status_code == 400
    assert response.text.startswith("invalid SPARQL (error at 1:")
    assert response.text.rstrip().endswith("check the query syntax")


def test_service_description(server: Server) -> None:
    response = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert service is not None
    assert str(graph.value(service, sd.endpoint)) == server.sparql
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    browser = httpx.get(server.sparql, headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.status_code == 303 and browser.headers["location"] == "./"


def test_sparqlwrapper_in_every_format(server: Server) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(IDS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert [r["id"]["value"] for r in rows] == ["a1", "a2"]
    client.setReturnFormat(XML)
    assert "a2" in client.query().convert().toxml()  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines() == ["id", "a1", "a2"]  # type: ignore[union-attr]
    client.setReturnFormat(TSV)
    assert '"a2"' in client.query().convert().decode()  # type: ignore[union-attr]
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 2  # type: ignore[index]


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server.sparql, returnFormat="xml"))
    rows = list(graph.query("PREFIX dcterms: <http://purl.org/dc/terms/> "
                            "SELECT ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id"))
    assert [str(r[0]) for r in rows] == ["a1", "a2"]
    built = graph.query(
        "PREFIX schema: <https://schema.org/> "
        "CONSTRUCT { ?a schema:headline ?h } WHERE { ?a schema:headline ?h }").graph
    assert built is not None
    assert {str(o) for o in built.objects()} == {"Title a1", "Title a2"}


def test_row_cap_cuts_and_says_so(server: Server) -> None:
    response = ask(server, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 50
    assert response.headers["x-sparql-maxrows"] == "50"
    small = ask(server, IDS, "application/sparql-results+json")
    assert "x-sparql-maxrows" not in small.headers


def test_unacceptable_format_is_406(server: Server) -> None:
    response = ask(server, IDS, "image/png")
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_query_page_lists_the_ready_queries(server: Server) -> None:
    page = httpx.get(server.url + "/")
    assert page.status_code == 200
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    data = page.text.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    names = [e["name"] for e in json.loads(data)["examples"]]
    assert "who_said_what" in names and "entities_by_type" in names
    assert httpx.get(server.url + "/static/query.js").status_code == 200

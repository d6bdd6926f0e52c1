"""Running SPARQL and formatting results; the ready queries answer on a known graph."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_fixtures import tariff_graph
from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import FormatError, QueryError
from kg.query import format_result, run_query
from kg.rdf.export import export, serialize
from kg.rdf.sparql import run_query as run_sparql
from kg.rdf.store import Store, open_source

QUERIES = Path(__file__).resolve().parents[1] / "kg" / "queries"
LABELS = "SELECT ?name ?e WHERE { ?e a kg:Country ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def store() -> Store:
    st = Store.memory()
    st.replace_article(tariff_graph("a1"))
    st.replace_article(tariff_graph("a2"))
    return st


@pytest.fixture(scope="module", params=["oxigraph", "rdflib-memory", "turtle-file"])
def dataset(
    request: pytest.FixtureRequest, store: Store, tmp_path_factory: pytest.TempPathFactory
) -> Dataset:
    if request.param == "oxigraph":
        return store.dataset
    if request.param == "turtle-file":  # one graph for all articles, as `--store graph.ttl`
        path = tmp_path_factory.mktemp("ttl") / "graph.ttl"
        export(store, "turtle", path)
        return open_source(path)
    ds = Dataset(default_union=True)
    ds.parse(data=serialize(store, "trig"), format="trig")
    return ds


def test_prefixes_are_predeclared_and_rows_are_materialised(dataset: Dataset) -> None:
    result = run_query(dataset, LABELS)
    first = [tuple(map(str, r)) for r in result]
    assert first == [tuple(map(str, r)) for r in result]  # iterable twice
    assert sorted({r[0] for r in first}) == ["China", "United States"]


def test_table(store: Store) -> None:
    text = format_result(run_query(store, "SELECT DISTINCT " + LABELS[7:]), "table")
    assert text == (
        "name           e\n"
        "-------------  --------------\n"
        "China          ent:country/CN\n"
        "United States  ent:country/US\n"
        "(2 rows)\n"
    )


def test_csv(store: Store) -> None:
    text = format_result(run_query(store, "SELECT DISTINCT " + LABELS[7:]), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["name", "e"],
        ["China", "https://w3id.org/kg/id/entity/country/CN"],
        ["United States", "https://w3id.org/kg/id/entity/country/US"],
    ]


def test_json_follows_sparql_results_format(store: Store) -> None:
    q = "SELECT DISTINCT ?v ?u ?missing WHERE { ?q kg:value ?v ; kg:unit ?u }"
    doc = json.loads(format_result(run_query(store, q), "json"))
    assert doc["head"] == {"vars": ["v", "u", "missing"]}
    assert doc["results"]["bindings"] == [{
        "v": {"type": "literal", "value": "20",
              "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
        "u": {"type": "literal", "value": "percent"},
    }]


def test_ask_and_construct(store: Store) -> None:
    ask = run_query(store, "ASK { ?s a kg:Statement }")
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    construct = run_query(
        store, "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e a kg:Person ; rdfs:label ?n }")
    turtle = format_result(construct, "json")
    g = Graph().parse(data=turtle, format="turtle")
    assert [str(o) for o in g.objects()] == ["Donald Trump"]


def test_empty_result_table(store: Store) -> None:
    text = format_result(run_query(store, "SELECT ?x WHERE { ?x a kg:Law }"), "table")
    assert text == "x\n-\n(0 rows)\n"


def test_bad_sparql_is_one_line(store: Store) -> None:
    with pytest.raises(QueryError) as err:
        run_query(store, "SELEC ?x WHERE {")
    message = str(err.value)
    assert message == "invalid SPARQL (error at 1:10: expected CONSTRUCT); check the query syntax"


def test_bad_sparql_in_rdflib_memory_dataset() -> None:
    with pytest.raises(QueryError) as err:
        run_query(Dataset(), "SELECT ?x WHERE { ?x ")
    message = str(err.value)
    assert message.startswith("invalid SPARQL (") and message.endswith("); check the query syntax")
    assert "\n" not in message


def test_failure_while_running_is_not_a_syntax_error(store: Store) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on: refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError) as err:
        run_query(store, sparql, allow_service=True)
    message = str(err.value)
    assert message.startswith("query failed (") and message.endswith("); check the query")
    assert "\n" not in message


def test_unknown_result_format(store: Store) -> None:
    with pytest.raises(FormatError) as err:
        format_result(run_query(store, "ASK {}"), "yaml")
    assert str(err.value) == "unknown query result format (yaml); use one of: table, csv, json"


def _ready(name: str, dataset: Dataset) -> list[dict[str, str]]:
    result = run_query(dataset, (QUERIES / name).read_text(encoding="utf-8"))
    names = [str(v) for v in result.vars or []]
    return [{n: str(v) for n, v in zip(names, row, strict=True) if v is not None}
            for row in result]


def test_ready_queries(dataset: Dataset) -> None:
    arts = _ready("articles.rq", dataset)
    assert [(a["id"], a["statements"]) for a in arts] == [("a1", "2"), ("a2", "2")]
    ents = _ready("entities_by_type.rq", dataset)
    assert {(e["type"], e["name"]) for e in ents} >= {("Person", "Donald Trump"),
                                                      ("Country", "China"), ("Place", "Beijing")}
    about = _ready("about_entity.rq", dataset)
    assert [(r["article"], r["role"], r["relation"], r["object"]) for r in about] == [
        ("a1", "subject", "increase", "tariffs"), ("a2", "subject", "increase", "tariffs")]
    said = _ready("who_said_what.rq", dataset)
    assert [(r["speaker"], r["subject"], r["relation"], r["negated"]) for r in said] == [
        ("Beijing", "the US", "outline", "true")]
    quantities = _ready("quantities.rq", dataset)
    assert [(q["argument"], q["value"], q["kind"]) for q in quantities] == [
        ("to 20 per cent", "20", "percent")]
    statements = _ready("statements.rq", dataset)
    assert [(s["article"], s["subject"], s["relation"], s.get("object")) for s in statements] == [
        ("a1", "Donald Trump", "increase", "tariff"), ("a1", "United States", "outline", "steps"),
        ("a2", "Donald Trump", "increase", "tariff"), ("a2", "United States", "outline", "steps")]
    relations = _ready("relations.rq", dataset)
    assert [(r["subject"], r["relation"], r["object"]) for r in relations] == [
        ("Donald Trump", "increase", "tariff")]


def test_every_ready_query_is_documented() -> None:
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for path in QUERIES.glob("*.rq"):
        assert f"`{path.name}`" in readme


def test_kg_runner_gives_pyoxigraph_terms_and_formats_the_same(store: Store) -> None:
    """kg.rdf.sparql.run_query (pyoxigraph terms, what kg query prints) and the public
    kg.query.run_query (rdflib terms) format to the same bytes."""
    queries = [
        "SELECT DISTINCT ?name ?e ?missing WHERE { ?e a kg:Country ; rdfs:label ?name } "
        "ORDER BY ?name",
        "SELECT DISTINCT ?v ?u WHERE { ?q kg:value ?v ; kg:unit ?u }",
        "ASK { ?s a kg:Statement }",
        "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e a kg:Person ; rdfs:label ?n }",
    ]
    for sparql in queries:
        mine = run_sparql(store, sparql)
        for fmt in ("table", "csv", "json"):
            assert format_result(mine, fmt) == format_result(run_query(store, sparql), fmt)
    rows = run_sparql(store, queries[0])
    assert rows.variables == ("name", "e", "missing")
    assert rows.rows[0] == (ox.Literal("China"),
                            ox.NamedNode("https://w3id.org/kg/id/entity/country/CN"), None)


def test_public_run_query_reads_a_users_rdflib_graph() -> None:
    g = Graph()
    g.add((URIRef("http://ex/s"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
           Literal("plain")))
    [row] = run_query(g, "SELECT ?s ?l WHERE { ?s rdfs:label ?l }")
    assert (row.s, row.l) == (URIRef("http://ex/s"), Literal("plain"))
    assert export(g, "ntriples") == (
        '<http://ex/s> <http://www.w3.org/2000/01/rdf-schema#label> "plain" .\n')

"""`kg query` is read-only and local: updates and SERVICE are refused before anything runs,
and table output never sends terminal control characters raw (issue 7, items 4 and 7)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cli_checks import error_line
from rdf_fixtures import tariff_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import format_result, run_query, visible
from kg.rdf.export import export
from kg.rdf.sparql import check_query, run_bounded, service_endpoints, update_operation
from kg.rdf.store import Store

runner = CliRunner()




@pytest.fixture(scope="module")
def ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small exported graph, read by `kg query --store FILE` (in memory, no lock)."""
    st = Store.memory()
    st.replace_article(tariff_graph("a1"))
    path = tmp_path_factory.mktemp("safety") / "graph.ttl"
    export(st, "turtle", path)
    return path


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture()
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


# --- updates -------------------------------------------------------------------------

UPDATES = [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT DATA"),
    ("insert data { <a:b> <a:c> <a:d> }", "INSERT DATA"),
    ("PREFIX ex: <http://ex/> DELETE DATA { ex:a ex:b ex:c }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE"),
    ("# a comment\nBASE <http://ex/>\nLOAD <http://ex/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP SILENT GRAPH <a:g>", "DROP"),
    ("CREATE GRAPH <a:g>", "CREATE"),
    ("ADD <a:g> TO <a:h>", "ADD"),
    ("MOVE DEFAULT TO <a:h>", "MOVE"),
    ("COPY <a:g> TO <a:h>", "COPY"),
    ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
]


@pytest.mark.parametrize(("sparql", "operation"), UPDATES)
def test_updates_are_named(sparql: str, operation: str) -> None:
    assert update_operation(sparql) == operation


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s ?p 'INSERT DATA' }",
    "ASK { <http://ex/DELETE> ?p ?o }",
    "PREFIX insert: <http://ex/> SELECT ?delete WHERE { ?delete insert:load ?o }",
    "# DROP ALL\nSELECT * WHERE { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
])
def test_queries_that_mention_update_words_are_not_updates(sparql: str) -> None:
    assert update_operation(sparql) is None


def test_update_via_cli_is_refused_and_store_unchanged(ttl: Path) -> None:
    before = ttl.read_bytes()
    result = runner.invoke(app, ["query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--store", str(ttl)])
    assert error_line(result) == (
        "Error: updates are not supported (INSERT DATA); kg query only reads the store — "
        "change it with kg build or kg remove"
    )
    assert ttl.read_bytes() == before
    ask = runner.invoke(app, ["query", "ASK { <a:b> <a:c> <a:d> }", "--store", str(ttl)])
    assert ask.stdout == "false\n"


def test_update_via_library_is_refused() -> None:
    st = Store.memory()
    with pytest.raises(QueryError, match=r"^updates are not supported \(DROP\); "):
        run_query(st, "DROP ALL")


# --- SERVICE -------------------------------------------------------------------------

@pytest.mark.parametrize(("sparql", "endpoints"), [
    ("SELECT * WHERE { SERVICE <http://host/sparql> { ?s ?p ?o } }", ["http://host/sparql"]),
    ("select * where { service silent <http://h/s> { ?s ?p ?o } }", ["http://h/s"]),
    ("SELECT * WHERE { ?x ?y ?z . SeRvIcE ?endpoint { ?s ?p ?o } }", ["?endpoint"]),
    ("PREFIX ex: <http://ex/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }", ["ex:sparql"]),
    ("SELECT * WHERE { ?s ?p 'x' .SERVICE <a:b> {} }", ["a:b"]),
    ("SELECT * WHERE { FILTER EXISTS { SERVICE<a:b>{} } }", ["a:b"]),
    ("SELECT * WHERE { SERVICE <a:b> {} SERVICE <a:c> {} SERVICE <a:b> {} }", ["a:b", "a:c"]),
])
def test_service_is_found(sparql: str, endpoints: list[str]) -> None:
    assert service_endpoints(sparql) == endpoints
    with pytest.raises(QueryError, match=r"^SERVICE is off \("):
        check_query(sparql)
    check_query(sparql, allow_service=True)


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://host/> {}' }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://host/> {}" }',
    "SELECT * WHERE { ?s ?p '''it's\nSERVICE <http://host/> {}''' }",
    'SELECT * WHERE { ?s ?p """a "quoted"\nSERVICE <http://host/> {}""" }',
    'SELECT * WHERE { ?s ?p "escaped \\" SERVICE <http://host/> {}" }',
    "SELECT * WHERE { <http://ex/SERVICE> ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://host/> {}",
    "SELECT ?service WHERE { ?service a $SERVICE }",
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:service ?o ; ex:SERVICE ?p ; :service ?q }",
    "PREFIX service: <http://ex/> SELECT * WHERE { ?s service:x ?o }",
    'SELECT * WHERE { ?s ?p "x"@service }',
    "SELECT * WHERE { _:service ?p ?o }",
])
def test_service_in_strings_iris_comments_names_is_not_service(sparql: str) -> None:
    assert service_endpoints(sparql) == []
    check_query(sparql)


def test_service_refused_without_any_connection(ttl: Path, silent: SilentServer) -> None:
    endpoint = f"http://127.0.0.1:{silent.port}/sparql"
    sparql = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
    result = runner.invoke(app, ["query", sparql, "--store", str(ttl)])
    assert error_line(result) == (
        f"Error: SERVICE is off ({endpoint}); kg query reads only the local store — "
        "pass --allow-service to query remote endpoints"
    )
    with pytest.raises(QueryError, match=r"^SERVICE is off"):
        run_query(Store.memory(), sparql)
    assert silent.accepted == []


def test_allowed_service_stops_at_the_timeout(ttl: Path, silent: SilentServer) -> None:
    sparql = (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{silent.port}/sparql> "
              "{ ?s ?p ?o } }")
    result = runner.invoke(
        app, ["query", sparql, "--store", str(ttl), "--allow-service", "--timeout", "2"])
    assert error_line(result) == (
        "Error: query timed out after 2 s (--timeout 2); narrow the query "
        "(LIMIT, more specific patterns) or raise --timeout"
    )
    assert len(silent.accepted) == 1  # the endpoint really was called, and never answered


def test_allowed_service_to_a_closed_port_fails_cleanly() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError) as err:
        run_bounded(Store.memory(), sparql, timeout=20, allow_service=True)
    assert str(err.value).startswith("query failed (")
    assert "\n" not in str(err.value)


# --- terminal control characters ------------------------------------------------------

HOSTILE = "Tariffs\x1b]0;pwned\x07\x1b[31m red\x9b2J\u202eevil"


def test_visible_escapes_controls_only() -> None:
    assert visible(HOSTILE) == "Tariffs\\x1b]0;pwned\\x07\\x1b[31m red\\x9b2J\\u202eevil"
    assert visible("Zoë Li — 20 % in 北京") == "Zoë Li — 20 % in 北京"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = tariff_graph("a1")
    graph = replace(graph, article=replace(graph.article, title=HOSTILE))
    st = Store.memory()
    st.replace_article(graph)
    path = tmp_path_factory.mktemp("hostile") / "graph.nq"
    export(st, "nquads", path)
    return path


@pytest.mark.parametrize("command", [
    ["articles"],
    ["query", "SELECT ?title WHERE { ?a schema:headline ?title }"],
])
def test_table_output_has_no_raw_controls(hostile: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--store", str(hostile)])
    assert result.exit_code == 0, result.output
    assert "\\x1b]0;pwned\\x07\\x1b[31m" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x07\x9b\u202e")


def test_csv_and_json_keep_exact_data(hostile: Path) -> None:
    query = "SELECT ?title WHERE { ?a schema:headline ?title }"
    as_json = runner.invoke(app, ["query", query, "--format", "json", "--store", str(hostile)])
    titles = [b["title"]["value"] for b in json.loads(as_json.stdout)["results"]["bindings"]]
    assert titles == [HOSTILE]
    as_csv = runner.invoke(app, ["query", query, "--format", "csv", "--store", str(hostile)])
    assert HOSTILE in as_csv.stdout


def test_bounded_result_formats_like_run_query(ttl: Path) -> None:
    from kg.rdf.store import open_source

    dataset = open_source(ttl)
    for sparql in [
        "SELECT ?e ?n WHERE { ?e rdfs:label ?n } ORDER BY ?n ?e",
        "SELECT DISTINCT ?v ?u ?missing WHERE { ?q kg:value ?v ; kg:unit ?u }",
        "ASK { ?s a kg:Statement }",
        "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e rdfs:label ?n }",
    ]:
        for fmt in ("table", "csv", "json"):
            expected = format_result(run_query(dataset, sparql), fmt)
            assert format_result(run_bounded(ttl, sparql, timeout=30), fmt) == expected
            assert format_result(run_bounded(dataset, sparql, timeout=30), fmt) == expected


# --- red team: SERVICE hidden from the lexer (each made Oxigraph call the endpoint) ------

PFX = "PREFIX ex: <http://e/> PREFIX : <EP/> "
BYPASSES = [
    # escaped characters in a prefixed name's local part (PN_LOCAL_ESC): the old lexer
    # read \' as a string start and \# as a comment start
    PFX + "SELECT * WHERE { VALUES ?q { ex:a\\' } SERVICE <EP> { ?x ?y ?z } }",
    PFX + "SELECT * WHERE { VALUES ?q { ex:a\\# } SERVICE <EP> { ?x ?y ?z } }",
    PFX + "SELECT * WHERE { ?s ?p ex:a\\#. SERVICE <EP> { ?x ?y ?z } }",
    PFX + "SELECT * WHERE { ?s ?p ex:a%41\\'\\'b SERVICE <EP> { ?x ?y ?z } } #'",
    # Oxigraph needs no word boundary after a keyword
    "SELECT * WHERE { ?s ?p trueSERVICE <EP> { ?x ?y ?z } }",
    "SELECT * WHERE { SERVICESILENT <EP> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <EP> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p 1e3SERVICE<EP>{ ?x ?y ?z } }",
    "SELECT * WHERE { {}service<EP>{ ?x ?y ?z } }",
    # SERVICE glued to its endpoint's prefix: a prefixed name to the grammar
    PFX + "SELECT * WHERE { SERVICE:sparql { ?x ?y ?z } }",
    PFX + "SELECT * WHERE { ?s ?p ?o ; SERVICE:sparql{ ?x ?y ?z } }",
    PFX + "SELECT * WHERE { ?s ?p trueSERVICE:sparql { ?x ?y ?z } }",
    # "<" is less-than to Oxigraph, an IRI (hiding a comment) to the grammar
    PFX + "SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE:sparql#>\n { ?x ?y ?z } }",
    PFX + "SELECT * WHERE { ?s ?p ?o FILTER(1<'a')SERVICE:sparql#'>'\n { ?x ?y ?z } }",
    "SELECT * WHERE { VALUES ?e { <EP> } FILTER(?e<?e)SERVICE?e#>\n { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?a<3||?b>4) SERVICE <EP> { ?x ?y ?z } }",
    # comments, strings and escapes around the keyword
    "SELECT * WHERE { SERVICE#c\n<EP> { ?x ?y ?z } }",
    "SELECT * WHERE { ?s ?p 'a\\\\' SERVICE <EP> { ?x ?y ?z } }",
    'SELECT * WHERE { ?s ?p "a\\"" SERVICE <EP> { ?x ?y ?z } } #"',
    "SELECT * WHERE { ?s ?p '''a''\\'''' SERVICE <EP> { ?x ?y ?z } }",
    # text no SPARQL token starts with: refused if "service" follows anywhere
    "SELECT * WHERE { \\u0053ERVICE <EP> { ?x ?y ?z } }",
    "\ufeffSELECT * WHERE { SERVICE <EP> { ?x ?y ?z } }",
]


@pytest.mark.parametrize("template", BYPASSES)
def test_hidden_service_is_refused_without_any_connection(
        template: str, ttl: Path, silent: SilentServer) -> None:
    sparql = template.replace("EP", f"http://127.0.0.1:{silent.port}/sparql")
    assert service_endpoints(sparql)
    result = runner.invoke(app, ["query", sparql, "--store", str(ttl), "--timeout", "10"])
    line = error_line(result)
    assert line.startswith("Error: SERVICE is off ("), line
    assert line.endswith("pass --allow-service to query remote endpoints")
    assert silent.accepted == []


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s ?p <http://x/service#frag> }",
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ?p <http://x/customer-service> . "
    "?s ex:service ?o }",
    "PREFIX svc: <http://x/service#> SELECT * WHERE { ?s svc:service ?o }",
    "SELECT * WHERE { VALUES ?v { 'SERVICE <http://h/> {}' } BIND('service' AS ?w) }",
    "SELECT * WHERE { ?s ?p '''it's ''SERVICE'' <x> {}''' }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<3) } # SERVICE <http://h/> {}",
    "PREFIX e-x.y: <http://e/> SELECT * WHERE { ?s ?p e-x.y:a\\.b\\'c%20 }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\#service ?o }",
])
def test_service_lookalikes_still_run(sparql: str) -> None:
    assert service_endpoints(sparql) == []
    check_query(sparql)


def test_rdflib_parser_is_a_second_check() -> None:
    from kg.rdf.sparql_guard import _parsed_service_endpoints

    sparql = ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { "
              "SERVICE SILENT <http://h/s> { ?a ?b ?c } } }")
    assert _parsed_service_endpoints(sparql) == ["http://h/s"]
    assert _parsed_service_endpoints("SELECT * WHERE { SERVICE ?e { ?a ?b ?c } }") == ["?e"]
    assert _parsed_service_endpoints("SELECT * WHERE { ?s ?p ?o }") == []
    assert _parsed_service_endpoints("not sparql") == []  # the lexical check decides

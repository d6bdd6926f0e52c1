"""Every ready query (kg/queries/*.rq), the README's query and the views answer the same on
a ``facts`` store as on a ``full`` one, when every statement reaches the views' threshold
(``facts`` keeps exactly those): the slim profile loses nothing they read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest
from rdf_fixtures import tariff_graph

from kg.analysis import entity_graph, stats
from kg.evaluate.facts import StatementView, read_statements
from kg.query import run_query
from kg.rdf.mapping import DETAILS
from kg.rdf.store import Store

REPO = Path(__file__).resolve().parents[1]
QUERIES = sorted((REPO / "kg" / "queries").glob("*.rq"))
README_QUERY = "SELECT ?name WHERE { ?e a kg:Person ; rdfs:label ?name }"


def _store(detail: str) -> Store:
    store = Store.memory()
    store.replace_article(tariff_graph("a1"), detail=detail)
    store.replace_article(tariff_graph("a2", "Other"), detail=detail)
    return store


def _rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    result = run_query(store, sparql)
    return sorted(tuple(str(v) for v in row) for row in result)


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {detail: _store(detail) for detail in DETAILS}


def test_there_are_ready_queries() -> None:
    assert len(QUERIES) >= 7


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_ready_query_answers_alike_on_both_profiles(path: Path, stores: dict[str, Store]) -> None:
    sparql = path.read_text(encoding="utf-8")
    facts, full = _rows(stores["facts"], sparql), _rows(stores["full"], sparql)
    assert facts, path.name  # each query finds something in the fixture
    assert facts == full


def test_readme_query_answers_alike(stores: dict[str, Store]) -> None:
    rows = _rows(stores["facts"], README_QUERY)
    assert ("Donald Trump",) in rows
    assert rows == _rows(stores["full"], README_QUERY)


def test_views_and_stats_alike_on_both_profiles(stores: dict[str, Store]) -> None:
    facts, full = entity_graph(stores["facts"]), entity_graph(stores["full"])
    assert dict(facts.nodes(data=True)) == dict(full.nodes(data=True))
    assert sorted(facts.edges(data=True, keys=True)) == sorted(full.edges(data=True, keys=True))
    assert facts.number_of_edges() > 0
    assert nx.utils.graphs_equal(facts, full)
    assert stats(stores["facts"]) == stats(stores["full"])


def _roleless(view: StatementView) -> StatementView:
    """``view`` with the subject's and object's roles blanked: ``facts`` leaves out a
    role that is its link's own name ("subject", "object")."""
    obj = None if view.object is None else dataclasses.replace(view.object, role="")
    return dataclasses.replace(view, subject=dataclasses.replace(view.subject, role=""),
                               object=obj)


def test_evaluation_reads_both_profiles_alike(stores: dict[str, Store]) -> None:
    facts = read_statements(stores["facts"].oxigraph)
    full = read_statements(stores["full"].oxigraph)
    assert len(facts) == 4
    assert [_roleless(v) for v in facts] == [_roleless(v) for v in full]
    assert [v.arguments for v in facts] == [v.arguments for v in full]  # in text order

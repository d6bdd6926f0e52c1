"""kg.analysis on a store: article names, and queries that never join across the
union default graph (Oxigraph's union repeats a triple once per article)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Literal
from views_fixtures import A1, A2, build_dataset, synthetic_dataset, to_store

from kg.analysis import entity_graph, stats
from kg.rdf.store import Store
from kg.rdf.vocab import ART, DCTERMS, SCHEMA, XSD


def test_article_name_is_headline_else_source_file_else_id_with_date() -> None:
    ds = build_dataset()
    for article in (A1, A2):
        ds.graph(ART[article]).remove((ART[article], SCHEMA.headline, None))
    ds.graph(ART[A1]).add((ART[A1], DCTERMS.source, Literal("examples/china-fentanyl.txt")))
    ds.graph(ART[A1]).add((ART[A1], SCHEMA.datePublished,
                           Literal("2025-03-13", datatype=XSD.date)))
    ds.graph(ART[A2]).add((ART[A2], SCHEMA.datePublished, Literal("2024-01-02", datatype=XSD.date)))
    graph = entity_graph(to_store(ds))
    assert graph.graph["articles"] == {A1: "", A2: ""}
    assert graph.graph["article_names"] == {
        A1: "china-fentanyl.txt (2025-03-13)",
        A2: f"{A2} (2024-01-02)",
    }


def test_headline_wins_over_source() -> None:
    ds = build_dataset()
    ds.graph(ART[A1]).add((ART[A1], DCTERMS.source, Literal("a/b.txt")))
    assert entity_graph(to_store(ds)).graph["article_names"][A1] == "Trump raises tariffs on China"


class Recording:
    """A pyoxigraph Store (which cannot be subclassed) that records the SPARQL it runs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.queries: list[str] = []

    def query(self, query: str, **kwargs: Any) -> Any:
        self.queries.append(query)
        return self.store.query(query, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


class RecordingStore(Store):
    """A kg Store whose readers go through :class:`Recording`."""

    def __init__(self, inner: ox.Store) -> None:
        super().__init__(inner)
        self.recording = Recording(inner)

    @property
    def oxigraph(self) -> Any:
        return self.recording


def test_store_queries_match_inside_one_named_graph() -> None:
    store = RecordingStore(to_store(synthetic_dataset(5, statements=10, entities=20)).oxigraph)
    stats(store)
    assert store.recording.queries
    for query in store.recording.queries:
        outside = _outside_graphs(query.split("WHERE", 1)[1])
        # no triple pattern outside GRAPH ?g { ... }: no IRI, prefixed name or "a"
        # (a UNION of two graph-scoped patterns is fine: each branch stays in its graph)
        assert ":" not in outside and " a " not in outside, (outside, query)


def _outside_graphs(text: str) -> str:
    """``text`` without its ``GRAPH ?var { ... }`` blocks and ``FILTER( ... )``s."""
    out = []
    i = 0
    while i < len(text):
        for opener, close in (("GRAPH ?", "}"), ("FILTER(", ")")):
            if text.startswith(opener, i):
                start = text.index("{", i) if close == "}" else i + len(opener) - 1
                depth, j = 0, start
                pair = "{" if close == "}" else "("
                while True:
                    depth += text[j] == pair
                    depth -= text[j] == close
                    j += 1
                    if depth == 0:
                        break
                i = j
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def test_entity_in_many_articles_counted_once_per_mention() -> None:
    ds = synthetic_dataset(30, statements=5, entities=10, dataset=Dataset(store="Oxigraph",
                                                                          default_union=True))
    graph = entity_graph(to_store(ds))
    assert sum(m for _, m in graph.nodes(data="mentions")) == 30 * 5 * 2
    assert sum(c for _, _, c in graph.edges(data="statements")) == 30 * 5

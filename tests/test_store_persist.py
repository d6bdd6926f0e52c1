"""The on-disk store: persistence, idempotent rebuilds, removal, errors, file sources."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_fixtures import tariff_graph
from rdflib import Literal

from kg.errors import StoreError
from kg.fsio import DiskFullError
from kg.query import run_query
from kg.rdf import iri
from kg.rdf.export import export
from kg.rdf.mapping import article_graph, article_triples
from kg.rdf.rdflib_terms import from_rdflib
from kg.rdf.store import ONTOLOGY_GRAPH, Store, open_source
from kg.rdf.vocab import KG, REL

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_store_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "store"
    with Store.open(path) as st:
        added = st.replace_article(tariff_graph())
        assert len(st) == added == len(article_graph(tariff_graph()))
    with Store.open(path) as st:
        assert len(st) == added
        assert st.article_ids() == ["example-tariffs"]
        assert st.article_graphs() == [iri.article_iri("example-tariffs").value]


def test_replace_article_is_idempotent() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        first = len(st)
        for _ in range(3):
            st.replace_article(tariff_graph())
        assert len(st) == first
        assert int(next(iter(run_query(st, COUNT)))[0]) == first


def test_rebuild_replaces_changed_content() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph(title="Old title"))
        st.replace_article(tariff_graph(title="New title"))
        titles = {str(r[0]) for r in run_query(st, "SELECT ?t WHERE { ?a schema:headline ?t }")}
        assert titles == {"New title"}
        assert len(st) == len(article_graph(tariff_graph()))


def test_dataset_holds_the_mapped_triples_and_run_query_gives_plain_strings() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        mapped = article_graph(tariff_graph())
        stored = st.dataset.graph(mapped.identifier)
        # the same RDF terms; the Dataset (oxrdflib) types plain strings xsd:string
        assert {tuple(map(from_rdflib, t)) for t in stored} == {
            tuple(map(from_rdflib, t)) for t in mapped}
        assert (None, None, Literal("China")) in stored
        # run_query gives them plain, as rdflib builds them
        rows = run_query(st, "SELECT ?l WHERE { ent:country\\/CN rdfs:label ?l }")
        assert [r[0] for r in rows] == [Literal("China")]
        rows = run_query(st.dataset, "SELECT ?l WHERE { ent:country\\/CN rdfs:label ?l }")
        assert [r[0] for r in rows] == [Literal("China")]


def test_closing_the_store_closes_its_dataset() -> None:
    st = Store.memory()
    dataset = st.dataset
    assert dataset is st.dataset
    st.close()
    with pytest.raises(ValueError, match="closed"):
        dataset.oxigraph  # noqa: B018


def test_articles_live_in_their_own_graphs() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph("a1"))
        st.replace_article(tariff_graph("a2"))
        assert st.article_ids() == ["a1", "a2"]
        assert st.remove_article("a1") is True
        assert st.remove_article("a1") is False
        assert st.article_ids() == ["a2"]
        assert len(st) == len(article_graph(tariff_graph("a2")))


def test_union_default_graph_for_queries() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph("a1"))
        st.replace_article(tariff_graph("a2"))
        rows = list(run_query(st, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Statement } }"))
        assert len(rows) == 2
        ask = run_query(st, "ASK { ent:person\\/donald-trump rel:increase ent:concept\\/tariff }")
        assert ask.askAnswer is True


def test_mapping_failure_leaves_previous_graph() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        before = set(st)
        good = tariff_graph()
        bad = dataclasses.replace(good.statements[0], relation=None)
        broken = dataclasses.replace(good, statements=[bad, *good.statements[1:]])
        with pytest.raises(AttributeError):
            st.replace_article(broken)
        assert set(st) == before


class _FailingWrites:
    """A pyoxigraph store whose writes fail, to simulate a full disk."""

    def __init__(self, inner: ox.Store, error: Exception | None = None) -> None:
        self._inner = inner
        self._error = error or OSError("No space left on device")

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def __iter__(self) -> object:
        return iter(self._inner)

    def extend(self, quads: object) -> None:
        raise self._error

    def update(self, update: str, **options: object) -> None:  # a rebuilt graph's write
        raise self._error


def test_write_failure_is_a_store_error_and_keeps_previous_graph() -> None:
    inner = ox.Store()
    Store(inner).replace_article(tariff_graph(title="Old"))
    before = set(inner)
    st = Store(_FailingWrites(inner))  # type: ignore[arg-type]
    with pytest.raises(DiskFullError, match=r"^disk full \(:memory:\); free space or pass"):
        st.replace_article(tariff_graph(title="New"))
    assert set(inner) == before
    st = Store(_FailingWrites(inner, OSError("IO error: checksum mismatch")))  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot write store"):
        st.replace_article(tariff_graph(title="New"))
    assert set(inner) == before


def test_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "graph.ttl"
    file.write_text("")
    with pytest.raises(StoreError) as err:
        Store.open(file)
    assert str(err.value).startswith(f"store path is a file ({file}); ")


def test_store_open_twice_is_refused_until_closed(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "s")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "s")
    message = str(err.value)
    assert message.startswith(f"store is locked, already open elsewhere ({tmp_path / 's'}); ")
    first.close()
    Store.open(tmp_path / "s").close()


def test_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert str(err.value) == (
        f"folder is not a kg store ({tmp_path}); pass the store folder (e.g. output/store) "
        "or a new or empty folder"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreError, match=r"^no store at \("):
        Store.open(empty, create=False)
    Store.open(empty).close()
    Store.open(empty, create=False).close()


def test_corrupt_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    path.mkdir()
    (path / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match=r"^cannot open store \("):
        Store.open(path)


def test_closed_store_says_so() -> None:
    st = Store.memory()
    st.close()
    with pytest.raises(StoreError, match="store is closed"):
        st.dataset  # noqa: B018


def test_ontology_graph_is_optional_and_separate() -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        n = st.add_ontology()
        assert n > 100
        assert st.article_ids() == ["example-tariffs"]
        label = run_query(st, "SELECT ?l WHERE { kg:Statement rdfs:label ?l }")
        assert [str(r[0]) for r in label] == ["Statement"]
        st.add_ontology()
        assert len(st) == n + len(article_graph(tariff_graph()))
        assert ONTOLOGY_GRAPH.value == str(KG).rstrip("#")


@pytest.mark.parametrize("fmt,suffix", [("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"),
                                        ("ntriples", "nt"), ("jsonld", "jsonld")])
def test_open_source_reads_exported_files(tmp_path: Path, fmt: str, suffix: str) -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        export(st.dataset, fmt, tmp_path / f"g.{suffix}")
    with open_source(tmp_path / f"g.{suffix}") as ds:
        rows = list(run_query(ds, "SELECT ?o WHERE { ?s rel:increase ?o }"))
        assert [str(r[0]) for r in rows] == [iri.entity_iri("concept/tariff").value]
        assert (None, REL["increase"], None) in ds.dataset


def test_turtle_file_converts_to_other_formats_unchanged(tmp_path: Path) -> None:
    with Store.memory() as st:
        st.replace_article(tariff_graph())
        export(st.dataset, "turtle", tmp_path / "g.ttl")
        export(st.dataset, "ntriples", tmp_path / "g.nt")
    ds = open_source(tmp_path / "g.ttl")
    assert export(ds, "ntriples") == (tmp_path / "g.nt").read_text(encoding="utf-8")
    assert export(ds, "nquads") == (tmp_path / "g.nt").read_text(encoding="utf-8")
    assert export(ds, "turtle") == (tmp_path / "g.ttl").read_text(encoding="utf-8")


def test_open_source_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"^no store or RDF file at \("):
        open_source(tmp_path / "nope.ttl")
    bad = tmp_path / "g.xml"
    bad.write_text("<rdf/>")
    with pytest.raises(Exception, match=r"^unknown RDF file type \(\.xml\); use one of: "):
        open_source(bad)
    broken = tmp_path / "g.ttl"
    broken.write_text("<a> <b> .")
    with pytest.raises(StoreError, match=r"^cannot parse RDF file \("):
        open_source(broken)


def test_store_holds_exactly_the_mapped_triples() -> None:
    g = tariff_graph()
    with Store.memory() as st:
        st.replace_article(dataclasses.replace(g))
        name = iri.article_iri(g.article.id)
        expected = {ox.Quad(s, p, o, name) for s, p, o in article_triples(g)}
        assert set(st) == expected


def test_store_reopens_after_queries_on_it_and_on_its_dataset(tmp_path: Path) -> None:
    """Closing releases the database (and its lock) even after kg.query.run_query, whose
    SPARQL check leaves reference cycles through the caller's frames."""
    path = tmp_path / "store"
    with Store.open(path) as st:
        st.replace_article(tariff_graph())
    for view in (lambda st: st, lambda st: st.dataset):
        with Store.open(path) as st:
            assert run_query(view(st), "ASK { ?s a kg:Statement }").askAnswer is True
        with Store.open(path, read_only=True) as st:
            assert len(st) > 0

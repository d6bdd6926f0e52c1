"""Exports parse back in rdflib and pyoxigraph, keep graphs where asked, and are stable."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_fixtures import tariff_graph
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import FormatError
from kg.rdf.export import FORMATS, export, serialize
from kg.rdf.mapping import article_graph
from kg.rdf.store import Store, oxigraph_of

RDFLIB_NAMES = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt",
                "jsonld": "json-ld"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
              "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD}


def _store(*ids: str) -> Store:
    st = Store.memory()
    for article_id in ids:
        st.replace_article(tariff_graph(article_id))
    return st


def _expected_union(*ids: str) -> Graph:
    union = Graph()
    for article_id in ids:
        union += article_graph(tariff_graph(article_id))
    return union


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_parses_back_in_rdflib_and_oxigraph(fmt: str) -> None:
    ids = ("a1", "a2")
    text = serialize(_store(*ids).dataset, fmt)
    expected = _expected_union(*ids)
    keeps_graphs = FORMATS[fmt][1]

    quads = list(ox.parse(text.encode("utf-8"), format=OX_FORMATS[fmt]))
    back = Dataset()
    back.parse(data=text, format=RDFLIB_NAMES[fmt])
    union = Graph()
    for s, p, o, _g in back.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, expected)
    if keeps_graphs:
        per_graph = sum(len(article_graph(tariff_graph(i))) for i in ids)
        assert len(quads) == per_graph
        assert {str(q.graph_name.value) for q in quads} == {
            str(article_graph(tariff_graph(i)).identifier) for i in ids}
    else:
        assert len(quads) == len(expected) == len(union)
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_is_byte_identical_from_fresh_stores(fmt: str, tmp_path: Path) -> None:
    first = serialize(_store("b", "a").dataset, fmt)
    second = serialize(_store("a", "b").dataset, fmt)
    assert first == second
    with Store.open(tmp_path / "s") as st:
        st.replace_article(tariff_graph("a"))
        st.replace_article(tariff_graph("b"))
    with Store.open(tmp_path / "s") as st:
        assert serialize(st.dataset, fmt) == first


def test_nquads_come_graph_by_graph_each_line_sorted() -> None:
    lines = serialize(_store("a1", "a2").dataset, "nquads").splitlines()
    graphs = [line.rsplit(" ", 2)[-2] for line in lines]
    order = list(dict.fromkeys(graphs))
    assert order == sorted(order) and len(order) == 2  # one run per graph, in name order
    for graph in order:
        own = [line for line, g in zip(lines, graphs, strict=True) if g == graph]
        assert own == sorted(own)
    assert len(lines) == len(set(lines))


def test_ntriples_hold_the_union_each_triple_once() -> None:
    st = _store("a1", "a2")
    lines = serialize(st.dataset, "ntriples").splitlines()
    union = {str(q.triple) + " ." for q in oxigraph_of(st)}
    assert len(lines) == len(set(lines)) and set(lines) == union


def test_export_writes_path_stream_or_returns_text(tmp_path: Path) -> None:
    st = _store("a1")
    path = tmp_path / "out" / "graph.ttl"
    assert export(st.dataset, "turtle", path) is None
    stream = io.StringIO()
    export(st, "turtle", stream)
    assert path.read_text(encoding="utf-8") == stream.getvalue() == export(st.dataset, "turtle")


def test_export_of_a_plain_graph_and_a_memory_dataset() -> None:
    g = article_graph(tariff_graph())
    from_graph = serialize(g, "ntriples")
    ds = Dataset()
    ds.graph(g.identifier).__iadd__(g)
    assert serialize(ds, "ntriples") == from_graph == serialize(_store("example-tariffs"),
                                                                "ntriples")


def test_unknown_format_message() -> None:
    with pytest.raises(FormatError) as err:
        export(_store("a1").dataset, "xml", None)
    assert str(err.value) == (
        "unknown export format (xml); use one of: turtle, trig, nquads, ntriples, jsonld"
    )


def test_export_is_identical_across_processes(tmp_path: Path) -> None:
    """Different interpreter runs (hash seeds, Rust hash maps) write the same bytes."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from rdf_fixtures import tariff_graph\n"
        "from kg.rdf.store import Store\n"
        "from kg.rdf.export import serialize\n"
        "st = Store.memory()\n"
        "st.replace_article(tariff_graph('a')); st.replace_article(tariff_graph('b'))\n"
        "sys.stdout.write(''.join(serialize(st, f) for f in "
        "('turtle', 'trig', 'nquads', 'ntriples', 'jsonld')))\n"
    )
    repo = Path(__file__).resolve().parents[1]
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env,
                              capture_output=True, text=True, check=True)
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith("@prefix")


def test_graphs_read_ahead_keep_natural_order_and_stop_when_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Graphs are read by a thread a few ahead of the writer: more graphs than the
    read-ahead still come out whole, in natural order of name, and a consumer that
    stops early (a failed write) leaves no reader thread behind."""
    import threading

    import kg.rdf.export as export_module

    monkeypatch.setattr(export_module, "READ_AHEAD", 2)
    ids = [f"a{n}" for n in range(1, 13)]
    st = _store(*ids)
    store = oxigraph_of(st)
    names = [name for name, _ in export_module._graphs(store)][1:]
    assert [name.rsplit("/", 1)[-1].rstrip(">") for name in names] == ids  # a2 before a10
    for name, found in export_module._graphs(store):
        if name:
            graph = ox.NamedNode(name[1:-1])
            assert sorted(found) == sorted(
                str(q.triple) + " ." for q in store.quads_for_pattern(None, None, None, graph))
    graphs = export_module._graphs(store)
    next(graphs), next(graphs), next(graphs)
    graphs.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("kg-export-read")]

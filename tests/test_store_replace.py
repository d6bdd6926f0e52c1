"""Replacing a named graph (issue 10 §4): the graph ends holding exactly the new quads,
whatever the old ones were (new graph, changed triples, blank nodes, hostile literals),
in a store on disk that reopens with the same content. That each replacement is one
transaction, never visible half-done, is checked with killed builds in
tests/test_kill_build.py."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.rdf.store import Store

G = ox.NamedNode("https://w3id.org/kg/id/article/a1")
P = ox.NamedNode("http://example.org/p")

#: Literals whose N-Triples form needs escapes (the update text carries them as such).
HOSTILE = ["a\\u0041b", 'q"uote', "line\nbreak\r\ttab", "back\\slash\\", "ünï €𝄞",
           "\x00\x01\x7f", "} } ; DROP ALL ;", "\\U0001F600"]


def quads(values: list[str], graph: ox.NamedNode = G) -> set[ox.Quad]:
    return {ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), P, ox.Literal(v), graph)
            for i, v in enumerate(values)}


def graph_of(store: Store, graph: ox.NamedNode = G) -> set[ox.Quad]:
    return set(store.oxigraph.quads_for_pattern(None, None, None, graph))


def test_a_changed_graph_holds_exactly_the_new_quads(tmp_path: Path) -> None:
    other = ox.NamedNode("https://w3id.org/kg/id/article/a2")
    with Store.open(tmp_path / "store") as st:
        st.replace_graph(other, quads(["kept apart"], other))
        st.replace_graph(G, quads(["one", "two", "three"]))
        assert graph_of(st) == quads(["one", "two", "three"])
        st.replace_graph(G, quads(["one", "2", "three", "four"]))  # stale, kept and added
        assert graph_of(st) == quads(["one", "2", "three", "four"])
        st.replace_graph(G, quads(["one"]))  # only deletions
        assert graph_of(st) == quads(["one"])
        st.replace_graph(G, quads(["one"]))  # nothing changes
        assert graph_of(st) == quads(["one"])
    with Store.open(tmp_path / "store", read_only=True) as st:
        assert graph_of(st) == quads(["one"])
        assert graph_of(st, other) == quads(["kept apart"], other)


def test_hostile_literals_are_deleted_and_inserted_exactly() -> None:
    with Store.memory() as st:
        st.replace_graph(G, quads(HOSTILE))
        assert graph_of(st) == quads(HOSTILE)
        changed = [*HOSTILE[1:], "new"]  # every old triple is stale (the subjects shift)
        st.replace_graph(G, quads(changed))
        assert graph_of(st) == quads(changed)


def test_stale_blank_nodes_are_replaced_too() -> None:
    blank = ox.BlankNode("b1")
    with Store.memory() as st:
        st.replace_graph(G, {ox.Quad(blank, P, ox.Literal("x"), G), *quads(["a"])})
        st.replace_graph(G, quads(["a", "b"]))
        assert graph_of(st) == quads(["a", "b"])


def test_a_closed_store_keeps_no_obsolete_write_ahead_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st:
        st.replace_graph(G, quads([f"value {i}" for i in range(5000)]))
    assert sum(p.stat().st_size for p in (tmp_path / "store").glob("*.log")) == 0
    with Store.open(tmp_path / "store", read_only=True) as st:
        assert len(graph_of(st)) == 5000

"""Bulk writes (issue 10 §3, "fresh stores load through Oxigraph's bulk path"): inside
:meth:`Store.bulk` new graphs wait and are written in one atomic ingest; the store
ends holding exactly what writing them one by one gives, whatever mix of new,
replaced and repeated graphs comes in. Kill -9 of real builds: tests/test_kill_build.py."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.store import Store

P = ox.NamedNode("http://example.org/p")


def graph(n: int) -> ox.NamedNode:
    return ox.NamedNode(f"https://w3id.org/kg/id/article/a{n}")


def quads(g: ox.NamedNode, values: list[str]) -> set[ox.Quad]:
    return {ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), P, ox.Literal(v), g)
            for i, v in enumerate(values)}


def content(st: Store) -> set[ox.Quad]:
    return set(st.oxigraph)


def test_new_graphs_wait_for_one_ingest_then_all_are_visible(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st:
        with st.bulk(quads=1000):
            st.replace_graph(graph(1), quads(graph(1), ["x", "y"]))
            st.replace_graph(graph(2), quads(graph(2), ["z"]))
            assert len(st) == 0  # waiting: nothing half-written is visible
        assert content(st) == quads(graph(1), ["x", "y"]) | quads(graph(2), ["z"])
    with Store.open(tmp_path / "store", read_only=True) as st:
        assert len(st) == 3


def settled(st: Store, expected: int, before: int = 0) -> int:
    """The store's size once the background ingest that should bring it from ``before``
    to ``expected`` is done (polled; every size seen on the way is one of the two: an
    ingest is all or nothing)."""
    for _ in range(400):
        seen = len(st)
        assert seen in (before, expected)
        if seen == expected:
            break
        time.sleep(0.05)
    return seen


def test_a_full_batch_is_written_before_the_end(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st, st.bulk(quads=3):
        st.replace_graph(graph(1), quads(graph(1), ["a", "b"]))
        assert len(st) == 0
        st.replace_graph(graph(2), quads(graph(2), ["c"]))  # 3 waiting: ingested
        assert settled(st, 3) == 3
        st.replace_graph(graph(3), quads(graph(3), ["d"]))
        assert len(st) == 3


@pytest.mark.parametrize("size", [None, 1, 2])
def test_replaced_and_repeated_graphs_end_as_written_one_by_one(
    tmp_path: Path, size: int | None
) -> None:
    """Also when a graph comes again while its first version is still being ingested
    in the background (``size`` 1: every graph starts an ingest)."""
    steps = [(1, ["a", "b"]), (2, ["c"]), (1, ["a", "B"]), (3, []), (2, ["c"]), (3, ["e"])]
    with Store.open(tmp_path / "one") as one:
        one.replace_graph(graph(1), quads(graph(1), ["old"]))
        for n, values in steps:
            one.replace_graph(graph(n), quads(graph(n), values))
        expected = content(one)
    with Store.open(tmp_path / "bulk") as st:
        st.replace_graph(graph(1), quads(graph(1), ["old"]))  # stored before: replaced
        with st.bulk(quads=size):
            for n, values in steps:
                st.replace_graph(graph(n), quads(graph(n), values))
        assert content(st) == expected


def test_what_waits_is_written_when_the_caller_stops(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st:
        with pytest.raises(KeyboardInterrupt), st.bulk():
            st.replace_graph(graph(1), quads(graph(1), ["kept"]))
            raise KeyboardInterrupt
        assert content(st) == quads(graph(1), ["kept"])
        st.replace_graph(graph(2), quads(graph(2), ["after"]))  # outside: written at once
        assert len(st) == 2


def test_a_memory_store_writes_at_once() -> None:
    with Store.memory() as st, st.bulk():
        st.replace_graph(graph(1), quads(graph(1), ["x"]))
        assert len(st) == 1


def test_files_of_an_interrupted_ingest_are_removed_on_open(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st:
        st.replace_graph(graph(1), quads(graph(1), ["x"]))
    stray = tmp_path / "store" / "bulk-123456789.sst"  # what a killed bulk_extend leaves
    stray.write_bytes(b"partial")
    with Store.open(tmp_path / "store") as st:
        assert content(st) == quads(graph(1), ["x"])
    assert not stray.exists()


def test_what_waits_is_ingested_early_once_a_bulk_has_ingested(tmp_path: Path) -> None:
    """A build near its end asks for the ingest of what waits (``ingest_waiting``):
    once this bulk has ingested, those graphs arrive whole while later ones keep
    waiting. Before its first ingest (a build small enough for one) the request is
    ignored, so the build stays one ingest; outside a bulk it does nothing."""
    with Store.open(tmp_path / "store") as st:
        st.ingest_waiting()
        with st.bulk(quads=3):
            st.replace_graph(graph(1), quads(graph(1), ["a"]))
            st.ingest_waiting()  # no ingest yet: nothing is started
            assert len(st) == 0
            st.replace_graph(graph(2), quads(graph(2), ["b", "c"]))  # 3 wait: ingest
            assert settled(st, 3) == 3
            st.replace_graph(graph(3), quads(graph(3), ["d"]))
            st.ingest_waiting()
            assert settled(st, 4, before=3) == 4
            st.replace_graph(graph(4), quads(graph(4), ["e"]))
            assert len(st) == 4
        assert content(st) == (quads(graph(1), ["a"]) | quads(graph(2), ["b", "c"])
                               | quads(graph(3), ["d"]) | quads(graph(4), ["e"]))

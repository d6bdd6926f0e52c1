"""A build may write the store while ``kg serve`` serves it (issue 11, section 1).

The server reads a snapshot of the store (hard-linked table files, see
kg/serve/snapshot.py), so a writer can open the store at any time. Readers see the
store as it was until the writer closes it; within a few seconds after, they see the
new state; never a half-written one. A real ``kg build`` of the example article into
the served store shows the same. The snapshots are gone when the server stops.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from rdf_fixtures import tariff_graph
from serve_server import Server, small_store
from spacy.language import Language
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.store import Store

IDS = "SELECT DISTINCT ?id WHERE { ?a a kg:Article ; dcterms:identifier ?id } ORDER BY ?id"


def served_ids(server: Server) -> list[str]:
    response = httpx.get(server.sparql, params={"query": IDS}, timeout=30)
    assert response.status_code == 200, response.text
    return [b["id"]["value"] for b in response.json()["results"]["bindings"]]


def wait_for(server: Server, expected: list[str], seconds: float = 30) -> list[str]:
    deadline = time.monotonic() + seconds
    while (ids := served_ids(server)) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return ids


def snapshots(tmpdir: Path) -> set[str]:
    """The server's snapshot folders in its own temporary folder (other servers running
    on the machine at the same time keep theirs elsewhere)."""
    return {p.name for p in tmpdir.glob("kg-serve-*")}


def test_writer_while_serving_then_refresh(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    tmpdir = tmp_path / "tmp"
    with Server(store, tmpdir=tmpdir) as server:
        assert snapshots(tmpdir)  # the served snapshot lives there
        assert served_ids(server) == ["a1", "a2"]
        with Store.open(store) as writer:  # the lock no longer keeps a writer out
            writer.replace_article(tariff_graph("a3", title="Title a3"))
            writer.remove_article("a1")
            for _ in range(5):  # meanwhile: the state at the last snapshot, and answers
                assert served_ids(server) == ["a1", "a2"]
                time.sleep(0.3)
        assert wait_for(server, ["a2", "a3"]) == ["a2", "a3"]
        with Store.open(store) as writer:  # and again
            writer.replace_article(tariff_graph("a4", title="Title a4"))
        assert wait_for(server, ["a2", "a3", "a4"]) == ["a2", "a3", "a4"]
    assert snapshots(tmpdir) == set()
    with Store.open(store, read_only=True) as st:
        assert st.article_ids() == ["a2", "a3", "a4"]


def test_kg_build_into_the_served_store(tmp_path: Path, example_path: Path,
                                        nlp: Language) -> None:
    store = small_store(tmp_path / "store", ids=("a1",))
    seen: list[list[str]] = []
    with Server(store) as server:
        stop = threading.Event()

        def reader() -> None:
            while not stop.is_set():
                seen.append(served_ids(server))
                time.sleep(0.05)

        thread = threading.Thread(target=reader)
        thread.start()
        try:
            result = CliRunner().invoke(app, ["build", str(example_path), "--store", str(store),
                                              "--out", str(tmp_path / "out"), "--quiet",
                                              "--no-html", "--no-exports"])
        finally:
            stop.set()
            thread.join()
        assert result.exit_code == 0, result.output
        with Store.open(store, read_only=True) as st:  # a reader beside the server, too
            built = st.article_ids()
        assert len(built) == 2 and "a1" in built
        assert wait_for(server, built) == built
    assert seen, "no query ran during the build"
    # every answer during the build was a whole state: before it, or after it
    assert {tuple(ids) for ids in seen} <= {("a1",), tuple(built)}

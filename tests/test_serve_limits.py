"""``kg serve`` stops runaway queries for real and serves 20 clients at once (issue 11).

A cartesian product query runs past ``--timeout``: the client gets 503, the worker
process that ran it is gone (SIGKILL), no process of the server keeps a core busy,
and the next query is answered. Twenty clients querying at once all get correct
answers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil
import pytest
from serve_server import Server, small_store

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
IDS = "SELECT ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = small_store(tmp_path_factory.mktemp("limits") / "store")
    with Server(store, "--timeout", "2", "--workers", "2") as running:
        yield running


def processes(server: Server) -> list[psutil.Process]:
    return psutil.Process(server.process.pid).children(recursive=True)


def busy(server: Server, seconds: float = 1.0) -> list[tuple[int, float]]:
    """(pid, CPU %) of the server's processes using more than a fifth of a core."""
    procs = [psutil.Process(server.process.pid), *processes(server)]
    for proc in procs:
        proc.cpu_percent(None)
    time.sleep(seconds)
    out = []
    for proc in procs:
        try:
            used = proc.cpu_percent(None)
        except psutil.NoSuchProcess:
            continue
        if used > 20:
            out.append((proc.pid, used))
    return out


def test_timeout_kills_the_query(server: Server) -> None:
    before = {p.pid for p in processes(server)}
    started = time.monotonic()
    response = httpx.post(server.sparql, data={"query": ENDLESS}, timeout=60)
    assert response.status_code == 503
    assert response.text.startswith("query timed out after 2 s (--timeout 2); its worker "
                                    "was stopped")
    assert time.monotonic() - started < 30  # it did not run on to its end
    gone = before - {p.pid for p in processes(server) if p.is_running()}
    assert len(gone) == 1  # the worker that ran it was killed ...
    (pid,) = gone
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert busy(server) == []  # ... and nothing keeps a core busy
    answer = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert answer.json()["boolean"] is True  # a fresh worker answers


def test_two_runaways_at_once_and_a_normal_query_after(server: Server) -> None:
    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(
            lambda _: httpx.post(server.sparql, data={"query": ENDLESS}, timeout=60).status_code,
            range(2)))
    assert codes == [503, 503]
    assert busy(server) == []
    rows = httpx.get(server.sparql, params={"query": IDS}, timeout=30).json()
    assert [b["id"]["value"] for b in rows["results"]["bindings"]] == ["a1", "a2"]


def test_twenty_concurrent_clients(server: Server) -> None:
    def client(i: int) -> list[str]:
        with httpx.Client(timeout=60) as http:
            out = []
            for _ in range(5):
                if i % 2:
                    response = http.post(server.sparql, data={"query": IDS},
                                         headers={"Accept": "text/csv"})
                    out.append(response.text.replace("\r\n", " ").strip())
                else:
                    response = http.get(server.sparql, params={"query": IDS})
                    bindings = response.json()["results"]["bindings"]
                    out.append("id " + " ".join(b["id"]["value"] for b in bindings))
                assert response.status_code == 200, response.text
            return out

    with ThreadPoolExecutor(20) as pool:
        answers = [a for result in pool.map(client, range(20)) for a in result]
    assert answers == ["id a1 a2"] * 100


def test_memory_limit_kills_the_query(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?l ?c"
    with Server(store, "--timeout", "120", "--max-memory", "300", "--workers", "1") as server:
        response = httpx.post(server.sparql, data={"query": hungry}, timeout=180)
        assert response.status_code == 503
        assert response.text.startswith("query used too much memory (over 300 MB, "
                                        "--max-memory 300); its worker was stopped")
        assert busy(server) == []
        answer = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        assert answer.json()["boolean"] is True

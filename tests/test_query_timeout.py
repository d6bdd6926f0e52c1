"""`kg query` stops: at --timeout, at --max-memory and on Ctrl-C, with the store intact
(issue 7, item 5). The query is a 4-way cartesian product over the example store,
which would otherwise run for days and grow without bound."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_checks import error_line
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.rdf.export import export
from kg.rdf.sparql import run_bounded
from kg.rdf.store import Store

runner = CliRunner()
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMED_OUT = ("Error: query timed out after 2 s (--timeout 2); narrow the query "
             "(LIMIT, more specific patterns) or raise --timeout")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    out = tmp_path_factory.mktemp("timeout")
    result = runner.invoke(app, ["build", str(example_path), "--out", str(out), "--quiet",
                                 "--no-html", "--no-exports"])
    assert result.exit_code == 0, result.output
    return out / "store"


def fingerprint(store: Path) -> str:
    """A digest of the store's sorted N-Quads (opening it also proves it is not locked)."""
    path = store.parent / "fingerprint.nq"
    with Store.open(store, create=False) as st:
        export(st.dataset, "nquads", path)
    return hashlib.sha256(path.read_bytes()).hexdigest()




def test_timeout_stops_the_query_and_keeps_the_store(store: Path) -> None:
    before = fingerprint(store)
    started = time.monotonic()
    result = runner.invoke(app, ["query", ENDLESS, "--timeout", "2", "--store", str(store)])
    elapsed = time.monotonic() - started
    assert error_line(result) == TIMED_OUT
    assert elapsed < 30
    assert fingerprint(store) == before


def test_small_query_within_the_timeout(store: Path) -> None:
    result = runner.invoke(app, ["query", "ASK { ?s a kg:Article }", "--timeout", "30",
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


def test_memory_limit_stops_the_query(store: Path) -> None:
    result = runner.invoke(app, ["query", ENDLESS, "--timeout", "60", "--max-memory", "400",
                                 "--store", str(store)])
    assert error_line(result) == (
        "Error: query used too much memory (over 400 MB, --max-memory 400); narrow the "
        "query (LIMIT, more specific patterns) or raise --max-memory"
    )


def test_negative_timeout_is_refused(store: Path) -> None:
    result = runner.invoke(app, ["query", "ASK {}", "--timeout", "-1", "--store", str(store)])
    assert error_line(result) == (
        "Error: timeout must be 0 or more seconds (-1); pass --timeout 0 for no limit")


def test_library_timeout_on_an_open_store(store: Path) -> None:
    with Store.open(store, create=False) as st:
        with pytest.raises(QueryError, match=r"^query timed out after 1 s \(--timeout 1\)"):
            run_bounded(st, ENDLESS, timeout=1)
        assert len(st) > 0  # the parent's store is untouched and still usable


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_ctrl_c_stops_at_once(store: Path) -> None:
    before = fingerprint(store)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "query", ENDLESS, "--timeout", "0",
         "--max-memory", "0", "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # a shell's background jobs ignore SIGINT; a user's terminal does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not _children(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert workers, "the query process never started"
        time.sleep(1)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
        stopped = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            for pid in _children(proc.pid):
                os.kill(pid, signal.SIGKILL)
            proc.kill()
            proc.wait()
    assert proc.returncode == 1
    assert err == "Error: query interrupted (Ctrl-C); the store is unchanged\n"
    assert stopped < 10
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert fingerprint(store) == before


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killed_command_leaves_no_query_running(store: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "query", ENDLESS, "--timeout", "0",
         "--max-memory", "0", "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.kill()
    proc.wait()
    assert workers
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in workers:  # gone, or at most a zombie waiting for init to reap it
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().split()[2] == "Z"

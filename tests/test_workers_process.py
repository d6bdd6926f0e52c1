"""Worker processes: results in input order from a bounded window, option errors as one
line, and Ctrl-C stopping a real parallel build cleanly (no traceback, no process left)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Article
from kg.workers import batches, ordered

REPO = Path(__file__).resolve().parents[1]
TUNE = REPO / "benchmarks" / "news" / "texts" / "tune"


def test_ordered_keeps_input_order_and_a_bounded_window() -> None:
    """Later batches finishing first still come out in input order, and no more than
    ``window`` batches are ever submitted and not yet consumed."""
    articles = [Article(f"a{i}", f"text {i}") for i in range(20)]  # batches of 3: 7
    out: list[tuple[str, str]] = []
    ahead: list[int] = []

    def work(batch: list[Article]) -> list[str]:
        time.sleep(0.2 if batch[0].id == "a0" else 0.01)  # the first batch ends last
        return [a.id.upper() for a in batch]

    with ThreadPoolExecutor(4) as pool:
        submitted = 0

        def submit(batch: list[Article]) -> Future[list[str]]:
            nonlocal submitted
            submitted += 1
            ahead.append(submitted - len(out) // 3)  # batches submitted, not consumed
            return pool.submit(work, batch)

        for article, result in ordered(batches(articles, 3), submit, window=3):
            out.append((article.id, result))
    assert out == [(a.id, a.id.upper()) for a in articles]
    assert submitted == 7 and max(ahead) == 3


def test_bad_worker_options_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Donald Trump spoke on Monday.\n")
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out",
                                 str(tmp_path / "o"), "--workers", "-1"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --workers must be 0 or more (-1); e.g. --workers 2"
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out",
                                 str(tmp_path / "o"), "--batch-size", "0"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: --batch-size must be positive (0); e.g. --batch-size 16 (the default)"
    )
    assert not (tmp_path / "o" / "store").exists()


def _busy_parallel_build(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[psutil.Process]]:
    """A real ``kg build --workers 2`` in its own session, once both workers parse."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(TUNE.glob("*.txt"))]
    for i in range(240):  # 240 articles in batches of 2: the workers stay busy a while
        (corpus / f"{i:03d}.txt").write_text(f"Story {i}\n\n{texts[i % len(texts)]}")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "build", str(corpus),
         "--out", str(tmp_path / "out"), "--no-html", "--no-exports", "--quiet",
         "--workers", "2", "--batch-size", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )
    parent = psutil.Process(proc.pid)
    children: list[psutil.Process] = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        # the workers (forked from the build, or spawned), not multiprocessing's tracker
        children = [c for c in parent.children(recursive=True)
                    if "resource_tracker" not in " ".join(c.cmdline())]
        busy = [c for c in children if c.cpu_times().user > 0.5]  # parsing (forked: no load)
        if len(busy) >= 2:
            break
        time.sleep(0.5)
    assert proc.poll() is None and len(children) >= 2, "the build ended too early"
    return proc, children


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_ctrl_c_stops_a_parallel_build_cleanly(tmp_path: Path) -> None:
    """SIGINT to the build's process group (what a terminal's Ctrl-C sends) while two
    workers parse: exit 130 with the one-line message, no traceback, no worker left."""
    proc, children = _busy_parallel_build(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    text = err.decode()
    assert "Traceback" not in text
    assert text.strip().splitlines()[-1].startswith("Error: interrupted (Ctrl-C)")
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    """``kill -9`` of the build (the writer): its workers notice and exit, none is left
    waiting for tasks."""
    proc, children = _busy_parallel_build(tmp_path)
    proc.kill()
    proc.communicate(timeout=30)
    gone, alive = psutil.wait_procs(children, timeout=30)
    for p in alive:
        p.kill()
    assert not alive

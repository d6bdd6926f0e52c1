"""Building into a SPARQL server (``--store http://...``) against the embedded store.

    python benchmarks/scale_remote.py [--articles 100] [--repeats 3]

Generates the corpus (``benchmarks/scale.py``), then, ``--repeats`` times and
alternating the two so load from other jobs hits both alike:

* **build**: a whole ``kg build DIR --quiet --no-html --no-exports`` process into a fresh
  local store folder, and into a fresh ``oxigraph serve`` on 127.0.0.1 (started before
  the clock starts, stopped after);
* **re-run**: the same command again (every article unchanged, kept: the build keys
  are read with one query);
* **writes only**: the built article graphs replaced into a fresh store of each kind
  (``Store.replace_graph`` / ``RemoteStore.replace_graph``), no parsing: the store's own
  share of a build;
* **export**: N-Quads of the whole store (``kg.rdf.export``; one GSP GET per graph on
  the server).

Prints one Markdown table of medians, and checks both stores export the same N-Quads.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scale import make_corpus  # noqa: E402

from kg.rdf.export import serialize  # noqa: E402
from kg.rdf.remote import RemoteStore  # noqa: E402
from kg.rdf.store import Store  # noqa: E402


@contextlib.contextmanager
def server(location: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free port of 127.0.0.1 until the block ends."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = shutil.which("oxigraph")
    assert exe, "pip install oxigraph"
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.post(f"{url}/query", content=b"ASK {}", headers={
                        "Content-Type": "application/sparql-query"}).status_code == 200:
                    break
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def kg_build(corpus: Path, out: Path, store: str) -> float:
    """Seconds of one ``kg build`` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
                    "--store", store, "--quiet", "--no-html", "--no-exports"], check=True)
    return time.perf_counter() - start


def timed(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def write_all(store: Store, graphs: dict[str, set[ox.Quad]]) -> None:
    for name, quads in graphs.items():
        store.replace_graph(ox.NamedNode(name), quads)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    times: dict[tuple[str, str], list[float]] = {}

    def note(step: str, kind: str, seconds: float) -> None:
        times.setdefault((step, kind), []).append(seconds)

    with tempfile.TemporaryDirectory(prefix="kg-remote-") as tmp:
        root = Path(tmp)
        n, words = make_corpus(root / "corpus", args.articles)
        graphs: dict[str, set[ox.Quad]] = {}
        for repeat in range(args.repeats):
            for kind in ("embedded", "server") if repeat % 2 == 0 else ("server", "embedded"):
                out = root / f"{kind}-{repeat}"
                if kind == "embedded":
                    store = str(out / "store")
                    note("build", kind, kg_build(root / "corpus", out, store))
                    note("re-run (unchanged)", kind, kg_build(root / "corpus", out, store))
                    with Store.open(store, read_only=True) as st:
                        note("export N-Quads", kind, timed(serialize, st, "nquads"))
                        if not graphs:
                            graphs = {g: set(st.oxigraph.quads_for_pattern(
                                None, None, None, ox.NamedNode(g))) for g in st.article_graphs()}
                            local_nq = serialize(st, "nquads")
                    with Store.open(root / f"writes-{repeat}") as st:
                        note("writes only", kind, timed(write_all, st, graphs))
                    continue
                with server(root / f"oxigraph-{repeat}") as url:
                    note("build", kind, kg_build(root / "corpus", out, url))
                    note("re-run (unchanged)", kind, kg_build(root / "corpus", out, url))
                    with RemoteStore.connect(url, read_only=True) as st:
                        note("export N-Quads", kind, timed(serialize, st, "nquads"))
                        remote_nq = serialize(st, "nquads")
                with server(root / f"oxigraph-writes-{repeat}") as url, \
                        RemoteStore.connect(url) as st:
                    note("writes only", kind, timed(write_all, st, graphs))
        assert remote_nq == local_nq, "the server's N-Quads differ from the local store's"

    with contextlib.suppress(OSError):
        load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"{n} articles, {words} words; {args.repeats} repeats, medians; "
          f"{platform.machine()}, Python {platform.python_version()}, load {' '.join(load)}")
    print("| step | embedded store: median s (min–max) | oxigraph serve: median s (min–max) "
          "| server / embedded |")
    print("|---|---|---|---|")
    for step in ("build", "re-run (unchanged)", "writes only", "export N-Quads"):
        local, remote = times[(step, "embedded")], times[(step, "server")]
        ratio = statistics.median(remote) / statistics.median(local)
        print(f"| {step} | {spread(local)} | {spread(remote)} | {ratio:.2f}× |")
    print("N-Quads of the two stores: identical")


if __name__ == "__main__":
    main()

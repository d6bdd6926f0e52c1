"""kill -9 of a real ``kg build`` (issue 10 §4): at chosen moments — while parsing, after
the k-th article is stored (and a few ms later, inside the next write), while the exports
are written, and during a re-build that replaces every article's graph with a changed one —
then the same command again.

Between the kill and the re-run a reader opens the store read-only and compares every
article's named graph with the clean builds': each is absent, exactly the old version's
graph or exactly the new one's — never half-written, never a mix of both. After the re-run
the N-Quads digest and ``graph.nq`` equal the clean build's.

The build is the real CLI in a subprocess; the only addition is an observer that prints a
line to stdout after each article's write returns, so the test can wait for the store to
hold k articles (the store is locked while the build runs, so it cannot be read then).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.export import serialize
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parents[1]

#: The real CLI, with a line on stdout after each article's graph is written (the
#: observer): "stored NAME" for a graph written at once, "ingest" when a bulk ingest of
#: new graphs starts (kg.rdf.store.Store.bulk; it runs in a background thread while
#: the writer goes on) and "stored NAME" for each of its graphs after it. The bulk
#: size is cut to a few articles, so kills land between and inside ingests.
DRIVER = """
import sys
import kg.rdf.store as kg_store
from kg.rdf.store import Store
kg_store.BULK_QUADS = 150
from kg.rdf.bulk import BulkWriter
write, ingest = Store.replace_graph, BulkWriter._ingest
def observed(self, name, quads):
    direct = self._bulk is None or self.oxigraph.contains_named_graph(name)
    written = write(self, name, quads)
    if direct:
        print("stored", name.value, flush=True)
    return written
def ingesting(self, data, graphs):
    print("ingest", flush=True)
    ingest(self, data, graphs)
    for name in sorted(graphs, key=str):
        print("stored", name.value, flush=True)
Store.replace_graph, BulkWriter._ingest = observed, ingesting
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""

TEXTS = [
    "Oliver Hargreaves signed a new contract with Manchester United on Monday.",
    "The Bank of England raised interest rates to 4.5 per cent, Andrew Bailey said.",
    "Hargreaves said he was delighted to stay at the club for three more years.",
    "Acme Corp hired 300 workers in Ohio after demand doubled in 2023.",
    "Rain flooded roads in Lisbon on Tuesday and Portugal sent emergency crews.",
    "Bailey told MPs in London that wages were still rising fast.",
    "Jane Holt met Acme investors in Leeds to discuss the new factory.",
    "The mayor of Springfield opened a bridge that cost $4 million.",
    "Germany and France agreed on a new budget rule in Brussels on Friday.",
    "Holt praised the Acme board and promised higher dividends next year.",
    "Rivertown FC beat Harbour United 3-1 at home on Saturday.",
    "The World Health Organization warned of a measles outbreak in Nigeria.",
]
#: The second version: every article's text changes (same ids), so a build over the
#: first version's store replaces each graph with a different one.
CHANGED = [t.replace(".", ", officials said on Wednesday.", 1) for t in TEXTS]


def write_news(path: Path, texts: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"n{i:02d}", "date": "2025-03-13", "text": t})
             for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start(news: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, "build", str(news), "--out", str(out), "--quiet",
         "--no-html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        env=env,
    )


def finish(proc: subprocess.Popen[str]) -> None:
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err


def graphs(store_path: Path) -> dict[str, frozenset[ox.Quad]]:
    """Every article graph's quads, read through a read-only open (as a reader would)."""
    with Store.open(store_path, read_only=True) as st:
        inner = st.oxigraph
        return {name: frozenset(inner.quads_for_pattern(None, None, None, ox.NamedNode(name)))
                for name in st.article_graphs()}


def digest(store_path: Path) -> str:
    with Store.open(store_path, read_only=True) as st:
        return hashlib.sha256(serialize(st, "nquads").encode()).hexdigest()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Clean builds of both versions: inputs, per-article graphs, digest, graph.nq."""
    root = tmp_path_factory.mktemp("clean")
    old, new = write_news(root / "old" / "news.jsonl", TEXTS), write_news(
        root / "new" / "news.jsonl", CHANGED)
    finish(start(old, root / "out-old"))
    finish(start(new, root / "out-new"))
    return {
        "old": old, "new": new, "out-old": root / "out-old",
        "old-graphs": graphs(root / "out-old" / "store"),
        "new-graphs": graphs(root / "out-new" / "store"),
        "digest": digest(root / "out-new" / "store"),
        "nq": (root / "out-new" / "graph.nq").read_bytes(),
    }


def wait_stored(proc: subprocess.Popen[str], k: int, what: str = "stored ") -> None:
    """Block until the build reports its k-th stored graph (or k-th line starting with
    ``what``), or ends."""
    assert proc.stdout is not None
    seen = 0
    while seen < k:
        line = proc.stdout.readline()
        if not line:
            return
        seen += line.startswith(what)


def wait_until_opened(proc: subprocess.Popen[str], store: Path, limit: float = 120) -> None:
    """Block until the build has created and opened its store (RocksDB writes its
    OPTIONS file once the column families exist), or ends."""
    begin = time.monotonic()
    while proc.poll() is None and time.monotonic() - begin < limit:
        if store.is_dir() and any(p.name.startswith("OPTIONS-") for p in store.iterdir()):
            return
        time.sleep(0.001)


def wait_for_temp(proc: subprocess.Popen[str], out: Path, limit: float = 120) -> None:
    """Block until an export's temporary file (``.graph.*.tmp-<pid>``) exists."""
    begin = time.monotonic()
    while proc.poll() is None and time.monotonic() - begin < limit:
        if out.is_dir() and any(p.name.startswith(".graph.") for p in out.iterdir()):
            return
        time.sleep(0.001)


#: (name, whether the run starts over a complete store of the old version, moment)
MOMENTS = [
    ("parsing", False, ("stored", 0, 0.0)),
    ("after 1 article", False, ("stored", 1, 0.0)),
    ("inside the 5th write", False, ("stored", 4, 0.004)),
    ("inside the 2nd bulk ingest", False, ("ingest", 2, 0.002)),
    ("just after the 3rd bulk ingest began", False, ("ingest", 3, 0.0)),
    ("after 9 articles", False, ("stored", 9, 0.0)),
    ("writing exports", False, ("temp", 0, 0.0)),
    ("re-build, after 3 replaced", True, ("stored", 3, 0.0)),
    ("re-build, inside the 8th replacement", True, ("stored", 7, 0.003)),
    ("re-build, writing exports", True, ("temp", 0, 0.0)),
]


@pytest.mark.parametrize(("name", "over_old", "moment"), MOMENTS, ids=[m[0] for m in MOMENTS])
def test_killed_build_shows_whole_graphs_and_reruns_to_the_clean_store(
    clean: dict[str, object], tmp_path: Path, name: str, over_old: bool,
    moment: tuple[str, int, float],
) -> None:
    out = tmp_path / "out"
    new_news = clean["new"]
    assert isinstance(new_news, Path)
    if over_old:
        finish(start(clean["old"], out))  # type: ignore[arg-type]
    proc = start(new_news, out)
    kind, k, delay = moment
    if kind == "stored":
        if k == 0:  # the store is open: the model loads, the first batch parses
            wait_until_opened(proc, out / "store")
        else:
            wait_stored(proc, k)
    elif kind == "ingest":
        wait_stored(proc, k, "ingest")
    else:
        wait_for_temp(proc, out)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)

    old_graphs = clean["old-graphs"] if over_old else {}
    new_graphs = clean["new-graphs"]
    assert isinstance(old_graphs, dict) and isinstance(new_graphs, dict)
    if (out / "store" / "CURRENT").exists():
        for graph, quads in graphs(out / "store").items():
            whole = quads == new_graphs.get(graph) or quads == old_graphs.get(graph)
            assert whole, f"{name}: {graph} is half-written ({len(quads)} quads)"

    rerun = start(new_news, out)
    finish(rerun)
    assert digest(out / "store") == clean["digest"], name
    assert (out / "graph.nq").read_bytes() == clean["nq"]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []

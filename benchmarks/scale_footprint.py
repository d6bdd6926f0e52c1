"""Store footprint of issue 10 §3: quads and bytes on disk per 1,000 input words.

For each ``--detail`` profile (``facts``, the default, and ``full``) the same generated
corpus (:func:`scale.make_corpus`) is parsed and extracted once, then written into a
fresh on-disk store the way ``kg build`` writes it (:meth:`kg.rdf.store.Store.replace_article`
with a build key, one article at a time). Reported per profile:

* quads, and quads per 1,000 input words (whitespace-separated words of the texts);
* bytes on disk after the build's close (what a user finds right after ``kg build``:
  RocksDB keeps its write-ahead log until the store is next opened read-write), after
  one reopen and close (the log is gone), and after ``Store.optimize()`` (compacted);
* the share of build time spent in store writes: write seconds over parse + extract +
  write seconds (parse and extract are shared by both profiles, timed once);
* with ``--predicates``, the quads per predicate, largest first (which triples cost).

    python benchmarks/scale_footprint.py --articles 300 [--cache /tmp/graphs-300.pickle]
        [--predicates 25] [--repeat 3]

``--cache`` keeps the extracted graphs in a pickle so later runs skip spaCy (the file is
rewritten when missing). Timings are medians over ``--repeat`` store writes.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import make_corpus  # noqa: E402

from kg import nlp as kg_nlp  # noqa: E402
from kg.entities.known import KnownEntities  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.model import Article, ArticleGraph  # noqa: E402
from kg.pipeline import _remember, extract_article, parse_articles  # noqa: E402
from kg.rdf.mapping import DETAILS  # noqa: E402
from kg.rdf.store import Store  # noqa: E402


def extracted(articles: int, cache: Path | None) -> tuple[list[ArticleGraph], int, float]:
    """The corpus's article graphs, its word count and the parse + extract seconds."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as f:
            graphs, words, seconds = pickle.load(f)
        if len(graphs) == articles:
            return graphs, words, seconds
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), articles)
        items = [a for a in iter_articles([tmp]) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in items)
    nlp = kg_nlp.load(None)
    known = KnownEntities()
    graphs = []
    started = time.perf_counter()
    for article, doc in parse_articles(nlp, items):
        graph = extract_article(article, doc, known)
        _remember(known, graph.entities)
        graphs.append(graph)
    seconds = time.perf_counter() - started
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump((graphs, words, seconds), f)
    return graphs, words, seconds


def disk_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(graphs: list[ArticleGraph], detail: str, top: int) -> dict:
    """Write ``graphs`` into a fresh store with ``detail``: seconds, quads, bytes."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("KG_BENCH_TMP")) as tmp:
        folder = Path(tmp) / "store"
        started = time.perf_counter()
        with Store.open(folder) as st:
            for i, graph in enumerate(graphs):
                st.replace_article(graph, f"key-{i:040d}", detail=detail)
        seconds = time.perf_counter() - started
        closed = disk_bytes(folder)  # RocksDB keeps its write-ahead log until reopened
        wal = sum(p.stat().st_size for p in folder.glob("*.log"))
        with Store.open(folder) as st:
            quads = 0
            by_predicate: Counter[str] = Counter()
            for q in st.oxigraph.quads_for_pattern(None, None, None, None):
                quads += 1
                if top:
                    by_predicate[q.predicate.value] += 1
        reopened = disk_bytes(folder)
        with Store.open(folder) as st:
            st.oxigraph.optimize()
        compacted = disk_bytes(folder)
    return {"seconds": seconds, "quads": quads, "closed": closed, "wal": wal,
            "reopened": reopened, "compacted": compacted,
            "predicates": by_predicate.most_common(top)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--predicates", type=int, default=0, metavar="N")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--detail", choices=DETAILS, action="append")
    args = parser.parse_args()
    graphs, words, parse_seconds = extracted(args.articles, args.cache)
    print(f"{len(graphs)} articles, {words} words; parse + extract {parse_seconds:.1f} s")
    for detail in args.detail or DETAILS:
        runs = [measure(graphs, detail, args.predicates) for _ in range(args.repeat)]
        write = statistics.median(r["seconds"] for r in runs)
        r = runs[-1]
        per_k = 1000 / words
        mb = {k: r[k] / 1e6 for k in ("closed", "wal", "reopened", "compacted")}
        print(
            f"{detail:5}: {r['quads']} quads = {r['quads'] * per_k:.0f} per 1,000 words; "
            f"on disk per 1,000 words: {mb['closed'] * per_k:.2f} MB after the build's "
            f"close ({mb['closed']:.1f} MB, of which write-ahead log {mb['wal']:.1f}), "
            f"{mb['reopened'] * per_k:.2f} MB once reopened ({mb['reopened']:.1f} MB), "
            f"{mb['compacted'] * per_k:.2f} MB after optimize ({mb['compacted']:.1f} MB); "
            f"store writes {write:.1f} s = {write / (write + parse_seconds):.0%} of "
            "parse + extract + write"
        )
        for predicate, n in r["predicates"]:
            print(f"    {n:9d} {n * per_k:7.1f}/kw  {predicate}")


if __name__ == "__main__":
    main()

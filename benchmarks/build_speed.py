"""Throughput and memory of a whole ``kg build`` on many articles.

The corpus: the example article plus the 641 CaRB dev sentences grouped into
news-sized articles (20 sentences each), written as JSON Lines, so the run needs
nothing beyond ../shared. Reports articles/s, words/s, the parse-only time of the
same texts for comparison, store size and the process's peak memory (RSS).

    python benchmarks/build_speed.py [--per-article 20] [--copies 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from kg import nlp as kg_nlp
from kg.ingest import read_article
from kg.pipeline import build, write_outputs
from kg.rdf.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def corpus(path: Path, per_article: int, copies: int) -> tuple[int, int]:
    """Write the benchmark corpus as JSON Lines; return (articles, words)."""
    sentences = (SHARED / "benchmarks/carb/dev-sentences.txt").read_text().splitlines()
    example = read_article(REPO / "examples/china-fentanyl-tariffs.txt").text
    texts = [example]
    for start in range(0, len(sentences), per_article):
        texts.append(" ".join(sentences[start : start + per_article]))
    rows = []
    for copy in range(copies):
        rows += [{"id": f"bench-{copy}-{i}", "text": t} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows), sum(len(r["text"].split()) for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--copies", type=int, default=3, help="distinct ids per text copy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        n_articles, n_words = corpus(data, args.per_article, args.copies)
        nlp = kg_nlp.load()
        texts = [json.loads(line)["text"] for line in data.read_text().splitlines()]
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=kg_nlp.BATCH_SIZE):
            pass
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = build([data], out=Path(tmp) / "out", render=False, exports=False)
        build_s = time.perf_counter() - t0
        with Store.open(Path(tmp) / "out/store") as st:
            t0 = time.perf_counter()
            write_outputs(st, Path(tmp) / "out", render=False)
            export_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            write_outputs(st, Path(tmp) / "out", render=True, exports=False)
            html_s = time.perf_counter() - t0
        files = (Path(tmp) / "out/store").rglob("*")
        store_bytes = sum(f.stat().st_size for f in files if f.is_file())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {n_articles}  words {n_words}  statements {report.statements}")
    print(f"parse only (nlp.pipe)        {parse_s:7.2f} s  {n_words / parse_s:8.0f} words/s")
    print(
        f"kg build --no-exports --no-html {build_s:7.2f} s  {n_articles / build_s:6.1f} articles/s"
        f"  {n_words / build_s:8.0f} words/s  ratio to parse {build_s / parse_s:.2f}"
    )
    print(f"+ text exports of the whole store (4 formats) {export_s:7.2f} s")
    print(f"+ HTML view of the whole store                {html_s:7.2f} s")
    print(f"store on disk {store_bytes / 1e6:.1f} MB  peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

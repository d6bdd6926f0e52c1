"""Cost of one very long article: parse (in pieces), extract, map into a store.

Builds a text of N characters from the example article repeated (paragraphs kept),
parses it with :func:`kg.nlp.pipe_long` (pieces of ``kg.nlp.CHUNK_CHARS``), extracts
with :func:`kg.pipeline.extract_article` and replaces it in an in-memory store. Prints
each stage's seconds, counts and the peak RSS, so the ``--max-chars`` default in
docs/reliability.md can be checked on any machine.

    python benchmarks/long_article.py 1100000
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from kg import nlp as kg_nlp
from kg.model import Article
from kg.pipeline import extract_article
from kg.rdf.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"


def long_text(size: int) -> str:
    """About ``size`` characters of the example, repeated, cut at a paragraph end."""
    base = EXAMPLE.read_text(encoding="utf-8").strip()
    text = "\n\n".join([base] * (size // len(base) + 1))[:size]
    return text[: text.rfind("\n\n")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chars", type=int, nargs="?", default=1_100_000)
    args = parser.parse_args()
    text = long_text(args.chars)
    nlp = kg_nlp.load()
    start = time.perf_counter()
    ((doc, _),) = list(kg_nlp.pipe_long(nlp, [(text, 0)]))
    parsed = time.perf_counter()
    graph = extract_article(Article(id="long", text=text), doc)
    extracted = time.perf_counter()
    quads = Store.memory().replace_article(graph)
    stored = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    pieces = len(kg_nlp.split_for_parse(text)) if len(text) > kg_nlp.CHUNK_CHARS else 1
    print(f"characters {len(text):,}  tokens {len(doc):,}  pieces {pieces}")
    print(f"parse {parsed - start:.1f} s  extract {extracted - parsed:.1f} s  "
          f"store {stored - extracted:.1f} s")
    print(f"statements {len(graph.statements):,}  entities {len(graph.entities):,}  "
          f"quads {quads:,}  peak RSS {peak:.2f} GB")


if __name__ == "__main__":
    main()

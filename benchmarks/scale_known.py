"""What cross-article merging costs the writer per article as the store grows (issue 10).

Each stored person or organisation becomes a known entity; for every one-word name and
acronym of a new article the writer asks which known people end in that word and which
known entities have those initials (:func:`kg.entities.known.known_key_map_noted`).
This times that question for synthetic known sets of several sizes (two-word people,
three-word organisations) and an article with eight one-word names and an acronym:

    python benchmarks/scale_known.py [--sizes 1000 10000 100000]

Prints milliseconds per article and the time to index the known set once (what
:func:`kg.pipeline.known_entities` adds to a build's start).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.entities.known import KnownEntities, known_key_map_noted  # noqa: E402
from kg.model import Entity, EntityType  # noqa: E402


def known_set(size: int, seed: int = 1) -> list[tuple[str, str, EntityType]]:
    """``size`` known entities: two thirds people ("F12 L345"), a third organisations."""
    rng = random.Random(seed)
    items: list[tuple[str, str, EntityType]] = []
    for i in range(size):
        if i % 3:
            items.append((f"person/p{i}", f"F{rng.randrange(3000)} L{rng.randrange(30000)}",
                          "Person"))
        else:
            items.append((f"org/o{i}", f"Org{i} Holdings Group", "Organization"))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(2)
    article = [Entity(f"person/x{i}", f"L{rng.randrange(30000)}", "Person", set(), [], [])
               for i in range(8)]
    article.append(Entity("org/ohg", "OHG", "Organization", set(), [], []))
    print("| known entities | index once (s) | merge questions per article (ms) |")
    print("|---:|---:|---:|")
    for size in args.sizes:
        items = known_set(size)
        started = time.perf_counter()
        known = KnownEntities(items)
        indexed = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(args.repeat):
            known_key_map_noted(article, known, frozenset())
        per_article = (time.perf_counter() - started) / args.repeat * 1000
        print(f"| {size:,} | {indexed:.2f} | {per_article:.3f} |")


if __name__ == "__main__":
    main()

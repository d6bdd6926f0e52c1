"""Corpus-scale benchmarks of issue 10: the corpus generator, and one entry point.

The corpus is real text recombined: the CaRB dev sentences (../shared), the example
article and the tune-side news texts of ``benchmarks/news`` are cut into sentences,
and each generated article draws 300–800 words of them (seeded, so every run makes
the same corpus), with a headline line, paragraphs, a distinct id and a publication
date in 2004–2005. Sentences repeat across articles, as names and phrasing do in a
news archive; the parser's cost is per token either way.

    python benchmarks/scale.py corpus DIR --articles 1000 [--format txt|jsonl] [--seed 10]

writes ``DIR/NNNNN.txt`` files (or ``DIR/corpus.jsonl``) and prints articles and words.
The measurements live in sibling modules (``scale_*.py``), each runnable on its own;
they import :func:`make_corpus` from here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: Sentence ends: punctuation, optional closing quote, space, then a capital or quote.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])")
_FIRST_DAY = dt.date(2004, 1, 1)


def sentences() -> list[str]:
    """The sentence pool: CaRB dev sentences, the example, the tune-side news texts."""
    carb = (SHARED / "benchmarks/carb/dev-sentences.txt").read_text(encoding="utf-8")
    pool = [detokenize(line) for line in carb.splitlines()]
    texts = [REPO / "examples/china-fentanyl-tariffs.txt"]
    texts += sorted((REPO / "benchmarks/news/texts/tune").glob("*.txt"))
    for path in texts:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")[1:]:  # no headline
            pool += _SENT_END.split(" ".join(paragraph.split()))
    return [s.strip() for s in pool if len(s.split()) >= 4]


def detokenize(line: str) -> str:
    """CaRB's Penn-style tokens back to running text ("carpenter 's level ," →
    "carpenter's level,", ```` ``x'' ```` → ``"x"``)."""
    line = line.replace("``", '"').replace("''", '"').replace("-LRB-", "(").replace("-RRB-", ")")
    line = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", line)
    line = re.sub(r" ([,.;:!?%)])", r"\1", line)
    line = re.sub(r"([($]) ", r"\1", line)
    line = re.sub(r"(\w) - (?=\w)", r"\1-", line)
    return re.sub(r'" (.*?) "', r'"\1"', line)


def make_corpus(
    folder: Path, articles: int, *, fmt: str = "txt", seed: int = 10
) -> tuple[int, int]:
    """Write ``articles`` generated articles into ``folder``; return (articles, words).

    Article *i* is the same for every corpus size with the same seed, so a 2,000-article
    corpus is the 1,000-article one plus 1,000 more (what the incremental benchmark needs).
    """
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    jsonl = []
    for i in range(articles):
        rng = random.Random(seed * 1_000_003 + i)
        target = rng.randint(300, 800)
        body: list[str] = []
        count = 0
        while count < target:
            sentence = rng.choice(pool)
            body.append(sentence)
            count += len(sentence.split())
        headline = " ".join(body[0].split()[:10]).rstrip(",;:.")
        paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
        text = "\n\n".join(paragraphs)
        date = (_FIRST_DAY + dt.timedelta(days=rng.randrange(731))).isoformat()
        words += count + len(headline.split())
        if fmt == "jsonl":
            jsonl.append(json.dumps({"id": f"a{i:05d}", "title": headline, "date": date,
                                     "text": text}))
        else:
            (folder / f"{i:05d}.txt").write_text(f"{headline}\n\n{text}\n", encoding="utf-8")
    if fmt == "jsonl":
        (folder / "corpus.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    return articles, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="write a generated corpus")
    corpus.add_argument("folder", type=Path)
    corpus.add_argument("--articles", type=int, default=1000)
    corpus.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    corpus.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    n, words = make_corpus(args.folder, args.articles, fmt=args.format, seed=args.seed)
    print(f"{n} articles, {words} words → {args.folder}")


if __name__ == "__main__":
    main()

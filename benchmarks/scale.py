"""Corpus-scale benchmarks of issue 10: the corpus generator, and one entry point.

The corpus is real text recombined: the CaRB dev sentences (../shared), the example
article and the tune-side news texts of ``benchmarks/news`` are cut into sentences,
and each generated article draws 300–800 words of them (seeded, so every run makes
the same corpus), with a headline line, paragraphs, a distinct id and a publication
date in 2004–2005. Sentences repeat across articles, as names and phrasing do in a
news archive; the parser's cost is per token either way.

    python benchmarks/scale.py corpus DIR --articles 1000 [--format txt|jsonl] [--seed 10]
    python benchmarks/scale.py news DIR --articles 300 [--seed 10]

``corpus`` writes ``DIR/NNNNN.txt`` files (or ``DIR/corpus.jsonl``) and prints articles and
words. ``news`` writes shorter articles closer to a real archive's (~360 words, dense in
names): each takes whole paragraphs of three of the 56 news texts of
``benchmarks/news/texts`` (all three sets: it measures speed, not quality), shuffled.
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


def make_news_mix(folder: Path, articles: int, *, seed: int = 10) -> tuple[int, int]:
    """Write ``articles`` articles of ~360 words made of real news paragraphs; return
    (articles, words). Article *i* depends only on ``seed`` and *i*."""
    texts = sorted((REPO / "benchmarks/news/texts").glob("*/*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(articles):
        rng = random.Random(seed * 1_000_003 + i)
        paragraphs = []
        for path in rng.sample(texts, 3):
            paragraphs += path.read_text(encoding="utf-8").split("\n\n")[1:]  # no headline
        rng.shuffle(paragraphs)
        body: list[str] = []
        count, target = 0, rng.randint(250, 470)
        for paragraph in paragraphs:
            if count >= target:
                break
            body.append(" ".join(paragraph.split()))
            count += len(body[-1].split())
        headline = " ".join(body[0].split()[:10]).rstrip(",;:.")
        words += count + len(headline.split())
        text = "\n\n".join(body)
        (folder / f"{i:05d}.txt").write_text(f"{headline}\n\n{text}\n", encoding="utf-8")
    return articles, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="write a generated corpus")
    corpus.add_argument("folder", type=Path)
    corpus.add_argument("--articles", type=int, default=1000)
    corpus.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    corpus.add_argument("--seed", type=int, default=10)
    news = sub.add_parser("news", help="write articles of real news paragraphs")
    news.add_argument("folder", type=Path)
    news.add_argument("--articles", type=int, default=300)
    news.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    if args.command == "news":
        n, words = make_news_mix(args.folder, args.articles, seed=args.seed)
    else:
        n, words = make_corpus(args.folder, args.articles, fmt=args.format, seed=args.seed)
    print(f"{n} articles, {words} words → {args.folder}")


if __name__ == "__main__":
    main()

"""Score in-article entity merging (names, descriptions, pronouns) on the coref gold set.

    python benchmarks/coref_run.py            # totals and per-document figures
    python benchmarks/coref_run.py --errors   # also list wrong merges and missed links
    python benchmarks/coref_run.py --without pronouns descriptions   # ablation
    python benchmarks/coref_run.py --gold tests/data/coref/heldout2.json   # another set

Runs :func:`kg.entities.extract.extract_entities` on every text of
``tests/data/coref/gold.json``; a mention is ``(doc id, start char, end char)``.
Predicted and gold mentions are matched by exact character span only. Unmatched
mentions are not dropped: a gold mention the system did not produce counts as a
singleton predicted cluster (lost recall), and a predicted mention the gold does not
have (a span that is off by a word, a pronoun the gold leaves out) counts as a gold
singleton, so merging it into an entity costs precision (``kg.evaluate.bcubed``).
Scores are micro-averaged over all mentions of all documents.

The gold annotates definite descriptions of people ("the official", "the 24-year-old")
but, by its conventions (``tests/data/coref/README.md``), no other nominals ("the
company", "the band"): such predicted mentions — DESC mentions of an entity that is not
a Person (:mod:`kg.entities.references`) — are left out of the scoring rather than
counted as wrong merges of unannotated spans.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg import nlp as kg_nlp
from kg.entities.extract import extract_entities
from kg.evaluate.bcubed import bcubed
from kg.extract.config import ENTITY_STEPS, ExtractionConfig
from kg.model import Entity
from kg.model import Mention as KgMention

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "coref" / "gold.json"

Mention = tuple[str, int, int]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list wrong and missed links")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--without", nargs="*", default=[], choices=sorted(ENTITY_STEPS),
                        help="switch resolution steps off (ablation)")
    args = parser.parse_args()
    config = ExtractionConfig.of(entity_steps_off=args.without)
    docs = json.loads(args.gold.read_text(encoding="utf-8"))
    nlp = kg_nlp.load()
    all_gold: list[set[Mention]] = []
    all_pred: list[set[Mention]] = []
    texts = [d["text"] for d in docs]
    for d, doc in zip(docs, nlp.pipe(texts), strict=True):
        gold = [
            {(d["id"], m["start"], m["end"]) for m in ms} for ms in d["clusters"].values()
        ]
        pred = [
            {(d["id"], m.start, m.end) for m in e.mentions if annotated(e, m)}
            for e in extract_entities(doc, config)
        ]
        all_gold += gold
        all_pred += pred
        score = bcubed(gold, pred)
        print(f"{d['id']:<26} {score}")
        if args.errors:
            _print_errors(d["text"], gold, pred)
    total = bcubed(all_gold, all_pred)
    n_gold = sum(len(c) for c in all_gold)
    n_pred = sum(len(c) for c in all_pred)
    matched = len(set().union(*all_gold) & set().union(*all_pred))
    print(f"\n{len(docs)} documents, {n_gold} gold mentions, {n_pred} predicted, "
          f"{matched} matched by exact span")
    print(f"TOTAL {total}")


def annotated(entity: Entity, mention: KgMention) -> bool:
    """False for the nominal mentions of things the gold conventions leave unannotated."""
    return mention.label != "DESC" or entity.type == "Person"


def _print_errors(text: str, gold: list[set[Mention]], pred: list[set[Mention]]) -> None:
    gold_of = {m: i for i, c in enumerate(gold) for m in c}
    pred_of = {m: i for i, c in enumerate(pred) for m in c}

    def show(m: Mention) -> str:
        return f"{text[m[1]:m[2]]!r}@{m[1]}"

    for c in pred:
        ms = sorted(c, key=lambda m: m[1])
        for a, b in zip(ms, ms[1:], strict=False):
            if gold_of.get(a, a) != gold_of.get(b, b):
                print(f"    WRONG  {show(a)} ~ {show(b)}")
    for c in gold:
        ms = sorted(c, key=lambda m: m[1])
        for a, b in zip(ms, ms[1:], strict=False):
            if pred_of.get(a, a) != pred_of.get(b, b):
                print(f"    MISSED {show(a)} ~ {show(b)}")


if __name__ == "__main__":
    main()

"""Set the rule priors from the tune half of CaRB dev only, and score them on both halves.

Usage::

    python benchmarks/carb_tune.py                 # print the priors (RULE_PRIORS form)
    python benchmarks/carb_tune.py --json benchmarks/results/carb-tune-priors.json
    python benchmarks/carb_tune.py --score         # also the table: 3 prior sets x 3 parts

Procedure (deterministic; rerun it after a rule change, never on the held-out half):

1. Extract from the tune half of dev (:func:`kg.evaluate.splits.split`) with flat priors
   (which rule fires does not depend on the priors), one extraction per distinct
   CaRB tuple of a sentence, as ``kg openie`` writes them.
2. Credit each extraction with its CaRB match precision against the best gold tuple
   of its sentence (:func:`kg.evaluate.carb.match`: the share of its tokens that the
   gold tuple has; 0 when it matches no gold tuple) — a graded "does it hold up".
3. A rule's prior is its mean credit smoothed toward :data:`FLAT_PRIOR` by
   :data:`PSEUDO` pseudo-extractions, rounded to 0.01; a rule with fewer than
   :data:`MIN_COUNT` extractions on the tune half keeps 0.5.

The priors are the first term of :func:`kg.extract.relations.confidence`; they only
rank extractions (CaRB's curve), they never drop one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from carb_run import CARB, RESULTS, load_priors, run_score, split_lines

from kg import nlp as kg_nlp
from kg.evaluate.carb import Extraction, match, normalize_sentence, read_gold, subset
from kg.extract.config import FLAT_PRIOR, RULE_PRIORS, ExtractionConfig
from kg.openie import openie

#: Pseudo-extractions at :data:`FLAT_PRIOR` added to every rule's credits.
PSEUDO = 10
#: Fewer extractions than this on the tune half: the rule keeps the flat prior.
MIN_COUNT = 10


def rule_credits(lines: list[str], gold_path: Path) -> dict[str, list[float]]:
    """Per rule, the CaRB match precision of each of its extractions from ``lines``."""
    gold: dict[str, list[Extraction]] = defaultdict(list)
    for sentence, tuples in subset(read_gold(gold_path), lines).items():
        gold[normalize_sentence(sentence)].extend(tuples)
    flat = ExtractionConfig(priors=load_priors("flat"))
    credits: dict[str, list[float]] = defaultdict(list)
    for row in openie(lines, kg_nlp.load(), "jsonl", flat):
        record = json.loads(row)
        predicted = Extraction(record["relation"]["text"], tuple(record["carb"]))
        golds = gold.get(normalize_sentence(record["sentence"]), [])
        credits[record["rule"]].append(max((match(g, predicted)[0] for g in golds), default=0.0))
    return dict(credits)


def priors_from(credits: Mapping[str, list[float]]) -> dict[str, float]:
    """Smoothed mean credit per rule (the procedure in the module docstring).

    >>> priors_from({"verb": [1.0] * 30 + [0.0] * 10})["verb"]
    0.7
    >>> priors_from({"title": [1.0] * 3})["title"]
    0.5
    """
    out: dict[str, float] = {}
    for rule in sorted(set(RULE_PRIORS) | set(credits)):
        values = credits.get(rule, [])
        if len(values) < MIN_COUNT:
            out[rule] = FLAT_PRIOR
        else:
            out[rule] = round((sum(values) + PSEUDO * FLAT_PRIOR) / (len(values) + PSEUDO), 2)
    return out


def as_python(priors: Mapping[str, float], order: list[str]) -> str:
    """``priors`` written as the RULE_PRIORS literal of kg/extract/config.py."""
    body = "".join(f'    "{rule}": {priors[rule]},\n' for rule in order)
    return "RULE_PRIORS: Mapping[str, float] = MappingProxyType({\n" + body + "})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=Path, default=CARB / "dev-sentences.txt")
    ap.add_argument("--gold", type=Path, default=CARB / "dev-gold.tsv")
    ap.add_argument("--json", type=Path, help="also write the priors as JSON here")
    ap.add_argument("--score", action="store_true",
                    help="score default, flat and tuned priors on each half and on all of dev")
    args = ap.parse_args(argv)
    tune = split_lines(args.sentences.read_text(encoding="utf-8").splitlines(), "tune")
    credits = rule_credits(tune, args.gold)
    priors = priors_from(credits)
    order = list(RULE_PRIORS) + sorted(set(priors) - set(RULE_PRIORS))
    print("| rule | tune extractions | mean credit | prior now | tuned prior |")
    print("|---|---|---|---|---|")
    for rule in order:
        values = credits.get(rule, [])
        mean = f"{sum(values) / len(values):.3f}" if values else "-"
        now = RULE_PRIORS.get(rule, FLAT_PRIOR)
        print(f"| {rule} | {len(values)} | {mean} | {now} | {priors[rule]} |")
    print()
    print(as_python(priors, order))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(priors, indent=1) + "\n", encoding="utf-8")
    if args.score:
        print("\n| priors | half | AUC | P | R | F1 |")
        print("|---|---|---|---|---|---|")
        sets = {"default (dev-chosen)": RULE_PRIORS,
                "flat 0.5": load_priors("flat"),
                "tune-half": MappingProxyType(priors)}
        for part in ("tune", "heldout", "all"):
            for name, chosen in sets.items():
                s = run_score(ExtractionConfig(priors=chosen), RESULTS / f"carb-{part}.tsv",
                              args.sentences, args.gold, part)
                print(f"| {name} | {part} | {s.auc:.5f} | {s.precision:.5f} | "
                      f"{s.recall:.5f} | {s.f1:.5f} |")
                sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

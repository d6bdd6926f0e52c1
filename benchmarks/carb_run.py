"""Run the extractor on the CaRB dev sentences and score it (AUC, P, R, F1).

Usage::

    python benchmarks/carb_run.py                      # all of dev, all rule families
    python benchmarks/carb_run.py --split heldout      # only the held-out half of dev
    python benchmarks/carb_run.py --split tune --priors flat
    python benchmarks/carb_run.py --priors benchmarks/results/carb-tune-priors.json
    python benchmarks/carb_run.py --disable possessive,liftprep
    python benchmarks/carb_run.py --ablation           # one row per family added

``--split tune|heldout|all`` scores only the sentences of that part of dev
(:func:`kg.evaluate.splits.split`: seeded 10-sentence blocks) against only their own
gold tuples. The held-out half is for reporting: never read its sentences, extractions
or misses while writing or tuning rules.

``--priors`` picks the rule priors: ``default`` (``kg.extract.config.RULE_PRIORS``),
``flat`` (every rule 0.5) or a JSON file ``{"rule": prior, ...}`` such as the one
``benchmarks/carb_tune.py --json`` writes.

The data is read from ``../shared/benchmarks/carb/`` beside the repository (or
``$KG_CARB_DIR``). The system file is written to benchmarks/results/carb-dev.tsv (not
committed). Rule families are listed in kg.extract.frames.FAMILIES; --ablation scores
the extractor with only the first k families enabled, for k = 1..len(FAMILIES).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from kg import nlp as kg_nlp
from kg.evaluate.carb import CarbScore, read_gold, read_system, score, subset
from kg.evaluate.splits import split
from kg.extract.config import FLAT_PRIOR, RULE_PRIORS, ExtractionConfig
from kg.extract.frames import FAMILIES
from kg.openie import openie

_DEFAULT_CARB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "carb"
CARB = Path(os.environ.get("KG_CARB_DIR", _DEFAULT_CARB))
RESULTS = Path(__file__).resolve().parent / "results"
SPLITS = ("all", "tune", "heldout")


def split_lines(lines: list[str], part: str) -> list[str]:
    """The lines of dev in ``part`` ("all", "tune" or "heldout"), in file order."""
    if part == "all":
        return list(lines)
    tune, held = split(len(lines))
    return [lines[i] for i in (tune if part == "tune" else held)]


def load_priors(spec: str) -> Mapping[str, float]:
    """Rule priors named by ``spec``: "default", "flat" or a JSON file of {rule: prior}."""
    if spec == "default":
        return RULE_PRIORS
    if spec == "flat":
        return MappingProxyType(dict.fromkeys(RULE_PRIORS, FLAT_PRIOR))
    data = json.loads(Path(spec).read_text(encoding="utf-8"))
    return MappingProxyType({str(k): float(v) for k, v in data.items()})


def run_score(
    config: ExtractionConfig, out: Path, sentences: Path, gold: Path, part: str = "all"
) -> CarbScore:
    """Write the system file for ``part`` of ``sentences`` extracted with ``config``;
    score it against the gold tuples of those sentences only."""
    nlp = kg_nlp.load()
    lines = split_lines(sentences.read_text(encoding="utf-8").splitlines(), part)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for row in openie(lines, nlp, "carb", config):
            fh.write(row + "\n")
    return score(subset(read_gold(gold), lines), read_system(out))


def run(
    config: ExtractionConfig, out: Path, sentences: Path, gold: Path, part: str = "all"
) -> tuple[float, ...]:
    """(AUC, P, R, F1) of :func:`run_score`."""
    s = run_score(config, out, sentences, gold, part)
    return s.auc, s.precision, s.recall, s.f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--disable", default="", help="comma-separated rule families to switch off")
    ap.add_argument("--ablation", action="store_true", help="score after each family is added")
    ap.add_argument("--split", choices=SPLITS, default="all",
                    help="score only the tune or the held-out half of dev (default: all)")
    ap.add_argument("--sentences", type=Path, default=CARB / "dev-sentences.txt")
    ap.add_argument("--gold", type=Path, default=CARB / "dev-gold.tsv")
    ap.add_argument("--out", type=Path, default=RESULTS / "carb-dev.tsv")
    ap.add_argument("--priors", default="default",
                    help="rule priors: default, flat, or a JSON file {rule: prior}")
    ap.add_argument("--flat-priors", action="store_true", help="same as --priors flat")
    args = ap.parse_args(argv)
    priors = load_priors("flat" if args.flat_priors else args.priors)
    if args.ablation:
        print("| rule families enabled | AUC | P | R | F1 |")
        print("|---|---|---|---|---|")
        for k in range(1, len(FAMILIES) + 1):
            config = ExtractionConfig(ExtractionConfig.of(FAMILIES[k:]).disabled, priors)
            auc, p, r, f1 = run(config, args.out, args.sentences, args.gold, args.split)
            print(f"| + {FAMILIES[k - 1]} | {auc:.3f} | {p:.3f} | {r:.3f} | {f1:.3f} |")
            sys.stdout.flush()
        return 0
    disabled = [x for x in args.disable.split(",") if x]
    config = ExtractionConfig(ExtractionConfig.of(disabled).disabled, priors)
    auc, p, r, f1 = run(config, args.out, args.sentences, args.gold, args.split)
    print(f"AUC {auc:.3f}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({args.split}; {args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

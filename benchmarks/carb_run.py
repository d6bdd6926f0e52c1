"""Run the extractor on the CaRB dev sentences and score it (AUC, P, R, F1).

Usage::

    python benchmarks/carb_run.py                      # all rule families
    python benchmarks/carb_run.py --disable possessive,liftprep
    python benchmarks/carb_run.py --ablation           # one row per family added

The system file is written to benchmarks/results/carb-dev.tsv (not committed).
Rule families are listed in kg.extract.frames.FAMILIES; --ablation scores the
extractor with only the first k families enabled, for k = 1..len(FAMILIES).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg import nlp as kg_nlp
from kg.evaluate.carb import score_files
from kg.extract.config import ExtractionConfig
from kg.extract.frames import FAMILIES
from kg.openie import openie

_DEFAULT_CARB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "carb"
CARB = Path(os.environ.get("KG_CARB_DIR", _DEFAULT_CARB))
RESULTS = Path(__file__).resolve().parent / "results"


def run(
    config: ExtractionConfig, out: Path, sentences: Path, gold: Path
) -> tuple[float, ...]:
    """Write the system file for ``sentences`` extracted with ``config``; score it."""
    nlp = kg_nlp.load()
    lines = sentences.read_text(encoding="utf-8").splitlines()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for row in openie(lines, nlp, "carb", config):
            fh.write(row + "\n")
    s = score_files(gold, out)
    return s.auc, s.precision, s.recall, s.f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--disable", default="", help="comma-separated rule families to switch off")
    ap.add_argument("--ablation", action="store_true", help="score after each family is added")
    ap.add_argument("--sentences", type=Path, default=CARB / "dev-sentences.txt")
    ap.add_argument("--gold", type=Path, default=CARB / "dev-gold.tsv")
    ap.add_argument("--out", type=Path, default=RESULTS / "carb-dev.tsv")
    ap.add_argument(
        "--flat-priors",
        action="store_true",
        help="every rule prior 0.5: how much the dev-chosen constants contribute",
    )
    args = ap.parse_args(argv)
    if args.ablation:
        print("| rule families enabled | AUC | P | R | F1 |")
        print("|---|---|---|---|---|")
        for k in range(1, len(FAMILIES) + 1):
            config = ExtractionConfig.of(FAMILIES[k:], flat_priors=args.flat_priors)
            auc, p, r, f1 = run(config, args.out, args.sentences, args.gold)
            print(f"| + {FAMILIES[k - 1]} | {auc:.3f} | {p:.3f} | {r:.3f} | {f1:.3f} |")
            sys.stdout.flush()
        return 0
    disabled = [x for x in args.disable.split(",") if x]
    config = ExtractionConfig.of(disabled, flat_priors=args.flat_priors)
    auc, p, r, f1 = run(config, args.out, args.sentences, args.gold)
    print(f"AUC {auc:.3f}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

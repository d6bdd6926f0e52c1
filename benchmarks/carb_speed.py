"""Speed of extraction relative to parsing, on the CaRB dev sentences.

Times, in one process and with the same batch size, (a) ``nlp.pipe`` alone over the
sentences and (b) ``nlp.pipe`` followed by :func:`kg.extract.relations.extract_statements`
on every Doc; prints both timings, sentences per second and the ratio b/a (target
<= 1.15: extraction should cost little next to parsing). It also times extraction
alone on pre-parsed Docs, a steadier figure on a shared machine. Each timing is the best of
``--repeat`` runs, the two alternating, after one warm-up pass.

Usage::

    python benchmarks/carb_speed.py [--repeat 5] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

from kg import nlp as kg_nlp
from kg.extract.relations import extract_statements
from kg.openie import BATCH_SIZE, ptb_doc

_DEFAULT_CARB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "carb"
CARB = Path(os.environ.get("KG_CARB_DIR", _DEFAULT_CARB))


def _timed(fn: Callable[[], int]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _interleaved(
    a: Callable[[], int], b: Callable[[], int], repeat: int
) -> tuple[float, float, int, int]:
    """Best-of-``repeat`` times of ``a`` and ``b``, run alternately so load spikes on a
    shared machine hit both alike."""
    best_a = best_b = float("inf")
    n_a = n_b = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n_a = a()
        best_a = min(best_a, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_b = b()
        best_b = min(best_b, time.perf_counter() - t0)
    return best_a, best_b, n_a, n_b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=Path, default=CARB / "dev-sentences.txt")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = ap.parse_args(argv)
    nlp = kg_nlp.load()
    lines = [x for x in args.sentences.read_text(encoding="utf-8").splitlines() if x.strip()]

    def docs() -> list[Doc]:
        return [ptb_doc(nlp, line) for line in lines]

    def parse_only() -> int:
        return sum(1 for _ in nlp.pipe(docs(), batch_size=args.batch_size))

    def parse_extract() -> int:
        return sum(
            len(extract_statements(d)) for d in nlp.pipe(docs(), batch_size=args.batch_size)
        )

    parse_only()  # warm-up
    t_parse, t_both, n, n_statements = _interleaved(parse_only, parse_extract, args.repeat)
    print(f"sentences: {n}, statements: {n_statements}, batch size {args.batch_size}")
    print(f"parse only       : {t_parse:.2f} s  ({n / t_parse:.0f} sentences/s)")
    print(f"parse + extract  : {t_both:.2f} s  ({n / t_both:.0f} sentences/s)")
    print(f"ratio            : {t_both / t_parse:.3f}")
    # extraction alone on already parsed Docs: steadier than the difference of two
    # parse timings when other processes share the CPU
    parsed = list(nlp.pipe(docs(), batch_size=args.batch_size))
    t_extract = min(
        _timed(lambda: sum(len(extract_statements(d)) for d in parsed)) for _ in range(args.repeat)
    )
    print(f"extract only     : {t_extract:.2f} s  ({n / t_extract:.0f} sentences/s)")
    print(f"ratio (parse + extract only) / parse: {(t_parse + t_extract) / t_parse:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

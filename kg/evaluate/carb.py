"""CaRB scorer for Open Information Extraction (Bhardwaj, Aggarwal & Mausam, EMNLP 2019).

A re-implementation of the official CaRB scorer's default matching
(``binary_linient_tuple_match``) and its corpus-level precision/recall curve, so the
extractor can be measured offline on the CaRB data (``../shared/benchmarks/carb/`` beside
the repository) without the original code. It reproduces the official figures on the
calibration files to 3 decimals.

Behaviour copied from the official scorer on purpose (they change the numbers):

* Sentences are keys after removing spaces, un-escaping PTB brackets and deleting ASCII
  punctuation; lines whose sentences normalise to the same key are pooled (the dev gold
  has three sentences written both with and without a trailing space: pooling them is
  what reproduces the official calibration figures, keeping only one copy does not).
* A gold argument containing ``"C: "`` anywhere is a context and is dropped.
* Tokens are compared case-sensitively as multisets; a predicted relation ``be`` matches
  one of be/is/am/are/was/were/been/being in the gold relation.
* If the gold relation contains said/told/added/adds/says (as a substring), the
  prediction is also scored with its arguments swapped; the larger (precision, recall)
  pair, compared lexicographically, is kept.
* Predicted arguments beyond the gold's argument count are not counted in precision.

Usage::

    python -m kg.evaluate.carb GOLD SYSTEM
    AUC 0.240  P 0.526  R 0.406  F1 0.458
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CarbScore",
    "Extraction",
    "match",
    "normalize_sentence",
    "read_gold",
    "read_system",
    "score",
    "score_files",
    "subset",
]

_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")
_PTB_ESCAPES = (
    ("(", "-LRB-"),
    (")", "-RRB-"),
    ("[", "-LSB-"),
    ("]", "-RSB-"),
    ("{", "-LCB-"),
    ("}", "-RCB-"),
)
_BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
_SAID_VERBS = ("said", "told", "added", "adds", "says")


@dataclass(frozen=True)
class Extraction:
    """One (relation; arg1; arg2; ...) tuple with its confidence (1.0 for gold)."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class CarbScore:
    """Corpus CaRB result.

    ``precision``/``recall``/``f1`` are taken at ``threshold``, the confidence with the
    best F1; ``curve`` holds one ``(threshold, precision, recall)`` point per distinct
    confidence, ascending; ``auc`` is the area under the precision-recall curve.
    """

    auc: float
    precision: float
    recall: float
    f1: float
    threshold: float
    curve: tuple[tuple[float, float, float], ...]

    def __str__(self) -> str:
        return (
            f"AUC {self.auc:.3f}  P {self.precision:.3f}  "
            f"R {self.recall:.3f}  F1 {self.f1:.3f}"
        )


Corpus = dict[str, list[Extraction]]


def normalize_sentence(sentence: str) -> str:
    """Sentence key used for matching gold and system lines (as the official scorer).

    >>> normalize_sentence("Bush -LRB- R -RRB- said , `` no . ''")
    'BushRsaidno'
    """
    s = sentence.replace(" ", "")
    for bracket, escape in _PTB_ESCAPES:
        s = s.replace(escape, bracket)
    return _PUNCT.sub("", s)


def read_gold(path: str | Path) -> Corpus:
    """Read ``sentence<TAB>relation<TAB>arg...`` lines into {sentence: [Extraction]}.

    Arguments containing ``C: `` (contexts) are dropped; keys are the raw sentences.
    """
    gold: Corpus = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.strip().split("\t")
            if len(fields) < 2:
                continue
            sentence, relation = fields[0], fields[1]
            args = tuple(a.strip() for a in fields[2:] if "C: " not in a)
            gold.setdefault(sentence, []).append(Extraction(relation.strip(), args))
    return gold


def read_system(path: str | Path) -> Corpus:
    """Read ``sentence<TAB>confidence<TAB>relation<TAB>arg...`` lines into a corpus."""
    system: Corpus = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            if len(fields) < 3:
                raise ValueError(
                    f"system line {number} has {len(fields)} fields ({path}); "
                    "expected sentence<TAB>confidence<TAB>relation<TAB>arg..."
                )
            sentence, confidence, relation = fields[:3]
            extraction = Extraction(relation, tuple(fields[3:]), float(confidence))
            system.setdefault(sentence, []).append(extraction)
    return system


def subset(corpus: Corpus, sentences: Iterable[str]) -> Corpus:
    """The part of ``corpus`` whose sentences are among ``sentences``.

    Sentences are compared by :func:`normalize_sentence` key, as the scorer pools them,
    so a gold line written with a trailing space still belongs to its sentence. Used to
    score one part of dev (:mod:`kg.evaluate.splits`) against only that part's gold.

    >>> gold = {"A cat sat .": [Extraction("sat", ("A cat",))],
    ...         "Dogs bark .": [Extraction("bark", ("Dogs",))]}
    >>> list(subset(gold, ["A cat sat."]))
    ['A cat sat .']
    """
    keys = {normalize_sentence(s) for s in sentences}
    return {s: list(v) for s, v in corpus.items() if normalize_sentence(s) in keys}


def _count_matches(gold_words: list[str], predicted_words: list[str]) -> int:
    """Multiset overlap; removes matched tokens from ``predicted_words``."""
    matched = 0
    for w in gold_words:
        if w in predicted_words:
            matched += 1
            predicted_words.remove(w)
    return matched


def _tuple_match(gold_rel: str, gold_args: Sequence[str], pred_rel: str,
                 pred_args: Sequence[str]) -> tuple[float, float]:
    """Token-level (precision, recall) of one prediction against one gold tuple."""
    predicted_words = pred_rel.split()
    gold_words = gold_rel.split()
    p_total = len(predicted_words)
    r_total = len(gold_words)
    matched = _count_matches(gold_words, predicted_words)
    if "be" in predicted_words:
        for form in _BE_FORMS:
            if form in gold_words:
                matched += 1
                predicted_words.remove("be")
                break
    if matched == 0:
        return (0.0, 0.0)
    p_match = r_match = matched
    for i, gold_arg in enumerate(gold_args):
        gold_words = gold_arg.split()
        r_total += len(gold_words)
        if i >= len(pred_args):
            if i < 2:
                return (0.0, 0.0)
            continue
        predicted_words = pred_args[i].split()
        p_total += len(predicted_words)
        matched = _count_matches(gold_words, predicted_words)
        p_match += matched
        r_match += matched
    return (p_match / p_total, r_match / r_total)


def _binary(args: Sequence[str]) -> tuple[str, ...]:
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else tuple(args)


def match(gold: Extraction, predicted: Extraction) -> tuple[float, float]:
    """CaRB's default pair score (precision, recall), with binarisation and the said swap.

    Token overlap of relation and arguments, as shares of the prediction's tokens
    (precision) and of the gold's (recall); no shared relation token scores nothing.

    >>> gold = Extraction("increased", ("Trump", "tariffs", "to 20 per cent"))
    >>> match(gold, Extraction("increased", ("Mr Trump", "tariffs")))
    (0.75, 0.42857142857142855)
    >>> match(gold, Extraction("said", ("Trump", "tariffs")))
    (0.0, 0.0)
    """
    gold_args = _binary(gold.args)
    straight = _tuple_match(gold.relation, gold_args, predicted.relation,
                            _binary(predicted.args))
    if not any(verb in gold.relation for verb in _SAID_VERBS):
        return straight
    if len(predicted.args) >= 2:
        swapped: tuple[str, ...] = (" ".join(predicted.args[1:]), predicted.args[0])
    else:
        swapped = tuple(predicted.args)
    reverse = _tuple_match(gold.relation, gold_args, predicted.relation, swapped)
    return max(straight, reverse)


def _greedy_precision(scores: list[list[tuple[float, float]]], cols: list[int]) -> float:
    """Sum of precisions over a greedy one-to-one gold/prediction pairing."""
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    total = 0.0
    for _ in range(min(len(scores), len(cols))):
        best, best_row, best_col = -1.0, -1, -1
        for i, row in enumerate(scores):
            if i in used_rows:
                continue
            for j in cols:
                if j not in used_cols and row[j][0] > best:
                    best, best_row, best_col = row[j][0], i, j
        used_rows.add(best_row)
        used_cols.add(best_col)
        total += best
    return total


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _auc(points: list[tuple[float, float]]) -> float:
    """Trapezoid area under (recall, precision) points sorted by recall."""
    area = 0.0
    for (r0, p0), (r1, p1) in zip(points, points[1:], strict=False):
        area += (r1 - r0) * (p0 + p1) / 2
    return area


def _by_key(corpus: Corpus) -> Corpus:
    """Re-key a corpus by normalised sentence, pooling sentences that collide."""
    pooled: Corpus = {}
    for sentence, extractions in corpus.items():
        pooled.setdefault(normalize_sentence(sentence), []).extend(extractions)
    return pooled


def score(gold: Corpus, predictions: Corpus) -> CarbScore:
    """Score parsed predictions against parsed gold (both as {sentence: [Extraction]}).

    Predictions for sentences absent from the gold are ignored.

    >>> sentence = "Trump increased tariffs to 20 per cent ."
    >>> gold = {sentence: [Extraction("increased", ("Trump", "tariffs", "to 20 per cent"))]}
    >>> system = {sentence: [Extraction("increased", ("Mr Trump", "tariffs"), 0.9),
    ...                      Extraction("rose", ("tariffs",), 0.4)]}
    >>> result = score(gold, system)
    >>> str(result), result.threshold
    ('AUC 0.375  P 0.750  R 0.429  F1 0.545', 0.9)
    """
    gold_n = _by_key(gold)
    pred_n = _by_key(predictions)
    thresholds = sorted({e.confidence for v in pred_n.values() for e in v})
    index = {t: i for i, t in enumerate(thresholds)}
    n = len(thresholds)
    # Difference arrays: a sentence adds its numerators to a contiguous threshold range.
    p_num, p_den, r_num = [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1)
    r_den = sum(len(v) for v in gold_n.values())

    for key, golds in gold_n.items():
        preds = pred_n.get(key, [])
        if not preds:
            continue
        scores = [[match(g, p) for p in preds] for g in golds]
        start = 0
        for conf in sorted({p.confidence for p in preds}):
            c = index[conf]
            cols = [j for j, p in enumerate(preds) if p.confidence >= conf]
            recall = sum(max(row[j][1] for j in cols) for row in scores)
            precision = _greedy_precision(scores, cols)
            for arr, value in ((p_num, precision), (p_den, len(cols)), (r_num, recall)):
                arr[start] += value
                arr[c + 1] -= value
            start = c + 1

    curve: list[tuple[float, float, float]] = []
    pn = pd = rn = 0.0
    for k, t in enumerate(thresholds):
        pn, pd, rn = pn + p_num[k], pd + p_den[k], rn + r_num[k]
        curve.append((t, pn / pd if pd > 0 else 1.0, rn / r_den if r_den > 0 else 0.0))

    if not curve:
        return CarbScore(0.0, 0.0, 0.0, 0.0, 0.0, ())
    f1s = [_f1(p, r) for _, p, r in curve]
    best = max(range(n), key=lambda k: (f1s[k], -k))
    # As the official scorer: one precision per recall value (the last one seen, with the
    # (recall 0, precision 1) point last), then sorted by recall.
    by_recall = {r: p for _, p, r in curve}
    by_recall[0.0] = 1.0
    auc = _auc(sorted(by_recall.items()))
    t, p, r = curve[best]
    return CarbScore(auc, p, r, f1s[best], t, tuple(curve))


def score_files(gold_path: str | Path, system_path: str | Path) -> CarbScore:
    """Score a system TSV file against a gold TSV file."""
    return score(read_gold(gold_path), read_system(system_path))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kg.evaluate.carb GOLD SYSTEM``: print AUC, P, R, F1."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m kg.evaluate.carb GOLD SYSTEM", file=sys.stderr)
        return 2
    print(score_files(args[0], args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

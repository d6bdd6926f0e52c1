"""Fit the calibrated confidence of kg statements on the tune side (issue 9).

Usage::

    python benchmarks/calibrate.py            # fit, print coefficients and CV figures
    python benchmarks/calibrate.py --write    # ... and rewrite them in kg/extract/calibration.py

Builds the tune texts (``benchmarks/news_eval.py``'s tune split) in process, the way
``kg build`` does (ingest, parse, :func:`kg.pipeline.extract_article` with the known
entities of earlier articles), but keeps each statement *before* calibration. Every
statement whose subject and object both name entities is a candidate edge; it is keyed
as ``news_eval.py edges`` keys it (text, sentence, subject label, relation, object label)
and joined with ``benchmarks/news/judgments-tune.tsv`` (correct = 1; wrong, useless = 0).
Statements sharing a key share its label (weight 1/n each); an edge's confidence is the
highest of its statements', as the scorer takes it.

The model is a logistic regression over :data:`kg.extract.calibration.FEATURES`, with a
small L2 penalty (no penalty on the intercept), fitted by Newton's method in numpy.
Figures are cross-validated by text (5 folds: texts in sorted order, dealt round-robin),
so no text's edges are scored by a model that saw them: precision above and below
:data:`kg.extract.calibration.DEFAULT_MIN_CONFIDENCE`, strict and usable precision of
the kept edges, kept edges per 400 words. The held-out side is never read.

The **statement model** (every statement that is no edge) is fitted the same way over
:data:`kg.extract.calibration.STATEMENT_FEATURES`, on
``benchmarks/news/judgments-statements-tune.tsv`` (keyed by text, sentence, subject
words, relation, object words or "-"; correct = 1, wrong or useless = 0; possessives and
speech acts to an audience are capped, so left out of the fit); reported: precision
above and below the threshold, quartiles, and the share of those statements at or
above it. ``--write`` rewrites both coefficient blocks.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import news_eval  # noqa: E402

from kg import nlp as kg_nlp  # noqa: E402
from kg.entities.known import KnownEntities  # noqa: E402
from kg.extract import calibration  # noqa: E402
from kg.extract.calibration import (  # noqa: E402
    DEFAULT_MIN_CONFIDENCE,
    FEATURES,
    STATEMENT_FEATURES,
)
from kg.ingest import iter_articles  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.pipeline import _remember, extract_article, parse_articles  # noqa: E402

MODULE = REPO / "kg" / "extract" / "calibration.py"
#: L2 penalty on the coefficients (not the intercept): small, to keep them stable
#: over ~450 judged edges without hiding what the data says.
L2 = 1.0
FOLDS = 5


@dataclass
class Candidate:
    """One candidate edge (a judgments-file key) and its statements' features."""

    text: str
    key: news_eval.Key
    vectors: list[list[float]] = field(default_factory=list)
    eligible: list[bool] = field(default_factory=list)
    verdict: str = ""

    @property
    def label(self) -> int | None:
        if self.verdict not in news_eval.VERDICTS:
            return None
        return int(self.verdict == "correct")


#: Judged statements that are no edge (statement model; its header says how sampled).
STATEMENT_JUDGMENTS = news_eval.NEWS / "judgments-statements-tune.tsv"


def tune_candidates() -> tuple[list[Candidate], list[Candidate], dict[str, int]]:
    """Candidate edges of the tune texts with their features and verdicts, the other
    statements likewise (keyed by their words; verdicts from
    :data:`STATEMENT_JUDGMENTS`), and words per text."""
    texts = news_eval.split_texts("tune")
    nlp = kg_nlp.load()
    found: dict[news_eval.Key, Candidate] = {}
    others: dict[news_eval.Key, Candidate] = {}
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as tmp:
        for name, text in texts.items():
            (Path(tmp) / f"{name}.txt").write_text(text, encoding="utf-8")
        articles = [a for a in iter_articles([tmp]) if isinstance(a, Article)]
        known = KnownEntities()
        for article, doc in parse_articles(nlp, articles):
            graph = extract_article(article, doc, known, calibrated=False)
            _remember(known, graph.entities)
            name = Path(article.source or article.id).stem
            types, names = calibration.entity_maps(graph.entities)
            labels = {e.key: e.name for e in graph.entities}
            for st in graph.statements:
                s, o = st.subject.entity, st.object.entity if st.object else None
                relation = ("not " if st.negated else "") + st.relation.lemma
                if not calibration.is_edge(st, types) or s is None or o is None:
                    words = st.object.text if st.object is not None else "-"
                    key = (name, _clean(st.sentence.text), _clean(st.subject.text),
                           _clean(relation), _clean(words))
                    values = calibration.features(st, types, names)
                    cand = others.setdefault(key, Candidate(name, key))
                    cand.vectors.append([values[f] for f in STATEMENT_FEATURES])
                    cand.eligible.append(not calibration.is_possessive(st.rule)
                                         and not calibration.addresses_an_audience(st))
                    continue
                key = (name, _clean(st.sentence.text), _clean(labels[s]), _clean(relation),
                       _clean(labels[o]))
                values = calibration.features(st, types, names)
                cand = found.setdefault(key, Candidate(name, key))
                cand.vectors.append([values[f] for f in FEATURES])
                cand.eligible.append(calibration.eligible(st))
    judged = news_eval.read_judgments(news_eval.judgment_files("tune"))
    for cand in found.values():
        cand.verdict = judged.get(cand.key, {}).get("verdict", "")
    judged = news_eval.read_judgments([STATEMENT_JUDGMENTS])
    for cand in others.values():
        cand.verdict = judged.get(cand.key, {}).get("verdict", "")
    return list(found.values()), list(others.values()), news_eval.word_counts(texts)


def _clean(value: str) -> str:
    return " ".join(value.split())


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> np.ndarray:
    """L2-penalised logistic regression (intercept unpenalised) by Newton's method."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def design(cands: Sequence[Candidate]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows (one per eligible statement: the hard filter decides the others), labels
    and weights (1/statements of the key)."""
    rows, labels, weights = [], [], []
    for c in cands:
        kept = [v for v, ok in zip(c.vectors, c.eligible, strict=True) if ok]
        if c.label is None:
            continue
        for v in kept:
            rows.append(v)
            labels.append(c.label)
            weights.append(1.0 / len(kept))
    return np.array(rows), np.array(labels, dtype=float), np.array(weights)


def predict(beta: np.ndarray, cand: Candidate) -> float:
    """The edge's confidence: the highest of its statements' probabilities, each capped
    at INELIGIBLE_CAP when the statement is not eligible (as kg build stores them)."""
    z = np.array(cand.vectors) @ beta
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    cap = np.where(np.array(cand.eligible), 1.0, calibration.INELIGIBLE_CAP)
    return round(float(np.max(np.minimum(p, cap))), 3)  # as kg build rounds it


def cross_validated(cands: Sequence[Candidate], folds: int = FOLDS) -> dict[int, float]:
    """Out-of-fold confidence of every candidate (folds by text)."""
    names = sorted({c.text for c in cands})
    fold_of = {name: i % folds for i, name in enumerate(names)}
    scores: dict[int, float] = {}
    for k in range(folds):
        train = [c for c in cands if fold_of[c.text] != k]
        beta = fit(*design(train))
        for i, c in enumerate(cands):
            if fold_of[c.text] == k:
                scores[i] = predict(beta, c)
    return scores


def _precision(cands: Sequence[Candidate]) -> str:
    judged = [c for c in cands if c.label is not None]
    if not judged:
        return "– (0 judged)"
    correct = sum(c.label == 1 for c in judged)
    return f"{100 * correct / len(judged):.1f} % ({correct}/{len(judged)})"


def report(cands: Sequence[Candidate], scores: dict[int, float], words: int,
           threshold: float) -> list[str]:
    """Precision above/below ``threshold``, kept edges' strict/usable precision, density."""
    above = [c for i, c in enumerate(cands) if scores[i] >= threshold]
    below = [c for i, c in enumerate(cands) if scores[i] < threshold]
    verdicts = [c.verdict for c in above if c.label is not None]
    correct, wrong = verdicts.count("correct"), verdicts.count("wrong")
    usable = f"{100 * correct / (correct + wrong):.1f} %" if correct + wrong else "–"
    lines = [
        f"confidence >= {threshold}: {_precision(above)}",
        f"confidence <  {threshold}: {_precision(below)}",
        f"kept edges: {len(above)} of {len(cands)}; strict {_precision(above)}, "
        f"usable {usable} ({correct}/{correct + wrong})",
        f"kept edges per 400 words: {400 * len(above) / words:.2f} ({words} words)",
    ]
    return lines + quartile_lines(cands, scores, "edges")


def quartile_lines(cands: Sequence[Candidate], scores: dict[int, float],
                   what: str) -> list[str]:
    """Strict precision of the judged candidates in each quartile of confidence."""
    ranked = sorted((i for i in range(len(cands)) if cands[i].label is not None),
                    key=lambda i: scores[i])
    lines = [f"strict precision by confidence quartile (judged {what}):"]
    for q in range(4):
        part = ranked[q * len(ranked) // 4:(q + 1) * len(ranked) // 4]
        if part:
            lines.append(f"  Q{q + 1} {scores[part[0]]:.3f}–{scores[part[-1]]:.3f}: "
                         f"{_precision([cands[i] for i in part])}")
    return lines


def property_table(cands: Sequence[Candidate],
                   features: Sequence[str] = FEATURES) -> list[str]:
    """Strict precision of the judged edges by eligibility and with each feature > 0."""
    lines = ["| feature > 0 | judged | correct | precision |", "|---|---|---|---|"]
    for flag in (False, True):
        part = [c for c in cands if c.label is not None and any(c.eligible) == flag]
        correct = sum(c.label == 1 for c in part)
        share = f"{100 * correct / len(part):.1f} %" if part else "–"
        lines.append(f"| eligible={flag} | {len(part)} | {correct} | {share} |")
    for j, name in enumerate(features[1:], 1):
        has = [c for c in cands if c.label is not None and c.vectors[0][j] > 0]
        correct = sum(c.label == 1 for c in has)
        share = f"{100 * correct / len(has):.1f} %" if has else "–"
        lines.append(f"| {name} | {len(has)} | {correct} | {share} |")
    return lines


def write_coefficients(beta: np.ndarray, provenance: str,
                       features: Sequence[str] = FEATURES,
                       name: str = "COEFFICIENTS") -> None:
    """Rewrite the ``name`` block (COEFFICIENTS or STATEMENT_COEFFICIENTS) of
    kg/extract/calibration.py in place."""
    body = "\n".join(f'    "{f}": {value:.4f},' for f, value in
                     zip(features, beta, strict=True))
    title = "COEFFICIENTS" if name == "COEFFICIENTS" else "STATEMENT COEFFICIENTS"
    which = "" if name == "COEFFICIENTS" else " of the statement model"
    block = (
        f"# BEGIN {title} (written by `python3 benchmarks/calibrate.py --write`; "
        "do not edit)\n"
        f"#: Logistic coefficients{which}, fitted by benchmarks/calibrate.py on tune\n"
        f"#: ({provenance}).\n"
        f"{name}: Mapping[str, float] = MappingProxyType({{\n"
        f"{body}\n"
        "})\n"
        f"# END {title}"
    )
    source = MODULE.read_text(encoding="utf-8")
    pattern = re.compile(rf"# BEGIN {title} .*?# END {title}\n", re.S)
    if not pattern.search(source):
        raise SystemExit(f"no {name} block in {MODULE}")
    MODULE.write_text(pattern.sub(lambda _: block + "\n", source), encoding="utf-8")


def statement_report(cands: Sequence[Candidate], scores: dict[int, float],
                     threshold: float) -> list[str]:
    """Statement model: strict precision above/below ``threshold`` (judged), share kept."""
    above = [c for i, c in enumerate(cands) if scores[i] >= threshold]
    below = [c for i, c in enumerate(cands) if scores[i] < threshold]
    lines = [
        f"confidence >= {threshold}: {_precision(above)}",
        f"confidence <  {threshold}: {_precision(below)}",
        f"kept: {len(above)} of {len(cands)} statements ({100 * len(above) / len(cands):.1f} %)",
    ]
    return lines + quartile_lines(cands, scores, "statements")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--write", action="store_true",
                    help="rewrite the coefficients in kg/extract/calibration.py")
    ap.add_argument("--threshold", type=float, default=DEFAULT_MIN_CONFIDENCE)
    args = ap.parse_args(argv)
    cands, others, words = tune_candidates()
    judged = [c for c in cands if c.label is not None]
    total_words = sum(words.values())
    print(f"# Calibration, tune: {len(cands)} candidate edges, {len(judged)} judged "
          f"({sum(c.label == 1 for c in judged)} correct), {len(words)} texts, "
          f"{total_words} words\n")
    print("\n".join(property_table(cands)))
    beta = fit(*design(cands))
    print("\n## Coefficients (all judged edges)")
    for name, value in zip(FEATURES, beta, strict=True):
        print(f"  {name:14} {value:+.4f}")
    print(f"\n## Cross-validated ({FOLDS} folds by text)")
    print("\n".join(report(cands, cross_validated(cands), total_words, args.threshold)))
    everything = {i: predict(beta, c) for i, c in enumerate(cands)}
    print("\n## Fitted on all (in-sample, for reference)")
    print("\n".join(report(cands, everything, total_words, args.threshold)))

    judged_st = [c for c in others if c.label is not None]
    print(f"\n# Statement model: {len(others)} statements that are no edge, "
          f"{len(judged_st)} judged ({sum(c.label == 1 for c in judged_st)} correct)\n")
    print("\n".join(property_table(others, STATEMENT_FEATURES)))
    beta_st = fit(*design(others))
    print("\n## Coefficients (all judged statements)")
    for name, value in zip(STATEMENT_FEATURES, beta_st, strict=True):
        print(f"  {name:15} {value:+.4f}")
    print(f"\n## Cross-validated ({FOLDS} folds by text)")
    print("\n".join(statement_report(others, cross_validated(others), args.threshold)))
    print("\n## Fitted on all (in-sample, for reference)")
    print("\n".join(statement_report(
        others, {i: predict(beta_st, c) for i, c in enumerate(others)}, args.threshold)))
    if args.write:
        fitted = sum(1 for c in judged if any(c.eligible))
        provenance = (f"{fitted} judged eligible edges of {len(words)} texts, L2 {L2}; "
                      "rerun the script to refit")
        write_coefficients(beta, provenance)
        fitted = sum(1 for c in judged_st if any(c.eligible))
        provenance = (f"{fitted} judged statements that are no edge, of "
                      f"{len({c.text for c in judged_st})} texts, L2 {L2}; rerun to refit")
        write_coefficients(beta_st, provenance, STATEMENT_FEATURES, "STATEMENT_COEFFICIENTS")
        print(f"\ncoefficients written to {MODULE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

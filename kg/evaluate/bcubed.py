"""B-cubed and pairwise (link) scores for entity merging / coreference clusters.

B³ (Bagga & Baldwin 1998) scores each mention by how well its predicted cluster
overlaps its gold cluster, then averages over mentions:

    precision(m) = |G(m) ∩ P(m)| / |P(m)|      recall(m) = |G(m) ∩ P(m)| / |G(m)|

Pairwise scores compare the sets of same-cluster mention pairs ("links") instead.
Both are computed from the cluster-overlap counts, so the cost is linear in the number
of mentions, not quadratic.

Mention ids are any hashable, e.g. ``(doc_id, start, end)``. Choices made here:

* The mentions scored are the union of both sides. A gold mention the prediction does
  not mention is a singleton predicted cluster (the system failed to link it); a
  predicted mention absent from the gold is likewise a gold singleton, so merging it into
  a cluster costs precision.
* A mention listed in two clusters of the same side is an error (``ValueError``);
  repeats inside one cluster count once; empty clusters are ignored.
* With no links on a side, the pairwise score against that side is vacuous: pairwise
  precision is 1.0 when nothing is predicted linked, pairwise recall is 1.0 when the gold
  has no links. F1 is 0.0 when precision + recall is 0.

Example (the Bagga & Baldwin figure)::

    >>> s = bcubed([[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]],
    ...            [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]])
    >>> round(s.b3_precision, 3), s.b3_recall
    (0.762, 1.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

__all__ = ["MergeScore", "bcubed", "clusters_from_labels"]


@dataclass(frozen=True)
class MergeScore:
    """B³ and pairwise precision, recall and F1 of predicted clusters against gold."""

    b3_precision: float
    b3_recall: float
    b3_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float

    def __str__(self) -> str:
        return (
            f"B3 P {self.b3_precision:.3f}  R {self.b3_recall:.3f}  F1 {self.b3_f1:.3f}  "
            f"pairs P {self.pair_precision:.3f}  R {self.pair_recall:.3f}  "
            f"F1 {self.pair_f1:.3f}"
        )


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> list[set[Hashable]]:
    """Turn a ``{mention: cluster label}`` mapping into a list of clusters."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return list(groups.values())


def _assign(clusters: Iterable[Iterable[Hashable]], side: str) -> dict[Hashable, int]:
    """Map each mention to the index of its cluster; reject a mention in two clusters."""
    owner: dict[Hashable, int] = {}
    for index, cluster in enumerate(clusters):
        for mention in set(cluster):
            if mention in owner:
                raise ValueError(
                    f"{side} mention is in two clusters ({mention!r}); "
                    "each mention must belong to exactly one cluster"
                )
            owner[mention] = index
    return owner


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def bcubed(
    gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]
) -> MergeScore:
    """Score predicted clusters against gold clusters with B³ and pairwise measures.

    Raises ``ValueError`` if a mention is in two clusters of one side, or if there are
    no mentions at all.
    """
    gold_of = _assign(gold, "gold")
    pred_of = _assign(predicted, "predicted")
    mentions = set(gold_of) | set(pred_of)
    if not mentions:
        raise ValueError("no mentions to score (empty clusters); pass at least one mention")

    # Mentions missing on one side become singletons there: give them fresh cluster ids.
    def key(owner: dict[Hashable, int], m: Hashable) -> tuple[int, Hashable]:
        return (0, owner[m]) if m in owner else (1, m)

    overlap = Counter((key(gold_of, m), key(pred_of, m)) for m in mentions)
    gold_size = Counter(g for g, _ in overlap.elements())
    pred_size = Counter(p for _, p in overlap.elements())

    n = len(mentions)
    # Each (gold, pred) cell of size c contributes c mentions, each with overlap c.
    b3_p = sum(c * c / pred_size[p] for (_, p), c in overlap.items()) / n
    b3_r = sum(c * c / gold_size[g] for (g, _), c in overlap.items()) / n

    common = sum(_pairs(c) for c in overlap.values())
    gold_pairs = sum(_pairs(c) for c in gold_size.values())
    pred_pairs = sum(_pairs(c) for c in pred_size.values())
    pair_p = common / pred_pairs if pred_pairs else 1.0
    pair_r = common / gold_pairs if gold_pairs else 1.0

    return MergeScore(b3_p, b3_r, _f1(b3_p, b3_r), pair_p, pair_r, _f1(pair_p, pair_r))

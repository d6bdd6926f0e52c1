"""B³ and pairwise scores: textbook examples and edge cases."""

from __future__ import annotations

import doctest
import itertools

import pytest

import kg.evaluate.bcubed as bcubed_module
from kg.evaluate.bcubed import bcubed, clusters_from_labels

# Bagga & Baldwin (1998), figure: gold entities {1-5}, {6,7}, {8-12}.
GOLD = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]]


def test_bagga_baldwin_response_a() -> None:
    s = bcubed(GOLD, [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]])
    assert s.b3_precision == pytest.approx(64 / 84)  # (5*1 + 2*2/7 + 5*5/7) / 12
    assert s.b3_recall == pytest.approx(1.0)
    assert s.pair_precision == pytest.approx(21 / 31)
    assert s.pair_recall == pytest.approx(1.0)


def test_bagga_baldwin_response_b_is_worse_than_a() -> None:
    a = bcubed(GOLD, [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]])
    b = bcubed(GOLD, [[1, 2, 3, 4, 5, 8, 9, 10, 11, 12], [6, 7]])
    assert b.b3_precision == pytest.approx(7 / 12)  # (10*5/10 + 2*1) / 12
    assert b.b3_recall == pytest.approx(1.0)
    assert b.b3_f1 < a.b3_f1


def test_perfect_prediction() -> None:
    s = bcubed(GOLD, [[5, 4, 3, 2, 1], [7, 6], [12, 11, 10, 9, 8]])
    assert (s.b3_precision, s.b3_recall, s.b3_f1) == (1.0, 1.0, 1.0)
    assert (s.pair_precision, s.pair_recall, s.pair_f1) == (1.0, 1.0, 1.0)


def test_all_singletons_predicted() -> None:
    s = bcubed(GOLD, [[m] for m in range(1, 13)])
    assert s.b3_precision == 1.0
    assert s.b3_recall == pytest.approx((5 * 1 / 5 + 2 * 1 / 2 + 5 * 1 / 5) / 12)
    assert s.pair_precision == 1.0  # no predicted link, none wrong
    assert s.pair_recall == 0.0
    assert s.pair_f1 == 0.0


def test_everything_merged() -> None:
    s = bcubed(GOLD, [list(range(1, 13))])
    assert s.b3_recall == 1.0
    assert s.b3_precision == pytest.approx((5 * 5 / 12 + 2 * 2 / 12 + 5 * 5 / 12) / 12)
    assert s.pair_recall == 1.0
    assert s.pair_precision == pytest.approx(21 / 66)  # 21 gold links out of C(12, 2)


def test_all_singletons_both_sides_is_perfect() -> None:
    s = bcubed([[1], [2], [3]], [[1], [2], [3]])
    assert (s.b3_f1, s.pair_precision, s.pair_recall, s.pair_f1) == (1.0, 1.0, 1.0, 1.0)


def test_missing_predicted_mentions_are_singletons() -> None:
    explicit = bcubed([[1, 2, 3]], [[1, 2], [3]])
    implicit = bcubed([[1, 2, 3]], [[1, 2]])
    assert implicit == explicit
    assert implicit.b3_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_predicted_mentions_absent_from_gold_cost_precision() -> None:
    s = bcubed([[1, 2]], [[1, 2, 99]])
    assert s.b3_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert s.pair_precision == pytest.approx(1 / 3)
    assert s.pair_recall == 1.0


def test_tuple_mention_ids_and_generators() -> None:
    gold = ({("d1", 0, 5), ("d1", 10, 12)}, {("d2", 3, 7)})
    pred = (c for c in [[("d1", 0, 5)], [("d1", 10, 12), ("d2", 3, 7)]])
    s = bcubed(gold, pred)
    assert s.b3_precision == pytest.approx((1 + 1 / 2 + 1 / 2) / 3)
    assert s.b3_recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    assert s.pair_precision == 0.0 and s.pair_recall == 0.0 and s.pair_f1 == 0.0


def test_pairwise_matches_brute_force() -> None:
    gold = [[1, 2, 3], [4, 5], [6]]
    pred = [[1, 2], [3, 4, 5, 6]]

    def links(clusters: list[list[int]]) -> set[frozenset[int]]:
        return {frozenset(p) for c in clusters for p in itertools.combinations(c, 2)}

    g, p = links(gold), links(pred)
    s = bcubed(gold, pred)
    assert s.pair_precision == pytest.approx(len(g & p) / len(p))
    assert s.pair_recall == pytest.approx(len(g & p) / len(g))


def test_mention_in_two_clusters_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"predicted mention is in two clusters \(3\)"):
        bcubed([[1, 2, 3]], [[1, 3], [2, 3]])


def test_no_mentions_is_rejected() -> None:
    with pytest.raises(ValueError, match="no mentions"):
        bcubed([], [[]])


def test_clusters_from_labels() -> None:
    clusters = clusters_from_labels({"a": 1, "b": 1, "c": 2})
    assert {frozenset(c) for c in clusters} == {frozenset("ab"), frozenset("c")}


def test_module_docstring_example() -> None:
    assert doctest.testmod(bcubed_module).failed == 0

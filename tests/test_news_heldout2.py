"""Held-out set 2 of issue 9's news evaluation (benchmarks/news, README there): its
texts all have a key-fact file, it is built only when named (``--split all`` leaves it
out), it has no CaRB part, and its judgments file reads with the scorer's reader."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.evaluate.facts import load_fact_dir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import news_eval  # noqa: E402


def test_every_heldout2_text_has_six_to_ten_key_facts() -> None:
    texts = news_eval.split_texts("heldout2")
    facts = load_fact_dir(news_eval.NEWS / "facts")
    assert len(texts) == 16
    assert all(name[:2].isdigit() and 71 <= int(name[:2]) <= 86 for name in texts)
    for name, text in texts.items():
        assert 300 <= len(text.split()) <= 600, name
        assert 6 <= len(facts[name]) <= 10, name


def test_heldout2_has_no_carb_part_and_all_leaves_it_out() -> None:
    assert news_eval.carb_articles("heldout2") == {}
    assert "heldout2" in news_eval.SPLITS
    assert "heldout2" not in news_eval.ALL_SPLITS
    assert [p.name for p in news_eval.judgment_files("all")] == [
        "judgments-tune.tsv", "judgments-heldout.tsv"]


def test_heldout2_judgments_read_and_are_complete() -> None:
    judged = news_eval.read_judgments(news_eval.judgment_files("heldout2"))
    texts = news_eval.split_texts("heldout2")
    assert judged, "judgments-heldout2.tsv is empty"
    for key, row in judged.items():
        assert key[0] in texts
        assert row["verdict"] in news_eval.VERDICTS
        assert (row["class"] == "") == (row["verdict"] == "correct"), key
        assert row["class"] == "" or row["class"] in news_eval.CLASSES


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_existing_splits_keep_their_texts(split: str) -> None:
    names = news_eval.split_texts(split)
    assert not any(name[:2] in {str(n) for n in range(71, 87)} for name in names)


def test_a_retyped_edge_keeps_the_type_judgment_made_for_its_types(tmp_path: Path) -> None:
    """A key judged again after a type changed: the verdict is the last row's, type_ok
    the one judged for the types the build gives (an older kg finds the older row)."""
    header = "\t".join(news_eval.JUDGMENT_COLUMNS)
    key = "t\tVireline fell.\tVireline\tfall\tshare"
    path = tmp_path / "judgments-x.tsv"
    path.write_text("\n".join([
        "# comment", header,
        f"{key}\tcorrect\t\tPlace\tOrganization\tno,yes\ttyped Place",
        f"{key}\tcorrect\t\tOrganization\tOrganization\tyes,yes\tre-typed",
    ]) + "\n", encoding="utf-8")
    rows = news_eval.read_judgment_rows([path])
    judged = news_eval.read_judgments([path])
    assert len(rows) == 2 and len(judged) == 1

    def edge(subject_type: str, object_type: str) -> news_eval.Edge:
        return news_eval.Edge("t", 0, "Vireline fell.", "Vireline", "fall", "share",
                              subject_type, object_type, 0.9)

    old, new, other = edge("Place", "Organization"), edge("Organization", "Organization"), \
        edge("Person", "Organization")
    news_eval.join_judgments([old, new, other], judged, news_eval.typed_judgments(rows))
    assert old.judgment["type_ok"] == "no,yes"
    assert new.judgment["type_ok"] == "yes,yes"
    assert other.judgment["type_ok"] == ",yes"  # the changed slot needs judging again
    assert {e.verdict for e in (old, new, other)} == {"correct"}

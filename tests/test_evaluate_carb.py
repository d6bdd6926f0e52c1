"""CaRB scorer: calibration against the official scorer's figures, and hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate.carb import (
    Extraction,
    main,
    match,
    normalize_sentence,
    read_gold,
    read_system,
    score,
    score_files,
)

CARB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "carb"

# Official CaRB scorer on the dev split, rounded to 3 places (benchmarks/carb/README.md).
CALIBRATION = {
    "calibration-openie5-dev.tsv": (0.240, 0.526, 0.406, 0.458),
    "calibration-textacy-dev.tsv": (0.093, 0.708, 0.109, 0.189),
}


@pytest.mark.parametrize("system", sorted(CALIBRATION))
def test_calibration_reproduces_official_scorer(system: str) -> None:
    gold = CARB / "dev-gold.tsv"
    assert gold.is_file(), f"CaRB benchmark data missing ({gold}); expected shared/ beside the repo"
    result = score_files(gold, CARB / system)
    got = tuple(round(x, 3) for x in (result.auc, result.precision, result.recall, result.f1))
    assert got == CALIBRATION[system]


def test_cli_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    gold = CARB / "dev-gold.tsv"
    assert gold.is_file(), f"CaRB benchmark data missing ({gold})"
    assert main([str(gold), str(CARB / "calibration-openie5-dev.tsv")]) == 0
    assert capsys.readouterr().out == "AUC 0.240  P 0.526  R 0.406  F1 0.458\n"


def ex(relation: str, *args: str, confidence: float = 1.0) -> Extraction:
    return Extraction(relation, tuple(args), confidence)


def test_relation_mismatch_scores_zero() -> None:
    assert match(ex("bought", "Bush", "a dog"), ex("sold", "Bush", "a dog")) == (0.0, 0.0)


def test_exact_match_scores_one() -> None:
    assert match(ex("bought", "Bush", "a dog"), ex("bought", "Bush", "a dog")) == (1.0, 1.0)


def test_partial_match_counts_tokens() -> None:
    # gold 1+1+2 tokens, predicted 1+2+1 tokens; matched: bought, Bush, dog
    assert match(ex("bought", "Bush", "a dog"), ex("bought", "George Bush", "dog")) == (
        pytest.approx(3 / 4),
        pytest.approx(3 / 4),
    )


def test_tokens_are_case_sensitive() -> None:
    p, r = match(ex("bought", "Bush", "dog"), ex("bought", "bush", "dog"))
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(2 / 3))


def test_be_matches_a_form_of_be() -> None:
    assert match(ex("is", "Bush", "President"), ex("be", "Bush", "President")) == (1.0, 1.0)
    assert match(ex("was born in", "He", "Ohio"), ex("be born in", "He", "Ohio")) == (1.0, 1.0)


def test_be_only_matches_from_prediction_side() -> None:
    assert match(ex("be", "Bush", "President"), ex("is", "Bush", "President")) == (0.0, 0.0)


def test_said_relation_also_scores_swapped_arguments() -> None:
    gold = ex("said", "Obama", "the economy grew")
    swapped = ex("said", "the economy grew", "Obama")
    assert match(gold, swapped) == (1.0, 1.0)
    # Without a said-type relation, the swap is not tried.
    assert match(ex("met", "Obama", "Putin"), ex("met", "Putin", "Obama")) == (
        pytest.approx(1 / 3),
        pytest.approx(1 / 3),
    )


def test_missing_argument_scores_zero() -> None:
    assert match(ex("bought", "Bush", "a dog"), ex("bought", "Bush")) == (0.0, 0.0)


def test_extra_arguments_are_joined_into_arg2() -> None:
    gold = ex("bought", "Bush", "a dog", "in Texas")
    assert match(gold, ex("bought", "Bush", "a dog in Texas")) == (1.0, 1.0)


def test_greedy_precision_is_one_to_one_recall_is_not() -> None:
    s = "Bush bought a dog ."
    gold = {s: [ex("bought", "Bush", "a dog")]}
    preds = {s: [ex("bought", "Bush", "a dog"), ex("bought", "Bush", "a dog")]}
    result = score(gold, preds)
    assert result.precision == pytest.approx(0.5)  # only one prediction may pair with the gold
    assert result.recall == pytest.approx(1.0)


def test_threshold_picks_best_f1_and_curve_is_per_confidence() -> None:
    s = "Bush bought a dog ."
    gold = {s: [ex("bought", "Bush", "a dog")]}
    preds = {s: [ex("bought", "Bush", "a dog", confidence=0.9),
                 ex("sold", "Bush", "a cat", confidence=0.2)]}
    result = score(gold, preds)
    assert result.threshold == 0.9
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.curve == ((0.2, 0.5, 1.0), (0.9, 1.0, 1.0))
    # points (0,1), (1,1) [the later threshold's precision wins at recall 1]: area 1
    assert result.auc == pytest.approx(1.0)


def test_predictions_for_unknown_sentences_are_ignored() -> None:
    gold = {"A b c .": [ex("b", "A", "c")]}
    preds = {"A b c": [ex("b", "A", "c")], "Other sentence .": [ex("x", "y", "z")]}
    result = score(gold, preds)
    assert (result.precision, result.recall) == (1.0, 1.0)


def test_no_predictions_scores_zero() -> None:
    result = score({"A b c .": [ex("b", "A", "c")]}, {})
    assert (result.auc, result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0, 0.0)


def test_normalize_sentence_unescapes_brackets_and_drops_punctuation() -> None:
    assert normalize_sentence("Bush -LRB- R -RRB- said , `` yes . ''") == "BushRsaidyes"
    assert normalize_sentence("Bush (R) said, \"yes.\"") == "BushRsaidyes"


def test_readers_drop_contexts_and_parse_confidence(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.tsv"
    gold_file.write_text("S one .\tsaid\tHe\tit rained\tC: reportedly\n", encoding="utf-8")
    system_file = tmp_path / "sys.tsv"
    system_file.write_text("S one .\t0.75\tsaid\tHe\tit rained\n\n", encoding="utf-8")
    assert read_gold(gold_file) == {"S one .": [ex("said", "He", "it rained")]}
    assert read_system(system_file) == {"S one .": [ex("said", "He", "it rained", confidence=0.75)]}

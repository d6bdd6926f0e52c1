"""``kg openie`` output: CaRB tab format over PTB tokens, and JSON Lines (real model)."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from kg.errors import FormatError
from kg.openie import openie

PTB = [
    "Earlier this year , President Bush 's aides made a final offer on the minimum wage .",
    "The company -LRB- Acme -RRB- has not outlined `` detailed '' steps , the official said .",
    "",
    "Mr. Baker found an opening under the house .",
]


@pytest.fixture(scope="module")
def carb_lines(nlp: Language) -> list[str]:
    return list(openie(PTB, nlp, "carb"))


def test_every_line_echoes_its_sentence_exactly(carb_lines: list[str]) -> None:
    assert carb_lines
    for line in carb_lines:
        fields = line.split("\t")
        assert fields[0] in PTB and fields[0]
        assert 0.0 <= float(fields[1]) <= 1.0
        assert len(fields) >= 5  # sentence, confidence, relation, arg1, arg2
        assert all(f.strip() for f in fields[2:])


def test_arguments_are_written_in_the_input_tokens(carb_lines: list[str]) -> None:
    for line in carb_lines:
        sentence, _, _relation, *parts = line.split("\t")
        tokens = set(sentence.split())
        for part in parts:
            assert set(part.split()) <= tokens, part
    rows = [line.split("\t")[2:] for line in carb_lines]
    assert ["has not outlined", "The company", "`` detailed '' steps"] in rows
    assert ["is", "The company", "Acme"] in rows  # the bracketed apposition


def test_relation_takes_the_preposition_when_there_is_no_object(carb_lines: list[str]) -> None:
    rows = [tuple(line.split("\t")[2:]) for line in carb_lines]
    assert ("found", "Mr. Baker", "an opening", "under the house") in rows


def test_jsonl_has_token_spans_roles_and_rule(nlp: Language) -> None:
    records = [json.loads(x) for x in openie(PTB[3:], nlp, "jsonl")]
    found = next(r for r in records if r["relation"]["lemma"].startswith("find"))
    assert found["sentence"] == PTB[3]
    assert found["subject"] == {"role": "subject", "text": "Mr. Baker", "start": 0, "end": 2,
                                "head": 1, "preposition": None}
    assert found["rule"] == "verb" and 0 < found["confidence"] <= 1
    assert [a["preposition"] for a in found["arguments"]] == ["under"]


def test_blank_input_gives_nothing(nlp: Language) -> None:
    assert list(openie(["", "   "], nlp, "carb")) == []


def test_unknown_format_is_a_one_line_error(nlp: Language) -> None:
    message = r"unknown openie format \(xml\); use one of: carb, jsonl"
    with pytest.raises(FormatError, match=message):
        list(openie(PTB, nlp, "xml"))

"""The coref gold set is consistent: every mention's offsets cut out its surface text."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "coref"
GOLD = DATA / "gold.json"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"


def _docs() -> list[dict]:
    return [
        doc
        for name in ("gold.json", "heldout.json", "heldout2.json")
        for doc in json.loads((DATA / name).read_text(encoding="utf-8"))
    ]


def test_every_mention_offset_matches_its_text() -> None:
    for doc in _docs():
        for cid, mentions in doc["clusters"].items():
            for m in mentions:
                assert doc["text"][m["start"] : m["end"]] == m["text"], (doc["id"], cid, m)


def test_no_mention_is_in_two_clusters() -> None:
    for doc in _docs():
        spans = [(m["start"], m["end"]) for ms in doc["clusters"].values() for m in ms]
        assert len(spans) == len(set(spans)), doc["id"]


def test_set_size_and_example_is_the_cleaned_body() -> None:
    docs = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(docs) >= 16
    assert len({d["id"] for d in _docs()}) == len(_docs())
    example = EXAMPLE.read_text(encoding="utf-8")
    body = example[example.index("China has expressed") :].strip()
    assert docs[0]["text"] == body

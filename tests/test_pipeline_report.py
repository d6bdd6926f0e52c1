"""What ``kg build`` reports is what the store holds: the entity count of a one-article
build equals the entities ``kg stats`` finds in its store, in both profiles (``facts``
leaves out concepts nothing stored refers to, and the report counts the same way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.analysis import stats
from kg.pipeline import build
from kg.rdf.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"


@pytest.mark.parametrize("detail", ["facts", "full"])
def test_reported_entities_are_the_stored_ones(tmp_path: Path, detail: str) -> None:
    report = build([EXAMPLE], out=tmp_path / "out", detail=detail, render=False,
                   exports=False, workers=0)
    with Store.open(tmp_path / "out" / "store", read_only=True) as st:
        stored = stats(st).entities
    assert report.entities == stored > 0

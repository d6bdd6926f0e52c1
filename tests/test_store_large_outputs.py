"""Outputs of a build into a large store (issue 10 §2): above
``kg.pipeline.LARGE_STORE_ARTICLES`` stored articles ``kg build`` leaves the exports and
the HTML as they are and says, in one warning line, how to write them; at or below it they
are rewritten as before, byte for byte what ``kg export`` writes for each format."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import pipeline
from kg.layout import DEFAULT_EXPORTS
from kg.pipeline import build
from kg.rdf.export import export
from kg.rdf.store import Store

TEXTS = [
    "Acme Corp hired Jane Holt in May. Holt praised the Acme board.",
    "Rivertown FC beat Harbour United 3-1 on Saturday.",
    "Jane Holt met Acme investors in Leeds on Monday.",
]


def inputs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(TEXTS[:count]):
        (folder / f"a{i}.txt").write_text(text + "\n", encoding="utf-8")
    return sorted(folder.iterdir())


def test_build_exports_equal_kg_export_of_each_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(inputs(tmp_path / "in", 3), out=out, render=False)
    with Store.open(out / "store", read_only=True) as st:
        for name, fmt in DEFAULT_EXPORTS.items():
            assert (out / name).read_text(encoding="utf-8") == export(st, fmt), name


def test_above_the_limit_outputs_are_left_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(inputs(tmp_path / "in", 2), out=out)
    before = {name: (out / name).read_bytes() for name in [*DEFAULT_EXPORTS, "graph.html"]}
    monkeypatch.setattr(pipeline, "LARGE_STORE_ARTICLES", 2)
    report = build(inputs(tmp_path / "in", 3), out=out)
    assert len(report.articles) == 1 and report.outputs == []
    assert [str(w) for w in report.warnings] == [
        "outputs not rewritten: the store holds 3 articles (over 2); write them with: "
        + "; ".join(f"kg export --store {out / 'store'} -o {out / name}"
                    for name in DEFAULT_EXPORTS)
        + f"; kg render --store {out / 'store'} -o {out / 'graph.html'}"
    ]
    assert {name: (out / name).read_bytes() for name in before} == before
    monkeypatch.setattr(pipeline, "LARGE_STORE_ARTICLES", 3)
    again = build(inputs(tmp_path / "in", 3), out=out)  # nothing to parse: still rewritten
    assert again.articles == [] and len(again.outputs) == 5
    with Store.open(out / "store", read_only=True) as st:
        assert (out / "graph.nq").read_text(encoding="utf-8") == export(st, "nquads")
    assert not (out / pipeline.STALE_MARK).exists()

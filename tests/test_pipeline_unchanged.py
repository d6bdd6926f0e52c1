"""Re-running a build over unchanged inputs parses nothing and leaves the store and the
outputs as they are (issue 10: incremental, restartable builds); any change of text,
metadata or the articles before it rebuilds from there on, as a clean build would."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.pipeline import build, rebuild
from kg.rdf.export import serialize
from kg.rdf.store import Store

TEXTS = {
    "a.txt": "Acme Corp hired Jane Holt in May. Holt praised the Acme board.",
    "b.txt": "Rivertown FC beat Harbour United 3-1 on Saturday.",
    "c.txt": "Jane Holt met Acme investors in Leeds on Monday.",
}


def write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in sorted(texts)]


def digest(store_path: Path) -> str:
    with Store.open(store_path, read_only=True) as st:
        return hashlib.sha256(serialize(st, "nquads").encode()).hexdigest()


def test_a_second_run_over_the_same_inputs_builds_nothing(tmp_path: Path) -> None:
    inputs = write(tmp_path / "in", TEXTS)
    out = tmp_path / "out"
    first = build(inputs, out=out)
    before = digest(out / "store")
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    second = build(inputs, out=out)
    assert len(first.articles) == 3 and first.unchanged == []
    assert second.articles == [] and second.unchanged == first.articles
    assert digest(out / "store") == before
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps


def records(second: str) -> str:
    texts = [TEXTS["a.txt"], second, TEXTS["c.txt"]]
    return "".join(json.dumps({"id": f"art-{i}", "text": t}) + "\n" for i, t in enumerate(texts))


def test_after_a_changed_input_everything_from_it_on_is_rebuilt(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(records(TEXTS["b.txt"]), encoding="utf-8")
    out = tmp_path / "out"
    build([news], out=out)
    news.write_text(records("Rivertown FC lost 0-2 to Harbour United."), encoding="utf-8")
    again = build([news], out=out)
    assert again.unchanged == ["art-0"] and again.articles == ["art-1", "art-2"]
    clean = tmp_path / "clean"
    build([news], out=clean)
    assert digest(out / "store") == digest(clean / "store")


def test_an_article_built_after_others_is_not_taken_as_current(tmp_path: Path) -> None:
    inputs = write(tmp_path / "in", TEXTS)
    out = tmp_path / "out"
    build(inputs[1:2], out=out)  # b first: a would have resolved against it
    build(inputs[:1], out=out)
    again = build(inputs, out=out)
    assert again.unchanged == []  # a's context differs from a clean build's
    clean = tmp_path / "clean"
    build(inputs, out=clean)
    assert digest(out / "store") == digest(clean / "store")


@pytest.mark.parametrize("header", ["Title: Holt joins Acme\n\n", "date 2025-05-01\n"])
def test_changed_metadata_is_a_change(tmp_path: Path, header: str) -> None:
    inputs = write(tmp_path / "in", {"a.txt": TEXTS["a.txt"]})
    out = tmp_path / "out"
    build(inputs, out=out)
    (tmp_path / "in" / "a.txt").write_text(header + TEXTS["a.txt"], encoding="utf-8")
    again = build(inputs, out=out)
    assert again.unchanged == [] and len(again.articles) == 1


def test_missing_outputs_are_written_even_when_nothing_changed(tmp_path: Path) -> None:
    inputs = write(tmp_path / "in", TEXTS)
    out = tmp_path / "out"
    build(inputs, out=out)
    (out / "graph.ttl").unlink()
    again = build(inputs, out=out)
    assert again.articles == [] and (out / "graph.ttl").is_file()


def test_a_rebuilt_store_is_current_for_the_same_build(tmp_path: Path) -> None:
    inputs = write(tmp_path / "in", TEXTS)
    out = tmp_path / "out"
    build(inputs[1:2], out=out, render=False)
    build([inputs[0], inputs[2]], out=out, render=False)
    rebuild(out=out, render=False)
    again = build(inputs, out=out, render=False)
    assert len(again.unchanged) == 3 and again.articles == []

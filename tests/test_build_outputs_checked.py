"""Output paths are checked before anything is written: a bad --out leaves the store as it
was, and kg build never reads its own output folder or store as input."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.export import serialize
from kg.rdf.store import Store

TEXT = "The central bank raised interest rates to 4.5 per cent on Thursday.\n"
runner = CliRunner()


def digest(store: Path) -> str:
    with Store.open(store, read_only=True) as st:
        return hashlib.sha256(serialize(st, "nquads").encode()).hexdigest()


def test_out_that_is_a_file_fails_before_the_store_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT.replace("Thursday", "Friday"))
    store = tmp_path / "store"
    first = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                "--store", str(store), "-q"])
    assert first.exit_code == 0, first.output
    before = digest(store)
    (tmp_path / "file").write_text("not a folder")
    result = runner.invoke(app, ["build", str(tmp_path / "b.txt"), "--out",
                                 str(tmp_path / "file"), "--store", str(store), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: output folder is not a folder ({tmp_path / 'file'} is a file); "
        "pass another --out"
    )
    assert digest(store) == before
    nested = runner.invoke(app, ["build", str(tmp_path / "b.txt"), "--out",
                                 str(tmp_path / "file" / "sub"), "--store", str(store), "-q"])
    assert nested.exit_code == 1 and "is a file" in nested.stderr
    assert digest(store) == before


def test_output_file_taken_by_a_folder_fails_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "o" / "graph.nq").mkdir(parents=True)
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                 "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: output file is a folder ({tmp_path / 'o' / 'graph.nq'}); "
        "remove it or pass another --out"
    )
    assert not (tmp_path / "o" / "store").exists()


def test_building_the_current_folder_twice_never_reads_its_output(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    digests = []
    for _ in range(2):
        result = runner.invoke(app, ["build", ".", "-q"])
        assert result.exit_code == 0, result.output
        with Store.open(Path("output/store"), read_only=True) as st:
            assert len(st.article_ids()) == 1
        digests.append(digest(Path("output/store")))
    assert digests[0] == digests[1]  # the second build read nothing of the first's output


def test_out_inside_a_store_fails_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    first = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                "-q", "--no-html", "--no-exports"])
    assert first.exit_code == 0, first.output
    inside = tmp_path / "o" / "store" / "sub"
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(inside),
                                 "--store", str(tmp_path / "other"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: output inside a store folder ({inside / 'graph.ttl'}); write outside the store"
    )
    assert not inside.exists() and not (tmp_path / "other").exists()

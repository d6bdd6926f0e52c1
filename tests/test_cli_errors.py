"""User mistakes: one line ``Error: ...``, exit status 1, the store left as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from cli_checks import error_line
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp import installed_models
from kg.rdf.export import export
from kg.rdf.store import Store

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = run("build", str(example_path), "--out", str(out), "--quiet", "--no-html")
    assert result.exit_code == 0, result.output
    return out


def fingerprint(store: Path) -> str:
    """A digest of the store's sorted N-Quads: equal means nothing changed."""
    path = store.parent / "fingerprint.nq"
    with Store.open(store) as st:
        export(st.dataset, "nquads", path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_input(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert error_line(result).startswith(f"Error: input not found ({tmp_path / 'nope.txt'}); ")
    assert not (tmp_path / "store").exists()


def test_unknown_model(tmp_path: Path, example_path: Path) -> None:
    result = run("build", str(example_path), "--out", str(tmp_path), "--model", "xx_nope")
    assert error_line(result) == (
        "Error: spaCy pipeline not installed (xx_nope); installed pipelines: "
        f"{', '.join(installed_models())}. "
        "Pass one of them with --model NAME, or install it with pip"
    )
    assert not (tmp_path / "store").exists()


def test_binary_file_refused_other_inputs_still_build(tmp_path: Path, example_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out"
    result = run("build", str(binary), str(example_path), "--out", str(out), "--quiet")
    assert result.exit_code == 1
    assert f"({binary})" in error_line(result)
    with Store.open(out / "store") as st:
        assert len(st.article_ids()) == 1


def test_bad_sparql_leaves_store(built: Path) -> None:
    store = built / "store"
    before = fingerprint(store)
    result = run("query", "SELEC ?x WHERE {", "--store", str(store))
    assert error_line(result).startswith("Error: invalid SPARQL (")
    assert error_line(result).endswith("); check the query syntax")
    assert fingerprint(store) == before


def test_unknown_export_format(built: Path) -> None:
    result = run("export", "--format", "xml", "--store", str(built / "store"))
    assert error_line(result) == (
        "Error: unknown export format (xml); use one of: "
        "turtle, trig, nquads, ntriples, jsonld, gexf, graphml"
    )


def test_unknown_query_format(built: Path) -> None:
    result = run("query", "ASK {}", "--format", "yaml", "--store", str(built / "store"))
    assert error_line(result) == (
        "Error: unknown query result format (yaml); use one of: table, csv, json"
    )


def test_missing_store(tmp_path: Path) -> None:
    result = run("stats", "--store", str(tmp_path / "none"))
    assert error_line(result) == (
        f"Error: no store or RDF file at ({tmp_path / 'none'}); build one first with: "
        "kg build INPUT, or pass an existing --store"
    )


def test_unknown_model_does_not_touch_existing_store(built: Path, example_path: Path) -> None:
    store = built / "store"
    before = fingerprint(store)
    result = run("build", str(example_path), "--store", str(store), "--model", "xx_nope")
    assert result.exit_code == 1
    assert fingerprint(store) == before


def test_remove_unknown_article(built: Path) -> None:
    result = run("remove", "no-such-article", "--store", str(built / "store"))
    assert error_line(result).startswith("Error: no such article (no-such-article); ")


def test_console_script_reports_error_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(tmp_path / "missing.md")],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        proc.stderr.strip()
    ] and proc.stderr.startswith("Error: input not found (")


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert error_line(result) == (
        f"Error: no articles found in ({tmp_path / 'empty'}); pass text, Markdown, HTML, "
        "JSON Lines or CSV files, or a folder or archive holding them"
    )

"""Build history: a store grown incrementally equals a clean build, or kg rebuild makes it so.

The cross-article merge resolves an article against the articles stored before it, so
"Hargreaves" alone joins "Oliver Hargreaves" only when his article was stored first.
Two promises are pinned here: a build that re-processes articles resolves them without
their own older versions (so re-running any build, or building a folder again, gives
what a clean build of that folder gives), and ``kg rebuild`` turns any store into the
clean build of its articles in source order.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.rdf.export import serialize
from kg.rdf.store import Store

SURNAME_ONLY = (
    "Manchester United midfielder Hargreaves will miss the rest of the season, the club "
    "said on Friday. Hargreaves injured his knee in training, according to manager Alex "
    "Ferguson.\n"
)
FULL_NAME = (
    "Oliver Hargreaves signed a new contract with United on Monday. Oliver Hargreaves "
    "said he was delighted to stay at the club.\n"
)
PERSON = "https://w3id.org/kg/ontology#Person"


def digest(out: Path) -> str:
    with Store.open(out / "store") as st:
        return hashlib.sha256(serialize(st, "nquads").encode()).hexdigest()


def people(out: Path) -> set[str]:
    with Store.open(out / "store") as st:
        rows = st.oxigraph.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e a <{PERSON}> }} }}")
        return {row["e"].value.rsplit("/", 1)[-1] for row in rows}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SURNAME_ONLY)
    (src / "b.txt").write_text(FULL_NAME)
    return src


@pytest.fixture
def clean(folder: Path, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "clean"
    build([folder], out=out, render=False, exports=False)
    return out, digest(out)


def test_clean_build_keeps_surname_alone_when_it_comes_first(clean: tuple[Path, str]) -> None:
    assert {"hargreaves", "oliver-hargreaves"} <= people(clean[0])


def test_building_the_folder_again_after_other_orders_equals_clean(
    folder: Path, tmp_path: Path, clean: tuple[Path, str]
) -> None:
    out = tmp_path / "grown"
    build([folder / "b.txt"], out=out, render=False, exports=False)
    build([folder / "a.txt"], out=out, render=False, exports=False)
    assert "hargreaves" not in people(out)  # joined the stored Oliver Hargreaves
    build([folder], out=out, render=False, exports=False)
    assert digest(out) == clean[1]


def test_rebuild_makes_an_incremental_store_equal_clean(
    folder: Path, tmp_path: Path, clean: tuple[Path, str]
) -> None:
    out = tmp_path / "grown"
    build([folder / "b.txt"], out=out, render=False, exports=False)
    build([folder / "a.txt"], out=out, render=False, exports=False)
    assert digest(out) != clean[1]
    result = CliRunner().invoke(
        app, ["rebuild", "--out", str(out), "--no-html", "--no-exports"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Rebuilt 2 article(s): ")
    assert digest(out) == clean[1]
    again = CliRunner().invoke(app, ["rebuild", "--out", str(out), "-q", "--no-html"])
    assert again.exit_code == 0, again.output
    assert digest(out) == clean[1]
    assert (out / "graph.nq").is_file()


def test_rebuild_without_a_store_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rebuild", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no store at (")
    assert not (tmp_path / "none" / "store").exists()

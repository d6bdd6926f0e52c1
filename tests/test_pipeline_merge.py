"""Across articles: a later article merges into entities already in the store, and
``kg remove`` takes an article's statements and its now-unmentioned entities away."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.query import run_query
from kg.rdf.store import Store

FIRST = (
    "President Donald Trump met the Mexican president in Washington on Monday. "
    "Donald Trump said the talks with Mexico had gone well.\n"
)
SECOND = (
    "Trump said on Friday that he would announce new tariffs on steel imports. "
    "The European Union said it would respond. Angela Novak, an EU trade official, "
    "criticised the decision.\n"
)

PEOPLE = """
SELECT ?e ?g WHERE { GRAPH ?g { ?e a kg:Person ; rdfs:label ?l } }
"""


def people(store: Path) -> set[tuple[str, str]]:
    with Store.open(store) as st:
        return {(str(e), str(g)) for e, g in run_query(st.dataset, PEOPLE)}


def test_surname_in_later_article_joins_known_person(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "b.txt").write_text(SECOND)
    out = tmp_path / "out"
    build([tmp_path / "a.txt"], out=out, render=False)
    build([tmp_path / "b.txt"], out=out, render=False)
    trump = {e for e, _ in people(out / "store") if "trump" in e.lower()}
    assert trump == {"https://w3id.org/kg/id/entity/person/donald-trump"}
    graphs = {g for e, g in people(out / "store") if e in trump}
    assert len(graphs) == 2  # the one node is mentioned in both articles


def test_remove_drops_article_and_its_only_entities(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "b.txt").write_text(SECOND)
    out = tmp_path / "out"
    build([tmp_path / "a.txt", tmp_path / "b.txt"], out=out, render=False)
    with Store.open(out / "store") as st:
        ids = st.article_ids()
        second = next(
            i for i in ids
            if any("Novak" in str(r[0]) for r in run_query(
                st.dataset,
                f"SELECT ?l WHERE {{ GRAPH <https://w3id.org/kg/id/article/{i}> "
                "{ ?e rdfs:label ?l } }",
            ))
        )
    result = CliRunner().invoke(app, ["remove", second, "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    remaining = {e for e, _ in people(out / "store")}
    assert not any("novak" in e for e in remaining)
    assert "https://w3id.org/kg/id/entity/person/donald-trump" in remaining
    with Store.open(out / "store") as st:
        assert st.article_ids() == [i for i in ids if i != second]

"""``kg build``/``kg rebuild --detail facts|full``: the store remembers its profile, a build
with another profile rewrites every article, and an unknown profile is refused up front."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.incremental import stored_details
from kg.pipeline import build, rebuild
from kg.rdf.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "china-fentanyl-tariffs.txt"
runner = CliRunner()


def _profile(store: Path) -> tuple[set[str], int, int]:
    """The store's profiles, its statements, and its quads."""
    with Store.open(store, read_only=True) as st:
        statements = len(list(st.oxigraph.query(
            "SELECT ?s WHERE { GRAPH ?g { ?s a kg:Statement } }",
            prefixes={"kg": "https://w3id.org/kg/ontology#"},
        )))
        quads = len(list(st.oxigraph.quads_for_pattern(None, None, None, None)))
        return stored_details(st), statements, quads


def test_default_is_facts_and_full_keeps_every_statement(tmp_path: Path) -> None:
    facts = build([EXAMPLE], out=tmp_path / "facts", render=False, exports=False)
    full = build([EXAMPLE], out=tmp_path / "full", render=False, exports=False, detail="full")
    f_details, f_statements, f_quads = _profile(tmp_path / "facts" / "store")
    u_details, u_statements, u_quads = _profile(tmp_path / "full" / "store")
    assert (f_details, u_details) == ({"facts"}, {"full"})
    assert 0 < f_statements < u_statements
    assert (facts.statements, full.statements) == (f_statements, u_statements)
    assert f_quads < u_quads / 2


def test_the_store_keeps_its_profile_and_another_rewrites_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([EXAMPLE], out=out, render=False, exports=False, detail="full")
    again = build([EXAMPLE], out=out, render=False, exports=False)  # no --detail: stays full
    assert again.articles == [] and len(again.unchanged) == 1
    assert _profile(out / "store")[0] == {"full"}
    switched = build([EXAMPLE], out=out, render=False, exports=False, detail="facts")
    assert len(switched.articles) == 1 and switched.unchanged == []  # the key names the profile
    assert _profile(out / "store")[0] == {"facts"}
    rebuilt = rebuild(out=out, render=False, exports=False, detail="full")
    assert len(rebuilt.articles) == 1
    assert _profile(out / "store")[0] == {"full"}


def test_unknown_detail_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE), "--out", str(out), "--detail", "all"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: unknown detail (all); use one of: facts, full (e.g. --detail facts)"
    ]
    assert not (out / "store").exists()

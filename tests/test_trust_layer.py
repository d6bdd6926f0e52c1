"""Issue 9, the trusted layer: calibrated confidence, edge eligibility, and the views
drawing only statements at or above the threshold (SPARQL keeps everything).

Sentences here are new (not from the benchmark texts)."""

from __future__ import annotations

import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from typer.testing import CliRunner
from views_fixtures import to_store

from kg.analysis import entity_graph, stats
from kg.analysis.projection import trusted
from kg.cli import app
from kg.evaluate.facts import read_statements
from kg.extract import calibration
from kg.extract.calibration import (
    DEFAULT_MIN_CONFIDENCE,
    INELIGIBLE_CAP,
    calibrate,
    calibrated,
    eligible,
    end_kind,
    features,
)
from kg.model import Argument, Article, Entity, Relation, Sentence, Statement
from kg.rdf.mapping import kept
from kg.rdf.vocab import ART, ENT, KG, PROV, RDF, RDFS, REL, STMT, XSD

REPO = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------- calibration

SENT = Sentence(0, 0, 40, "Halden Rail hired Marco Lind in March.")
HALDEN = Entity("org/halden-rail", "Halden Rail", "Organization")
LIND = Entity("person/marco-lind", "Marco Lind", "Person")
PLAN = Entity("concept/plan", "plan", "Concept")
BOARD = Entity("concept/board", "board", "Concept")
ENTITIES = [HALDEN, LIND, PLAN, BOARD]
TYPES, NAMES = calibration.entity_maps(ENTITIES)


def arg(text: str, entity: str | None, role: str = "subject") -> Argument:
    return Argument(role=role, text=text, start=0, end=len(text), head=0,  # type: ignore[arg-type]
                    entity=entity)


def statement(subject: Argument, lemma: str, obj: Argument | None, **kw: object) -> Statement:
    return Statement(subject=subject, relation=Relation(lemma, lemma, 0, 0), object=obj,
                     sentence=SENT, **kw)  # type: ignore[arg-type]


NAMED = statement(arg("Halden Rail", HALDEN.key), "hire",
                  arg("Marco Lind", LIND.key, "object"), rule="verb")
GENERIC = statement(arg("The board", BOARD.key), "approve",
                    arg("the plan", PLAN.key, "object"), rule="verb")


def test_named_ends_score_above_the_threshold_generic_ends_below() -> None:
    assert calibrated(NAMED, TYPES, NAMES) >= DEFAULT_MIN_CONFIDENCE
    assert calibrated(GENERIC, TYPES, NAMES) < DEFAULT_MIN_CONFIDENCE


@pytest.mark.parametrize("modality", ["could", "might", "should", "must", "condition", "question"])
def test_a_statement_that_does_not_assert_is_capped(modality: str) -> None:
    hedged = statement(NAMED.subject, "hire", NAMED.object, rule="verb", modality=modality)
    assert not eligible(hedged)
    assert calibrated(hedged, TYPES, NAMES) <= INELIGIBLE_CAP


@pytest.mark.parametrize("modality", [None, "will", "would"])
def test_asserted_and_future_statements_are_eligible(modality: str | None) -> None:
    # "would" asserts a reported plan ("Halden said it would hire Lind"): with a speaker
    speaker = arg("Halden Rail", HALDEN.key, "speaker") if modality == "would" else None
    st = statement(NAMED.subject, "hire", NAMED.object, rule="verb", modality=modality,
                   attribution=speaker)
    assert eligible(st)


def test_an_unreported_would_is_a_hypothetical() -> None:
    st = statement(NAMED.subject, "hire", NAMED.object, rule="verb", modality="would")
    assert not eligible(st)


def test_a_possessive_is_never_an_edge_even_between_two_names() -> None:
    owned = statement(arg("Halden Rail", HALDEN.key), "have",
                      arg("Marco Lind", LIND.key, "object"), rule="possessive")
    assert not eligible(owned)
    assert calibrated(owned, TYPES, NAMES) <= INELIGIBLE_CAP < DEFAULT_MIN_CONFIDENCE


def test_end_kinds_named_bare_and_resolved() -> None:
    assert end_kind(arg("Marco Lind", LIND.key), TYPES, NAMES) == (True, False, False)
    assert end_kind(arg("he", LIND.key), TYPES, NAMES) == (True, False, True)
    assert end_kind(arg("the new signal engineer", LIND.key), TYPES, NAMES) == (True, False, True)
    assert end_kind(arg("the plan", PLAN.key), TYPES, NAMES) == (False, True, False)
    assert end_kind(arg("the rail expansion plan", PLAN.key), TYPES, NAMES) == (False, False, False)
    assert end_kind(None, TYPES, NAMES) == (False, False, False)


def test_features_read_general_statement_properties() -> None:
    st = statement(arg("Halden Rail", HALDEN.key), "be", arg("Marco Lind", LIND.key, "object"),
                   rule="appos", negated=True, attribution=arg("Lind", LIND.key, "speaker"))
    values = features(st, TYPES, NAMES)
    assert set(values) == set(calibration.STATEMENT_FEATURES) >= set(calibration.FEATURES)
    assert values["copula"] == 1.0 and values["negated"] == 1.0 and values["attributed"] == 1.0
    assert values["named_ends"] == 2.0 and values["bare_ends"] == 0.0
    assert features(statement(NAMED.subject, "accuse of", NAMED.object), TYPES,
                    NAMES)["prep_relation"] == 1.0


def test_calibrate_returns_new_statements_in_order_and_leaves_the_old_alone() -> None:
    before = [GENERIC, NAMED]
    after = calibrate(before, ENTITIES)
    assert [s.relation.lemma for s in after] == ["approve", "hire"]
    assert [s.confidence for s in before] == [0.5, 0.5]
    assert after[1].confidence > after[0].confidence
    assert after[1] == calibrated_copy(NAMED, after[1].confidence)
    with pytest.raises(FrozenInstanceError):
        after[0].confidence = 1.0  # type: ignore[misc]


def calibrated_copy(st: Statement, confidence: float) -> Statement:
    from dataclasses import replace

    return replace(st, confidence=confidence)


def test_the_pipeline_stores_the_calibrated_confidence(nlp) -> None:
    from kg.pipeline import extract_article

    text = ("Halden Rail hired Marco Lind in March. Marco Lind might leave Halden Rail "
            "next year. The committee approved the plan.")
    graph = extract_article(Article(id="t", text=text), nlp(text))
    by_lemma = {s.relation.lemma: s.confidence for s in graph.statements}
    assert by_lemma["hire"] >= DEFAULT_MIN_CONFIDENCE
    assert by_lemma["leave"] <= INELIGIBLE_CAP  # "might": not asserted
    # generic nouns at both ends: no edge (the plan is no node), and not specific, so
    # the default store leaves it out whatever the statement model says of its truth
    approve = next(s for s in graph.statements if s.relation.lemma == "approve")
    assert not calibration.is_edge(approve, calibration.entity_maps(graph.entities)[0])
    assert not calibration.specific(approve) and not kept(approve, "facts")
    raw = extract_article(Article(id="t", text=text), nlp(text), calibrated=False)
    assert {s.relation.lemma: s.confidence for s in raw.statements}["leave"] > INELIGIBLE_CAP


# ----------------------------------------------------------------------- views

A = ART["trust-a"]
X, Y, Z = ENT["person/ana-vidal"], ENT["org/korta-mining"], ENT["country/PE"]


def _store(confidences: dict[str, str | None]):
    """Three entities; a statement per relation (``name → confidence``, None: none
    stored), X --name--> Y, each with its direct triple."""
    ds = Dataset()
    g = ds.graph(A)
    g.add((A, RDF.type, KG.Article))
    for e, cls, label in ((X, KG.Person, "Ana Vidal"), (Y, KG.Organization, "Korta Mining"),
                          (Z, KG.Country, "Peru")):
        g.add((e, RDF.type, cls))
        g.add((e, RDFS.label, Literal(label)))
    for i, (name, conf) in enumerate(confidences.items()):
        st, rel = STMT[f"trust-a/{i}"], REL[name]
        g.add((rel, RDFS.label, Literal(name)))
        g.add((X, rel, Y))
        g.add((st, RDF.type, KG.Statement))
        g.add((st, KG.predicate, rel))
        g.add((st, PROV.wasDerivedFrom, A))
        sentence = URIRef(f"{A}/sentence/{i}")
        g.add((st, KG.sentence, sentence))
        g.add((sentence, KG.text, Literal(f"Ana Vidal did '{name}' Korta Mining.")))
        for link, ent in ((KG.subject, X), (KG.object, Y)):
            node = URIRef(f"{st}/{link.split('#')[-1]}")
            g.add((st, link, node))
            g.add((node, KG.entity, ent))
            g.add((node, KG.text, Literal(str(ent))))
        if conf is not None:
            g.add((st, KG.confidence, Literal(conf, datatype=XSD.decimal)))
    g.add((X, REL["visit"], Z))  # a triple no statement states
    g.add((REL["visit"], RDFS.label, Literal("visit")))
    return to_store(ds)


def _relations(graph) -> set[str]:
    return {label for _, _, label in graph.edges(data="label")}


def test_the_view_draws_statements_at_or_above_the_threshold() -> None:
    store = _store({"lead": "0.91", "own": "0.2", "advise": "0.5"})
    assert _relations(entity_graph(store)) == {"lead", "advise", "visit"}


def test_min_confidence_zero_draws_every_statement() -> None:
    store = _store({"lead": "0.91", "own": "0.2"})
    assert _relations(entity_graph(store, 0)) == {"lead", "own", "visit"}
    assert _relations(entity_graph(store, 0.95)) == {"visit"}


def test_a_statement_below_the_threshold_does_not_come_back_as_its_direct_triple() -> None:
    store = _store({"own": "0.2"})
    assert _relations(entity_graph(store)) == {"visit"}
    # SPARQL still has the triple and the statement with its confidence
    ox_store = store.oxigraph
    rows = list(ox_store.query(
        "SELECT ?c WHERE { GRAPH ?g { ?st <https://w3id.org/kg/ontology#confidence> ?c } }"))
    assert [r["c"].value for r in rows] == ["0.2"]


def test_a_statement_without_a_confidence_is_drawn() -> None:
    assert trusted(None, 0.5) and trusted(0.5, 0.5) and not trusted(0.49, 0.5)
    assert "lead" in _relations(entity_graph(_store({"lead": None})))


def test_stats_count_the_edges_drawn() -> None:
    store = _store({"lead": "0.91", "own": "0.2"})
    assert stats(store).edges == 2  # lead, visit
    assert stats(store, min_confidence=0).edges == 3
    assert stats(store).statements == 2


def test_the_scorer_edge_is_the_view_edge(tmp_path: Path) -> None:
    store = _store({"lead": "0.91", "own": "0.2"})
    path = tmp_path / "g.nq"
    store.oxigraph.dump(str(path), format=ox.RdfFormat.N_QUADS)
    loaded = ox.Store()
    loaded.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    views = {v.relation: v for v in read_statements(loaded)}
    assert views["lead"].is_edge and views["lead"].linked
    assert not views["own"].is_edge and views["own"].linked
    assert read_statements(loaded, 0.1)[0].is_edge is True


def test_cli_min_confidence_option(tmp_path: Path) -> None:
    store = _store({"lead": "0.91", "own": "0.2"})
    path = tmp_path / "g.nq"
    store.oxigraph.dump(str(path), format=ox.RdfFormat.N_QUADS)
    runner = CliRunner()
    out = runner.invoke(app, ["stats", "--store", str(path)])
    assert out.exit_code == 0 and "Edges:           2 (confidence >= 0.5)" in out.stdout
    out = runner.invoke(app, ["stats", "--store", str(path), "--min-confidence", "0"])
    assert out.exit_code == 0 and "Edges:           3 (confidence >= 0)" in out.stdout
    bad = runner.invoke(app, ["stats", "--store", str(path), "--min-confidence", "1.5"])
    assert bad.exit_code != 0


# ------------------------------------------------------------- the fitting script


def test_calibrate_write_rewrites_the_coefficients_in_place(tmp_path, monkeypatch) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import calibrate as script  # benchmarks/calibrate.py
    import numpy as np

    copy = tmp_path / "calibration.py"
    copy.write_text((REPO / "kg" / "extract" / "calibration.py").read_text(encoding="utf-8"))
    monkeypatch.setattr(script, "MODULE", copy)
    beta = np.arange(len(calibration.FEATURES), dtype=float) / 10
    script.write_coefficients(beta, "a test")
    namespace: dict[str, object] = {}
    block = copy.read_text(encoding="utf-8").split("# BEGIN COEFFICIENTS")[1]
    assert "a test" in block
    exec("from types import MappingProxyType\nfrom collections.abc import Mapping\n"
         + block.split("# END COEFFICIENTS")[0].split("\n", 1)[1], namespace)
    assert dict(namespace["COEFFICIENTS"]) == {  # type: ignore[call-overload]
        name: round(i / 10, 4) for i, name in enumerate(calibration.FEATURES)}


def test_fit_recovers_the_sign_of_a_separating_feature() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import calibrate as script
    import numpy as np

    x = np.array([[1.0, v] for v in (0, 0, 0, 0, 1, 1, 1, 1)])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 0], dtype=float)
    beta = script.fit(x, y, np.ones(8))
    assert beta[1] > 0

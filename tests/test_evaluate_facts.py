"""kg.evaluate.facts: key-fact files, matching facts whole / partly against statements,
recall, and reading the statements of an exported graph (issue 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from kg.analysis import entity_graph
from kg.evaluate.facts import (
    Fact,
    FactFileError,
    Recall,
    Slot,
    StatementView,
    load_fact_dir,
    load_facts,
    load_store,
    match_fact,
    nearest_statements,
    parse_facts,
    read_statements,
    recall,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "facts"
EXPORT = ROOT / "output" / "graph.nq"

TRUMP = Slot("Mr Trump", "Donald Trump", "Person", "subject")
HE = Slot("he", "Donald Trump", "Person", "subject")
TARIFFS = Slot("tariffs", "tariff", "Concept", "object")


def view(
    subject: Slot = TRUMP,
    relation: str = "increase",
    obj: Slot | None = TARIFFS,
    arguments: tuple[Slot, ...] = (),
    **kw: object,
) -> StatementView:
    return StatementView(
        article="t", sentence="…", subject=subject, relation=relation, object=obj,
        arguments=arguments, **kw,  # type: ignore[arg-type]
    )


RISE = Fact("rise", "Trump raised tariffs to 20 per cent.", "trump", "increase|raise",
            "tariff", ("20 ?(per ?cent|%)",))


# ------------------------------------------------------------------ fact files


def test_fixture_file_loads_every_fact_with_its_patterns() -> None:
    facts = load_facts(FIXTURES / "china-fentanyl-tariffs.toml")
    assert len(facts) == 8
    rise = next(f for f in facts if f.id == "tariff-rise")
    assert (rise.subject, rise.obj, rise.extra) == ("trump", "tariff", ("20 ?(per ?cent|%)",))
    assert next(f for f in facts if f.id == "not-outlined").negated is True
    assert rise.negated is False  # not given: the fact is stated positively


def test_fact_dir_is_keyed_by_text_name() -> None:
    assert list(load_fact_dir(FIXTURES)) == ["china-fentanyl-tariffs"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"id": "a", "relation": "x"}, "subject"),
        ({"id": "a", "subject": "x", "relation": "(unclosed"}, "bad regular expression"),
        ({"id": "a", "subject": "x", "relation": "y", "objet": "z"}, "unknown keys"),
        ({"id": "a", "subject": "x", "relation": "y", "negated": "no"}, "negated"),
        ({"id": "a", "subject": "x", "relation": "y", "extra": "z"}, "extra"),
    ],
)
def test_bad_fact_tables_are_refused_with_the_reason(
    table: dict[str, object], message: str
) -> None:
    with pytest.raises(FactFileError, match=message):
        parse_facts({"fact": [table]}, "f.toml")


def test_duplicate_fact_ids_are_refused() -> None:
    fact = {"id": "a", "subject": "x", "relation": "y"}
    with pytest.raises(FactFileError, match="duplicate"):
        parse_facts({"fact": [fact, fact]})


def test_bad_toml_is_a_fact_file_error(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[[fact]\nid = ", encoding="utf-8")
    with pytest.raises(FactFileError, match="x.toml"):
        load_facts(path)


# -------------------------------------------------------------------- matching


def test_whole_when_one_statement_matches_every_pattern() -> None:
    target = view(arguments=(Slot("to 20 per cent", role="prep"),))
    match = match_fact(RISE, [view(relation="say"), target])
    assert (match.status, match.statement) == ("whole", target)


def test_patterns_match_the_entity_label_as_well_as_the_words() -> None:
    resolved = view(subject=HE, arguments=(Slot("to 20%", role="prep"),))
    assert match_fact(RISE, [resolved]).status == "whole"
    unresolved = view(subject=Slot("he"), arguments=(Slot("to 20%", role="prep"),))
    assert match_fact(RISE, [unresolved]).status == "missing"


def test_partial_when_subject_and_relation_match_but_a_number_is_lost() -> None:
    match = match_fact(RISE, [view(arguments=(Slot("this month", role="temporal"),))])
    assert match.status == "partial"


def test_missing_when_no_statement_has_subject_and_relation() -> None:
    views = [view(relation="say"), view(subject=Slot("China", "China", "Country"))]
    match = match_fact(RISE, views)
    assert (match.status, match.statement) == ("missing", None)


def test_a_later_whole_match_wins_over_an_earlier_partial_one() -> None:
    partial = view()
    whole = view(arguments=(Slot("to 20 per cent"),))
    assert match_fact(RISE, [partial, whole]).statement == whole


def test_matching_is_case_insensitive_and_searches_relation_words() -> None:
    fact = Fact("f", "", "TRUMP", "hiked", "TARIFF")
    assert match_fact(fact, [view(relation="hike", relation_words="hiked")]).status == "whole"


def test_object_is_searched_in_object_or_further_arguments_but_not_the_subject() -> None:
    fact = Fact("f", "", "trump", "impose", "levy|levies")
    in_argument = view(relation="impose", obj=None, arguments=(Slot("by imposing levies"),))
    assert match_fact(fact, [in_argument]).status == "whole"
    only_in_subject = view(subject=Slot("Trump's levies", "Donald Trump"), relation="impose",
                           obj=Slot("pressure"))
    assert match_fact(fact, [only_in_subject]).status == "partial"


def test_extra_may_name_the_speaker_of_a_reported_fact() -> None:
    fact = Fact("f", "", "trump", "increase", "tariff", ("ministry",))
    said = view(attribution=Slot("the foreign ministry", "ministry", "Concept", "speaker"))
    assert match_fact(fact, [said]).status == "whole"
    assert match_fact(fact, [view()]).status == "partial"


def test_each_extra_pattern_must_match_some_non_subject_argument() -> None:
    fact = Fact("f", "", "trump", "increase", "tariff", ("20", "chin"))
    one = view(arguments=(Slot("to 20 per cent"),))
    both = view(arguments=(Slot("to 20 per cent"), Slot("on Chinese imports")))
    assert [match_fact(fact, [v]).status for v in (one, both)] == ["partial", "whole"]


def test_negated_flag_must_agree_when_given() -> None:
    fact = Fact("f", "", "trump", "increase", "tariff", negated=True)
    assert match_fact(fact, [view()]).status == "partial"
    assert match_fact(fact, [view(negated=True)]).status == "whole"
    assert match_fact(Fact("g", "", "trump", "increase"), [view(negated=True)]).status == "whole"
    [positive] = parse_facts({"fact": [{"id": "p", "subject": "trump", "relation": "increase"}]})
    assert match_fact(positive, [view(negated=True)]).status == "partial"


def test_dot_object_matches_a_statement_with_no_object() -> None:
    fact = Fact("f", "", "trump", "resign", ".")
    assert match_fact(fact, [view(relation="resign", obj=None)]).status == "whole"


def test_nearest_statements_rank_both_matches_then_subject_then_relation() -> None:
    both = view(arguments=(Slot("this month"),))
    subject_only = view(relation="say")
    relation_only = view(subject=Slot("China"))
    unrelated = view(subject=Slot("China"), relation="say")
    found = nearest_statements(RISE, [relation_only, unrelated, subject_only, both])
    assert found == [both, subject_only, relation_only]
    assert nearest_statements(RISE, [both, subject_only], limit=1) == [both]


def test_recall_counts_and_rates() -> None:
    matches = [match_fact(RISE, [v]) for v in (
        view(arguments=(Slot("20%"),)), view(), view(relation="say"), view(relation="say"),
    )]
    r = recall(matches)
    assert (r.whole, r.partial, r.missing, r.total) == (1, 1, 2, 4)
    assert (r.recall_whole, r.recall_any) == (0.25, 0.5)
    assert r + Recall(1, 0, 0) == Recall(2, 1, 2)
    assert Recall(0, 0, 0).recall_whole == 0.0


# ------------------------------------------------------- reading an export


@pytest.fixture(scope="module")
def example_views() -> list[StatementView]:
    return read_statements(load_store(EXPORT))


def test_statements_of_the_example_export_in_text_order(
    example_views: list[StatementView],
) -> None:
    assert {v.article for v in example_views} == {"china-fentanyl-tariffs"}
    keys = [(v.sentence_index, v.order) for v in example_views]
    assert keys == sorted(keys)
    first = example_views[0]
    assert (first.subject.label, first.relation, first.relation_words) == (
        "China", "express", "has expressed")
    assert first.sentence.startswith("China has expressed its willingness")


def test_negation_modality_and_attribution_are_read(example_views: list[StatementView]) -> None:
    outline = next(v for v in example_views if v.relation == "outline")
    # "steps" is a generic noun (no entity, so no label): the object keeps its text
    assert outline.negated and outline.object is not None
    assert (outline.object.text, outline.object.label) == ("detailed steps", None)
    undermine = next(v for v in example_views if v.relation == "undermine")
    assert undermine.attribution is not None
    assert "ministry" in undermine.attribution.text


def test_edges_are_the_graph_views_relation_edges(example_views: list[StatementView]) -> None:
    """The same definition as kg.analysis.entity_graph: subject and object entities."""
    dataset: Any = Dataset()  # what kg.analysis read before the issue 8 refactor
    dataset.parse(EXPORT, format="nquads")
    try:
        graph = entity_graph(dataset)
    except TypeError:  # kg.analysis reads pyoxigraph stores only (issue 8 refactor)
        graph = entity_graph(load_store(EXPORT))
    expected = {
        (graph.nodes[s]["label"], d["label"], graph.nodes[o]["label"], d["negated"])
        for s, o, d in graph.edges(data=True) if d["kind"] == "relation"
    }
    found = {
        (v.subject.label, v.relation, v.object.label, v.negated)
        for v in example_views if v.is_edge and v.object is not None
    }
    assert found == expected
    assert all(v.subject.type and v.object.type for v in example_views
               if v.is_edge and v.object is not None)


def test_the_example_fixture_facts_are_found_in_the_example_graph(
    example_views: list[StatementView],
) -> None:
    facts = load_facts(FIXTURES / "china-fentanyl-tariffs.toml")
    statuses = {f.id: match_fact(f, example_views).status for f in facts}
    assert statuses["tariff-rise"] == "whole"
    assert statuses["not-outlined"] == "whole"

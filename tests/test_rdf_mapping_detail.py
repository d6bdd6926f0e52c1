"""The two store profiles (``--detail facts|full``): what ``facts`` keeps, leaves out and packs.

``facts`` (the default) must still trace every statement to its article, sentence and
character offsets, say nothing ``full`` does not say, and store only the statements the
views draw by default (calibrated confidence at least the views' threshold).
"""

from __future__ import annotations

import dataclasses

import pytest
from rdf_fixtures import TEXT, tariff_graph
from rdflib import Graph, Literal, URIRef

from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.model import Entity
from kg.rdf.iri import mention_iri, mention_span
from kg.rdf.mapping import DEFAULT_DETAIL, DETAILS, article_graph, article_triples
from kg.rdf.store import Store
from kg.rdf.vocab import ENT, KG, OWL, PROV, RDF, REL

TRUMP, TARIFF = ENT["person/donald-trump"], ENT["concept/tariff"]


def _span(g: Graph, node: URIRef, prop: URIRef = KG.span) -> tuple[int, int]:
    value = g.value(node, prop)
    assert value is not None, (node, prop)
    start, end = str(value).split("-")
    return int(start), int(end)


def test_facts_is_the_default_and_each_graph_says_its_profile() -> None:
    assert DEFAULT_DETAIL == "facts" and DETAILS == ("facts", "full")
    assert list(article_triples(tariff_graph())) == list(article_triples(tariff_graph(), "facts"))
    for detail in DETAILS:
        g = article_graph(tariff_graph(), detail)
        art = next(g.subjects(RDF.type, KG.Article))
        assert g.value(art, KG.detail) == Literal(detail)


def test_unknown_profile_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown detail \(everything\); use one of: facts, full"):
        list(article_triples(tariff_graph(), "everything"))


def test_every_fact_statement_traces_to_article_sentence_and_offsets() -> None:
    g = article_graph(tariff_graph(), "facts")
    statements = list(g.subjects(RDF.type, KG.Statement))
    assert len(statements) == 2
    words = {"increased", "did not outline"}
    for st in statements:
        sentence = g.value(st, KG.sentence)
        art = g.value(sentence, PROV.wasDerivedFrom)  # the statement's article is its sentence's
        assert art == URIRef(g.identifier)
        text = str(g.value(art, KG.text))
        assert text == TEXT
        s_start, s_end = _span(g, sentence)
        assert text[s_start:s_end] == str(g.value(sentence, KG.text))
        r_start, r_end = _span(g, st, KG.relationSpan)
        assert s_start <= r_start <= r_end <= s_end
        words.remove(text[r_start:r_end])  # the relation's words, as full's kg:relationText
        links = (KG.subject, KG.object, KG.argument, KG.attribution)
        args = [a for link in links for a in g.objects(st, link)]
        assert len(args) >= 2
        for arg in args:
            a_start, a_end = _span(g, arg)
            assert text[a_start:a_end] == str(g.value(arg, KG.text))
    assert not words
    mentions = list(g.objects(None, KG.mention))
    assert len(mentions) == 2
    for mention in mentions:
        span = mention_span(str(mention))
        assert span is not None
        assert text[span[0]:span[1]] in {"Trump", "Beijing"}


def test_facts_says_nothing_full_does_not() -> None:
    """Every facts triple is a full triple, or a packed span whose offsets full has."""
    facts, full = article_graph(tariff_graph(), "facts"), article_graph(tariff_graph(), "full")
    starts = {KG.span: (KG.start, KG.end), KG.relationSpan: (KG.relationStart, KG.relationEnd)}
    assert set(full) - set(facts)  # and full says more
    for s, p, o in facts:
        if (s, p, o) in full:
            continue
        if p in starts:
            start, end = str(o).split("-")
            assert full.value(s, starts[p][0]) == Literal(int(start)), (s, p, o)
            assert full.value(s, starts[p][1]) == Literal(int(end)), (s, p, o)
        else:
            assert p == KG.detail and o == Literal("facts"), (s, p, o)
    assert len(facts) < len(full) * 0.7


def test_facts_leaves_out_what_another_triple_already_says() -> None:
    g = article_graph(tariff_graph(), "facts")
    [increase] = g.subjects(KG.predicate, REL["increase"])
    [outline] = g.subjects(KG.predicate, REL["outline"])
    assert (TRUMP, REL["increase"], TARIFF) in g  # the direct triple stays
    assert (REL["increase"], RDF.type, KG.Relation) in g
    assert (REL["increase"], RDF.type, OWL.ObjectProperty) not in g
    for node_type in (KG.Sentence, KG.Mention, KG.Argument, KG.Quantity):
        assert not list(g.subjects(RDF.type, node_type)), node_type
    for prop in (KG.start, KG.end, KG.relationStart, KG.relationEnd, KG.rule, KG.nerLabel,
                 KG.attributionText, KG.attributedTo, KG.relationText):
        assert not list(g.triples((None, prop, None))), prop
    # a statement's provenance is its sentence's; kg:negated is written only when true
    for st in (increase, outline):
        assert g.value(st, PROV.wasDerivedFrom) is None
        assert g.value(g.value(st, KG.sentence), PROV.wasDerivedFrom) is not None
    assert g.value(increase, KG.negated) is None
    assert g.value(outline, KG.negated) == Literal(True)
    # the role is left out where it is its link's name, kept elsewhere
    assert g.value(g.value(increase, KG.subject), KG.role) is None
    assert g.value(g.value(increase, KG.object), KG.role) is None
    roles = {str(g.value(a, KG.role)) for a in g.objects(increase, KG.argument)}
    assert roles == {"prep", "temporal"}
    # the attribution argument still names the speaker, words and entity
    speaker = g.value(outline, KG.attribution)
    assert g.value(speaker, KG.text) == Literal("Beijing")
    assert g.value(speaker, KG.entity) == ENT["place/beijing"]
    # quantities keep value, kind, unit, words
    quantity = next(g.objects(None, KG.quantity))
    assert g.value(quantity, KG.value) is not None and g.value(quantity, KG.unit) is not None
    # a mention is its link only: the IRI ends in its span
    [mention] = g.objects(TRUMP, KG.mention)
    assert not list(g.predicates(mention, None))
    assert mention_span(str(mention)) == (3, 8)


def test_facts_keeps_the_statements_the_views_draw() -> None:
    graph = tariff_graph()
    below = DEFAULT_MIN_CONFIDENCE - 0.01
    graph.statements[0] = dataclasses.replace(graph.statements[0], confidence=below)
    graph.statements[1] = dataclasses.replace(
        graph.statements[1], confidence=DEFAULT_MIN_CONFIDENCE
    )
    facts, full = article_graph(graph, "facts"), article_graph(graph, "full")
    assert not list(facts.subjects(KG.predicate, REL["increase"]))
    assert (TRUMP, REL["increase"], TARIFF) not in facts  # no direct triple either
    assert (REL["increase"], RDF.type, KG.Relation) not in facts
    assert list(full.subjects(KG.predicate, REL["increase"]))
    # the statement at the threshold stays, with the IRI full gives it
    [kept] = facts.subjects(KG.predicate, REL["outline"])
    assert kept in set(full.subjects(KG.predicate, REL["outline"]))
    # its sentence is written; the sentence no stored statement cites is not
    cited = {facts.value(kept, KG.sentence)}
    assert set(facts.subjects(KG["index"], None)) == cited
    assert len(set(full.subjects(KG["index"], None))) == 2
    # entities and their mentions stay whatever the statements
    assert list(facts.objects(TRUMP, KG.mention))


@pytest.mark.parametrize("detail", DETAILS)
def test_store_holds_the_profile_it_was_given(detail: str) -> None:
    graph = tariff_graph()
    with Store.memory() as store:
        count = store.replace_article(graph, detail=detail)
        quads = list(store.oxigraph.quads_for_pattern(None, None, None, None))
    expected = set(article_triples(graph, detail))
    assert {(q.subject, q.predicate, q.object) for q in quads} == expected
    assert count == len(expected)


def test_mention_span_round_trips() -> None:
    for article, start, end in (("a1", 0, 5), ("a/b mention/1-2", 12, 20), ("x" * 300, 7, 7)):
        assert mention_span(mention_iri(article, start, end)) == (start, end)
        assert mention_span(mention_iri(article, start, end).value) == (start, end)
    assert mention_span(str(ENT["person/donald-trump"])) is None
    assert mention_span("https://example.org/mention/1-2") is None  # not a kg article IRI


def test_facts_writes_only_the_concepts_something_stored_names() -> None:
    """A concept no kept statement links and no written entity points to is left out of
    facts (no type, label, alias or mention); full keeps it; named entities always stay."""
    graph = tariff_graph()
    unused = Entity(key="concept/process", name="process", type="Concept",
                    aliases={"processes"}, mentions=list(graph.entities[0].mentions))
    linked = Entity(key="concept/trade", name="trade", type="Concept")
    lonely = Entity(key="person/nobody", name="Nobody", type="Person")
    beijing = graph.entities[1]
    graph.entities[1] = dataclasses.replace(
        beijing, related=[*beijing.related, ("relatedTo", "concept/trade")])
    graph.entities += [unused, linked, lonely]
    facts, full = article_graph(graph, "facts"), article_graph(graph, "full")
    process, trade, nobody = (ENT[e.key] for e in (unused, linked, lonely))
    assert not list(facts.triples((process, None, None)))
    assert not list(facts.triples((None, None, process)))
    assert (process, RDF.type, KG.Concept) in full and list(full.objects(process, KG.mention))
    assert (TARIFF, RDF.type, KG.Concept) in facts  # the object of a kept statement
    assert (trade, RDF.type, KG.Concept) in facts  # a written entity's link points to it
    assert (nobody, RDF.type, KG.Person) in facts  # named: stays without statements
    # a concept named only by a statement facts does not keep goes too
    graph.statements[0] = dataclasses.replace(graph.statements[0], confidence=0.1)
    assert not list(article_graph(graph, "facts").triples((TARIFF, None, None)))
    assert list(article_graph(graph, "full").triples((TARIFF, RDF.type, None)))


def test_negation_is_written_only_when_true_in_facts() -> None:
    graph = tariff_graph()
    facts, full = article_graph(graph, "facts"), article_graph(graph, "full")
    [outline] = facts.subjects(KG.predicate, REL["outline"])
    [increase] = facts.subjects(KG.predicate, REL["increase"])
    assert list(facts.objects(outline, KG.negated)) == [Literal(True)]
    assert not list(facts.objects(increase, KG.negated))
    assert list(full.objects(increase, KG.negated)) == [Literal(False)]

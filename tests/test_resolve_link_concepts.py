"""link_heads: heads inside mentions link to entities, common nouns become concepts; the
pipeline builds each statement once, with its links, quantities and dates."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.entities.extract import extract_entities
from kg.entities.link import concept_of, link_heads, shared_key
from kg.model import Argument, Article, Quantity, Relation, Sentence, Statement
from kg.pipeline import extract_article

TEXT = (
    "Mr Trump increased tariffs on Chinese goods. Exporters sold precursor chemicals. "
    "Beijing imposed up to 15 per cent levies on American goods. "
    "The US president said he saw a lot of progress."
)


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    return nlp(TEXT)


def _arg(doc: Doc, role: str, word: str, occurrence: int = 0) -> Argument:
    tok = [t for t in doc if t.text == word][occurrence]
    return Argument(role, tok.text, tok.idx, tok.idx + len(tok.text), tok.i)


def _statement(doc: Doc, subj: Argument, verb: str, obj: Argument | None,
               *more: Argument) -> Statement:
    v = next(t for t in doc if t.text == verb)
    sent = v.sent
    return Statement(subj, Relation(v.lemma_, v.text, v.idx, v.idx + len(v.text)), obj,
                     Sentence(0, sent.start_char, sent.end_char, sent.text), list(more))


def test_concepts_and_entities_are_linked_by_head(doc: Doc) -> None:
    statements = [
        _statement(doc, _arg(doc, "subject", "Trump"), "increased", _arg(doc, "object", "tariffs"),
                   _arg(doc, "prep", "goods")),
        _statement(doc, _arg(doc, "subject", "Exporters"), "sold",
                   _arg(doc, "object", "chemicals")),
        _statement(doc, _arg(doc, "subject", "Beijing"), "imposed", _arg(doc, "object", "levies")),
        _statement(doc, _arg(doc, "subject", "president"), "said", None),
        _statement(doc, _arg(doc, "subject", "he"), "saw", _arg(doc, "object", "lot")),
    ]
    args = [a for st in statements for a in (st.subject, st.object, *st.arguments)
            if a is not None]
    entity_of, entities = link_heads(doc, [a.head for a in args], extract_entities(doc))
    got = [(a.text, shared_key(entity_of[a.head]) if a.head in entity_of else None)
           for a in args]
    assert got == [
        ("Trump", "person/trump"),
        ("tariffs", "concept/tariff"),
        ("goods", None),  # generic (lemma "good"): no shared node, the text stays
        ("Exporters", "concept/exporter"),
        ("chemicals", "concept/precursor-chemical"),
        ("Beijing", "place/beijing"),
        ("levies", "concept/levy"),
        ("president", "person/trump"),  # "The US president" is Mr Trump, not the US
        ("he", "person/trump"),
        ("lot", "concept/progress"),  # "a lot of progress" is about progress
    ]
    by_key = {shared_key(e.key): e for e in entities}
    chem = by_key["concept/precursor-chemical"]
    assert chem.type == "Concept" and chem.name == "precursor chemical"
    assert [m.text for m in chem.mentions] == ["precursor chemicals"]
    assert chem.mentions[0].label == "NOUN"
    keys = [e.key for e in entities]
    assert len(keys) == len(set(keys))
    first_concept = next(i for i, e in enumerate(entities) if e.type == "Concept")
    assert all(e.type == "Concept" for e in entities[first_concept:])


def test_same_concept_is_reused_and_order_is_deterministic(nlp: Language) -> None:
    d = nlp("Beijing imposed levies on soybeans. Mr Trump increased tariffs on soybeans.")

    def run() -> list[str]:
        sts = [
            _statement(d, _arg(d, "subject", "Beijing"), "imposed",
                       _arg(d, "object", "levies"), _arg(d, "prep", "soybeans", 1)),
            _statement(d, _arg(d, "subject", "Trump"), "increased",
                       _arg(d, "object", "tariffs"), _arg(d, "prep", "soybeans", 0)),
        ]
        heads = [a.head for st in sts for a in (st.subject, st.object, *st.arguments)
                 if a is not None]
        _, ents = link_heads(d, heads, extract_entities(d))
        soybeans = next(e for e in ents if shared_key(e.key) == "concept/soybean")
        assert len(soybeans.mentions) == 2
        return [e.key for e in ents]

    assert run() == run()


def test_numbers_pronouns_and_dates_are_not_concepts(nlp: Language) -> None:
    d = nlp("On Monday they paid 15 per cent more to three firms.")
    for tok in d:
        if tok.text in ("Monday", "they", "15", "cent", "three"):
            assert concept_of(tok) is None, tok.text
    found = concept_of(next(t for t in d if t.text == "firms"))
    assert found is not None and found[:2] == ("concept/firm", "firm")


def test_statements_are_built_once_with_links_and_values(doc: Doc) -> None:
    graph = extract_article(Article("a", TEXT, date="2025-03-13"), doc)
    levies = next(st for st in graph.statements if st.relation.lemma == "impose")
    assert levies.subject.entity == "place/beijing"
    assert levies.object is not None and levies.object.entity is not None
    assert shared_key(levies.object.entity) == "concept/levy"
    assert levies.object.quantity == Quantity(15.0, "percent", "percent", "up to 15 per cent",
                                              "max")
    keys = {e.key for e in graph.entities}
    linked = {a.entity for st in graph.statements
              for a in (st.subject, st.object, *st.arguments, st.attribution)
              if a is not None and a.entity is not None}
    assert linked <= keys
    with pytest.raises(dataclasses.FrozenInstanceError):
        levies.subject.entity = None  # type: ignore[misc]

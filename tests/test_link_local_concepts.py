"""One-word concepts of ordinary English are article-scoped nodes (issue 9, hubs on a
corpus, :func:`kg.entities.link.local_concept`): "sale" in two articles is two nodes,
while a compound ("trade war") or a rare word ("fentanyl") is one shared node."""

from __future__ import annotations

from spacy.language import Language

from kg.entities.link import LOCAL_ZIPF, local_concept, shared_key
from kg.model import Article
from kg.pipeline import extract_article


def _concepts(nlp: Language, name: str, text: str) -> dict[str, str]:
    graph = extract_article(Article(name, text, date="2026-01-04"), nlp(text))
    return {e.name: e.key for e in graph.entities if e.type == "Concept"}


def test_an_ordinary_noun_is_a_node_of_its_article_only(nlp: Language) -> None:
    a = _concepts(nlp, "a", "Halden Mills reported a sale of its dye works to Brenmoor.")
    b = _concepts(nlp, "b", "The Kestrel Trust approved the sale of the old pier to Varrow.")
    assert a["sale"] != b["sale"]
    assert shared_key(a["sale"]) == shared_key(b["sale"]) == "concept/sale"


def test_a_compound_or_a_rare_word_is_shared(nlp: Language) -> None:
    a = _concepts(nlp, "a", "Halden Mills said the trade war hurt sales of its dyes.")
    b = _concepts(nlp, "b", "Brenmoor blamed the trade war for a shortage of parts.")
    assert a["trade war"] == b["trade war"] == "concept/trade-war"
    c = _concepts(nlp, "c", "Police seized fentanyl and heroin in Varrow.")
    d = _concepts(nlp, "d", "Officers seized fentanyl and cocaine in Halden.")
    assert c["fentanyl"] == d["fentanyl"] == "concept/fentanyl"


def test_the_threshold_reads_word_frequency() -> None:
    assert LOCAL_ZIPF == 3.0
    assert local_concept(["analyst"]) and local_concept(["tariff"])
    assert not local_concept(["fentanyl"]) and not local_concept(["trade", "war"])

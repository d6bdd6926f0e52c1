"""Whatever text the extractors hand over, the mapped graph stores and exports validly."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.model import Argument, Article, ArticleGraph, Entity, Mention, Relation, Sentence, Statement
from kg.rdf.export import FORMATS, serialize
from kg.rdf.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own parsers

RDFLIB = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt",
          "jsonld": "json-ld"}
OX = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
      "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def _graph(article_id: str, key: str, name: str, lemma: str, text: str) -> ArticleGraph:
    sentence = Sentence(0, 0, len(text), text)
    arg = Argument("subject", text, 0, len(text), 0, entity=key)
    obj = Argument("object", name, 0, len(text), 0, entity=key + "/other", preposition=name)
    statement = Statement(arg, Relation(lemma, text, 0, len(text)), obj, sentence,
                          modality=name, attribution=arg, rule=text)
    entity = Entity(key, name, "Person", {name + "x", text},
                    [Mention(0, len(text), text, 0, name, 0, 1)], [(lemma, key)])
    article = Article(article_id, text, title=name, date=text, source=text, url=text)
    return ArticleGraph(article, [sentence], [entity], [statement])


#: Any code point, lone surrogates included (Python strings may hold them).
ANY = st.text(alphabet=st.characters(exclude_categories=()), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY, ANY, ANY, ANY, ANY)
def test_any_text_round_trips_through_every_format(
    article_id: str, key: str, name: str, lemma: str, text: str
) -> None:
    with Store.memory() as store:
        store.replace_article(_graph(article_id, key, name, lemma, text))
        count = len(store)
        for fmt, (_, keeps_graphs) in FORMATS.items():
            data = serialize(store, fmt)
            quads = list(ox.parse(data.encode("utf-8"), format=OX[fmt]))
            back = Dataset()
            back.parse(data=data, format=RDFLIB[fmt])
            if keeps_graphs:
                assert len(quads) == count
            assert len(set(back.quads((None, None, None, None)))) == len(quads)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY, ANY, ANY, ANY)
def test_rebuild_with_any_text_leaves_exactly_the_new_graph(
    key: str, name: str, first: str, second: str
) -> None:
    with Store.memory() as store:
        store.replace_article(_graph("a", key, name, "say", first))
        store.replace_article(_graph("a", key, name, "say", second))
        alone = Store.memory()
        alone.replace_article(_graph("a", key, name, "say", second))
        assert set(store) == set(alone)

"""A small hand-built store for the view tests (kg.analysis, kg.render).

It follows the layout documented in ``kg/rdf/vocab.py`` without going through the
extractor or the RDF mapping, so the views are tested on their own: two articles as
named graphs, seven entities of several types (one a Concept), direct relation
triples, and ``kg:Statement`` nodes with arguments, sentences and confidences.

The fixtures are built in rdflib (a different code path from kg's own mapping) and
loaded into a kg :class:`~kg.rdf.store.Store` with :func:`to_store` through rdflib's
N-Quads writer and Oxigraph's parser, the way the views read every store.

One sentence carries an XSS payload (:data:`XSS_SENTENCE`): the HTML view must show it
as text and never run it.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Graph

from kg.rdf.store import Store
from kg.rdf.vocab import ART, DCTERMS, ENT, KG, PROV, RDF, RDFS, REL, SCHEMA, SKOS, STMT, XSD

#: A sentence whose text tries to run script in the page: sets ``window.__xss``.
XSS_SENTENCE = (
    'Trump said "<script>window.__xss = 1</script>" and accused China of '
    "<img src=x onerror=\"window.__xss=1\"> 'flooding' the market & more."
)

#: An alias that would load an image and set ``window.__xss`` if parsed as HTML.
XSS_ALIAS = '<img src=x onerror="window.__xss=2">'

TRUMP = ENT["person/donald-trump"]
XI = ENT["person/xi-jinping"]
CHINA = ENT["country/CN"]
MEXICO = ENT["country/MX"]
BEIJING = ENT["place/beijing"]
WTO = ENT["organization/wto"]
TARIFF = ENT["concept/tariff"]

#: entity IRI → (type, label, aliases)
ENTITIES: dict[URIRef, tuple[str, str, tuple[str, ...]]] = {
    TRUMP: ("Person", "Donald Trump", ("Mr Trump", "Trump")),
    XI: ("Person", "Xi Jinping", ()),
    CHINA: ("Country", "China", ("the Chinese government", XSS_ALIAS)),
    MEXICO: ("Country", "Mexico", ()),
    BEIJING: ("Place", "Beijing", ()),
    WTO: ("Organization", "World Trade Organization", ("WTO",)),
    TARIFF: ("Concept", "tariff", ("tariffs", "levies")),
}

INCREASE = REL["increase"]
IMPOSE = REL["impose"]
ACCUSE_OF = REL["accuse_of"]
MEET = REL["meet"]
APPROVE = REL["approve"]
RELATIONS = {INCREASE: "increase", IMPOSE: "impose", ACCUSE_OF: "accuse of", MEET: "meet",
             APPROVE: "approve"}

A1 = "trade-war"
A2 = "fentanyl"

#: article id → (headline, sentences)
ARTICLES: dict[str, tuple[str, list[str]]] = {
    A1: (
        "Trump raises tariffs on China",
        [
            "Donald Trump increased tariffs on all Chinese imports to 20 per cent.",
            "Beijing imposed levies of up to 15 per cent on US farm goods.",
            "The WTO did not approve the tariffs.",
            "Trump met Xi Jinping in Beijing.",
        ],
    ),
    A2: (
        "Fentanyl & the <b>trade</b> war",
        [
            XSS_SENTENCE,
            "Mr Trump increased tariffs again, to 25 per cent.",
            "China imposed tariffs on Mexico.",
        ],
    ),
}

#: (article, sentence index, subject, relation, object, negated, object text)
#: object None = the object is a plain phrase, not an entity (no direct triple).
STATEMENTS: list[tuple[str, int, URIRef, URIRef, URIRef | None, bool, str]] = [
    (A1, 0, TRUMP, INCREASE, TARIFF, False, "tariffs"),
    (A1, 1, CHINA, IMPOSE, TARIFF, False, "levies"),
    (A1, 2, WTO, APPROVE, TARIFF, True, "the tariffs"),
    (A1, 3, TRUMP, MEET, XI, False, "Xi Jinping"),
    (A2, 0, TRUMP, ACCUSE_OF, CHINA, False, "China"),
    (A2, 1, TRUMP, INCREASE, TARIFF, False, "tariffs"),
    (A2, 2, CHINA, IMPOSE, TARIFF, False, "tariffs"),
    (A2, 2, CHINA, IMPOSE, None, False, "tariffs on Mexico"),
]

#: (article, entity, sentence index, mention text): the mentions stored per article.
MENTIONS: list[tuple[str, URIRef, int, str]] = [
    (A1, TRUMP, 0, "Donald Trump"),
    (A1, TRUMP, 3, "Trump"),
    (A1, TARIFF, 0, "tariffs"),
    (A1, TARIFF, 1, "levies"),
    (A1, TARIFF, 2, "the tariffs"),
    (A1, BEIJING, 1, "Beijing"),
    (A1, BEIJING, 3, "Beijing"),
    (A1, WTO, 2, "WTO"),
    (A1, XI, 3, "Xi Jinping"),
    (A2, TRUMP, 0, "Trump"),
    (A2, TRUMP, 1, "Mr Trump"),
    (A2, CHINA, 0, "China"),
    (A2, CHINA, 2, "China"),
    (A2, TARIFF, 1, "tariffs"),
    (A2, TARIFF, 2, "tariffs"),
    (A2, MEXICO, 2, "Mexico"),
]


def _sentence_iri(article: str, index: int) -> URIRef:
    return URIRef(f"{ART[article]}/sentence/{index}")


def _entity(g: Graph, iri: URIRef, mentions: list[tuple[int, str]], article: str) -> None:
    kind, label, aliases = ENTITIES[iri]
    g.add((iri, RDF.type, KG[kind]))
    g.add((iri, RDFS.label, Literal(label)))
    for alias in aliases:
        g.add((iri, SKOS.altLabel, Literal(alias)))
    for index, text in mentions:
        m = BNode()
        g.add((iri, KG.mention, m))
        g.add((m, RDF.type, KG.Mention))
        g.add((m, KG.text, Literal(text)))
        g.add((m, KG.sentence, _sentence_iri(article, index)))


def _argument(g: Graph, role: str, text: str, entity: URIRef | None) -> BNode:
    arg = BNode()
    g.add((arg, RDF.type, KG.Argument))
    g.add((arg, KG.role, Literal(role)))
    g.add((arg, KG.text, Literal(text)))
    if entity is not None:
        g.add((arg, KG.entity, entity))
    return arg


def build_dataset(dataset: Dataset | None = None) -> Dataset:
    """Fill ``dataset`` (a fresh in-memory one by default) with the two test articles."""
    ds = dataset if dataset is not None else Dataset()
    for article, (headline, sentences) in ARTICLES.items():
        art = ART[article]
        g = ds.graph(art)
        g.add((art, RDF.type, KG.Article))
        g.add((art, SCHEMA.headline, Literal(headline)))
        g.add((art, DCTERMS.identifier, Literal(article)))
        for i, text in enumerate(sentences):
            s = _sentence_iri(article, i)
            g.add((s, RDF.type, KG.Sentence))
            g.add((s, KG.text, Literal(text)))
            g.add((s, KG["index"], Literal(i, datatype=XSD.integer)))
            g.add((s, PROV.wasDerivedFrom, art))
        by_entity: dict[URIRef, list[tuple[int, str]]] = {}
        for a, ent, index, text in MENTIONS:
            if a == article:
                by_entity.setdefault(ent, []).append((index, text))
        for ent, mentions in by_entity.items():
            _entity(g, ent, mentions, article)
        g.add((BEIJING, KG.metonymFor, CHINA))
        for n, (a, index, subj, rel, obj, negated, obj_text) in enumerate(STATEMENTS):
            if a != article:
                continue
            named = [subj] if obj is None else [subj, obj]
            for ent in named:  # every entity a statement names is typed in its graph
                if ent not in by_entity:
                    _entity(g, ent, [], article)
            st = STMT[f"{article}-{n}"]
            g.add((st, RDF.type, KG.Statement))
            g.add((rel, RDF.type, KG.Relation))
            g.add((rel, RDFS.label, Literal(RELATIONS[rel])))
            g.add((st, KG.predicate, rel))
            g.add((st, KG.relationText, Literal(RELATIONS[rel])))
            g.add((st, KG.subject, _argument(g, "subject", ENTITIES[subj][1], subj)))
            g.add((st, KG.object, _argument(g, "object", obj_text, obj)))
            g.add((st, KG.negated, Literal(negated)))
            g.add((st, KG.confidence, Literal("0.8", datatype=XSD.decimal)))
            g.add((st, KG.sentence, _sentence_iri(article, index)))
            g.add((st, PROV.wasDerivedFrom, art))
            if obj is not None and not negated:
                g.add((subj, rel, obj))
    return ds


def to_store(graph: Graph) -> Store:
    """A kg Store holding ``graph``'s quads (a Dataset's named graphs stay named; a
    plain Graph's triples, and a Dataset's default graph, go to the default graph)."""
    store = Store.memory()
    fmt = "nquads" if isinstance(graph, ConjunctiveGraph) else "nt"
    data = graph.serialize(format=fmt, encoding="utf-8")
    store.oxigraph.load(data, format=ox.RdfFormat.N_QUADS)
    return store


def build_store() -> Store:
    """:func:`build_dataset` as a kg Store."""
    return to_store(build_dataset())


def union_graph(dataset: Dataset) -> Graph:
    """All triples of ``dataset`` in one plain graph, as a Turtle export would hold them."""
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def synthetic_dataset(
    articles: int, statements: int = 20, entities: int = 400, dataset: Dataset | None = None
) -> Dataset:
    """A larger store in the same layout, for scale checks: ``articles`` named graphs of
    ``statements`` statements each between entities drawn from a pool of ``entities``
    (seeded, so the same arguments give the same store)."""
    import random

    rng = random.Random(12345)
    ds = dataset if dataset is not None else Dataset()
    kinds = ("Person", "Organization", "Country", "Place", "Concept")
    pool = [(ENT[f"synthetic/e{i}"], kinds[i % len(kinds)]) for i in range(entities)]
    rels = [REL[f"rel{i}"] for i in range(40)]
    for a in range(articles):
        art = ART[f"synthetic-{a}"]
        g = ds.graph(art)
        g.add((art, RDF.type, KG.Article))
        g.add((art, DCTERMS.identifier, Literal(f"synthetic-{a}")))
        for n in range(statements):
            (subj, subj_kind), (obj, obj_kind) = rng.sample(pool, 2)
            rel = rng.choice(rels)
            sent = URIRef(f"{art}/sentence/{n}")
            g.add((sent, RDF.type, KG.Sentence))
            g.add((sent, KG.text, Literal(f"Sentence {n} of article {a}.")))
            g.add((sent, KG["index"], Literal(n)))
            for ent, kind in ((subj, subj_kind), (obj, obj_kind)):
                g.add((ent, RDF.type, KG[kind]))
                g.add((ent, RDFS.label, Literal(f"Entity {ent.rsplit('/', 1)[-1]}")))
                m = BNode()
                g.add((ent, KG.mention, m))
                g.add((m, KG.sentence, sent))
            g.add((rel, RDF.type, KG.Relation))
            g.add((rel, RDFS.label, Literal(rel.rsplit("/", 1)[-1])))
            st = STMT[f"synthetic-{a}-{n}"]
            g.add((st, RDF.type, KG.Statement))
            g.add((st, KG.predicate, rel))
            g.add((st, KG.subject, _argument(g, "subject", "s", subj)))
            g.add((st, KG.object, _argument(g, "object", "o", obj)))
            g.add((st, KG.negated, Literal(False)))
            g.add((st, KG.sentence, sent))
            g.add((st, PROV.wasDerivedFrom, art))
            g.add((subj, rel, obj))
    return ds

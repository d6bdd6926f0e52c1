"""The example article, extracted with the real pipeline, exports SHACL-valid RDF.

Uses the spaCy model (session fixture ``nlp``): this is the end-to-end check that
whatever the extractors produce, the mapping writes data the shapes accept, and
every export format carries the same triples.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdf_fixtures import ONTOLOGY
from rdflib import Graph
from spacy.language import Language

from kg.ingest import read_article
from kg.pipeline import extract_article
from kg.rdf.export import FORMATS, serialize
from kg.rdf.store import Store


@pytest.fixture(scope="module")
def store(nlp: Language, example_path: Path) -> Store:
    article = read_article(example_path)
    st = Store.memory()
    st.replace_article(extract_article(article, nlp(article.text)))
    return st


def test_example_export_conforms_to_shapes(store: Store) -> None:
    data = Graph().parse(data=serialize(store, "turtle"), format="turtle")
    ok, _report, text = pyshacl.validate(
        data,
        shacl_graph=Graph().parse(ONTOLOGY / "shapes.ttl"),
        ont_graph=Graph().parse(ONTOLOGY / "kg.ttl"),
    )
    assert ok, text


def test_example_exports_agree(store: Store) -> None:
    counts = {}
    for fmt, (ox_format, _graphs) in FORMATS.items():
        text = serialize(store, fmt)
        counts[fmt] = len(list(ox.parse(text.encode("utf-8"), format=ox_format)))
    assert len(set(counts.values())) == 1, counts
    assert counts["nquads"] == len(store)

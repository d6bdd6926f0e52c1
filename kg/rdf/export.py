r"""Export a store as Turtle, TriG, N-Quads, N-Triples or JSON-LD, byte-identically.

Committed files in ``output/`` must not change when nothing changed, and rdflib's
serialisers do not promise an order. So the quads are collected, deduplicated and
sorted here, and written by pyoxigraph's streaming serialisers, which keep the
order they are given (consecutive triples of one subject are grouped with ``;``).
N-Triples and N-Quads come out line-sorted; Turtle, TriG and JSON-LD in reading
order (graph by graph; an article, then its mentions and sentences in numeric order).
Prefixes are always the ones of :data:`kg.rdf.vocab.PREFIXES`.

* ``turtle`` and ``ntriples`` hold the union of all named graphs (each triple once);
* ``trig``, ``nquads`` and ``jsonld`` keep the named graphs.

The source is a kg :class:`~kg.rdf.store.Store` or a pyoxigraph Store; an rdflib
Graph or Dataset is read at the public edge (:func:`kg.rdf.rdflib_terms.from_rdflib_graph`).
Blank nodes are not minted by kg; a file with blank nodes from elsewhere exports
correctly but its blank-node labels (and so its order) may differ between runs.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/kg/id/entity/country/CN"),
...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
...                   ox.Literal("China"), ox.NamedNode("https://w3id.org/kg/id/article/a1")))
>>> print(serialize(store, "turtle").splitlines()[-1])
ent:country\/CN rdfs:label "China" .
>>> serialize(store, "trig").splitlines()[-3]
'art:a1 {'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import FormatError
from kg.fsio import atomic_write
from kg.rdf.rdflib_terms import from_rdflib_graph
from kg.rdf.store import StoreLike, oxigraph_of
from kg.rdf.vocab import FILE_DEFAULT_GRAPH, PREFIX_IRIS

#: What can be exported: a kg or pyoxigraph Store, or (at the public edge) an rdflib Graph.
Exportable = StoreLike | Graph

#: Export format name → (pyoxigraph format, keeps named graphs).
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def check_format(fmt: str) -> tuple[ox.RdfFormat, bool]:
    """The pyoxigraph format for ``fmt``, or FormatError listing the valid names."""
    try:
        return FORMATS[fmt]
    except KeyError:
        raise FormatError(
            f"unknown export format ({fmt}); use one of: {', '.join(FORMATS)}"
        ) from None


def quads_of(source: Exportable) -> Iterable[ox.Quad]:
    """Every quad of a kg Store, pyoxigraph Store or rdflib Graph/Dataset.

    A plain rdflib Graph's triples (and a Dataset's default graph) come in
    :data:`~kg.rdf.vocab.FILE_DEFAULT_GRAPH`, which the exports write as the default graph.
    """
    if isinstance(source, StoreLike):
        return iter(oxigraph_of(source))
    return iter(from_rdflib_graph(source))


def _items(quads: Iterable[ox.Quad], fmt: str) -> tuple[list[Any], ox.RdfFormat]:
    """What pyoxigraph serialises for ``fmt``: the sorted quads or triples (see the
    module doc for the order), and the pyoxigraph format."""
    rdf_format, keeps_graphs = check_format(fmt)
    quads = [
        ox.Quad(q.subject, q.predicate, q.object) if q.graph_name == FILE_DEFAULT_GRAPH else q
        for q in quads
    ]
    items: list[Any]
    if fmt == "nquads":
        items = sorted(set(quads), key=str)  # line order, as `sort` would give
    elif fmt == "ntriples":
        items = sorted({q.triple for q in quads}, key=str)
    elif keeps_graphs:
        items = sorted(set(quads), key=_reading_key)
    else:
        items = sorted({q.triple for q in quads}, key=_reading_key)
    return items, rdf_format


def _jsonld(data: bytes) -> str:
    """pyoxigraph's compact JSON-LD re-indented (one space), as committed in output/."""
    return json.dumps(json.loads(data.decode("utf-8")), indent=1, ensure_ascii=False) + "\n"


def serialize(source: Exportable, fmt: str) -> str:
    """The export of ``source`` in ``fmt`` as text (see the module doc for the order)."""
    return serialize_quads(quads_of(source), fmt)


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> str:
    """``quads`` in ``fmt`` as text, in the order and with the prefixes of the exports."""
    items, rdf_format = _items(quads, fmt)
    data = ox.serialize(items, format=rdf_format, prefixes=PREFIX_IRIS)
    assert data is not None
    return _jsonld(data) if fmt == "jsonld" else data.decode("utf-8")


def export(source: Exportable, fmt: str, out: TextIO | Path | str | None = None) -> str | None:
    """Write ``source`` (a kg or pyoxigraph Store, or an rdflib Graph) in ``fmt`` to ``out``
    (a path or a text stream).

    With ``out=None`` the text is returned instead. Unknown formats raise
    ``FormatError: unknown export format (xml); use one of: turtle, trig, ...``
    before anything is written.

    A path is written atomically (:func:`kg.fsio.atomic_write`): missing folders are
    created, an older file there stays complete until the new one is, and a full disk
    raises :class:`kg.fsio.DiskFullError`. Except for JSON-LD (re-indented as a whole),
    pyoxigraph streams the serialisation straight into the file, so a big store's text
    is never held in memory.
    """
    if out is None:
        return serialize(source, fmt)
    if isinstance(out, str | Path):
        items, rdf_format = _items(quads_of(source), fmt)
        with atomic_write(out) as handle:
            if fmt == "jsonld":
                data = ox.serialize(items, format=rdf_format, prefixes=PREFIX_IRIS)
                assert data is not None
                handle.write(_jsonld(data).encode("utf-8"))
            else:
                ox.serialize(items, output=handle, format=rdf_format, prefixes=PREFIX_IRIS)
    else:
        out.write(serialize(source, fmt))
    return None


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1 << 16)
def _natural(text: str) -> str:
    """``text`` with digit runs zero-padded, so "sentence/9" sorts before "sentence/10"."""
    return _DIGITS.sub(lambda m: m.group().zfill(10), text)


def _reading_key(item: ox.Quad | ox.Triple) -> tuple[str, ...]:
    """Order for Turtle, TriG and JSON-LD: by graph, then subject IRI in natural order
    (an article before its sentences, sentence 2 before 10), predicate, object; the
    N-Triples form last breaks any tie, so the order is total."""
    graph = ""
    if isinstance(item, ox.Quad):
        if not isinstance(item.graph_name, ox.DefaultGraph):
            graph = _natural(item.graph_name.value)
        item = item.triple
    subject = item.subject
    name = subject.value if isinstance(subject, ox.NamedNode) else str(subject)
    return graph, _natural(name), item.predicate.value, str(item.object), str(item)


__all__ = [
    "FORMATS",
    "Exportable",
    "check_format",
    "export",
    "quads_of",
    "serialize",
    "serialize_quads",
]

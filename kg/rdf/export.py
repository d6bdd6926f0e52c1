"""Export a Dataset as Turtle, TriG, N-Quads, N-Triples or JSON-LD, byte-identically.

Committed files in ``output/`` must not change when nothing changed, and rdflib's
serialisers do not promise an order. So the quads are collected, deduplicated and
sorted here, and written by pyoxigraph's streaming serialisers, which keep the
order they are given (consecutive triples of one subject are grouped with ``;``).
N-Triples and N-Quads come out line-sorted; Turtle, TriG and JSON-LD in reading
order (graph by graph; an article, then its mentions and sentences in numeric order).
Prefixes are always the ones of :data:`kg.rdf.vocab.PREFIXES`.

* ``turtle`` and ``ntriples`` hold the union of all named graphs (each triple once);
* ``trig``, ``nquads`` and ``jsonld`` keep the named graphs.

Blank nodes are not minted by kg; a file with blank nodes from elsewhere exports
correctly but its blank-node labels (and so its order) may differ between runs.

>>> export(store.dataset, "trig", Path("output/graph.trig"))   # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import ConjunctiveGraph

from kg.errors import FormatError
from kg.fsio import atomic_write
from kg.rdf.store import FILE_DEFAULT_GRAPH, Store, oxigraph_of, to_ox, to_ox_graph
from kg.rdf.vocab import PREFIX_IRIS

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


def quads_of(source: object) -> list[ox.Quad]:
    """Every quad of a Dataset, Graph or Store as pyoxigraph quads.

    A plain rdflib Graph's triples go to the default graph.
    """
    if isinstance(source, Store):
        return list(source.oxigraph)
    if not isinstance(source, Graph):
        raise TypeError(f"cannot export {type(source).__name__}; pass a Dataset, Graph or Store")
    inner = oxigraph_of(source)
    if inner is not None:
        if isinstance(source, ConjunctiveGraph):
            return list(inner)
        name = to_ox_graph(source.identifier)
        return list(inner.quads_for_pattern(None, None, None, name))
    if isinstance(source, ConjunctiveGraph):
        return [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox_graph(g))
            for s, p, o, g in source.quads((None, None, None, None))
        ]
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in source]


def _items(source: object, fmt: str) -> tuple[list[Any], ox.RdfFormat, dict[str, str]]:
    """What pyoxigraph serialises for ``fmt``: the sorted quads or triples (see the
    module doc for the order), the pyoxigraph format and the prefixes."""
    rdf_format, keeps_graphs = check_format(fmt)
    file_graph = ox.NamedNode(str(FILE_DEFAULT_GRAPH))
    quads = [
        ox.Quad(q.subject, q.predicate, q.object) if q.graph_name == file_graph else q
        for q in quads_of(source)
    ]
    prefixes = PREFIX_IRIS
    items: list[Any]
    if fmt == "nquads":
        items = sorted(set(quads), key=str)  # line order, as `sort` would give
    elif fmt == "ntriples":
        items = sorted({q.triple for q in quads}, key=str)
    elif keeps_graphs:
        items = sorted(set(quads), key=_reading_key)
    else:
        items = sorted({q.triple for q in quads}, key=_reading_key)
    return items, rdf_format, prefixes


def _jsonld(data: bytes) -> str:
    """pyoxigraph's compact JSON-LD re-indented (one space), as committed in output/."""
    return json.dumps(json.loads(data.decode("utf-8")), indent=1, ensure_ascii=False) + "\n"


def serialize(source: object, fmt: str) -> str:
    """The export of ``source`` in ``fmt`` as text (see the module doc for the order)."""
    items, rdf_format, prefixes = _items(source, fmt)
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    assert data is not None
    return _jsonld(data) if fmt == "jsonld" else data.decode("utf-8")


def export(source: object, fmt: str, out: TextIO | Path | str | None = None) -> str | None:
    """Write ``source`` (Dataset, Graph or Store) in ``fmt`` to ``out`` (path or stream).

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
        items, rdf_format, prefixes = _items(source, fmt)
        with atomic_write(out) as handle:
            if fmt == "jsonld":
                data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
                assert data is not None
                handle.write(_jsonld(data).encode("utf-8"))
            else:
                ox.serialize(items, output=handle, format=rdf_format, prefixes=prefixes)
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


__all__ = ["FORMATS", "check_format", "export", "quads_of", "serialize"]

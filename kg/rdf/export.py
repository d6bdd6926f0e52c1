r"""Export a store as Turtle, TriG, N-Quads, N-Triples or JSON-LD: streamed, byte-stable.

Committed files in ``output/`` must not change when nothing changed, and a store of
100,000 articles must export without holding its quads in Python. So the export walks
the store one graph at a time (the default graph, then named graphs in natural order of
their names), sorts that graph's quads and hands them to pyoxigraph's streaming
serialisers, which keep the order they are given (consecutive triples of one subject
are grouped with ``;``). Within a graph, N-Triples and N-Quads come out line-sorted;
Turtle, TriG and JSON-LD in reading order (an article, then its mentions and sentences
in numeric order). Prefixes are always the ones of :data:`kg.rdf.vocab.PREFIXES`.

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

import hashlib
import io
import json
import re
import textwrap
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import FormatError
from kg.fsio import atomic_write
from kg.rdf.rdflib_terms import from_rdflib_graph
from kg.rdf.store import StoreLike, oxigraph_of
from kg.rdf.vocab import ART, FILE_DEFAULT_GRAPH, PREFIX_IRIS, STMT

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


def _store_of(source: Exportable) -> ox.Store:
    if isinstance(source, StoreLike):
        return oxigraph_of(source)
    return from_rdflib_graph(source)


def _graphs(store: ox.Store) -> Iterator[list[ox.Quad]]:
    """Each graph's quads, one graph at a time, in the order exports write them: the
    default graph first (with :data:`~kg.rdf.vocab.FILE_DEFAULT_GRAPH`, an imported
    file's triples, as default-graph quads), then named graphs in natural order of name.
    """
    named = [g for g in store.named_graphs() if g != FILE_DEFAULT_GRAPH]
    default = [*store.quads_for_pattern(None, None, None, ox.DefaultGraph()),
               *store.quads_for_pattern(None, None, None, FILE_DEFAULT_GRAPH)]
    yield [ox.Quad(q.subject, q.predicate, q.object) for q in default]
    for graph in sorted(named, key=lambda g: _natural(str(g))):
        yield list(store.quads_for_pattern(None, None, None, graph))


#: Subjects minted per article (the article, its sentences, mentions and statements):
#: their triples live in one article's graph only. Every other subject (entities,
#: relations) is described again in each article that names it.
_LOCAL = (str(ART), str(STMT))


def items(source: Exportable, fmt: str) -> Iterator[ox.Quad | ox.Triple]:
    """What :func:`export` writes for ``fmt``, in order, one graph at a time.

    Only one article's graph is held (and sorted) at once, so a store of any size
    exports in flat memory. Graph-keeping formats give each graph's quads; Turtle and
    N-Triples give the union, each triple once: triples of article-local subjects are
    unique already, the others (entity and relation descriptions, repeated by every
    article naming them) are remembered by a 16-byte digest, so memory grows with the
    distinct entity facts, not with the store.
    """
    _, keeps_graphs = check_format(fmt)
    line_order = fmt in ("nquads", "ntriples")
    seen: set[bytes] = set()
    for quads in _graphs(_store_of(source)):
        chosen: list[Any]
        if keeps_graphs:
            chosen = list(set(quads))
        else:
            chosen = []
            for triple in {q.triple for q in quads}:
                subject = triple.subject
                if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(_LOCAL)):
                    digest = hashlib.blake2b(str(triple).encode(), digest_size=16).digest()
                    if digest in seen:
                        continue
                    seen.add(digest)
                chosen.append(triple)
        yield from sorted(chosen, key=str if line_order else _reading_key)


def _jsonld_graphs(source: Exportable) -> Iterator[str]:
    """JSON-LD as text pieces, one graph at a time: pyoxigraph's compact JSON-LD of each
    graph re-indented (one space, as committed in output/) and joined into one array."""
    first = True
    yield "["
    for quads in _graphs(_store_of(source)):
        if not quads:
            continue
        data = ox.serialize(sorted(set(quads), key=_reading_key), format=ox.RdfFormat.JSON_LD)
        assert data is not None
        for node in json.loads(data.decode("utf-8")):
            text = json.dumps(node, indent=1, ensure_ascii=False)
            yield ("\n" if first else ",\n") + textwrap.indent(text, " ")
            first = False
    yield "\n]\n" if not first else "]\n"


def serialize(source: Exportable, fmt: str) -> str:
    """The export of ``source`` in ``fmt`` as text (see the module doc for the order)."""
    buffer = io.BytesIO()
    _write(source, fmt, buffer)
    return buffer.getvalue().decode("utf-8")


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> str:
    """``quads`` in ``fmt`` as text, in the order and with the prefixes of the exports."""
    store = ox.Store()
    store.extend(quads)
    return serialize(store, fmt)


def _write(source: Exportable, fmt: str, handle: BinaryIO) -> None:
    rdf_format, _ = check_format(fmt)
    if fmt == "jsonld":
        for piece in _jsonld_graphs(source):
            handle.write(piece.encode("utf-8"))
    else:
        stream = cast(Iterable[ox.Quad], items(source, fmt))  # quads, or triples for union formats
        ox.serialize(stream, output=handle, format=rdf_format, prefixes=PREFIX_IRIS)


def export(source: Exportable, fmt: str, out: TextIO | Path | str | None = None) -> str | None:
    """Write ``source`` (a kg or pyoxigraph Store, or an rdflib Graph) in ``fmt`` to ``out``
    (a path or a text stream).

    With ``out=None`` the text is returned instead. Unknown formats raise
    ``FormatError: unknown export format (xml); use one of: turtle, trig, ...``
    before anything is written.

    A path is written atomically (:func:`kg.fsio.atomic_write`): missing folders are
    created, an older file there stays complete until the new one is, and a full disk
    raises :class:`kg.fsio.DiskFullError`. The serialisation streams graph by graph
    (:func:`items`), so neither the quads nor the text of a big store are held in memory.
    """
    check_format(fmt)
    if out is None:
        return serialize(source, fmt)
    if isinstance(out, str | Path):
        with atomic_write(out) as handle:
            _write(source, fmt, handle)
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
    "items",
    "serialize",
    "serialize_quads",
]

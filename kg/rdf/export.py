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

import contextlib
import hashlib
import io
import itertools
import json
import re
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
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


def _graph_names(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
    """The named graphs in the order exports write them (natural order of name), without
    :data:`~kg.rdf.vocab.FILE_DEFAULT_GRAPH` (written as the default graph)."""
    named = [g for g in store.named_graphs() if g != FILE_DEFAULT_GRAPH]
    return sorted(named, key=lambda g: _natural(str(g)))


def _graph_lines(
    store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
) -> list[str]:
    """The triples of one graph as N-Triples lines (no newline), written by Oxigraph's
    own serialiser: Python never builds a term object for them. Split on "\\n" only:
    N-Triples escapes line feeds in literals, but a literal may hold U+2028 or U+0085,
    which ``str.splitlines`` would cut at."""
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    assert data is not None
    return [line for line in data.decode("utf-8").split("\n") if line]


#: Graphs read ahead of the one being written (see :func:`_graphs`).
READ_AHEAD = 8


def _graphs(store: ox.Store) -> Iterator[tuple[str, list[str]]]:
    """Each graph's N-Triples lines, one graph at a time, in the order exports write
    them: the default graph first (name ``""``; it includes
    :data:`~kg.rdf.vocab.FILE_DEFAULT_GRAPH`, an imported file's triples), then named
    graphs in natural order of name (as ``<iri>`` or ``_:id``).

    Reading a graph (Oxigraph decoding its quads) is a third of an export's time and
    releases the GIL, so one thread reads up to :data:`READ_AHEAD` graphs ahead while
    the caller sorts and serialises: on two cores the reads cost almost no wall time,
    and memory holds a few graphs, not the store."""
    default = _graph_lines(store, ox.DefaultGraph())
    if store.contains_named_graph(FILE_DEFAULT_GRAPH):
        default += _graph_lines(store, FILE_DEFAULT_GRAPH)
    yield "", default
    names = iter(_graph_names(store))
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-export-read")
    try:
        pending: deque[tuple[str, Future[list[str]]]] = deque(
            (str(graph), pool.submit(_graph_lines, store, graph))
            for graph in itertools.islice(names, READ_AHEAD)
        )
        while pending:
            name, reading = pending.popleft()
            following = next(names, None)
            if following is not None:
                pending.append((str(following), pool.submit(_graph_lines, store, following)))
            yield name, reading.result()
    finally:  # closed early (a write failed): drop the reads not started yet
        pool.shutdown(wait=True, cancel_futures=True)


#: Subjects minted per article (the article, its sentences, mentions and statements):
#: their triples live in one article's graph only. Every other subject (entities,
#: relations) is described again in each article that names it.
_LOCAL = tuple(f"<{prefix}" for prefix in (str(ART), str(STMT)))


def _line_reading_key(line: str) -> tuple[str, str, str, str]:
    """:func:`_reading_key` of one N-Triples line: subject (IRI without its brackets) in
    natural order, predicate IRI, object as written, then the whole line."""
    subject, predicate, rest = line.split(" ", 2)
    name = subject[1:-1] if subject.startswith("<") else subject
    return _natural(name), predicate[1:-1], rest[:-2], line


def lines(source: Exportable, fmt: str) -> Iterator[tuple[str, list[str]]]:
    """What :func:`export` writes for ``fmt``, one graph at a time: the graph (``""`` for
    the default graph) and its triples as sorted N-Triples lines.

    Only one article's graph is held (and sorted) at once, so a store of any size
    exports in flat memory. Graph-keeping formats give each graph's triples; Turtle and
    N-Triples give the union, each triple once: triples of article-local subjects are
    unique already, the others (entity and relation descriptions, repeated by every
    article naming them) are remembered by a 16-byte digest, so memory grows with the
    distinct entity facts, not with the store. N-Triples and N-Quads are sorted by line;
    Turtle, TriG and JSON-LD in reading order (:func:`_reading_key`).
    """
    _, keeps_graphs = check_format(fmt)
    line_order = fmt in ("nquads", "ntriples")
    seen: set[bytes] = set()
    for graph, found in _graphs(_store_of(source)):
        chosen = found if keeps_graphs else _union(found, seen)
        if line_order:
            chosen.sort()
        else:
            chosen.sort(key=_line_reading_key)
        yield ("" if not keeps_graphs else graph), chosen


def _union(found: list[str], seen: set[bytes]) -> list[str]:
    """The lines of ``found`` not written for an earlier graph (``seen``: digests of the
    shared-subject lines written so far, updated); article-local lines are unique."""
    chosen = []
    for line in found:
        if not line.startswith(_LOCAL):
            digest = hashlib.blake2b(line.encode(), digest_size=16).digest()
            if digest in seen:
                continue
            seen.add(digest)
        chosen.append(line)
    return chosen


def _nquads_text(graph: str, found: list[str]) -> str:
    """N-Triples lines as N-Quads of ``graph`` (``""``: the default graph), one a line."""
    if graph:
        return "".join(f"{line[:-2]} {graph} .\n" for line in found)
    return "".join(f"{line}\n" for line in found)


def _without_prefixes(data: bytes) -> bytes:
    """Serialised TriG without its leading ``@prefix`` lines (pyoxigraph writes them
    before the first triple of every call; a file holds them once)."""
    start = 0
    while data.startswith(b"@prefix ", start):
        start = data.index(b"\n", start) + 1
    return data[start:]


def items(source: Exportable, fmt: str) -> Iterator[ox.Quad | ox.Triple]:
    """What :func:`export` writes for ``fmt``, in order, as pyoxigraph quads (formats
    that keep named graphs) or triples (Turtle, N-Triples): see :func:`lines`."""
    _, keeps_graphs = check_format(fmt)
    for graph, found in lines(source, fmt):
        for quad in _parse(graph, found):
            yield quad if keeps_graphs else quad.triple


def _parse(graph: str, found: list[str]) -> Iterator[ox.Quad]:
    """The quads of one graph's N-Triples lines, parsed back by Oxigraph (in order)."""
    if not found:
        return iter(())
    text = _nquads_text(graph, found)
    return ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def _jsonld_piece(graph: str, found: list[str], first: bool) -> str:
    """One graph's JSON-LD nodes as array items: pyoxigraph's compact JSON-LD of the
    graph, re-indented by one space as ``json.dumps(node, indent=1)`` indents (the
    committed output/ form), each item on its own line after ``,``."""
    if not found:
        return ""
    data = ox.serialize(_parse(graph, found), format=ox.RdfFormat.JSON_LD)
    assert data is not None
    pieces = []
    for node in json.loads(data.decode("utf-8")):
        pieces.append(("\n " if first else ",\n ") + _indented(node, " "))
        first = False
    return "".join(pieces)


def _indented(value: Any, pad: str) -> str:
    """``json.dumps(value, indent=1, ensure_ascii=False)`` with every line after the
    first prefixed by ``pad``; same text, but leaves go through the C encoder (with
    ``indent`` the json module encodes everything in Python, 5x slower here)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + " "
        body = ",\n".join(f"{inner}{_LEAF(k)}: {_indented(v, inner)}" for k, v in value.items())
        return f"{{\n{body}\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = pad + " "
        body = ",\n".join(f"{inner}{_indented(v, inner)}" for v in value)
        return f"[\n{body}\n{pad}]"
    return _LEAF(value)


_LEAF = json.JSONEncoder(ensure_ascii=False).encode


def _jsonld_graphs(source: Exportable) -> Iterator[str]:
    """JSON-LD as text pieces, one graph at a time, joined into one array."""
    first = True
    yield "["
    for graph, found in lines(source, "jsonld"):
        piece = _jsonld_piece(graph, found, first)
        first = first and not piece
        yield piece
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
    elif fmt in ("nquads", "ntriples"):  # sorted lines are the file: no parsing back
        for graph, found in lines(source, fmt):
            handle.write(_nquads_text(graph, found).encode("utf-8"))
    else:
        stream = cast(Iterable[ox.Quad], items(source, fmt))  # quads, or triples for union formats
        ox.serialize(stream, output=handle, format=rdf_format, prefixes=PREFIX_IRIS)


def write_exports(source: Exportable, targets: Mapping[str, str | Path]) -> list[Path]:
    """Write several exports of ``source`` (format name → path) in one pass over the store.

    Byte for byte what :func:`export` writes for each, but each graph is read from the
    store once (Oxigraph's N-Triples dump), sorted once per order and handed to every
    format, instead of once per format: reading the store is most of an export's cost.
    Turtle streams through pyoxigraph's serialiser (its subject grouping spans graphs);
    TriG is serialised graph by graph (its graph blocks close per graph anyway), the
    prefix lines kept once; N-Quads are the sorted lines; JSON-LD goes graph by graph.
    Each file is written atomically (:func:`kg.fsio.atomic_write`).
    """
    for fmt in targets:
        check_format(fmt)
    store = _store_of(source)
    with contextlib.ExitStack() as stack:
        handles = {fmt: stack.enter_context(atomic_write(path)) for fmt, path in targets.items()}
        trig_first = [True]
        if "jsonld" in handles:
            handles["jsonld"].write(b"[")
        first = [True]

        def graphs_written() -> Generator[ox.Triple, None, None]:
            """Writes each graph to the per-graph formats, then yields its new union
            triples for the Turtle serialiser (which drives this loop)."""
            seen: set[bytes] = set()
            for graph, found in _graphs(store):
                if "nquads" in handles:
                    handles["nquads"].write(_nquads_text(graph, sorted(found)).encode())
                reading = sorted(found, key=_line_reading_key)
                if "trig" in handles and reading:
                    data = ox.serialize(_parse(graph, reading), format=ox.RdfFormat.TRIG,
                                        prefixes=PREFIX_IRIS)
                    assert data is not None  # the prefix lines once, before the first graph
                    handles["trig"].write(data if trig_first[0] else _without_prefixes(data))
                    trig_first[0] = False
                if "jsonld" in handles:
                    piece = _jsonld_piece(graph, reading, first[0])
                    first[0] = first[0] and not piece
                    handles["jsonld"].write(piece.encode("utf-8"))
                if "turtle" in handles:
                    yield from (q.triple for q in _parse("", _union(reading, seen)))

        written = graphs_written()
        try:
            if "turtle" in handles:
                ox.serialize(written, output=handles["turtle"],
                             format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
            else:
                for _ in written:
                    pass
        finally:  # a write error leaves the generator suspended, holding the store open
            written.close()
        if "jsonld" in handles:
            handles["jsonld"].write(b"]\n" if first[0] else b"\n]\n")
    return [Path(path) for path in targets.values()]


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
    "lines",
    "serialize",
    "serialize_quads",
    "write_exports",
]

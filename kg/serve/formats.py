"""Result formats of the SPARQL endpoint and the choice among them by ``Accept``.

SELECT and ASK results are written as SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE graphs as Turtle, N-Triples, JSON-LD or RDF/XML (rdflib's
``SPARQLStore`` asks for RDF/XML). :func:`negotiate` reads an ``Accept`` header (or a
``format=`` short name, which YASGUI and SPARQLWrapper may send) into an ordered list
of media types; :func:`pick` chooses the first that suits the result's kind. The
serialisers here work on rows already cut to the row cap, which is why kg writes the
four result formats itself rather than through Oxigraph's (which serialise a whole,
uncut result iterator).

>>> pick(negotiate("text/csv;q=0.5, application/sparql-results+json"), "SELECT")
'application/sparql-results+json'
>>> pick(negotiate("*/*"), "CONSTRUCT")
'text/turtle'
>>> pick(negotiate("text/html"), "SELECT") is None
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

import pyoxigraph as ox

from kg.rdf.vocab import PREFIX_IRIS, Term

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

#: Media types of SELECT/ASK results, the default first.
RESULT_TYPES = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
#: Media types of CONSTRUCT/DESCRIBE graphs, the default first.
GRAPH_TYPES = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
#: ASK has no CSV/TSV form in SPARQL 1.1; kg writes ``true``/``false`` there.
_ALIASES = {
    "application/json": (SPARQL_JSON, JSON_LD),
    "application/xml": (SPARQL_XML, RDF_XML),
    "text/xml": (SPARQL_XML, RDF_XML),
    "text/plain": (N_TRIPLES,),
    "application/x-turtle": (TURTLE,),
    "text/n3": (TURTLE,),
    "application/turtle": (TURTLE,),
}
#: ``format=``/``output=`` short names (as YASGUI and SPARQLWrapper send them).
SHORT_NAMES = {
    "json": (SPARQL_JSON, JSON_LD), "xml": (SPARQL_XML, RDF_XML), "csv": (CSV,),
    "tsv": (TSV,), "turtle": (TURTLE,), "ttl": (TURTLE,), "ntriples": (N_TRIPLES,),
    "nt": (N_TRIPLES,), "jsonld": (JSON_LD,), "json-ld": (JSON_LD,), "rdfxml": (RDF_XML,),
    "rdf+xml": (RDF_XML,),
}
_RDF_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    JSON_LD: ox.RdfFormat.JSON_LD,
    RDF_XML: ox.RdfFormat.RDF_XML,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: Characters XML 1.0 cannot hold at all (not even escaped): shown as U+FFFD in the XML
#: results; the other formats keep them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape(text: str) -> str:
    """``text`` as XML character data (``&<>`` escaped, characters XML forbids replaced).

    >>> escape("a<b\x01")
    'a&lt;b\ufffd'
    """
    return _xml_escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value."""
    return _xml_quoteattr(_NOT_XML.sub("\ufffd", text))


def negotiate(accept: str | None, short: str | None = None) -> list[str]:
    """The media types a client accepts, best first (``*/*`` when it says nothing).

    ``short`` is a ``format=`` short name or media type; it wins over ``Accept``.
    Wildcards (``*/*``, ``text/*``) are kept for :func:`pick` to expand.
    """
    if short:
        name = short.strip().lower()
        if name in SHORT_NAMES:
            return list(SHORT_NAMES[name])
        if "/" in name:
            return [name]
    if not accept:
        return ["*/*"]
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, index, media))
    return [media for _, _, media in sorted(ranked)]


def pick(accepted: Sequence[str], kind: str) -> str | None:
    """The media type to answer a ``kind`` result with ("SELECT", "ASK", "CONSTRUCT"),
    or None when the client accepts none kg writes (HTTP 406)."""
    offered = GRAPH_TYPES if kind == "CONSTRUCT" else RESULT_TYPES
    for media in accepted:
        if media in offered:
            return media
        if media in _ALIASES:
            for candidate in _ALIASES[media]:
                if candidate in offered:
                    return candidate
        major, _, minor = media.partition("/")
        if minor == "*":
            for candidate in offered:
                if major == "*" or candidate.startswith(major + "/"):
                    return candidate
    return None


def write_select(variables: Sequence[str], rows: Sequence[Sequence[Term | None]],
                 media: str) -> bytes:
    """SELECT rows (one term or None per variable) in ``media``."""
    if media == SPARQL_JSON:
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True)
                     if t is not None} for row in rows]
        return json.dumps({"head": {"vars": list(variables)},
                           "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if media == SPARQL_XML:
        out = [_XML_HEAD, "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row, strict=True) if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if media == CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")  # SPARQL 1.1 CSV uses CRLF
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else _plain(t) for t in row])
        return buf.getvalue().encode()
    if media == TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"not a result format: {media}")


def write_ask(answer: bool, media: str) -> bytes:
    """An ASK answer in ``media`` (CSV and TSV: the bare word ``true``/``false``)."""
    if media == SPARQL_JSON:
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if media == SPARQL_XML:
        word = "true" if answer else "false"
        return f"{_XML_HEAD}<head/><boolean>{word}</boolean></sparql>\n".encode()
    if media in (CSV, TSV):
        return b"true\n" if answer else b"false\n"
    raise ValueError(f"not a result format: {media}")


def write_graph(triples: Sequence[ox.Triple], media: str) -> bytes:
    """CONSTRUCT/DESCRIBE triples in ``media`` (Turtle with kg's prefixes)."""
    prefixes = PREFIX_IRIS if media == TURTLE else None
    data = ox.serialize(triples, format=_RDF_FORMATS[media], prefixes=prefixes)
    assert data is not None
    return data


_XML_HEAD = ('<?xml version="1.0"?>\n'
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">')


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {  # RDF-star
        "subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
        "object": _json_term(term.object)}}


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
            f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}"
            "</object></triple>")


def _plain(term: Term) -> str:
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


__all__ = [
    "CSV", "GRAPH_TYPES", "JSON_LD", "N_TRIPLES", "RDF_XML", "RESULT_TYPES", "SHORT_NAMES",
    "SPARQL_JSON", "SPARQL_XML", "TSV", "TURTLE", "negotiate", "pick", "write_ask",
    "write_graph", "write_select",
]

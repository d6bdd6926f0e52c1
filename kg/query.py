"""Format SPARQL results as a table, CSV or JSON, and :func:`run_query` for Python users.

Running queries is :mod:`kg.rdf.sparql`'s job: it gives a
:class:`~kg.rdf.sparql.QueryResult` in pyoxigraph terms, which :func:`format_result`
prints. :func:`run_query` here is the public API (``kg.run_query``): the same query,
with the rows in rdflib terms (an rdflib ``Result``: ``row.name``, ``str(term)`` is
the plain value) for users who work in rdflib.

Queries see the union of all article graphs (a query with ``FROM <g>`` sees the merge
of the graphs it names instead, as SPARQL says; a graph the store lacks adds nothing
and is never fetched), and the prefixes of
:data:`kg.rdf.vocab.PREFIXES` (``kg:``, ``rdfs:``, ``schema:``, ``ent:`` ...) are
predeclared, so ``SELECT ?n WHERE { ?e a kg:Person ; rdfs:label ?n }`` works as is.
Results are read completely before returning: a failing query raises
:class:`~kg.errors.QueryError` here, not later while printing.

>>> from kg.model import Article, ArticleGraph
>>> from kg.rdf.store import Store
>>> store = Store.memory()
>>> _ = store.replace_article(ArticleGraph(Article(id="a1", text="Hi.", title="Hi"), [], [], []))
>>> print(format_result(run_query(store, "ASK { ?s a kg:Article }"), "json"), end="")
{"head": {}, "boolean": true}
>>> for row in run_query(store, "SELECT ?title WHERE { ?a schema:headline ?title }"):
...     print(row.title)
Hi
>>> print(format_result(run_query(store, "SELECT ?a ?title WHERE { ?a schema:headline ?title }")),
...       end="")
a       title
------  -----
art:a1  Hi
(1 row)
"""

from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
from rdflib import Graph, Variable
from rdflib.query import Result

from kg.errors import FormatError
from kg.rdf.export import serialize_quads
from kg.rdf.rdflib_terms import from_rdflib, from_rdflib_graph, rdflib_graph, to_rdflib
from kg.rdf.sparql import QueryResult
from kg.rdf.sparql import run_query as run_sparql
from kg.rdf.store import StoreLike
from kg.rdf.vocab import PREFIXES, Term

RESULT_FORMATS = ("table", "csv", "json")
#: Longest cell of a text table; longer values end in "…".
MAX_CELL = 80
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def run_query(
    source: StoreLike | Graph, sparql: str, *, allow_service: bool = False
) -> Result:
    """Run ``sparql`` over ``source`` and give the result in rdflib terms (the public API).

    ``source`` is a kg :class:`~kg.rdf.store.Store`, a pyoxigraph Store, or an rdflib
    Graph or Dataset (``store.dataset``, or one of your own: it is copied into an
    in-memory Oxigraph store, see :func:`kg.rdf.rdflib_terms.from_rdflib_graph`). The
    query runs in Oxigraph (:func:`kg.rdf.sparql.run_query`, whose errors it raises);
    iterate the rows (``row.name``, ``row[0]``), or read ``.askAnswer`` (ASK) or
    ``.graph`` (CONSTRUCT, DESCRIBE). String literals come back plain, as rdflib
    builds them.
    """
    # No local holds the store (see kg.rdf.sparql.run_query: frames outlive the call).
    return rdflib_result(run_sparql(
        source if isinstance(source, StoreLike) else from_rdflib_graph(source),
        sparql, allow_service=allow_service))


def rdflib_result(result: QueryResult) -> Result:
    """``result`` as an rdflib Result (terms by :func:`kg.rdf.rdflib_terms.to_rdflib`)."""
    out = Result(result.kind)
    if result.kind == "ASK":
        out.askAnswer = result.answer
    elif result.kind == "CONSTRUCT":
        out.graph = rdflib_graph((t.subject, t.predicate, t.object) for t in result.triples)
    else:
        names = [Variable(v) for v in result.variables]
        out.vars = names
        out.bindings = [
            {n: to_rdflib(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in result.rows
        ]
    return out


def _from_rdflib_result(result: Result) -> QueryResult:
    """An rdflib Result (from :func:`run_query`) as the :class:`QueryResult` it was."""
    if result.type == "ASK":
        return QueryResult("ASK", answer=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        quads = from_rdflib_graph(result.graph if result.graph is not None else Graph())
        return QueryResult("CONSTRUCT", triples=tuple(q.triple for q in quads))
    names = list(result.vars or [])
    rows = tuple(
        tuple(None if (t := row.get(n)) is None else from_rdflib(t) for n in names)
        for row in result.bindings
    )
    return QueryResult("SELECT", tuple(str(n) for n in names), rows)


def format_result(result: QueryResult | Result, fmt: str = "table") -> str:
    """``result`` as text: an aligned ``table``, ``csv``, or SPARQL 1.1 JSON (``json``).

    ``result`` comes from :func:`kg.rdf.sparql.run_query` or ``run_bounded`` (or is
    the rdflib Result of :func:`run_query`). ASK gives ``true``/``false`` (JSON:
    ``{"head": {}, "boolean": ...}``); CONSTRUCT and DESCRIBE give Turtle whatever
    ``fmt`` is. The text ends with a newline.
    """
    if fmt not in RESULT_FORMATS:
        raise FormatError(
            f"unknown query result format ({fmt}); use one of: {', '.join(RESULT_FORMATS)}"
        )
    if isinstance(result, Result):
        result = _from_rdflib_result(result)
    if result.kind == "CONSTRUCT":
        return serialize_quads((ox.Quad(t.subject, t.predicate, t.object)
                                for t in result.triples), "turtle")
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.answer}) + "\n"
        return ("true" if result.answer else "false") + "\n"
    names = list(result.variables)
    rows = [list(row) for row in result.rows]
    if fmt == "json":
        return _json(names, rows)
    if fmt == "csv":
        return _csv(names, rows)
    return _table(names, rows)


def _json(names: list[str], rows: list[list[Term | None]]) -> str:
    bindings = []
    for row in rows:
        pairs = zip(names, row, strict=True)
        bindings.append({n: _json_term(t) for n, t in pairs if t is not None})
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": text(term)}


def text(term: Term | None) -> str:
    """The plain value of a term: an IRI without brackets, a literal's lexical form, a
    blank node's label; "" for None (an unbound variable)."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _csv(names: list[str], rows: list[list[Term | None]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # SPARQL 1.1 CSV uses CRLF
    writer.writerow(names)
    for row in rows:
        writer.writerow([text(t) for t in row])
    return buf.getvalue()


def short(term: Term | None) -> str:
    """A readable form of a term: prefixed IRI (``ent:person/donald-trump``) or text.

    >>> short(ox.NamedNode("https://w3id.org/kg/id/entity/person/donald-trump"))
    'ent:person/donald-trump'
    >>> short(ox.Literal("two\\nlines"))
    'two lines'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        value = term.value
        best = ""
        for prefix, ns in PREFIXES.items():
            if value.startswith(str(ns)) and len(str(ns)) > len(best):
                best, name = str(ns), prefix
        return f"{name}:{value[len(best):]}" if best else value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(text(term).split())


def _table(names: list[str], rows: list[list[Term | None]]) -> str:
    if not names:
        return "(no columns)\n"
    cells = [[_clip(visible(short(t))) for t in row] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


#: Characters a terminal may act on rather than show: C0 controls (ESC, BEL, ...), DEL,
#: C1 controls (CSI 0x9b, OSC 0x9d, ...) and the Unicode bidirectional overrides.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    r"""``text`` with terminal control characters shown as escapes, not sent raw.

    A title like ``"\x1b]0;pwned\x07"`` would retitle the terminal or recolour what
    follows; in a table it shows as the literal text ``\x1b]0;pwned\x07``. C0/C1
    controls and DEL become ``\xNN``, bidi overrides ``\uNNNN``. Backslashes are not
    doubled: the table is for reading; ``--format csv``/``json`` keep the exact data.
    """
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


__all__ = [
    "MAX_CELL",
    "RESULT_FORMATS",
    "QueryResult",
    "format_result",
    "rdflib_result",
    "run_query",
    "short",
    "text",
    "visible",
]

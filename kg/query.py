"""Format SPARQL results as a table, CSV or JSON (running them is :mod:`kg.rdf.sparql`'s job;
:func:`run_query` is re-exported here for the public API).

Queries see the union of all article graphs (a query with ``FROM <g>`` sees the merge
of the graphs it names instead, as SPARQL says; a graph the store lacks adds nothing
and is never fetched), and the prefixes of
:data:`kg.rdf.vocab.PREFIXES` (``kg:``, ``rdfs:``, ``schema:``, ``ent:`` ...) are
predeclared, so ``SELECT ?n WHERE { ?e a kg:Person ; rdfs:label ?n }`` works as is.
Results are read completely before returning: a failing query raises
:class:`~kg.errors.QueryError` here, not later while printing.

>>> result = run_query(store.dataset, "ASK { ?s a kg:Statement }")   # doctest: +SKIP
>>> print(format_result(result, "json"))                             # doctest: +SKIP
{"head": {}, "boolean": true}
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from rdflib import BNode, Literal, URIRef

from kg.errors import FormatError
from kg.rdf.export import serialize
from kg.rdf.sparql import QueryResult, run_query
from kg.rdf.vocab import PREFIXES, XSD

RESULT_FORMATS = ("table", "csv", "json")
#: Longest cell of a text table; longer values end in "…".
MAX_CELL = 80


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``result`` as text: an aligned ``table``, ``csv``, or SPARQL 1.1 JSON (``json``).

    ASK gives ``true``/``false`` (JSON: ``{"head": {}, "boolean": ...}``); CONSTRUCT
    and DESCRIBE give Turtle whatever ``fmt`` is. The text ends with a newline.
    """
    if fmt not in RESULT_FORMATS:
        raise FormatError(
            f"unknown query result format ({fmt}); use one of: {', '.join(RESULT_FORMATS)}"
        )
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return serialize(result.graph, "turtle")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer}) + "\n"
        return ("true" if answer else "false") + "\n"
    names = [str(v) for v in result.vars or []]
    rows = [[row.get(v) if hasattr(row, "get") else None for v in result.vars or []]
            for row in _rows(result)]
    if fmt == "json":
        return _json(names, rows)
    if fmt == "csv":
        return _csv(names, rows)
    return _table(names, rows)


def _rows(result: QueryResult) -> list[Any]:
    return list(result.bindings)


def _json(names: list[str], rows: list[list[Any]]) -> str:
    bindings = []
    for row in rows:
        pairs = zip(names, row, strict=True)
        bindings.append({n: _json_term(t) for n, t in pairs if t is not None})
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def _csv(names: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # SPARQL 1.1 CSV uses CRLF
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return buf.getvalue()


def short(term: Any) -> str:
    """A readable form of a term: prefixed IRI (``ent:person/donald-trump``) or text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            if value.startswith(str(ns)) and len(str(ns)) > len(best):
                best, name = str(ns), prefix
        return f"{name}:{value[len(best):]}" if best else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _table(names: list[str], rows: list[list[Any]]) -> str:
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
    "run_query",
    "short",
    "visible",
]

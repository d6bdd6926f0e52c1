"""One query worker: a process that holds the store open and answers queries one by one.

Oxigraph evaluates a query in Rust and cannot be interrupted from Python, so the
server never runs one in its own process: each query goes to a worker
(:mod:`kg.serve.pool`), which the server kills (SIGKILL) when the query outlives its
timeout or memory limit. A worker opens its source once (a snapshot folder of the
store, read-only, or an exported RDF file) and then loops: receive a :class:`Job`,
send back an :class:`Answer` — the result already written in the negotiated format,
so only bytes cross the pipe.

The guards are those of ``kg query`` (:mod:`kg.rdf.sparql_guard`): updates and
``SERVICE`` are refused before anything runs; the default graph is the union of all
graphs unless the query has ``FROM`` or the request names ``default-graph-uri``. At
most ``max_rows`` rows (or triples) are read; a longer result is cut there and the
answer says so (``truncated``).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.rdf.sparql import QueryResult
from kg.rdf.sparql_guard import check_query, has_from, service_endpoints, update_operation
from kg.rdf.store import open_source
from kg.rdf.vocab import PREFIX_IRIS
from kg.serve import formats

#: ``Job.accept`` value asking for a :class:`~kg.rdf.sparql.QueryResult` (for Python
#: callers in the server, such as the explorer's routes) instead of bytes.
PYTHON_RESULT = "python"


@dataclass(frozen=True)
class Job:
    """One query: its text, the protocol's dataset, the accepted media types, the cap."""

    sparql: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: tuple[str, ...] = ("*/*",)
    max_rows: int = 0  # 0: no cap


@dataclass(frozen=True)
class Answer:
    """A worker's reply: ``status`` 200 with ``body`` in ``media``, or an HTTP error
    status with a one-line ``message``. ``truncated`` is set when the row cap cut the
    result; ``result`` holds the :class:`QueryResult` for :data:`PYTHON_RESULT` jobs."""

    status: int
    media: str = "text/plain"
    body: bytes = b""
    message: str = ""
    truncated: bool = False
    kind: str = ""
    result: QueryResult | None = field(default=None)


def refusal(sparql: str) -> Answer | None:
    """A 403 answer for an update or a ``SERVICE`` clause (read by the lexer, cheap and
    safe to run in the server process), else None."""
    operation = update_operation(sparql)
    if operation is not None:
        return Answer(403, message=(
            f"updates are refused ({operation}); kg serve is read-only — change the store "
            "with kg build or kg remove"))
    endpoints = service_endpoints(sparql)
    if endpoints:
        return _service_refused(endpoints)
    return None


def _service_refused(endpoints: list[str] | str) -> Answer:
    names = endpoints if isinstance(endpoints, str) else ", ".join(endpoints)
    return Answer(403, message=(
        f"SERVICE is refused ({names}); kg serve answers from its own store only — "
        "query the other endpoint directly"))


_SERVICE_LETTERS = re.compile("service", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _may_name_service(sparql: str) -> bool:
    """Whether ``sparql`` holds the letters of ``service`` in any case, ``\\u`` escapes
    decoded (SPARQL decodes them before parsing): without them no parser can read a
    SERVICE clause, so the slow second opinion is skipped.

    >>> _may_name_service("SELECT * { ?s ?p ?o }"), _may_name_service("\\u0053ervice")
    (False, True)
    """
    decoded = _ESCAPE.sub(
        lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)), sparql)
    return _SERVICE_LETTERS.search(decoded) is not None


def evaluate(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` over ``store`` and write its answer (never raises for a bad query)."""
    refused = refusal(job.sparql)
    if refused is not None:
        return refused
    try:
        # rdflib's parser gives a second opinion on SERVICE (20-100 ms a query), needed
        # only where the letters could spell it
        check_query(job.sparql, parse=_may_name_service(job.sparql))
    except QueryError as exc:
        return _service_refused("found by the parser") if "SERVICE" in str(exc) else Answer(
            400, message=str(exc))
    options: dict[str, object] = {"prefixes": PREFIX_IRIS}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    elif not has_from(job.sparql):
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        found = store.query(job.sparql, **options)  # type: ignore[arg-type]
        return _write(found, job)
    except SyntaxError as exc:  # Oxigraph's parser
        return Answer(400, message=f"invalid SPARQL ({_first_line(exc)}); check the query syntax")
    except ValueError as exc:  # a bad graph IRI in default-graph-uri/named-graph-uri
        return Answer(400, message=f"invalid request ({_first_line(exc)}); check the graph IRIs")
    except Exception as exc:  # evaluation failed
        return Answer(500, message=f"query failed ({_first_line(exc)}); check the query")


def _write(found: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, job: Job) -> Answer:
    python = job.accept == (PYTHON_RESULT,)
    if isinstance(found, ox.QueryBoolean):
        kind = "ASK"
    elif isinstance(found, ox.QueryTriples):
        kind = "CONSTRUCT"
    else:
        kind = "SELECT"
    media = PYTHON_RESULT if python else formats.pick(job.accept, kind)
    if media is None:
        offered = formats.GRAPH_TYPES if kind == "CONSTRUCT" else formats.RESULT_TYPES
        return Answer(406, message=(
            f"no result format the client accepts ({', '.join(job.accept)}); "
            f"a {kind} result comes as one of: {', '.join(offered)}"))
    if isinstance(found, ox.QueryBoolean):
        if python:
            return Answer(200, media, kind=kind, result=QueryResult("ASK", answer=bool(found)))
        return Answer(200, media, formats.write_ask(bool(found), media), kind=kind)
    rows, truncated = _take(found, job.max_rows)
    if isinstance(found, ox.QueryTriples):
        triples: list[ox.Triple] = rows
        if python:
            result = QueryResult("CONSTRUCT", triples=tuple(triples))
            return Answer(200, media, kind=kind, truncated=truncated, result=result)
        return Answer(200, media, formats.write_graph(triples, media), truncated=truncated,
                      kind=kind)
    variables = tuple(v.value for v in found.variables)
    values = [tuple(row) for row in rows]
    if python:
        result = QueryResult("SELECT", variables, tuple(values))
        return Answer(200, media, kind=kind, truncated=truncated, result=result)
    return Answer(200, media, formats.write_select(variables, values, media),
                  truncated=truncated, kind=kind)


def _take(found: ox.QuerySolutions | ox.QueryTriples, cap: int) -> tuple[list[Any], bool]:
    """At most ``cap`` items of ``found`` (all when 0), and whether more were there."""
    items: list[Any] = []
    for item in found:
        if cap and len(items) >= cap:
            return items, True
        items.append(item)
    return items, False


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def main(conn: Connection, source: str) -> None:
    """A worker process's life: open ``source``, say ``ready``, answer jobs until EOF.

    The process ignores Ctrl-C (the server stops it) and dies with its parent
    (``PR_SET_PDEATHSIG``), so a killed server leaves no query running.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        opened = open_source(Path(source))
    except KgError as exc:
        conn.send(Answer(500, message=str(exc)))
        return
    with opened as store:
        conn.send(Answer(200, message="ready"))
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            try:
                answer = evaluate(store.oxigraph, job)
            except Exception as exc:  # never a traceback from a worker
                answer = Answer(500, message=f"query failed ({type(exc).__name__}); "
                                "check the query")
            try:
                conn.send(answer)
            except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
                conn.send(Answer(500, message=f"cannot pass the result back ({exc}); "
                                 "narrow the query"))


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent ended before prctl took effect
        os._exit(1)


__all__ = ["PYTHON_RESULT", "Answer", "Job", "evaluate", "main", "refusal"]

"""Safe SPARQL for ``kg query``: read-only, local by default, bounded in time and memory.

:func:`run_query` is the one place kg runs SPARQL: in Oxigraph, over a kg
:class:`~kg.rdf.store.Store` or a pyoxigraph Store, returning a :class:`QueryResult` in
pyoxigraph terms (:mod:`kg.query` formats it; its ``run_query`` gives rdflib terms to
Python users). Three guards sit in front of Oxigraph, whose query evaluation cannot be
interrupted or told to stay local from Python:

* :func:`kg.rdf.sparql_guard.check_query` refuses SPARQL Update and, unless the caller
  allows it, ``SERVICE`` (federation), before anything runs.
* :func:`run_bounded` evaluates the query in a forked child process and waits with a
  deadline: on timeout, Ctrl-C, or the child growing past a memory limit, the child is
  killed (SIGKILL) and a :class:`~kg.errors.QueryError` says why. The parent never
  opens a store folder itself, so no RocksDB lock is held by a process that could
  hang; the child opens it read-only (:func:`kg.rdf.store.open_source`), and an
  already-open store is simply inherited by the fork.
* The result is evaluated completely in the child and comes back as the same
  :class:`QueryResult` :func:`run_query` returns (pyoxigraph terms pickle).

Queries see the union of all named graphs, or, with ``FROM <g>``, the merge of the
graphs named (a graph the store lacks adds nothing and is never fetched).

>>> from kg.rdf.store import Store
>>> from kg.model import Article, ArticleGraph
>>> with Store.memory() as store:
...     _ = store.replace_article(ArticleGraph(Article(id="a1", text="Hi."), [], [], []))
...     result = run_query(store, "SELECT ?id WHERE { ?a dcterms:identifier ?id }")
>>> result.variables, result.rows
(('id',), ((<Literal value=a1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,),))
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from kg.errors import KgError, QueryError, StoreError
from kg.rdf.sparql_guard import (  # re-exported: the checks callers of this module use
    check_query,
    has_from,
    service_endpoints,
    update_operation,
)
from kg.rdf.store import StoreLike, open_source, oxigraph_of
from kg.rdf.vocab import PREFIX_IRIS, Term

#: Default ``--timeout`` of ``kg query``, in seconds (0 means no limit).
DEFAULT_TIMEOUT = 60.0
#: Default ``--max-memory`` of ``kg query``, in MB of the query process (0: no limit).
DEFAULT_MAX_MEMORY_MB = 2048


@dataclass(frozen=True)
class QueryResult:
    """A query's result, fully evaluated, in pyoxigraph terms (it pickles).

    ``kind`` is "SELECT", "ASK" or "CONSTRUCT" (DESCRIBE too: both give triples).
    SELECT fills ``variables`` and ``rows`` (one value per variable, None where
    unbound; iterating the result gives the rows); ASK ``answer``; CONSTRUCT
    ``triples``.
    """

    kind: Literal["SELECT", "ASK", "CONSTRUCT"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    answer: bool = False
    triples: tuple[ox.Triple, ...] = ()

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)


def run_query(source: StoreLike, sparql: str, *, allow_service: bool = False) -> QueryResult:
    """Run ``sparql`` over ``source`` (a kg Store or a pyoxigraph Store) in Oxigraph.

    The prefixes of :data:`kg.rdf.vocab.PREFIXES` are predeclared. A malformed query
    raises ``QueryError: invalid SPARQL (<parser message>); check the query syntax``;
    one that parses but fails while running raises ``QueryError: query failed (...)``.
    SPARQL Update and (unless ``allow_service``) ``SERVICE`` clauses are refused
    before anything runs (:func:`check_query`). This runs in the calling process with
    no time limit; :func:`run_bounded` is the interruptible, time-bounded form
    ``kg query`` uses.
    """
    check_query(sparql, allow_service=allow_service)
    # No local here holds the pyoxigraph store: rdflib's parser (in check_query) leaves
    # reference cycles through this frame, which would keep a closed store's RocksDB
    # lock until the next garbage collection.
    return _run(oxigraph_of(source), sparql)


def _run(store: ox.Store, sparql: str) -> QueryResult:
    try:
        # With FROM, the default graph is the merge of the graphs named (Oxigraph builds
        # it only when not told to use the union of all graphs).
        found = store.query(sparql, prefixes=PREFIX_IRIS,
                            use_default_graph_as_union=not has_from(sparql))
        return _evaluated(found)
    except SyntaxError as exc:  # Oxigraph's parser
        raise QueryError(f"invalid SPARQL ({_first_line(exc)}); check the query syntax") from None
    except Exception as exc:  # evaluation: a failing SERVICE call, a store error...
        raise QueryError(f"query failed ({_first_line(exc)}); check the query") from None


def _evaluated(found: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(found, ox.QueryBoolean):
        return QueryResult("ASK", answer=bool(found))
    if isinstance(found, ox.QueryTriples):
        return QueryResult("CONSTRUCT", triples=tuple(found))
    variables = tuple(v.value for v in found.variables)
    return QueryResult("SELECT", variables, tuple(tuple(row) for row in found))


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _seconds(value: float) -> str:
    return f"{value:g}"


def run_bounded(
    source: str | Path | StoreLike,
    sparql: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
) -> QueryResult:
    """Run ``sparql`` in a child process that is killed on timeout, Ctrl-C or memory growth.

    ``source`` is a store folder or an exported RDF file (opened read-only by the
    child through :func:`kg.rdf.store.open_source`), or an open kg or pyoxigraph Store
    (inherited by the forked child). ``timeout`` is in seconds, 0 for none;
    ``max_memory_mb`` caps the child's resident memory, 0 for none. Returns the fully
    evaluated :class:`QueryResult`, as :func:`run_query` does.

    Raises :class:`QueryError` for updates, unallowed ``SERVICE``, bad SPARQL, a
    timeout (``query timed out after 60 s (--timeout 60); ...``), Ctrl-C
    (``query interrupted (Ctrl-C); the store is unchanged``) or the memory limit;
    :class:`~kg.errors.StoreError` when the store cannot be opened.
    """
    if timeout < 0:
        raise QueryError(f"timeout must be 0 or more seconds ({_seconds(timeout)}); "
                         "pass --timeout 0 for no limit")
    if max_memory_mb < 0:
        raise QueryError(f"memory limit must be 0 or more MB ({max_memory_mb}); "
                         "pass --max-memory 0 for no limit")
    check_query(sparql, allow_service=allow_service, parse=False)  # the child parses
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise StoreError(f"no store or RDF file at ({path}); build one first with: "
                             "kg build INPUT")
        source = path
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_child, args=(source, sparql, allow_service, sender, os.getpid()), daemon=True
    )
    # SIGINT stays blocked across the fork, so the child can ignore it before a Ctrl-C
    # could reach Python code there (no "Process ForkProcess-1" traceback).
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        try:
            child.start()
        finally:
            sender.close()
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        message = _wait(child, receiver, timeout, max_memory_mb)
    except KeyboardInterrupt:
        raise QueryError("query interrupted (Ctrl-C); the store is unchanged") from None
    finally:
        _stop(child)
        receiver.close()
    return _result(message)


def _wait(child: Any, receiver: Connection, timeout: float, max_memory_mb: int) -> Any:
    """The child's one message; QueryError if the deadline or memory limit passes first."""
    deadline = time.monotonic() + timeout if timeout > 0 else None
    while True:
        left = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
        if left <= 0:
            raise QueryError(
                f"query timed out after {_seconds(timeout)} s (--timeout {_seconds(timeout)}); "
                "narrow the query (LIMIT, more specific patterns) or raise --timeout"
            )
        if receiver.poll(left):
            try:
                return receiver.recv()
            except EOFError:
                child.join(1)
                raise QueryError(
                    f"query process ended without an answer (exit status {child.exitcode}); "
                    "try again, or narrow the query"
                ) from None
        if max_memory_mb and _rss_mb(child.pid) > max_memory_mb:
            raise QueryError(
                f"query used too much memory (over {max_memory_mb} MB, --max-memory "
                f"{max_memory_mb}); narrow the query (LIMIT, more specific patterns) "
                "or raise --max-memory"
            )


def _rss_mb(pid: int | None) -> float:
    """Resident memory of process ``pid`` in MB (Linux /proc; 0 where unavailable)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    return 0.0


def _stop(child: Any) -> None:
    """Kill the child if it still runs and reap it (releasing any store lock it held)."""
    if child.pid is None:
        return
    if child.is_alive():
        child.kill()
    child.join()


def _die_with_parent(parent: int) -> None:
    """Have Linux kill this process when its parent ends, however it ends (even SIGKILL),
    so a killed ``kg query`` never leaves a query running behind it."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _child(
    source: Path | StoreLike, sparql: str, allow_service: bool, sender: Connection, parent: int
) -> None:
    """Query process: evaluate, then send one picklable message (result or error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)
    try:
        if isinstance(source, Path):
            with open_source(source) as store:
                message: Any = ("ok", run_query(store, sparql, allow_service=allow_service))
        else:
            message = ("ok", run_query(source, sparql, allow_service=allow_service))
    except KgError as exc:
        message = ("error", type(exc), str(exc))
    except Exception as exc:  # never a traceback from the query process
        message = ("error", QueryError, f"query failed ({type(exc).__name__}: "
                   f"{str(exc).splitlines()[0] if str(exc) else ''}); check the query")
    try:
        sender.send(message)
    except Exception as exc:  # a result that cannot be pickled
        sender.send(("error", QueryError, f"cannot pass the result back ({exc}); "
                     "narrow the query"))
    finally:
        sender.close()


def _result(message: Any) -> QueryResult:
    """The result :func:`_child` sent, or raise the error it reported."""
    if message[0] == "error":
        _, kind, text = message
        raise kind(text)
    result: QueryResult = message[1]
    return result


__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "QueryResult",
    "check_query",
    "has_from",
    "run_bounded",
    "run_query",
    "service_endpoints",
    "update_operation",
]

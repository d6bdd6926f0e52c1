"""Safe SPARQL for ``kg query``: read-only, local by default, bounded in time and memory.

Three guards sit in front of Oxigraph, whose query evaluation cannot be interrupted
or told to stay local from Python:

* :func:`kg.rdf.sparql_guard.check_query` refuses SPARQL Update and, unless the caller
  allows it, ``SERVICE`` (federation), before anything runs.
* :func:`run_bounded` evaluates the query in a forked child process and waits with a
  deadline: on timeout, Ctrl-C, or the child growing past a memory limit, the child is
  killed (SIGKILL) and a :class:`~kg.errors.QueryError` says why. The parent never
  opens a store folder itself, so no RocksDB lock is held by a process that could
  hang; the child opens it read-only through :func:`open_for_query`, and an
  already-open Dataset is simply inherited by the fork.
* Results come back as the same rdflib Result :func:`run_query` returns, so
  :func:`kg.query.format_result` prints them byte for byte as before.

>>> result = run_bounded("output/store", "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
...                      timeout=10)                                    # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from oxrdflib.store import OxigraphStore
from pyparsing import ParseBaseException
from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError, QueryError, StoreError
from kg.rdf.sparql_guard import (  # re-exported: the checks callers of this module use
    check_query,
    has_from,
    service_endpoints,
    update_operation,
)
from kg.rdf.store import Store, open_source
from kg.rdf.vocab import PREFIXES

#: The result of :func:`run_query`: an rdflib Result, already fully evaluated.
QueryResult = Result

#: Default ``--timeout`` of ``kg query``, in seconds (0 means no limit).
DEFAULT_TIMEOUT = 60.0
#: Default ``--max-memory`` of ``kg query``, in MB of the query process (0: no limit).
DEFAULT_MAX_MEMORY_MB = 2048

def open_for_query(path: Path) -> Graph:
    """Open the store folder or RDF file at ``path`` for one query (in the query process).

    The single place that opens a stored store for ``kg query``: read-only, so a
    query writes nothing (works on a full disk) and holds only a shared lock that a
    concurrent writer (``kg build``) is refused by, and the other way round.
    """
    if path.is_dir():
        return Store.open(path, read_only=True).dataset
    return open_source(path)


def _seconds(value: float) -> str:
    return f"{value:g}"


def run_query(source: Any, sparql: str, *, allow_service: bool = False) -> QueryResult:
    """Run ``sparql`` over ``source`` (a Dataset, Graph or :class:`kg.rdf.store.Store`).

    Returns the rdflib Result (iterate rows; ``.askAnswer`` for ASK; ``.graph`` for
    CONSTRUCT/DESCRIBE). A malformed query raises
    ``QueryError: invalid SPARQL (<parser message>); check the query syntax``; one
    that parses but fails while running raises ``QueryError: query failed (...)``.
    SPARQL Update and (unless ``allow_service``) ``SERVICE`` clauses are refused
    before anything runs (:func:`check_query`). This runs in the
    calling process with no time limit; :func:`run_bounded` is the
    interruptible, time-bounded form ``kg query`` uses.
    """
    check_query(sparql, allow_service=allow_service)
    dataset = source.dataset if isinstance(source, Store) else source
    if not isinstance(dataset, Graph):
        raise TypeError(f"cannot query {type(source).__name__}; pass a Dataset or a Store")
    try:
        with _no_graph_loading():
            if isinstance(dataset.store, OxigraphStore) and has_from(sparql):
                # Oxigraph builds the default graph from FROM only when not told to use
                # the union of all graphs (which oxrdflib does for a default_union
                # Dataset): a query graph that is neither "__UNION__" nor a graph name
                # gives use_default_graph_as_union=False and no default_graph override.
                result = dataset.store.query(sparql, dict(PREFIXES), {}, _OWN_DATASET)
            else:
                result = dataset.query(sparql, initNs=dict(PREFIXES))
            if result.type == "SELECT":
                result.bindings = list(result.bindings)
    except QueryError:
        raise
    except (SyntaxError, ParseBaseException) as exc:  # Oxigraph's / rdflib's parser
        raise QueryError(f"invalid SPARQL ({_first_line(exc)}); check the query syntax") from None
    except Exception as exc:  # evaluation: a failing SERVICE call, a store error...
        raise QueryError(f"query failed ({_first_line(exc)}); check the query") from None
    return result


#: Query graph for oxrdflib meaning "the dataset the query's FROM clauses describe".
_OWN_DATASET = "__FROM__"


@contextlib.contextmanager
def _no_graph_loading() -> Iterator[None]:
    """rdflib's own SPARQL engine (a non-Oxigraph Dataset) fetches a FROM graph it does
    not hold over HTTP; with loading off, such a graph contributes nothing."""
    import rdflib.plugins.sparql as rdflib_sparql

    old = rdflib_sparql.SPARQL_LOAD_GRAPHS
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        rdflib_sparql.SPARQL_LOAD_GRAPHS = old


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def run_bounded(
    source: str | Path | Graph | Any,
    sparql: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
) -> Result:
    """Run ``sparql`` in a child process that is killed on timeout, Ctrl-C or memory growth.

    ``source`` is a store folder or an exported RDF file (opened by the child through
    :func:`open_for_query`), or an open Dataset/Graph/:class:`~kg.rdf.store.Store`
    (inherited by the forked child). ``timeout`` is in seconds, 0 for none;
    ``max_memory_mb`` caps the child's resident memory, 0 for none. Returns the fully
    evaluated rdflib Result, as :func:`run_query` does.

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
    source: Any, sparql: str, allow_service: bool, sender: Connection, parent: int
) -> None:
    """Query process: evaluate, then send one picklable message (result or error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)
    try:
        dataset = open_for_query(source) if isinstance(source, Path) else source
        result = run_query(dataset, sparql, allow_service=allow_service)
        message: Any = ("ok", _pack(result))
    except KgError as exc:
        message = ("error", type(exc), str(exc))
    except Exception as exc:  # never a traceback from the query process
        message = ("error", QueryError, f"query failed ({type(exc).__name__}: "
                   f"{str(exc).splitlines()[0] if str(exc) else ''}); check the query")
    try:
        sender.send(message)
    except Exception as exc:  # e.g. a term rdflib cannot pickle
        sender.send(("error", QueryError, f"cannot pass the result back ({exc}); "
                     "narrow the query"))
    finally:
        sender.close()


def _pack(result: Result) -> tuple[Any, ...]:
    """The parts of an evaluated Result, as plain picklable values."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return (result.type, None, None, None, list(result.graph or ()))
    if result.type == "ASK":
        return (result.type, None, None, bool(result.askAnswer), None)
    return (result.type, list(result.vars or []), [dict(row) for row in result.bindings],
            None, None)


def _result(message: Any) -> Result:
    """Rebuild the Result :func:`_child` packed, or raise the error it reported."""
    if message[0] == "error":
        _, kind, text = message
        raise kind(text)
    kind, names, bindings, answer, triples = message[1]
    result = Result(kind)
    if kind == "ASK":
        result.askAnswer = answer
    elif kind in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        result.graph = graph
    else:
        result.vars = names
        result.bindings = bindings
    return result


__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "check_query",
    "has_from",
    "open_for_query",
    "run_bounded",
    "service_endpoints",
    "update_operation",
]

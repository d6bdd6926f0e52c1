"""Safe SPARQL for ``kg query``: read-only, local by default, bounded in time and memory.

Three guards sit in front of Oxigraph, whose query evaluation cannot be interrupted
or told to stay local from Python:

* :func:`check_query` refuses SPARQL Update (``INSERT DATA``, ``DELETE``, ``LOAD``,
  ``DROP`` ...) with a one-line error naming the operation, and refuses a query that
  uses ``SERVICE`` (federation: Oxigraph would call the endpoint over HTTP, with no
  timeout) unless the caller allows it. Both are found lexically, exactly as the
  SPARQL grammar reads the text: string literals (all four quote forms), IRIs
  ``<...>``, ``#`` comments, variables (``?service``) and prefixed names
  (``ex:service``) never count; only the bare keyword does, in any letter case.
  (Oxigraph does not decode ``\\u`` escapes outside strings, so neither does this.)
* :func:`run_bounded` evaluates the query in a forked child process and waits with a
  deadline: on timeout, Ctrl-C, or the child growing past a memory limit, the child is
  killed (SIGKILL) and a :class:`~kg.errors.QueryError` says why. The parent never
  opens a store folder itself, so no RocksDB lock is held by a process that could
  hang; the child opens it through :func:`open_for_query` (the one place to switch
  to a read-only open), and an already-open Dataset is simply inherited by the fork.
* Results come back as the same rdflib Result :func:`kg.query.run_query` returns, so
  :func:`kg.query.format_result` prints them byte for byte as before.

>>> result = run_bounded("output/store", "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
...                      timeout=10)                                    # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError, QueryError, StoreError

#: Default ``--timeout`` of ``kg query``, in seconds (0 means no limit).
DEFAULT_TIMEOUT = 60.0
#: Default ``--max-memory`` of ``kg query``, in MB of the query process (0: no limit).
DEFAULT_MAX_MEMORY_MB = 2048

#: First keyword of each SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

# One alternative per token class; strings and comments are matched so they can be
# skipped, and the long string forms come before the short ones.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
               |'(?:[^'\\\n\r]|\\.)*'?
               |"(?:[^"\\\n\r]|\\.)*"?)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7]+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>(?:[^\W\d]|_)[\w\-.\u00B7]*(?::[\w\-.:%\\\u00B7]*)?|:[\w\-.:%\\\u00B7]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """The significant tokens of ``sparql`` as ``(kind, text)``; comments and strings dropped.

    Kinds: ``iri`` (with its brackets), ``var``, ``word`` (keyword or prefixed name;
    a trailing ``.`` ends a statement, not the name), ``lang`` and ``other``.
    """
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        text = match.group()
        if kind in ("comment", "string") or kind is None:
            continue
        if kind == "word" and text.endswith("."):
            yield kind, text.rstrip(".")
            for _ in range(len(text) - len(text.rstrip("."))):
                yield "other", "."
            continue
        yield kind, text


def _keyword(kind: str, text: str) -> str | None:
    """``text`` upper-cased when it is a bare keyword (not a prefixed or blank-node name)."""
    return text.upper() if kind == "word" and ":" not in text else None


def update_operation(sparql: str) -> str | None:
    """The SPARQL Update operation ``sparql`` starts with (``"INSERT DATA"``), else None.

    The prologue (``BASE``, ``PREFIX``) is skipped; the first other keyword decides,
    so a query that merely mentions ``INSERT`` in a string or IRI is not an update.
    """
    stream = tokens(sparql)
    for kind, text in stream:
        word = _keyword(kind, text)
        if word is None or word in ("BASE", "PREFIX"):
            continue
        if word not in UPDATE_KEYWORDS:
            return None
        if word in ("INSERT", "DELETE"):
            following = next(stream, ("", ""))
            if _keyword(*following) in ("DATA", "WHERE"):
                return f"{word} {following[1].upper()}"
        return word
    return None


def service_endpoints(sparql: str) -> list[str]:
    """The endpoints of every ``SERVICE`` clause in ``sparql``, as written, in order.

    An IRI endpoint is given without its brackets (``http://host/sparql``); a variable
    or prefixed name as written. ``SILENT`` is skipped.
    """
    found: list[str] = []
    stream = tokens(sparql)
    for kind, text in stream:
        if _keyword(kind, text) != "SERVICE":
            continue
        target = next(stream, ("", "?"))
        if _keyword(*target) == "SILENT":
            target = next(stream, ("", "?"))
        endpoint = target[1][1:-1] if target[0] == "iri" else target[1]
        if endpoint not in found:
            found.append(endpoint)
    return found


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse, before anything runs, SPARQL Update and (unless allowed) ``SERVICE``.

    Raises :class:`QueryError`:
    ``updates are not supported (INSERT DATA); kg query only reads the store — ...`` or
    ``SERVICE is off (http://host/sparql); kg query reads only the local store — ...``.
    Oxigraph's query parser would refuse an update anyway (as "expected CONSTRUCT"),
    so the first check is about a clear message; the second is a security boundary.
    """
    operation = update_operation(sparql)
    if operation is not None:
        raise QueryError(
            f"updates are not supported ({operation}); kg query only reads the store — "
            "change it with kg build or kg remove"
        )
    if not allow_service:
        endpoints = service_endpoints(sparql)
        if endpoints:
            raise QueryError(
                f"SERVICE is off ({', '.join(endpoints)}); kg query reads only the local "
                "store — pass --allow-service to query remote endpoints"
            )


def open_for_query(path: Path) -> Graph:
    """Open the store folder or RDF file at ``path`` for one query (in the query process).

    The single place that opens a stored store for ``kg query``: read-only, so a
    query writes nothing (works on a full disk) and holds only a shared lock that a
    concurrent writer (``kg build``) is refused by, and the other way round.
    """
    from kg.rdf.store import Store, open_source

    if path.is_dir():
        return Store.open(path, read_only=True).dataset
    return open_source(path)


def _seconds(value: float) -> str:
    return f"{value:g}"


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
    evaluated rdflib Result, as :func:`kg.query.run_query` does.

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
    check_query(sparql, allow_service=allow_service)
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
    from kg.query import run_query

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
    "UPDATE_KEYWORDS",
    "check_query",
    "open_for_query",
    "run_bounded",
    "service_endpoints",
    "tokens",
    "update_operation",
]

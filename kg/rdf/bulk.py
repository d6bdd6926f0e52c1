"""Bulk ingests of new named graphs, one at a time in a background thread.

:meth:`kg.rdf.store.Store.bulk` hands the graphs a build adds to a :class:`BulkWriter`:
each graph arrives as N-Quads text, and once enough quads wait they go to Oxigraph's
bulk loader (sorted files of every index, ingested by RocksDB in one atomic step: a
reader or a crash sees all of an ingest's graphs or none).

Why text and a thread: pyoxigraph's ``bulk_load`` of bytes lets go of the GIL while it
parses and loads, so the writer goes on taking its workers' results during an ingest
(``bulk_extend`` of ``Quad`` objects holds the GIL throughout: the writer stalled ~1.5 s
per 200,000 quads and its workers ran out of tasks); and writing the lines straight
from the terms costs a third of building ``Quad`` objects. docs/benchmarks.md, "A
cheaper writer that never stalls its workers".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor

import pyoxigraph as ox


class BulkWriter:
    """New graphs collected as N-Quads text and ingested whenever ``size`` quads wait.

    One ingest runs at a time, in a background thread; an ingest that fails raises
    ``failed(error)`` from the next call that writes (:meth:`add`, :meth:`write`,
    :meth:`settle`) or from :meth:`close`, whichever comes first.
    """

    def __init__(
        self, store: ox.Store, size: int, failed: Callable[[BaseException], Exception]
    ) -> None:
        self.store = store
        self.size = size
        self._failed = failed
        self._waiting: list[str] = []
        self._quads = 0
        self._graphs: set[ox.NamedNode] = set()
        #: the graphs of the ingest in flight, and that ingest
        self._ingesting: set[ox.NamedNode] = set()
        self._running: Future[None] | None = None
        #: how many ingests this writer has started
        self._ingests = 0
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-ingest")

    def settle(self, name: ox.NamedNode) -> None:
        """Make sure no version of graph ``name`` still waits or loads, so the store
        shows it as it will stay (an article stored twice in one build: the first
        version goes in first, then the caller replaces it)."""
        if name in self._ingesting:
            self._finish()
        if name in self._graphs:
            self.write(wait=True)

    def add(self, name: ox.NamedNode, nquads: str, quads: int) -> None:
        """Collect graph ``name`` (``quads`` quads as N-Quads lines); start an ingest
        once ``size`` quads wait."""
        self._waiting.append(nquads)
        self._graphs.add(name)
        self._quads += quads
        if self._quads >= self.size:
            self.write()

    def write_early(self) -> None:
        """Start an ingest of what waits before ``size`` quads do, unless none has run
        yet: graphs that all fit in one ingest stay one ingest. Each ingest adds files
        RocksDB soon merges with the store's own, and when the store already holds
        data that merge rewrites it: adding 100 articles to a store of 2,000 cost
        2-2.5 CPU-s more as two ingests than as one (docs/benchmarks.md, "Adding to a
        large store")."""
        if self._ingests:
            self.write()

    def write(self, *, wait: bool = False) -> None:
        """Ingest what waits: in the background thread, or here when ``wait`` (after
        the ingest in flight has ended)."""
        self._finish()
        if not self._waiting:
            return
        data = "".join(self._waiting).encode("utf-8")
        graphs = self._graphs
        self._waiting, self._quads, self._graphs = [], 0, set()
        self._ingests += 1
        if wait:
            self._ingest(data, graphs)
        else:
            self._ingesting = graphs
            self._running = self._thread.submit(self._ingest, data, graphs)

    def close(self) -> None:
        """Ingest what waits and wait for it (also when the caller stops: what waits is
        complete); then end the thread."""
        try:
            self.write(wait=True)
        finally:
            self._thread.shutdown(wait=True)

    def _ingest(self, data: bytes, graphs: Collection[ox.NamedNode]) -> None:
        """One bulk ingest of ``data`` (the N-Quads of ``graphs``), all or nothing."""
        try:
            self.store.bulk_load(data, ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError) as exc:
            raise self._failed(exc) from None

    def _finish(self) -> None:
        """Wait for the ingest in flight, if any; raise its error."""
        running, self._running = self._running, None
        self._ingesting = set()
        if running is not None:
            running.result()


__all__ = ["BulkWriter"]

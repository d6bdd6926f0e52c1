"""A small pool of query workers that are killed and replaced when a query runs too long.

``kg query`` forks one process per query (:func:`kg.rdf.sparql.run_bounded`): ~100-180
ms of start-up per query here, more than most queries take. The server keeps
``size`` workers (:mod:`kg.serve.worker`) running instead, each with the store open;
a query waits for an idle worker, runs there, and comes back as bytes. When it
outlives ``timeout`` or its worker grows past ``max_memory_mb``, the worker is killed
(SIGKILL: Oxigraph's Rust evaluation stops with the process, so no core stays busy)
and a fresh one takes its place. Workers come from a ``forkserver``: a clean,
single-threaded process with kg's query modules already imported, so a replacement
starts in a fraction of a second and never inherits the server's threads.

:meth:`Pool.switch` moves the pool to a new snapshot of the store
(:mod:`kg.serve.snapshot`): idle workers are replaced at once, busy ones when their
query ends; a snapshot no worker reads any more is handed to ``on_release``.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KgError, StoreError
from kg.serve.worker import Answer, Job
from kg.serve.worker import main as worker_main

#: Seconds a new worker may take to open the store before the server gives up.
START_TIMEOUT = 60.0
#: How often a running query's worker memory is looked at, in seconds.
_POLL = 0.1


@dataclass
class _Worker:
    process: Any  # multiprocessing Process (forkserver context)
    conn: Connection
    source: str


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    # rdflib's SPARQL parser (the second SERVICE check) takes ~0.5 s to import: once,
    # in the forkserver, not in every new worker
    ctx.set_forkserver_preload(["kg.serve.worker", "rdflib.plugins.sparql.algebra"])
    return ctx


def start_worker(source: str) -> _Worker:
    """Start one worker on ``source`` and wait until it has opened it (StoreError if not)."""
    ctx = _context()
    parent, child = ctx.Pipe()
    process = ctx.Process(target=worker_main, args=(child, source), daemon=True)
    process.start()
    child.close()
    worker = _Worker(process, parent, source)
    if not parent.poll(START_TIMEOUT):
        kill(worker)
        raise StoreError(f"query worker did not start within {START_TIMEOUT:g} s ({source}); "
                         "check the store")
    try:
        hello: Answer = parent.recv()
    except EOFError:
        kill(worker)
        raise StoreError(f"query worker ended while opening the store ({source}); "
                         "check the store") from None
    if hello.status != 200:
        kill(worker)
        raise StoreError(hello.message)
    return worker


def kill(worker: _Worker) -> None:
    """Stop a worker at once (SIGKILL) and reap it."""
    with contextlib.suppress(Exception):
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
    with contextlib.suppress(Exception):
        worker.conn.close()


def rss_mb(pid: int | None) -> float:
    """Resident memory of process ``pid`` in MB (Linux /proc; 0 where unavailable)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    return 0.0


class QueryTimeout(KgError):
    """A query outlived its time or memory limit; its worker was killed."""


class Busy(KgError):
    """No worker became free in time."""


class Pool:
    """``size`` query workers over ``source`` (a snapshot folder or an RDF file)."""

    def __init__(
        self,
        source: Path,
        size: int,
        *,
        timeout: float,
        max_memory_mb: int = 0,
        on_release: Callable[[Path], None] | None = None,
    ) -> None:
        self.size = size
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.source = str(source)
        self._on_release = on_release
        self._lock = threading.Lock()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._all: set[int] = set()  # pids of live workers
        self._users: dict[str, int] = {}  # source -> live workers reading it
        self._first = [start_worker(self.source) for _ in range(size)]
        for worker in self._first:
            self._track(worker)
        self.replaced = 0  # workers killed and replaced (timeouts, memory, switches)

    def _track(self, worker: _Worker) -> None:
        with self._lock:
            self._all.add(worker.process.pid)
            self._users[worker.source] = self._users.get(worker.source, 0) + 1

    def _untrack(self, worker: _Worker) -> None:
        released = None
        with self._lock:
            self._all.discard(worker.process.pid)
            left = self._users.get(worker.source, 0) - 1
            if left <= 0:
                self._users.pop(worker.source, None)
                if worker.source != self.source:
                    released = worker.source
            else:
                self._users[worker.source] = left
        if released is not None and self._on_release is not None:
            self._on_release(Path(released))

    @property
    def pids(self) -> set[int]:
        """Process ids of the live workers."""
        with self._lock:
            return set(self._all)

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._loop = asyncio.get_running_loop()
            self._idle = asyncio.Queue()
            for worker in self._first:
                self._idle.put_nowait(worker)
            self._first = []
        return self._idle

    async def run(self, job: Job) -> Answer:
        """Answer ``job`` in an idle worker; :class:`QueryTimeout` when it runs too long,
        :class:`Busy` when no worker frees up within the timeout."""
        idle = self._queue()
        try:
            worker = await asyncio.wait_for(idle.get(), self.timeout or None)
        except TimeoutError:
            raise Busy(f"server busy: no query worker free within {self.timeout:g} s; "
                       "try again later") from None
        if worker.source != self.source:  # a snapshot switch happened meanwhile
            worker = await self._replace(worker)
        try:
            answer = await self._ask(worker, job)
        except BaseException:
            # timeout, memory, a dead worker or a cancelled request: the query may still
            # run, so the worker goes and a fresh one takes its place
            self._renew(worker)
            raise
        if worker.source != self.source or (
                self.max_memory_mb and rss_mb(worker.process.pid) > self.max_memory_mb):
            self._renew(worker)
        else:
            idle.put_nowait(worker)
        return answer

    async def _ask(self, worker: _Worker, job: Job) -> Answer:
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.conn.fileno()

        def readable() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, readable)
        try:
            worker.conn.send(job)
            deadline = loop.time() + self.timeout if self.timeout else None
            while True:
                try:
                    await asyncio.wait_for(asyncio.shield(ready), _POLL)
                    break
                except TimeoutError:
                    pass
                if deadline is not None and loop.time() >= deadline:
                    raise QueryTimeout(
                        f"query timed out after {self.timeout:g} s (--timeout "
                        f"{self.timeout:g}); its worker was stopped — narrow the query "
                        "(LIMIT, more specific patterns)")
                if self.max_memory_mb and rss_mb(worker.process.pid) > self.max_memory_mb:
                    raise QueryTimeout(
                        f"query used too much memory (over {self.max_memory_mb} MB, "
                        f"--max-memory {self.max_memory_mb}); its worker was stopped — "
                        "narrow the query")
        finally:
            loop.remove_reader(fd)
        try:
            answer: Answer = await asyncio.to_thread(worker.conn.recv)
        except (EOFError, OSError):
            raise QueryTimeout("query worker ended without an answer; try again, or narrow "
                               "the query") from None
        return answer

    def _renew(self, worker: _Worker) -> None:
        """Kill ``worker`` now (before the client hears of its query's end) and start a
        replacement in the background."""
        self.replaced += 1
        loop = self._loop
        kill(worker)
        self._untrack(worker)

        def work() -> None:
            fresh = self._start_or_none()
            if fresh is not None and loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self._queue().put_nowait, fresh)

        threading.Thread(target=work, daemon=True).start()

    async def _replace(self, worker: _Worker) -> _Worker:
        kill(worker)
        self._untrack(worker)
        fresh = await asyncio.to_thread(self._start_or_none)
        if fresh is None:
            raise Busy("cannot start a query worker; check the store and try again")
        return fresh

    def _start_or_none(self) -> _Worker | None:
        try:
            fresh = start_worker(self.source)
        except KgError:
            return None
        self._track(fresh)
        return fresh

    def switch(self, source: Path) -> None:
        """Answer later queries from ``source`` (a newer snapshot); idle workers move now,
        busy ones when their query ends. Call it on the server's event loop."""
        self.source = str(source)
        idle = self._queue()
        while True:
            try:
                worker = idle.get_nowait()
            except asyncio.QueueEmpty:
                break
            self._renew(worker)
            self.replaced -= 1  # a move, not a failure

    def close(self) -> None:
        """Kill every worker."""
        workers = list(self._first)
        if self._idle is not None:
            while not self._idle.empty():
                workers.append(self._idle.get_nowait())
        for worker in workers:
            kill(worker)
            self._untrack(worker)
        for pid in self.pids:  # busy ones
            with contextlib.suppress(OSError):
                os.kill(pid, 9)


__all__ = ["Busy", "Pool", "QueryTimeout", "kill", "rss_mb", "start_worker"]

"""Parse and extract articles in worker processes; results come back in input order.

A build's per-article work that needs no other article (the spaCy parse and
:func:`kg.article.extract`) runs in ``workers`` processes, one spaCy model loaded per
process; the one writer (:mod:`kg.pipeline`) consumes the results in input order and
does everything order-dependent (cross-article merging, calibration, the store). So the
stored graph never depends on the number of workers or on the batch size.

Tasks are batches of ``batch_size`` articles (:func:`extract_batch`); at most
``2 × workers`` batches are in flight, so memory stays flat however long the input. A
worker parses each batch inside spaCy's ``memory_zone``: the strings a batch adds to the
vocabulary are freed with it, and the Docs are turned into plain data before it ends.

:class:`ExtractStream` is the one code path for every worker count: with
``workers=0``, or when the input is a single batch, the same :func:`extract_batch` runs
in this process (a process pool costs a model load per worker, worth it only for more
than one batch). :mod:`kg.cluster` sends the same tasks to a Dask cluster.

>>> from kg.model import Article
>>> with ExtractStream(workers=0) as stream:  # doctest: +SKIP
...     for article, result in stream.run([Article("a1", "Trump said no.")]):
...         print(article.id, type(result).__name__)
a1 Extracted
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from kg import nlp as kg_nlp
from kg.errors import KgError
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.model import Article

if TYPE_CHECKING:  # kg.article (spaCy) loads in the worker, not when the pool starts
    from kg.article import Extracted

#: Articles per task (and per ``nlp.pipe`` batch): the batch size spaCy parses with.
BATCH_SIZE = kg_nlp.BATCH_SIZE


@dataclass(frozen=True)
class Failed:
    """An article whose extraction raised: reported on its own, the others still build."""

    article_id: str
    message: str


Result: TypeAlias = "Extracted | Failed"


def default_workers() -> int:
    """The CPU cores this process may use (``os.sched_getaffinity``), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def extract_batch(
    articles: list[Article],
    model: str | None = None,
    config: ExtractionConfig | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[Result]:
    """Parse ``articles`` (one ``nlp.pipe`` batch) and :func:`kg.article.extract` each one.

    Runs inside ``nlp.memory_zone()``: nothing of the Docs outlives the call (in a
    worker process the zone spans several calls, see :class:`_Zone`). An article
    whose extraction raises gives a :class:`Failed` (the others are kept); a batch whose
    parse raises is parsed again one article at a time, so only the bad article fails.
    A :class:`kg.errors.KgError` (e.g. a pipeline without a parser) ends the build.
    """
    config = DEFAULT if config is None else config
    nlp = kg_nlp.load(model)
    if _ZONE.spanning:  # a worker process: its model's objects never need a GC scan
        _freeze_loaded()
    with _ZONE.around(nlp, len(articles)):
        try:
            return _extract_all(nlp, articles, config, batch_size)
        except KgError:
            raise
        except Exception:  # noqa: BLE001 - find the article that broke the batch
            if len(articles) == 1:
                return [_failed(articles[0], _error_text())]
    results: list[Result] = []
    for article in articles:
        results += extract_batch([article], model, config, batch_size)
    return results


def _extract_all(
    nlp: Any, articles: list[Article], config: ExtractionConfig, batch_size: int
) -> list[Result]:
    from kg.article import extract

    pairs = ((article.text, article) for article in articles)
    results: list[Result] = []
    for doc, article in kg_nlp.pipe_long(nlp, pairs, batch_size=batch_size):
        try:
            results.append(extract(article, doc, config))
        except KgError:
            raise
        except Exception:  # noqa: BLE001 - one bad article must not stop the build
            results.append(_failed(article, _error_text()))
    return results


def _freeze_loaded() -> None:
    """Move every object that exists now (the loaded model, modules) out of the cyclic
    garbage collector's reach, once per worker process. The model is ~100k long-lived
    objects; each full collection scanned them all (a helper measured full collections
    at ~8 % of extraction, some set off by kept spaCy Tokens). Frozen objects are still
    freed by reference counting; only the cycle scan skips them."""
    global _FROZEN
    if not _FROZEN:
        gc.freeze()
        _FROZEN = True


_FROZEN = False


class _Zone:
    """spaCy ``memory_zone``s as the tasks of one process use them.

    Leaving a zone frees the strings and lexemes its Docs added, so the vocabulary (and
    the process) stays the same size over any number of articles; each new zone then
    creates them again, and each exit costs a sweep: ~0.09 CPU-s per zone, about 5 %
    of a 16-article task's parse (in-process A/B, 150 articles: 20.9 s with one zone per
    16 articles, 20.2 s per 48, 19.3-19.7 s with none). In a worker process nothing but
    its tasks uses the model, so one zone spans tasks until :data:`ZONE_ARTICLES` were
    parsed in it; in any other process (a Python caller, ``--workers 0``) each call has
    its own zone, which it leaves before returning, as spaCy's own API would.

    A worker's first :data:`UNZONED_ARTICLES` articles are parsed outside any zone.
    spaCy's tokenizer caches how it split each chunk of text (up to 10,000), but never
    inside a zone, whose strings are about to go: a worker parsing only in zones split
    every word again with its prefix, suffix and infix rules, ~4 % of the parse. Parsed
    outside, the first articles fill that cache with the common words once; their
    strings stay (~1,600 for 128 articles: bounded, so memory stays flat). In-process,
    256 articles: 32.1-32.3 CPU-s with every article in zones, 30.7-30.9 with the first
    128 outside, 30.4-30.8 with none; the parse is the same either way.
    """

    def __init__(self) -> None:
        #: True in a build's worker process (set by its initializer)
        self.spanning = False
        self._open: contextlib.ExitStack | None = None
        self._articles = 0
        self._unzoned = UNZONED_ARTICLES

    @contextlib.contextmanager
    def around(self, nlp: Any, articles: int) -> Iterator[None]:
        """A zone around one task of ``articles`` articles (see the class docstring)."""
        if not self.spanning:
            with nlp.memory_zone():
                yield
            return
        if self._open is None and self._unzoned > 0:  # fills the tokenizer's cache
            self._unzoned -= articles
            yield
            return
        if self._open is None:
            self._open = contextlib.ExitStack()
            self._open.enter_context(nlp.memory_zone())
            self._articles = 0
        try:
            yield
        except BaseException:
            self.leave()
            raise
        self._articles += articles
        if self._articles >= ZONE_ARTICLES:
            self.leave()

    def leave(self) -> None:
        """Leave the open zone, if any (its Docs must be gone)."""
        stack, self._open = self._open, None
        if stack is not None:
            stack.close()


#: Articles a worker parses in one memory zone (:class:`_Zone`): ~64 keeps the
#: transient vocabulary to a few MB while the sweeps cost a quarter of one per task.
ZONE_ARTICLES = 64
#: Articles a worker parses before its first zone (:class:`_Zone`).
UNZONED_ARTICLES = 128
_ZONE = _Zone()


def _error_text() -> str:
    exc = sys.exc_info()[1]
    first = str(exc).splitlines()[0] if exc is not None and str(exc) else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _failed(article: Article, error: str) -> Failed:
    where = article.source or article.id
    return Failed(
        article.id,
        f"article could not be extracted ({where}): {error}; the other articles were "
        "built — please report this input",
    )


class Submit(Protocol):
    """Starts ``extract_batch(batch)`` somewhere; returns a future with ``result()``."""

    def __call__(self, batch: list[Article]) -> Any: ...


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``articles`` in lists of ``size`` (the last may be shorter), read lazily."""
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def ordered(
    chunks: Iterable[list[Article]], submit: Submit, window: int
) -> Iterator[tuple[Article, Result]]:
    """Each article with its result, in input order, with at most ``window`` batches
    submitted and not yet consumed (so memory does not grow with the input)."""
    pending: deque[tuple[list[Article], Any]] = deque()
    it = iter(chunks)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            batch = next(it, None)
            if batch is None:
                exhausted = True
                break
            pending.append((batch, submit(batch)))
        if not pending:
            return
        batch, future = pending.popleft()
        results = future.result()
        del future
        yield from zip(batch, results, strict=True)


class ExtractStream:
    """Parse + extract a stream of articles in ``workers`` processes (0: in this one).

    Use as a context manager: leaving it (normally, on an error, or on Ctrl-C) stops
    the worker processes, so nothing is left running and nothing hangs.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        model: str | None = None,
        batch_size: int = BATCH_SIZE,
        config: ExtractionConfig = DEFAULT,
    ) -> None:
        self.workers = default_workers() if workers is None else workers
        if self.workers < 0:
            raise KgError(f"--workers must be 0 or more ({self.workers}); e.g. --workers 2")
        if batch_size < 1:
            raise KgError(f"--batch-size must be positive ({batch_size}); "
                          f"e.g. --batch-size {BATCH_SIZE} (the default)")
        self.model = model
        self.batch_size = batch_size
        self.config = config
        #: Start workers by forking this process (which has imported spaCy and the
        #: extraction code, see :func:`started_for`) rather than spawning fresh
        #: interpreters.
        self.fork = False
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc_type is not None)

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Result]]:
        """Each article with its :class:`kg.article.Extracted` (or :class:`Failed`), in
        input order."""
        chunks = batches(articles, self.batch_size)
        first = next(chunks, None)
        if first is None:
            return
        second = next(chunks, None)
        if self.workers == 0 or (second is None and self._pool is None):
            # one batch: no pool is worth starting (unless :meth:`start` already did)
            for batch in _chain(first, second, chunks):
                yield from zip(batch, extract_batch(
                    batch, self.model, task_config(self.config), self.batch_size), strict=True)
            return
        pool = self._start()

        def submit(batch: list[Article]) -> Future[list[Result]]:
            config = task_config(self.config)
            return pool.submit(extract_batch, batch, self.model, config, self.batch_size)

        tasks = split_last(_chain(first, second, chunks), TAIL_PIECES, self.workers)
        try:
            yield from ordered(tasks, submit, 2 * self.workers)
        except BrokenProcessPool:
            raise KgError(
                "a worker process died (out of memory, or killed); what was stored is kept: "
                "run the same command again, with fewer --workers if memory is short"
            ) from None

    def start(self) -> None:
        """Start the worker processes now and have each load the model, before any
        article is ready (no-op with ``workers=0``).

        A build calls this while it still reads and plans its inputs, so the workers'
        start-up (imports, model load: seconds) overlaps the writer's instead of
        following it. Started, the pool also takes a single batch (:meth:`run`).
        """
        if self.workers == 0 or self._pool is not None:
            return
        pool = self._start()
        # a spawn pool starts one process per submitted task while below max_workers
        for _ in range(self.workers):
            pool.submit(_warm, self.model)

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork" if self.fork else "spawn"),
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker processes (at once when ``cancel``: an error or Ctrl-C)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not cancel:
            pool.shutdown(wait=True)
            return
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # a running batch would finish first otherwise
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(5)


def started_for(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None,
    model: str | None,
    batch_size: int,
) -> ExtractStream | None:
    """An :class:`ExtractStream` already starting its workers, when ``inputs`` clearly
    hold more than one batch (a folder, or files of at least ``batch_size`` × 2 kB);
    None otherwise (stdin, a few small files, ``workers=0``, a bad option).

    ``kg build`` calls this before it imports the pipeline (spaCy and the rest take the
    writer ~1.2 CPU-s): one worker's own start (imports, model load: ~2 s) then runs
    beside the writer's instead of after its imports and the first planned batch; two
    or more are forked from this process once it has imported spaCy and the extraction
    code (:func:`_imported_here`), which saves each those imports; each loads the model
    itself.
    """
    total = 0
    for item in inputs:
        path = os.fspath(item)
        if path == "-":
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None  # the build reports it
        if stat.S_ISDIR(info.st_mode):
            total = -1
            break
        total += info.st_size
    if 0 <= total < batch_size * 2_000:
        return None
    try:
        stream = ExtractStream(workers=workers, model=model, batch_size=batch_size)
    except KgError:
        return None  # the build reports the bad option
    stream.fork = stream.workers > 1 and _imported_here()
    stream.start()
    return stream


def _imported_here() -> bool:
    """Import spaCy and the extraction code in this process, to fork workers from it
    (Linux only); False when it cannot (the workers are then spawned and import them
    themselves).

    Spawned workers each import spaCy and kg's extraction code (~0.9 CPU-s apiece, on
    the same cores as the parse); forked from a process that did it once, they start
    with them in place. The model is not loaded here: each worker loads it
    (:func:`_warm`, ~0.5 s) on its own core while the writer goes on with its own
    start (the writer never parses), so the cores share that half-second instead of
    one core doing it while the other waits. Called only by :func:`started_for`,
    before the build opens its store or starts a progress thread: a fork then copies
    no lock that another thread holds (numpy's BLAS pool handles fork itself).
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False  # another Python thread might hold a lock the fork would copy
    import kg.article  # noqa: F401 - what a forked worker runs (and spaCy with it)

    return True


def task_config(config: ExtractionConfig) -> ExtractionConfig | None:
    """``config`` for a task: None for the default (which holds read-only mappings that
    do not pickle; the worker has its own copy)."""
    return None if config is DEFAULT else config


#: Tasks each of the last batches of a pool build is cut into (one last batch per
#: worker: the workers take them side by side). Results come back a task at a time, and
#: the writer stores the last task's articles after the workers are done: a full batch
#: there leaves the workers idle for its whole store time (≈ 2.5 s for 64 articles), a
#: quarter of it for a quarter of that; and with two workers, a worker that ends its
#: share of the tail first waits for the other for at most a quarter batch. The parse
#: does not depend on the batch (the stored graph is the same for any batch size).
TAIL_PIECES = 4


def split_last(
    chunks: Iterable[list[Article]], pieces: int, last: int = 1
) -> Iterator[list[Article]]:
    """``chunks`` as they are, except the ``last`` ones, each cut into up to ``pieces``
    tasks of near-equal size (reading ``last`` chunks ahead to know which they are).

    >>> [len(c) for c in split_last([[Article(str(i), "x") for i in range(n)]
    ...                               for n in (8, 8, 7)], 4)]
    [8, 8, 2, 2, 2, 1]
    >>> [len(c) for c in split_last([[Article(str(i), "x") for i in range(n)]
    ...                               for n in (8, 8, 7)], 2, last=2)]
    [8, 4, 4, 4, 3]
    """
    ahead: deque[list[Article]] = deque()
    for chunk in chunks:
        ahead.append(chunk)
        if len(ahead) > last:
            yield ahead.popleft()
    for current in ahead:
        size = max(1, -(-len(current) // max(1, pieces)))
        for start in range(0, len(current), size):
            yield current[start : start + size]


def _warm(model: str | None) -> None:
    """Load the model and the extraction code in this worker (a task
    :meth:`ExtractStream.start` submits), so the first batch starts at once; a model
    that fails to load fails again, and is reported, with the first batch."""
    import kg.article  # noqa: F401 - imported here rather than by the first batch

    try:
        kg_nlp.load(model)
    except KgError:
        pass


def _chain(
    first: list[Article], second: list[Article] | None, rest: Iterator[list[Article]]
) -> Iterator[list[Article]]:
    yield first
    if second is not None:
        yield second
        yield from rest


#: glibc ``mallopt`` parameters (malloc.h) and the values a worker sets.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: Freed memory at the top of the heap kept for the next batch rather than given back.
TRIM_THRESHOLD = 512 << 20
#: Allocations this large or larger get their own mapping (glibc's largest setting).
MMAP_THRESHOLD = 32 << 20


def keep_freed_memory() -> bool:
    """Make this process's allocator reuse freed memory for the next batch (glibc only;
    False elsewhere, where nothing changes).

    A batch's parse allocates arrays of several MB, and ``memory_zone`` frees the
    batch's Docs at its end. With glibc's defaults each such array gets fresh pages
    from the kernel (large allocations are mapped and unmapped; freed heap is trimmed)
    and every page is faulted in and zeroed again: that was a fifth of a worker's CPU
    (system time; docs/benchmarks.md, "Corpus scale"). Fixed thresholds keep that
    memory for reuse; the worker's peak stays what one batch needs.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # pragma: no cover - not glibc (musl has none)
        return False
    return bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
                and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C to the writer, which stops them (no traceback per worker),
    and end when the writer is gone (``kill -9`` of the build): an orphaned worker would
    otherwise wait for tasks forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep_freed_memory()
    _ZONE.spanning = True

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


__all__ = [
    "BATCH_SIZE",
    "ExtractStream",
    "Failed",
    "Result",
    "TAIL_PIECES",
    "batches",
    "default_workers",
    "extract_batch",
    "keep_freed_memory",
    "ordered",
    "split_last",
    "started_for",
    "task_config",
]

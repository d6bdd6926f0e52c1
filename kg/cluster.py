"""Parse and extract on a Dask distributed cluster; this process stays the one writer.

``kg build INPUT --cluster tcp://HOST:8786`` sends the same tasks a local build runs in
its worker processes (:func:`kg.workers.extract_batch`: a batch of articles in, plain
data out) to the workers of an existing cluster, started with the standard commands::

    dask scheduler                                  # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1   # on each machine

Each worker process loads the spaCy model once (:func:`kg.nlp.load` is cached per
process) and needs kg and the model installed, in the same versions as the builder.
Results stream back in input order through a bounded window of futures, and the
builder merges entities across articles and writes the store exactly as a local build
does: the store is byte-identical to a local build's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from kg.errors import KgError
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.model import Article
from kg.workers import (
    BATCH_SIZE,
    TAIL_PIECES,
    Result,
    batches,
    extract_batch,
    ordered,
    split_last,
    task_config,
)

#: Seconds to wait for the scheduler before the build gives up.
CONNECT_TIMEOUT = 20
#: Batches in flight per worker thread of the cluster.
WINDOW_PER_THREAD = 2


class ClusterStream:
    """Parse + extract a stream of articles on the Dask cluster at ``address`` (a
    scheduler address such as ``tcp://127.0.0.1:8786``, or a ``distributed.Client``);
    the same interface as :class:`kg.workers.ExtractStream`."""

    def __init__(
        self,
        address: str | Any,
        *,
        model: str | None = None,
        batch_size: int = BATCH_SIZE,
        config: ExtractionConfig = DEFAULT,
    ) -> None:
        if batch_size < 1:
            raise KgError(f"--batch-size must be positive ({batch_size}); "
                          f"e.g. --batch-size {BATCH_SIZE} (the default)")
        if isinstance(address, str) and not address.strip():
            raise KgError("--cluster needs a scheduler address (''); e.g. tcp://127.0.0.1:8786")
        self.address = address
        self.model = model
        self.batch_size = batch_size
        self.config = config
        self._client: Any = None
        self._own_client = False
        self._futures: list[Any] = []

    def __enter__(self) -> ClusterStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - a dependency of kg
            raise KgError(
                "--cluster needs the distributed package; install it with: "
                "pip install 'dask[distributed]'"
            ) from None
        if not isinstance(self.address, str):
            self._client = self.address  # a Client the caller owns
            return self._client
        try:
            self._client = Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise KgError(
                f"cannot reach the Dask scheduler ({self.address}): {first}; start one with "
                "`dask scheduler` and pass the address it prints, e.g. --cluster "
                "tcp://127.0.0.1:8786"
            ) from None
        self._own_client = True
        return self._client

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Result]]:
        """Each article with its result, in input order (as in
        :meth:`kg.workers.ExtractStream.run`)."""
        client = self._connect()
        threads = sum(client.nthreads().values()) or 1

        def submit(batch: list[Article]) -> Any:
            config = task_config(self.config)
            future = client.submit(
                extract_batch, batch, self.model, config, self.batch_size, pure=False
            )
            self._futures.append(future)
            if len(self._futures) > 4 * threads:
                self._futures = [f for f in self._futures if not f.done()]
            return future

        tasks = split_last(batches(articles, self.batch_size), TAIL_PIECES)
        yield from ordered(tasks, submit, WINDOW_PER_THREAD * threads)

    def close(self) -> None:
        """Cancel what is still running and close a client this stream opened."""
        futures, self._futures = self._futures, []
        client, self._client = self._client, None
        if client is None:
            return
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)
        if self._own_client:
            client.close()


__all__ = ["ClusterStream"]

"""The ``kg serve`` web app: a read-only SPARQL 1.1 endpoint and a query page.

Routes (a Starlette app; :func:`create_app` builds it, :func:`kg.serve.run.serve`
runs it under uvicorn):

* ``/sparql`` — the SPARQL 1.1 Protocol (:mod:`kg.serve.protocol`): queries by GET or
  POST, results negotiated by ``Accept`` (:mod:`kg.serve.formats`), evaluated in a
  pool of killable workers (:mod:`kg.serve.pool`) over a snapshot of the store that is
  refreshed after each build (:mod:`kg.serve.snapshot`). GET without a query gives
  the service description. Updates and Graph Store writes: 403/405.
* ``/store`` — the Graph Store Protocol, reads only: ``GET /store?graph=IRI`` (or
  ``?default``, the union of all graphs) gives a graph; PUT/POST/DELETE/PATCH: 405.
* ``/`` — the query page (offline: kg's own script, no outside request), with the
  ready queries of :mod:`kg.queries` as examples; ``/static/...`` its files.

With a token, every route but the pages (``/``, ``/explore``: shells holding no data)
and their static files needs ``Authorization: Bearer TOKEN``; the pages send it.
CORS headers are sent only for ``cors`` origins.
Routes a caller adds (``extra_routes``, e.g. the explorer's) reach the endpoint as
``request.app.state.endpoint`` (:class:`Endpoint`; ``await endpoint.select(sparql)``
gives a :class:`~kg.rdf.sparql.QueryResult`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.errors import QueryError, StoreError
from kg.rdf.sparql import QueryResult
from kg.serve import formats
from kg.serve.pool import Busy, Pool, QueryTimeout
from kg.serve.protocol import (
    READ_ONLY,
    ProtocolError,
    read_request,
    service_description,
)
from kg.serve.snapshot import Snapshots
from kg.serve.worker import PYTHON_RESULT, Answer, Job, refusal
from kg.version import __version__

log = logging.getLogger("kg.serve")

PACKAGE = Path(__file__).resolve().parent.parent
#: The ready queries shown as examples on the query page, in this order.
EXAMPLES = ("entities_by_type", "articles", "who_said_what", "relations", "quantities",
            "statements", "about_entity")


@dataclass(frozen=True)
class Settings:
    """What ``kg serve`` is told: limits, workers, CORS and token."""

    timeout: float = 30.0
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    max_memory_mb: int = 2048
    workers: int = 0  # 0: one per core, 2 to 4
    cors: tuple[str, ...] = ()
    token: str | None = None
    refresh_seconds: float = 1.0

    def worker_count(self) -> int:
        return self.workers or max(2, min(4, os.cpu_count() or 2))


class Endpoint:
    """The store behind the app: snapshots (a store folder) and the worker pool.

    Opening it takes the first snapshot and starts the workers, so a missing or
    locked store is reported (:class:`~kg.errors.StoreError`) before the server listens.
    """

    def __init__(self, store: str | Path, settings: Settings) -> None:
        self.store = Path(store)
        self.settings = settings
        if not self.store.exists():
            raise StoreError(f"no store or RDF file at ({self.store}); build one first "
                             "with: kg build INPUT")
        self.snapshots: Snapshots | None = None
        source = self.store
        if self.store.is_dir():
            self.snapshots = Snapshots(self.store)
            try:
                source = self.snapshots.take()
            except BaseException:
                self.snapshots.close()
                raise
        try:
            self.pool = Pool(source, settings.worker_count(), timeout=settings.timeout,
                             max_memory_mb=settings.max_memory_mb,
                             on_release=self._release)
        except BaseException:
            if self.snapshots is not None:
                self.snapshots.close()
            raise
        #: Snapshots taken since start (1 for the first); the page and tests read it.
        self.generation = 1
        #: The store folder (a snapshot) or RDF file now served.
        self.current = source
        self._reader: tuple[Path, ox.Store] | None = None
        self._reader_lock = threading.Lock()

    def reader(self) -> ox.Store:
        """A read-only pyoxigraph store of the snapshot now served, for routes that
        read in this process (the explorer's bounded lookups); reopened when a new
        snapshot is taken. Raises :class:`~kg.errors.StoreError` for an RDF-file source."""
        if self.snapshots is None:
            raise StoreError(f"the explorer needs a store folder, not an RDF file ({self.store})")
        with self._reader_lock:
            if self._reader is None or self._reader[0] != self.current:
                self._reader = (self.current, ox.Store.read_only(str(self.current)))
            return self._reader[1]

    def _release(self, snapshot: Path) -> None:
        if self.snapshots is not None:
            self.snapshots.drop(snapshot)

    async def run(self, job: Job) -> Answer:
        """Answer a query job (refusals first, in this process: they cost no worker)."""
        refused = refusal(job.sparql)
        if refused is not None:
            return refused
        try:
            return await self.pool.run(job)
        except QueryTimeout as exc:
            return Answer(503, message=str(exc))
        except Busy as exc:
            return Answer(503, message=str(exc))

    async def select(self, sparql: str, *, max_rows: int | None = None) -> QueryResult:
        """Run ``sparql`` and give its :class:`QueryResult` (for routes in this server).

        Raises :class:`~kg.errors.QueryError` with the endpoint's message when it fails.
        """
        cap = self.settings.max_rows if max_rows is None else max_rows
        answer = await self.run(Job(sparql, accept=(PYTHON_RESULT,), max_rows=cap))
        if answer.result is None:
            raise QueryError(answer.message)
        return answer.result

    async def refresh(self) -> bool:
        """Take a new snapshot when the store changed and is not being written; True if so."""
        snapshots = self.snapshots
        if snapshots is None or not await asyncio.to_thread(snapshots.changed):
            return False
        try:
            snapshot = await asyncio.to_thread(snapshots.take)
        except StoreError:  # a writer has it open again: try later
            return False
        self.pool.switch(snapshot)
        self.current = snapshot
        self.generation += 1
        log.info("store changed: now serving snapshot %d", self.generation)
        return True

    async def refresh_forever(self) -> None:
        while True:
            await asyncio.sleep(self.settings.refresh_seconds)
            try:
                await self.refresh()
            except Exception as exc:  # keep serving the last snapshot
                log.warning("store refresh failed: %s", exc)

    def close(self) -> None:
        """Stop the workers and delete the snapshots."""
        self.pool.close()
        if self.snapshots is not None:
            self.snapshots.close()


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _respond(answer: Answer, max_rows: int, head: bool = False) -> Response:
    """The HTTP response for a worker's answer; a result cut at the row cap says so in
    ``X-SPARQL-MaxRows`` (the header Virtuoso uses)."""
    if answer.status != 200:
        return _error(answer.status, answer.message)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-SPARQL-MaxRows"] = str(max_rows)
    media = answer.media
    if media.startswith("text/") or media.endswith(("+xml", "+json")) or "json" in media:
        media += "; charset=utf-8"
    return Response(b"" if head else answer.body, status_code=200, headers=headers,
                    media_type=media)


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol endpoint."""
    endpoint: Endpoint = request.app.state.endpoint
    settings = endpoint.settings
    if request.method not in ("GET", "HEAD", "POST"):
        return _error(405, f"{request.method} is refused; {READ_ONLY} (queries: GET or POST)",
                      {"Allow": "GET, HEAD, POST"})
    try:
        job = await read_request(request, max_bytes=settings.max_request_bytes,
                                 max_rows=settings.max_rows)
    except ProtocolError as exc:
        return _error(exc.status, str(exc), exc.headers)
    if job is None:
        return _description(request)
    answer = await endpoint.run(job)
    return _respond(answer, settings.max_rows, head=request.method == "HEAD")


def _description(request: Request) -> Response:
    """The service description; a browser (asking for HTML) is sent to the query page."""
    accepted = formats.negotiate(request.headers.get("accept"))
    if "text/html" in accepted:
        return RedirectResponse("./", status_code=303)
    media = formats.pick(accepted, "CONSTRUCT") or formats.TURTLE
    endpoint = str(request.url.replace(query="", fragment=""))
    body = formats.write_graph(service_description(endpoint), media)
    return Response(body, media_type=media + ("; charset=utf-8" if "text" in media else ""),
                    headers={"Vary": "Accept"})


async def graph_store(request: Request) -> Response:
    """The Graph Store Protocol, reads only."""
    endpoint: Endpoint = request.app.state.endpoint
    if request.method not in ("GET", "HEAD"):
        return _error(405, f"{request.method} is refused; {READ_ONLY} (Graph Store Protocol: "
                      "GET only)", {"Allow": "GET, HEAD"})
    params = request.query_params
    graph = params.get("graph")
    if graph is None and "default" not in params:
        return _error(400, "no graph named; ask for /store?graph=IRI or /store?default")
    if graph is not None:
        try:
            name = ox.NamedNode(graph)
        except ValueError:
            return _error(400, f"not an IRI ({graph}); pass ?graph=<absolute IRI>")
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
    else:
        sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    accept = formats.negotiate(request.headers.get("accept"))
    answer = await endpoint.run(Job(sparql, accept=tuple(accept),
                                    max_rows=endpoint.settings.max_rows))
    return _respond(answer, endpoint.settings.max_rows, head=request.method == "HEAD")


def _examples() -> list[dict[str, str]]:
    from kg import queries

    return [{"name": name, "query": queries.read(name)} for name in EXAMPLES]


_PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
             "img-src 'self' data:; base-uri 'none'; form-action 'none'; "
             "frame-ancestors 'none'")


async def page(request: Request) -> Response:
    """The query page: an editor, the examples, and a results table."""
    endpoint: Endpoint = request.app.state.endpoint
    env = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"),
                             autoescape=True)
    # JSON inside <script type="application/json">: "<" escaped so no "</script>" ends it
    data = json.dumps({"examples": _examples(), "token": endpoint.settings.token is not None,
                       "maxRows": endpoint.settings.max_rows,
                       "timeout": endpoint.settings.timeout}).replace("<", "\\u003c")
    html = env.get_template("query.html").render(data=data, version=__version__)
    return HTMLResponse(html, headers={"Content-Security-Policy": _PAGE_CSP,
                                       "X-Content-Type-Options": "nosniff"})


class TokenGuard:
    """ASGI middleware: every request but the page and its static files must carry
    ``Authorization: Bearer <token>`` (401 otherwise); CORS preflights pass."""

    def __init__(self, app: ASGIApp, token: str, public: Sequence[str] = ("/",)) -> None:
        self.app = app
        self.token = token.encode()
        self.public = frozenset(public)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._open(scope) or self._authorised(scope):
            await self.app(scope, receive, send)
            return
        response = _error(401, "missing or wrong token; send Authorization: Bearer TOKEN "
                          "(the --token given to kg serve)",
                          {"WWW-Authenticate": 'Bearer realm="kg"'})
        await response(scope, receive, send)

    def _open(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        if scope.get("method") == "OPTIONS":
            return True
        return scope.get("method") in ("GET", "HEAD") and (
            path in self.public or path.startswith("/static/"))

    def _authorised(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                scheme, _, given = value.partition(b" ")
                if scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(),
                                                                       self.token):
                    return True
        return False


def create_app(
    store: str | Path | Endpoint,
    settings: Settings | None = None,
    *,
    extra_routes: Sequence[BaseRoute] = (),
    public_pages: Sequence[str] = (),
    explorer: bool = True,
) -> Starlette:
    """The ``kg serve`` app over ``store`` (a store folder, an RDF file, or an open
    :class:`Endpoint`). The endpoint opens now (errors before listening) and closes
    when the app shuts down; ``extra_routes`` are mounted beside kg's own, and, for a
    store folder, the explorer at ``/explore`` (:mod:`kg.explore.routes`) unless
    ``explorer=False``.

    With a token, only ``/``, ``/static/...``, the explorer's page (then a shell that
    holds no data) and the paths in ``public_pages`` (pages that hold no data) answer
    GET without it."""
    endpoint = store if isinstance(store, Endpoint) else Endpoint(store, settings or Settings())
    settings = endpoint.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(endpoint.refresh_forever())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            endpoint.close()

    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]
    if explorer and endpoint.snapshots is not None:
        from kg.explore.routes import explore_routes

        # a caller's routes first; the index starts building now, not on a request. With
        # a token the page is an empty shell anybody may load (a browser cannot send a
        # header when it opens a page); it sends the token on every API request
        extra_routes = [*extra_routes, *explore_routes(endpoint.reader, warm=True,
                                                       shell=settings.token is not None)]
        public_pages = [*public_pages, "/explore"]
    routes: list[BaseRoute] = [
        Route("/", page, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=methods),
        Route("/store", graph_store, methods=methods),
        *extra_routes,
        Mount("/static", StaticFiles(directory=str(files("kg") / "static")), name="static"),
    ]
    middleware: list[Middleware] = []
    if settings.cors:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors),
            allow_methods=["GET", "POST", "HEAD"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            expose_headers=["X-SPARQL-MaxRows"]))
    if settings.token:
        middleware.append(Middleware(TokenGuard, token=settings.token,
                                     public=("/", *public_pages)))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.endpoint = endpoint
    return app


__all__ = ["EXAMPLES", "Endpoint", "Settings", "TokenGuard", "create_app"]

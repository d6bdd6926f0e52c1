"""The app factory for other views: routes passed as ``extra_routes`` run queries through
the endpoint's worker pool (``request.app.state.endpoint.select``), under its limits and
its token; ``public_pages`` stay open. Served by a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from serve_server import free_port, small_store
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kg.errors import QueryError
from kg.serve import Settings, create_app


async def titles(request: Request) -> Response:
    endpoint = request.app.state.endpoint
    try:
        result = await endpoint.select(
            "SELECT ?t WHERE { ?a schema:headline ?t } ORDER BY ?t",
            max_rows=int(request.query_params.get("max", "0")) or None)
    except QueryError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    return JSONResponse([row[0].value for row in result.rows])


async def shell(request: Request) -> Response:
    return HTMLResponse("<p>explorer</p>")


@contextmanager
def running(store: Path, settings: Settings) -> Iterator[str]:
    app = create_app(store, settings, extra_routes=[Route("/titles", titles),
                                                    Route("/explore", shell)],
                     public_pages=["/explore"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def test_extra_routes_query_through_the_pool(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    with running(store, Settings(workers=1, max_rows=1)) as url:
        assert httpx.get(url + "/titles", params={"max": "5"}).json() == ["Title a1",
                                                                          "Title a2"]
        assert httpx.get(url + "/titles").json() == ["Title a1"]  # the server's cap
        assert httpx.get(url + "/explore").text == "<p>explorer</p>"


def test_extra_routes_sit_behind_the_token(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    with running(store, Settings(workers=1, token="t0ken")) as url:
        assert httpx.get(url + "/titles").status_code == 401
        answer = httpx.get(url + "/titles", headers={"Authorization": "Bearer t0ken"})
        assert answer.json() == ["Title a1", "Title a2"]
        assert httpx.get(url + "/explore").status_code == 200  # a public page

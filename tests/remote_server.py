"""A real Oxigraph SPARQL server for the remote-store tests (imported like cli_checks:
tests/ is on sys.path): ``oxigraph serve`` from the ``oxigraph`` package of the test
extra, on a free port of 127.0.0.1, stopped when the context ends."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port of 127.0.0.1 nothing listens on (just now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def query(url: str, sparql: str) -> httpx.Response:
    return httpx.post(f"{url}/query", content=sparql.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query",
                               "Accept": "application/sparql-results+json"})


def update(url: str, sparql: str) -> None:
    response = httpx.post(f"{url}/update", content=sparql.encode(), timeout=30,
                          headers={"Content-Type": "application/sparql-update"})
    response.raise_for_status()


def count_articles(url: str) -> int:
    """How many article graphs the server holds."""
    found = query(url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a "
                       "<https://w3id.org/kg/ontology#Article> } }").json()
    return int(found["results"]["bindings"][0]["n"]["value"])


@contextlib.contextmanager
def oxigraph_server(location: Path, *, read_only: bool = False) -> Iterator[str]:
    """Run ``oxigraph serve --location LOCATION --bind 127.0.0.1:PORT`` (or
    ``serve-read-only``) until the block ends; yields the server's base URL once it answers."""
    exe = shutil.which("oxigraph")
    assert exe, "no oxigraph server: pip install -e '.[test]' (the oxigraph package)"
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    proc = subprocess.Popen(
        [exe, command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.communicate()[1].decode(errors="replace")
            with contextlib.suppress(httpx.HTTPError):
                if query(url, "ASK { }").status_code == 200:
                    break
            assert time.monotonic() < deadline, "oxigraph serve did not answer in 30 s"
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()

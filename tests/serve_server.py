"""A real ``kg serve`` on 127.0.0.1 for the serve tests: started as a process, stopped after.

:func:`small_store` writes a store of hand-built article graphs (no spaCy needed);
:class:`Server` runs ``kg serve`` on it on a free port, waits until it answers, and
stops it with SIGTERM (SIGKILL if it hangs), checking it left no snapshot behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from rdf_fixtures import tariff_graph

from kg.rdf.store import Store

REPO = Path(__file__).resolve().parents[1]


def small_store(path: Path, ids: tuple[str, ...] = ("a1", "a2")) -> Path:
    """A store holding one small article graph per id."""
    with Store.open(path) as store:
        for article_id in ids:
            store.replace_article(tariff_graph(article_id, title=f"Title {article_id}"))
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``kg serve --store STORE ARGS...`` as a child process on a free port."""

    def __init__(
        self, store: Path, *args: str, port: int | None = None, tmpdir: Path | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PYTHONPATH=str(REPO))
        if tmpdir is not None:  # the server's temporary folders (snapshots) go there
            tmpdir.mkdir(parents=True, exist_ok=True)
            env["TMPDIR"] = str(tmpdir)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.cli import main; main()", "serve",
             "--store", str(store), "--port", str(self.port), *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                raise RuntimeError(f"kg serve ended ({self.process.returncode}): {err}")
            try:
                httpx.get(self.url + "/", timeout=1)
                return
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("kg serve did not answer within 60 s") from None
                time.sleep(0.2)

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def stop(self) -> str:
        """Stop the server; its stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        _, err = self.process.communicate()
        return err

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""``kg serve`` on the command line: help, one-line errors, and an exported file as store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cli_checks import error_line
from serve_server import REPO, Server, small_store
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.export import export
from kg.rdf.store import Store

runner = CliRunner()


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: kg serve" in result.output
    assert "serve" in runner.invoke(app, ["--help"]).output


@pytest.mark.parametrize(("args", "message"), [
    (["--timeout", "0"], "Error: timeout must be more than 0 seconds (0); a served query "
                         "always has a limit, e.g. --timeout 30"),
    (["--port", "70000"], "Error: port out of range (70000); pass --port between 1 and 65535"),
    (["--max-rows", "-1"], "Error: max rows must be 0 or more (-1); pass --max-rows 0 for no cap"),
    (["--host", "192.0.2.7"], "Error: --host 192.0.2.7 is reachable from other machines and "
                              "needs a token; pass --token SECRET (clients then send "
                              "Authorization: Bearer SECRET), or keep --host 127.0.0.1"),
])
def test_bad_options_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    store = small_store(tmp_path / "store")
    assert error_line(runner.invoke(app, ["serve", "--store", str(store), *args])) == message


def test_locked_store_is_one_line(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    writer = subprocess.Popen(  # another process holds the store open for writing
        [sys.executable, "-c", "import sys, time; from kg.rdf.store import Store; "
         "s = Store.open(sys.argv[1]); print('open', flush=True); time.sleep(120)", str(store)],
        env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        result = runner.invoke(app, ["serve", "--store", str(store)])
    finally:
        writer.kill()
        writer.wait()
    assert error_line(result).startswith("Error: store is locked, already open elsewhere (")


def test_serves_an_exported_file(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    with Store.open(store, read_only=True) as st:
        export(st.dataset, "nquads", tmp_path / "graph.nq")
    with Server(tmp_path / "graph.nq") as server:
        response = httpx.get(server.sparql, params={
            "query": "SELECT ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id"},
            headers={"Accept": "text/csv"})
        assert response.text.split() == ["id", "a1", "a2"]

"""Output files are written atomically, in full or not at all, and the format is checked.

Every writer (RDF text exports, GEXF/GraphML, graph.html) goes through
:func:`kg.fsio.atomic_write`: a failure half-way leaves the older file byte for byte
and no temporary file; missing folders are created for every format. Also the CLI
side of ``kg export``: ``--format`` is inferred from ``-o`` and a mismatch refused.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from cli_checks import error_line
from rdf_fixtures import tariff_graph
from typer.testing import CliRunner

import kg.rdf.export as export_module
from kg.analysis import entity_graph, write_graph
from kg.cli import app
from kg.fsio import DiskFullError, atomic_write, is_disk_full, temp_path, write_text
from kg.rdf.export import FORMATS, export, serialize
from kg.rdf.store import Store
from kg.render import render_html

runner = CliRunner()
OLD = b"older complete file\n"
EXTENSIONS = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("atomic") / "store"
    with Store.open(path) as st:
        st.replace_article(tariff_graph())
    yield path


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write would leave behind."""
    return sorted(p.name for p in folder.rglob(".*.tmp-*"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_streamed_export_equals_serialize_and_creates_folders(
    store: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "a" / "b" / f"graph.{EXTENSIONS[fmt]}"
    with Store.open(store, read_only=True) as st:
        export(st.dataset, fmt, target)
        assert target.read_bytes() == serialize(st.dataset, fmt).encode("utf-8")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_graph_files_and_html_create_missing_folders(
    store: Path, tmp_path: Path, suffix: str
) -> None:
    with Store.open(store, read_only=True) as st:
        graph = entity_graph(st)
        written = write_graph(graph, tmp_path / "new" / f"g.{suffix}")
        page = render_html(st, tmp_path / "html" / "deep" / "graph.html")
    assert written.read_bytes().startswith(b"<?xml")
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")
    assert leftovers(tmp_path) == []


def test_failure_mid_export_keeps_the_older_file(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.ttl"  # Turtle goes through pyoxigraph's serialiser
    target.write_bytes(OLD)

    def half_then_fail(items: Any, output: Any = None, **kw: Any) -> None:
        output.write(b"<http://example.org/truncated> <http://exa")
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(export_module.ox, "serialize", half_then_fail)
    with Store.open(store, read_only=True) as st, pytest.raises(OSError) as err:
        export(st.dataset, "turtle", target)
    assert err.value.errno == errno.EIO
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_disk_full_mid_write_is_reported_and_cleaned_up(tmp_path: Path) -> None:
    """The documented simulation (the real tmpfs is in test_fault_disk_full.py)."""
    target = tmp_path / "graph.html"
    target.write_bytes(OLD)
    with pytest.raises(DiskFullError) as err, atomic_write(target) as handle:
        handle.write(b"<html>partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert str(err.value) == (
        f"disk full ({target}); free space or write to another --out / -o"
    )
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_interrupt_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as handle:
        handle.write(b"partial")
        raise KeyboardInterrupt
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_temp_file_is_hidden_beside_the_target(tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    with atomic_write(target):
        tmp = temp_path(target)
        assert tmp.parent == tmp_path
        assert tmp.name == f".graph.nq.tmp-{os.getpid()}"
        assert tmp.exists() and not target.exists()
    assert target.exists() and not tmp.exists()


def test_mode_kept_and_symlink_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_bytes(OLD)
    real.chmod(0o600)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_text(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert real.stat().st_mode & 0o777 == 0o600


def test_error_names_the_target_not_the_temp_file(tmp_path: Path) -> None:
    # A 250-character name is allowed; ".<name>.tmp-<pid>" is over NAME_MAX (255).
    target = tmp_path / ("g" * 246 + ".ttl")
    with pytest.raises(OSError) as err:
        write_text(target, "x")
    assert err.value.filename == str(target)
    assert not target.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "exc",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EDQUOT, "Disk quota exceeded"),
        OSError("IO error: No space left on device: While appending to file: s/000008.log"),
        RuntimeError("IO error: No space left on deviceWhile appending to file"),
    ],
)
def test_disk_full_recognised(exc: BaseException) -> None:
    assert is_disk_full(exc)


def test_other_errors_are_not_disk_full() -> None:
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(ValueError("No space left on device"))


def test_cli_reports_disk_full_from_stdout(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kg export > file`` on a full disk: the write to stdout raises ENOSPC."""

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module, "export", full)
    result = runner.invoke(app, ["export", "--store", str(store)])
    assert error_line(result) == (
        "Error: disk full (stdout); free space or write to another --out / -o"
    )


# --- kg export: the format follows -o, a mismatch is refused --------------------




def test_mismatched_extension_refused(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "--format", "gexf", "-o", "x.graphml", "--store", str(store)]
    )
    assert error_line(result) == (
        "Error: file extension does not match the format (x.graphml, --format gexf); "
        "use -o x.gexf or --format graphml"
    )
    result = runner.invoke(
        app, ["export", "--format", "turtle", "-o", str(tmp_path / "g.nq"), "--store", str(store)]
    )
    assert error_line(result) == (
        f"Error: file extension does not match the format ({tmp_path / 'g.nq'}, --format "
        f"turtle); use -o {tmp_path / 'g.ttl'} or --format nquads"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("g.nq", "nquads"), ("g.NT", "ntriples"), ("g.json", "jsonld"), ("g.trig", "trig"),
     ("g.txt", "turtle"), ("g", "turtle")],
)
def test_format_inferred_from_extension(
    store: Path, tmp_path: Path, name: str, expected: str
) -> None:
    target = tmp_path / "sub" / name
    result = runner.invoke(app, ["export", "-o", str(target), "--store", str(store)])
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as st:
        assert target.read_text(encoding="utf-8") == serialize(st.dataset, expected)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_format_inferred_and_unknown_extension_allowed(
    store: Path, tmp_path: Path, fmt: str
) -> None:
    inferred = tmp_path / "d1" / f"g.{fmt}"
    explicit = tmp_path / "d2" / "g.txt"
    assert runner.invoke(app, ["export", "-o", str(inferred), "--store", str(store)]).exit_code == 0
    result = runner.invoke(
        app, ["export", "--format", fmt, "-o", str(explicit), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert explicit.read_bytes() == inferred.read_bytes()


def test_stdout_defaults_to_turtle(store: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store)])
    assert result.exit_code == 0
    with Store.open(store, read_only=True) as st:
        assert result.stdout == serialize(st.dataset, "turtle")


def test_pyoxigraph_streams_into_a_file_object(tmp_path: Path) -> None:
    """The API the streamed export relies on (pyoxigraph >= 0.4)."""
    triple = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    with open(tmp_path / "x.nt", "wb") as handle:
        ox.serialize([triple], output=handle, format=ox.RdfFormat.N_TRIPLES)
    assert (tmp_path / "x.nt").read_bytes() == b'<http://e/s> <http://e/p> "o" .\n'

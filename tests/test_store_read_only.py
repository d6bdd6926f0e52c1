"""Read commands never write: ``Store.open(read_only=True)`` and the shared lock.

RocksDB writes a LOG and an OPTIONS file on every read-write open; on a full disk
that open fails and the read command used to say the folder holds no store. A
read-only open writes nothing. Since reading while another process writes is
undefined behaviour in RocksDB, a reader takes a shared POSIX lock on ``LOCK``,
which conflicts with the exclusive lock of a read-write open in another process:
checked here both ways with real child processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_fixtures import tariff_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.rdf.store import Store, open_source

LOCKED = "store is locked, already open elsewhere ("

#: A child process that opens the store and waits until its stdin closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from kg.rdf.store import Store
    st = Store.open(sys.argv[1], read_only=sys.argv[2] == "ro")
    print("open", flush=True)
    sys.stdin.read()
    st.close()
    """
)

#: A child process that tries to open the store and prints the outcome.
OPENER = textwrap.dedent(
    """
    import sys
    from kg.errors import KgError
    from kg.rdf.store import Store
    try:
        Store.open(sys.argv[1], read_only=sys.argv[2] == "ro").close()
        print("opened")
    except KgError as exc:
        print(exc)
    """
)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of ``folder`` with its size and modification time (ns)."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with Store.open(path) as st:
        st.replace_article(tariff_graph())
    return path


@pytest.fixture()
def holder(store: Path, request: pytest.FixtureRequest) -> Iterator[subprocess.Popen[str]]:
    """A child process holding ``store`` open (mode from the test's parameter)."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store), request.param],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "open"
    yield child
    assert child.stdin is not None
    child.stdin.close()
    child.wait(timeout=30)


def open_in_child(store: Path, mode: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", OPENER, str(store), mode],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return result.stdout.strip()


def test_read_only_open_writes_no_file(store: Path) -> None:
    before = snapshot(store)
    for _ in range(3):
        with Store.open(store, read_only=True) as st:
            assert st.read_only
            assert len(st) > 0
            assert st.article_ids()
    assert snapshot(store) == before


def test_read_write_open_does_write_a_file(store: Path) -> None:
    """The control: what the read commands did before, and no longer do."""
    before = snapshot(store)
    Store.open(store).close()
    assert snapshot(store) != before


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    for path in (tmp_path / "missing", tmp_path):
        with pytest.raises(StoreError) as err:
            Store.open(path, read_only=True)
        assert str(err.value) == f"no store at ({path}); build one first with: kg build INPUT"
    assert not (tmp_path / "missing").exists()
    assert list(tmp_path.iterdir()) == []


def test_open_source_of_a_folder_is_read_only(store: Path) -> None:
    before = snapshot(store)
    dataset = open_source(store)
    assert len(dataset) > 0
    assert snapshot(store) == before


@pytest.mark.parametrize("holder", ["rw"], indirect=True)
def test_reader_refused_while_a_writer_holds_the_store(
    store: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(StoreError) as err:
        Store.open(store, read_only=True)
    assert str(err.value).startswith(f"{LOCKED}{store}); ")
    assert open_in_child(store, "ro").startswith(f"{LOCKED}{store}); ")


@pytest.mark.parametrize("holder", ["ro"], indirect=True)
def test_writer_refused_while_a_reader_holds_the_store(
    store: Path, holder: subprocess.Popen[str]
) -> None:
    assert open_in_child(store, "rw").startswith(f"{LOCKED}{store}); ")
    assert open_in_child(store, "ro") == "opened"  # readers share
    with Store.open(store, read_only=True) as st:
        assert len(st) > 0


def test_lock_released_on_close(store: Path) -> None:
    st = Store.open(store, read_only=True)
    assert open_in_child(store, "rw").startswith(LOCKED)
    st.close()
    st.close()  # idempotent
    assert open_in_child(store, "rw") == "opened"


def test_store_without_lock_file_opens_unlocked(store: Path) -> None:
    (store / "LOCK").unlink()
    with Store.open(store, read_only=True) as st:
        assert len(st) > 0
    assert not (store / "LOCK").exists()


def test_read_commands_leave_the_store_folder_unchanged(store: Path) -> None:
    before = snapshot(store)
    runner = CliRunner()
    for args in (["stats"], ["articles"], ["communities"], ["export", "--format", "nquads"]):
        result = runner.invoke(app, [*args, "--store", str(store)])
        assert result.exit_code == 0, result.output
    assert snapshot(store) == before


def test_read_command_on_empty_folder_creates_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no store at ({tmp_path}); build one first with: kg build INPUT\n"
    )
    assert os.listdir(tmp_path) == []


def test_store_that_lost_its_current_file_is_called_damaged(tmp_path: Path) -> None:
    from kg.errors import StoreError
    from kg.rdf.store import Store as _Store

    with _Store.open(tmp_path / "store"):
        pass
    (tmp_path / "store" / "CURRENT").unlink()
    for kwargs in ({}, {"read_only": True}):
        with pytest.raises(StoreError, match=r"^store is damaged \("):
            _Store.open(tmp_path / "store", **kwargs)

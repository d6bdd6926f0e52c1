"""Issue 7: what ``kg export -o`` / ``kg render -o`` may replace, the temporary file,
escapes in ``kg stats``/``communities``/``path``, and ``kg remove`` on an empty folder.

* A target that exists and is not a regular file (device, FIFO, folder; also behind a
  symlink) is refused and left as it is; so is a target inside a store folder.
* ``-o -`` is standard output.
* A symlink planted at the predictable temporary name does not redirect the write.
* Labels from the data reach the terminal with control characters escaped.

Device nodes are made in ``tmp_path`` (never the real ``/dev/null``); that needs root.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_checks import error_line
from rdf_fixtures import tariff_graph
from typer.testing import CliRunner

from kg.analysis import RankedEntity, Stats, format_stats
from kg.cli import app
from kg.errors import OutputError
from kg.fsio import atomic_write, temp_path, write_text
from kg.rdf.export import serialize
from kg.rdf.store import Store

runner = CliRunner()
OLD = b"older complete file\n"
EXPORT_FIX = "write to a regular file, or leave out -o to print to standard output"
RENDER_FIX = "write to a regular file, e.g. -o graph.html"
EVIL = "\x1b]0;PWNED\x07Donald Trump"
SHOWN = "\\x1b]0;PWNED\\x07Donald Trump"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("safety") / "store"
    with Store.open(path) as st:
        st.replace_article(tariff_graph())
    yield path




def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp-*"))


def char_device(path: Path) -> Path:
    """A character device node like /dev/null (major 1, minor 3), made in a test folder."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


def store_files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.iterdir() if p.is_file() and p.name != "LOCK"}


# --- atomic_write: only regular files are replaced ------------------------------------


def test_char_device_refused_and_left_alone(tmp_path: Path) -> None:
    device = char_device(tmp_path / "devnull")
    with pytest.raises(OutputError) as err, atomic_write(device) as handle:
        handle.write(b"x")
    assert str(err.value) == f"not a regular file ({device}); {EXPORT_FIX}"
    assert stat.S_ISCHR(device.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_fifo_folder_and_link_to_device_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "graph.ttl"
    folder.mkdir()
    targets = [fifo, folder]
    if os.geteuid() == 0:
        link = tmp_path / "link.ttl"
        link.symlink_to(char_device(tmp_path / "dev"))
        targets.append(link)
    for target in targets:
        with pytest.raises(OutputError, match=r"^not a regular file \("):
            write_text(target, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir() and not any(folder.iterdir())
    assert leftovers(tmp_path) == []


def test_symlink_to_regular_file_still_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_bytes(OLD)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_text(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


@pytest.mark.parametrize("name", ["CURRENT", "IDENTITY", "graph.ttl", "sub/graph.nq"])
def test_target_inside_a_store_refused(store: Path, tmp_path: Path, name: str) -> None:
    before = store_files(store)
    with pytest.raises(OutputError) as err:
        write_text(store / name, "x")
    assert str(err.value) == (
        f"output inside a store folder ({store / name}); write outside the store"
    )
    assert store_files(store) == before and not (store / "sub").exists()
    assert leftovers(store) == []
    link = tmp_path / "current.ttl"  # a link from outside into the store is refused too
    link.symlink_to(store / "CURRENT")
    with pytest.raises(OutputError, match="^output inside a store folder"):
        write_text(link, "x")
    assert store_files(store) == before


def test_folder_beside_a_store_is_fine(store: Path) -> None:
    target = store.parent / "graph.ttl"
    write_text(target, "x\n")
    assert target.read_text() == "x\n"


# --- the temporary file cannot be redirected -------------------------------------------


def test_planted_symlink_at_temp_name_does_not_redirect(store: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(OLD)
    target = tmp_path / "graph.nq"
    temp_path(target).symlink_to(victim)  # same pid: CliRunner runs kg in this process
    result = runner.invoke(app, ["export", "-o", str(target), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == OLD
    assert target.is_file() and not target.is_symlink()
    with Store.open(store, read_only=True) as st:
        assert target.read_text(encoding="utf-8") == serialize(st.dataset, "nquads")
    assert leftovers(tmp_path) == []


def test_planted_dangling_link_and_stale_file_at_temp_name(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    elsewhere = tmp_path / "elsewhere.ttl"
    temp_path(target).symlink_to(elsewhere)
    write_text(target, "one\n")
    assert not elsewhere.exists() and target.read_text() == "one\n"
    temp_path(target).write_bytes(b"stale")
    write_text(target, "two\n")
    assert target.read_text() == "two\n" and leftovers(tmp_path) == []


def test_temp_file_mode_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with atomic_write(tmp_path / "g.ttl") as handle:
            assert stat.S_IMODE(os.fstat(handle.fileno()).st_mode) == 0o640
    finally:
        os.umask(old)


# --- the CLI ---------------------------------------------------------------------------


def test_export_to_device_refused(store: Path, tmp_path: Path) -> None:
    device = char_device(tmp_path / "devnull")
    result = runner.invoke(app, ["export", "-o", str(device), "--store", str(store)])
    assert error_line(result) == f"Error: not a regular file ({device}); {EXPORT_FIX}"
    assert stat.S_ISCHR(device.stat().st_mode)


def test_export_and_render_into_store_refused(store: Path) -> None:
    before = store_files(store)
    for command in ("export", "render"):
        result = runner.invoke(app, [command, "-o", str(store / "CURRENT"), "--store", str(store)])
        assert error_line(result) == (
            f"Error: output inside a store folder ({store / 'CURRENT'}); write outside the store"
        )
    assert store_files(store) == before
    with Store.open(store, read_only=True) as st:
        assert "Donald Trump" in serialize(st.dataset, "nquads")


def test_render_to_fifo_refused(store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["render", "-o", str(fifo), "--store", str(store)])
    assert error_line(result) == f"Error: not a regular file ({fifo}); {RENDER_FIX}"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dash_is_standard_output(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open(store, read_only=True) as st:
        turtle, nquads = serialize(st.dataset, "turtle"), serialize(st.dataset, "nquads")
    result = runner.invoke(app, ["export", "-o", "-", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == turtle
    result = runner.invoke(app, ["export", "--format", "nquads", "-o", "-", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == nquads
    result = runner.invoke(app, ["export", "--format", "gexf", "-o", "-", "--store", str(store)])
    assert error_line(result) == "Error: gexf is written to a file; add -o graph.gexf"
    assert list(tmp_path.iterdir()) == []


def test_remove_on_empty_folder_creates_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["remove", "some-article", "--store", str(empty)])
    assert error_line(result) == (
        f"Error: no store at ({empty}); build one first with: kg build INPUT"
    )
    assert list(empty.iterdir()) == []


# --- labels from the data are escaped --------------------------------------------------


@pytest.fixture(scope="module")
def evil_nq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture graph as N-Quads, with Trump's rdfs:label retitling the terminal."""
    folder = tmp_path_factory.mktemp("evil")
    with Store.open(folder / "store") as st:
        st.replace_article(tariff_graph())
        text = serialize(st.dataset, "nquads")
    label = '<http://www.w3.org/2000/01/rdf-schema#label> "Donald Trump"'
    assert label in text
    text = text.replace(label, label.replace('"Donald', '"\\u001B]0;PWNED\\u0007Donald'))
    path = folder / "evil.nq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args", [["stats"], ["communities"], ["path", "Mr Trump", "tariff"]], ids=lambda a: a[0]
)
def test_labels_printed_with_escapes(evil_nq: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--store", str(evil_nq)], color=True)
    assert result.exit_code == 0, result.output
    assert SHOWN in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_format_stats_escapes_labels_and_types() -> None:
    result = Stats(
        articles=1, statements=1, direct_triples=1, relations=1, edges=1, entities=1,
        entities_by_type={"Person\x1b[2J": 1},
        top_entities=[RankedEntity("https://e/x", EVIL, "Person\x9b", 1.0)],
    )
    text = format_stats(result)
    assert SHOWN in text and "Person\\x1b[2J" in text and "Person\\x9b" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b")

"""Archives as inputs: a .zip or .tar(.gz/.bz2/.xz) reads as the folder it packs (same
articles, same order), a gzip/bzip2/xz file as the file it compresses; what cannot be
read is named in a warning or an error, never dropped silently; a damaged archive keeps
the members read before the damage; and ``kg build corpus.zip`` stores the same graph as
``kg build corpus/``."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import shutil
import stat
import tarfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError, InputWarning
from kg.ingest import iter_articles
from kg.ingest.archives import archive_kind, inner_name
from kg.model import Article
from kg.pipeline import source_order
from kg.rdf.store import Store

TEXTS = {
    "2024/jan/a.txt": "Angela Merkel met Joe Biden in Berlin on Monday.\n",
    "2024/feb/b.md": "# Storm hits coast\n\nRain fell on Dover for three days.\n",
    "c.txt": "Shell sold its Nigerian oil fields to a local consortium.\n",
    "news.jsonl": '{"text": "Tesla opened a factory in Texas."}\n'
                  '{"text": "Apple hired a new chief designer."}\n',
}


#: what names an article's source: its path, and the build key that covers it
SOURCED = {"http://purl.org/dc/terms/source", "https://w3id.org/kg/ontology#buildKey"}


def folder(root: Path, texts: dict[str, str] = TEXTS) -> Path:
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def pack_zip(src: Path, dest: Path, names: list[str] | None = None) -> Path:
    names = names or sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file())
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.write(src / name, name)
    return dest


def pack_tar(src: Path, dest: Path, mode: str = "w:gz", names: list[str] | None = None) -> Path:
    names = names or sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file())
    with tarfile.open(dest, mode) as t:
        for name in names:
            t.add(src / name, name)
    return dest


def read(*inputs: Path, max_bytes: int | None = None) -> list[object]:
    return list(iter_articles(list(inputs), max_bytes=max_bytes))


def texts(items: list[object]) -> list[tuple[str, str | None]]:
    return [(i.text, i.title) for i in items if isinstance(i, Article)]


def test_archive_kinds_by_name() -> None:
    assert [archive_kind(n) for n in ("a.zip", "a.TGZ", "a.tar.xz", "a.tar", "a.jsonl.gz",
                                      "a.txt.bz2", "a.txt", "a.gzip")] == [
        "zip", "tar", "tar", "tar", "compressed", "compressed", None, None]
    assert inner_name("dir/news.jsonl.gz") == "news.jsonl"
    assert inner_name("corpus.tar.gz") == "corpus.tar.gz"


def test_zip_and_tar_read_as_their_folder(tmp_path: Path) -> None:
    src = folder(tmp_path / "corpus")
    expected = texts(read(src))
    assert len(expected) == 5
    for archive in (pack_zip(src, tmp_path / "c.zip"), pack_tar(src, tmp_path / "c.tgz"),
                    pack_tar(src, tmp_path / "c.tar.bz2", "w:bz2"),
                    pack_tar(src, tmp_path / "c.tar.xz", "w:xz"),
                    pack_tar(src, tmp_path / "c.tar", "w")):
        items = read(archive)
        assert texts(items) == expected, archive.name
        sources = [i.source for i in items if isinstance(i, Article)]
        assert sources[0] == f"{archive}:2024/feb/b.md"
        assert sources[-2:] == [f"{archive}:news.jsonl:1", f"{archive}:news.jsonl:2"]


def test_a_tar_of_dot_reads_its_members(tmp_path: Path) -> None:
    """``tar -czf corpus.tgz .`` names every member ``./…``: not a hidden folder."""
    src = folder(tmp_path / "corpus")
    with tarfile.open(tmp_path / "dot.tgz", "w:gz") as t:
        t.add(src, ".")
    assert texts(read(tmp_path / "dot.tgz")) == texts(read(src))


def test_members_come_in_name_order_whatever_the_archive_order(tmp_path: Path) -> None:
    src = folder(tmp_path / "corpus")
    expected = texts(read(src))
    backwards = sorted(TEXTS, reverse=True)
    for archive in (pack_zip(src, tmp_path / "c.zip", backwards),
                    pack_tar(src, tmp_path / "c.tgz", names=backwards),  # unpacked to a file
                    pack_tar(src, tmp_path / "c.tar", "w", names=backwards)):
        assert texts(read(archive)) == expected, archive.name


def test_what_a_walk_skips_an_archive_skips(tmp_path: Path) -> None:
    src = folder(tmp_path / "corpus", {
        "a.txt": TEXTS["c.txt"], ".hidden.txt": "Hidden text about Paris.\n",
        ".git/notes.txt": "Git notes about London.\n", "__MACOSX/._a.txt": "\x00\x05junk",
        "graph.ttl": "@prefix kg: <https://w3id.org/kg/ontology#> .\n",
    })
    names = [".hidden.txt", ".git/notes.txt", "__MACOSX/._a.txt", "a.txt", "graph.ttl"]
    items = read(pack_zip(src, tmp_path / "c.zip", names))
    assert texts(items) == texts(read(src)) and len(items) == 1


def test_links_devices_nested_and_encrypted_members_are_named(tmp_path: Path) -> None:
    tar_path = tmp_path / "c.tar"
    with tarfile.open(tar_path, "w") as t:
        for info, data in _tar_entries():
            t.addfile(info, io.BytesIO(data) if data else None)
    items = read(tar_path)
    assert texts(items) == [(TEXTS["c.txt"].strip(), None)]
    assert [str(i) for i in items if isinstance(i, InputWarning)] == [
        f"archive member skipped ({tar_path}:fifo): not a regular file",
        f"archive inside an archive skipped ({tar_path}:inner.zip); unpack it and pass it "
        "as an input of its own",
        f"archive member skipped ({tar_path}:link.txt -> /etc/passwd): kg does not follow "
        "links; pass the file it names instead",
    ]
    zip_path = tmp_path / "c.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("locked.txt", "not really encrypted")
        z.writestr("z.txt", TEXTS["c.txt"])
    _mark_encrypted(zip_path, b"locked.txt")
    items = read(zip_path)
    assert texts(items) == [(TEXTS["c.txt"].strip(), None)]
    assert [str(i) for i in items if isinstance(i, InputWarning)] == [
        f"archive member skipped ({zip_path}:link.txt): a link; kg does not follow links, "
        "pass the file it names instead",
        f"encrypted archive member skipped ({zip_path}:locked.txt); unpack the archive "
        "with its password and pass the files",
    ]


def _mark_encrypted(path: Path, name: bytes) -> None:
    """Set the "encrypted" flag of member ``name`` in its local and central headers
    (zipfile writes no encrypted members)."""
    data = bytearray(path.read_bytes())
    for signature, flags, name_len, name_at in ((b"PK\x03\x04", 6, 26, 30),
                                                (b"PK\x01\x02", 8, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            length = int.from_bytes(data[at + name_len: at + name_len + 2], "little")
            if data[at + name_at: at + name_at + length] == name:
                data[at + flags] |= 0x1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _tar_entries() -> list[tuple[tarfile.TarInfo, bytes]]:
    link = tarfile.TarInfo("link.txt")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    fifo = tarfile.TarInfo("fifo")
    fifo.type = tarfile.FIFOTYPE
    data = TEXTS["c.txt"].encode()
    real = tarfile.TarInfo("c.txt")
    real.size = len(data)
    inner = tarfile.TarInfo("inner.zip")
    inner.size = 4
    return [(link, b""), (fifo, b""), (real, data), (inner, b"PK\x03\x04")]


def test_a_member_over_the_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    big = "Oil prices rose again in Asia. " * 40
    src = folder(tmp_path / "corpus", {"a.txt": TEXTS["c.txt"], "big.txt": big,
                                       "news.jsonl": TEXTS["news.jsonl"] * 20})
    for archive in (pack_zip(src, tmp_path / "c.zip"), pack_tar(src, tmp_path / "c.tgz")):
        items = read(archive, max_bytes=500)
        errors = [str(i) for i in items if isinstance(i, InputError)]
        assert errors == [f"input too large ({archive}:big.txt: {len(big):,} bytes); split "
                          "it, or raise --max-chars"]
        assert len(texts(items)) == 41  # JSON Lines members have no per-file limit


def test_a_damaged_archive_keeps_what_was_read_before(tmp_path: Path) -> None:
    src = folder(tmp_path / "corpus", {f"{i:03d}.txt": f"Article {i} says Rome won.\n" * 200
                                       for i in range(20)})
    whole = pack_tar(src, tmp_path / "whole.tar", "w").read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(gzip.compress(whole)[: len(gzip.compress(whole)) // 2])
    items = read(cut, tmp_path / "corpus" / "000.txt")
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].startswith(f"cannot read archive ({cut}: ")
    assert errors[0].endswith("); check that the file is complete, or unpack it and pass "
                              "its files")
    assert isinstance(items[-1], Article)  # the next input still builds
    zip_cut = tmp_path / "cut.zip"
    zip_cut.write_bytes(pack_zip(src, tmp_path / "whole.zip").read_bytes()[:3000])
    (error,) = read(zip_cut)
    assert str(error).startswith(f"cannot read archive ({zip_cut}: ")


def test_compressed_files_read_as_what_they_compress(tmp_path: Path) -> None:
    body = TEXTS["news.jsonl"].encode() * 6  # 12 records: record 10 sorts after 9
    for suffix, compress in ((".gz", gzip.compress), (".bz2", bz2.compress),
                             (".xz", lzma.compress)):
        path = tmp_path / f"news.jsonl{suffix}"
        path.write_bytes(compress(body))
        items = read(path)
        sources = [i.source for i in items if isinstance(i, Article)]
        assert sources == [f"{path}:{n}" for n in range(1, 13)]
        assert sorted(sources, key=source_order) == sources
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "graph.nq.gz").write_bytes(gzip.compress(b"<a> <b> <c> <g> .\n"))
    assert read(tmp_path / "dump") == []  # a compressed graph is not an article
    (error,) = read(tmp_path / "dump" / "graph.nq.gz")
    assert str(error).startswith("not an article (")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(
    st.lists(st.text("abcXY_-", min_size=1, max_size=4), min_size=1, max_size=3).map(
        lambda parts: "/".join(parts) + ".txt"),
    st.sampled_from([TEXTS["c.txt"], TEXTS["2024/jan/a.txt"], "Rain fell.\n\nRivers rose.\n",
                     "Prices rose.\n", "   \n"]),
    min_size=1, max_size=6))
def test_any_folder_and_its_zip_read_the_same(tmp_path: Path, tree: dict[str, str]) -> None:
    root = tmp_path / "t"
    shutil.rmtree(root, ignore_errors=True)
    names = sorted(tree)
    if any(b.startswith(a[:-4] + "/") for a in names for b in names):
        return  # a file and a folder of one name cannot both exist on disk
    folder(root / "corpus", tree)
    archive = pack_zip(root / "corpus", root / "c.zip")
    on_disk = read(root / "corpus")
    packed = read(archive)
    assert texts(packed) == texts(on_disk)
    assert [type(i) for i in packed] == [type(i) for i in on_disk]


def test_kg_build_of_a_zip_stores_what_the_folder_build_stores(tmp_path: Path) -> None:
    src = folder(tmp_path / "corpus")
    archive = pack_zip(src, tmp_path / "corpus.zip")
    runner = CliRunner()
    quads = []
    for name, source in (("folder", src), ("zip", archive)):
        store = tmp_path / name / "store"
        result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / name),
                                     "--no-html", "--no-exports", "--quiet", "--workers", "0"])
        assert result.exit_code == 0, result.output
        with Store.open(store, read_only=True) as st_:
            quads.append(sorted(str(q) for q in st_ if q.predicate.value not in SOURCED))
            sources = {str(q.object.value) for q in st_
                       if q.predicate.value == "http://purl.org/dc/terms/source"}
        assert len(sources) == 5
    assert quads[0] == quads[1]
    assert f"{archive}:2024/jan/a.txt" in sources
    again = runner.invoke(app, ["build", str(archive), "--out", str(tmp_path / "zip"),
                                "--no-html", "--no-exports", "--workers", "0"])
    assert again.exit_code == 0 and "unchanged" in again.output

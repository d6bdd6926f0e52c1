"""Articles packed in archives: ``.zip``, ``.tar`` (also gzip, bzip2 or xz compressed),
and single files compressed with gzip, bzip2 or xz (``news.jsonl.gz``).

News corpora are usually shipped this way, so ``kg build corpus.zip`` reads the members
as if the archive were a folder: one member at a time, never unpacked to disk (a member
named ``../../etc/passwd`` is only a name here), in **name order** — the order a folder
walk of the unpacked archive takes, so a build from the archive and one from its folder
store the same graph, and ``kg rebuild`` (which sorts by source) agrees with both.

A member's source is ``ARCHIVE:MEMBER`` (``corpus.zip:2024/a.txt``; a JSON Lines
member's records ``corpus.zip:news.jsonl:3``); a compressed single file is its own
source. What a folder walk skips silently, an archive walk skips too (folders, hidden
names, macOS ``__MACOSX`` forks; graph files through the caller's ``skipped``). What it
cannot read is named, never dropped silently: links and devices inside a tar, archives
inside an archive, encrypted members (warnings), a member over the size limit and a
damaged archive (errors; the members read before the damage are kept).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.errors import InputError, InputWarning


class _Reader(Protocol):
    """What a member is read from: an open file of bytes."""

    def read(self, size: int = -1, /) -> bytes: ...


#: Name endings of tar archives (compressed or not); checked before :data:`COMPRESSED`.
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")
#: Name ending of a single compressed file → how to open it.
COMPRESSED: dict[str, Callable[[Path], AbstractContextManager[_Reader]]] = {
    ".gz": lambda p: gzip.open(p, "rb"),
    ".bz2": lambda p: bz2.open(p, "rb"),
    ".xz": lambda p: lzma.open(p, "rb"),
}
#: The most one member may unpack to (as for standard input): a small archive can hold
#: gigabytes of zeros, and a member is read into memory whole.
MEMBER_MAX_BYTES = 1 << 30
#: What reading a damaged archive can raise.
_DAMAGED = (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, lzma.LZMAError,
            zlib.error, ValueError, RuntimeError, NotImplementedError)
#: First bytes of a compressed stream (a tar read out of order is unpacked to a file first).
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")


@dataclass(frozen=True)
class Member:
    """One file read from an archive: its source (``ARCHIVE:NAME``), its name inside the
    archive (whose extension gives its format) and its bytes."""

    source: str
    name: str
    data: bytes


def archive_kind(path: str | Path) -> str | None:
    """``"zip"``, ``"tar"`` or ``"compressed"`` (one gzip/bzip2/xz file) by the name's
    ending, else None."""
    name = Path(path).name.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(TAR_SUFFIXES):
        return "tar"
    if Path(name).suffix in COMPRESSED:
        return "compressed"
    return None


def inner_name(path: str | Path) -> str:
    """The name a compressed single file had before compression (``news.jsonl.gz`` →
    ``news.jsonl``); any other name unchanged."""
    name = Path(path).name
    return name[: -len(Path(name).suffix)] if archive_kind(name) == "compressed" else name


def members(
    path: Path, limit: Callable[[str], int | None], skipped: Callable[[str], bool]
) -> Iterator[Member | InputError | InputWarning]:
    """The members of archive ``path`` in name order (see the module docstring).

    ``limit(name)`` is the most bytes a member of that name may hold (None: no limit
    but :data:`MEMBER_MAX_BYTES`); ``skipped(name)`` is True for names a folder walk
    would leave out (graph files)."""
    kind = archive_kind(path)
    try:
        if kind == "zip":
            yield from _zip(path, limit, skipped)
        elif kind == "tar":
            yield from _tar(path, limit, skipped)
        else:
            name = inner_name(path)
            with COMPRESSED[Path(path).suffix.lower()](path) as handle:
                yield _read(handle, str(path), name, limit(name))
    except _DAMAGED as exc:
        yield InputError(f"cannot read archive ({path}: {_reason(exc)}); check that the "
                         "file is complete, or unpack it and pass its files")


def _zip(
    path: Path, limit: Callable[[str], int | None], skipped: Callable[[str], bool]
) -> Iterator[Member | InputError | InputWarning]:
    with zipfile.ZipFile(path) as archive:
        infos = sorted(archive.infolist(), key=lambda i: i.filename)  # stable on repeats
        for info in infos:
            name = info.filename
            if info.is_dir() or _hidden(name) or skipped(name):
                continue
            where = f"{path}:{name}"
            if archive_kind(name) is not None:
                yield _nested(where)
            elif stat.S_ISLNK(info.external_attr >> 16):
                yield InputWarning(f"archive member skipped ({where}): a link; kg does not "
                                   "follow links, pass the file it names instead")
            elif info.flag_bits & 0x1:
                yield InputWarning(f"encrypted archive member skipped ({where}); unpack "
                                   "the archive with its password and pass the files")
            else:
                with archive.open(info) as handle:
                    yield _read(handle, where, name, limit(name), info.file_size)


def _tar(
    path: Path, limit: Callable[[str], int | None], skipped: Callable[[str], bool]
) -> Iterator[Member | InputError | InputWarning]:
    with tarfile.open(path, "r:*") as archive:
        infos = archive.getmembers()
        order = sorted(range(len(infos)), key=lambda i: infos[i].name)
        if order != list(range(len(infos))) and _compressed(path):
            # out of name order: reading back in a compressed stream starts it over, once
            # per member; unpacked to a temporary file, each member is one seek away
            with tempfile.TemporaryFile() as plain:
                stream = archive.fileobj  # the decompressed stream
                assert stream is not None
                stream.seek(0)
                while chunk := stream.read(1 << 20):
                    plain.write(chunk)
                plain.seek(0)
                with tarfile.open(fileobj=plain, mode="r:") as unpacked:
                    yield from _tar_members(path, unpacked, order, limit, skipped)
            return
        yield from _tar_members(path, archive, order, limit, skipped)


def _tar_members(
    path: Path, archive: tarfile.TarFile, order: list[int],
    limit: Callable[[str], int | None], skipped: Callable[[str], bool],
) -> Iterator[Member | InputError | InputWarning]:
    infos = archive.getmembers()
    for i in order:
        info = infos[i]
        name = info.name
        if info.isdir() or _hidden(name) or skipped(name):
            continue
        where = f"{path}:{name}"
        if info.issym() or info.islnk():
            yield InputWarning(f"archive member skipped ({where} -> {info.linkname}): kg "
                               "does not follow links; pass the file it names instead")
        elif not info.isfile():
            yield InputWarning(f"archive member skipped ({where}): not a regular file")
        elif archive_kind(name) is not None:
            yield _nested(where)
        else:
            handle = archive.extractfile(info)
            assert handle is not None  # a regular file always has one
            with handle:
                yield _read(handle, where, name, limit(name), info.size)


def _read(
    handle: _Reader, where: str, name: str, limit: int | None, size: int | None = None
) -> Member | InputError:
    """Member ``name`` read from ``handle``, or an error when it holds more than ``limit``
    (or :data:`MEMBER_MAX_BYTES`) bytes: refused before reading when its stated ``size``
    says so, else by reading one byte past the limit."""
    most = MEMBER_MAX_BYTES if limit is None else min(limit, MEMBER_MAX_BYTES)
    if size is not None and size > most:
        return _too_large(where, f"{size:,} bytes", most, limit)
    data = handle.read(most + 1)
    if len(data) > most:
        return _too_large(where, f"over {most:,} bytes unpacked", most, limit)
    return Member(where, name, data)


def _too_large(where: str, size: str, most: int, limit: int | None) -> InputError:
    fix = ("split it, or raise --max-chars" if limit is not None and most == limit
           else "unpack it and pass its files")
    return InputError(f"input too large ({where}: {size}); {fix}")


def _nested(where: str) -> InputWarning:
    return InputWarning(f"archive inside an archive skipped ({where}); unpack it and pass "
                        "it as an input of its own")


def _hidden(name: str) -> bool:
    """True for a name a folder walk would not reach: a hidden file or folder on the
    way, or a macOS resource fork folder (``__MACOSX/``)."""
    parts = [p for p in name.split("/") if p not in ("", ".")]
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _compressed(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(6).startswith(_COMPRESSED_MAGIC)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text or type(exc).__name__


__all__ = ["Member", "archive_kind", "inner_name", "members"]

"""Writing output files safely: atomically, and with a full disk reported as such.

Every file kg writes for a user (the RDF text exports, GEXF/GraphML, graph.html)
goes through :func:`atomic_write`. The bytes go to a hidden temporary file in the
target's folder (``.graph.nq.tmp-<pid>``), which is flushed, ``fsync``-ed and then
renamed onto the target with :func:`os.replace` (atomic on POSIX within one file
system); finally the folder is ``fsync``-ed so the rename itself survives a power
cut. Readers therefore see either the older complete file or the new complete
one, never a truncated file, and on any failure (full disk, Ctrl-C, a serialiser
error) the temporary file is removed and the older file is left untouched.

A full disk (``ENOSPC``) or an exhausted quota (``EDQUOT``) is reported as
:class:`DiskFullError` (``disk full (<path>); free space or write to another
--out / -o``) rather than as a generic I/O or permission problem. RocksDB reports
the same condition as an ``OSError``/``RuntimeError`` whose message contains "No
space left on device"; :func:`is_disk_full` recognises both shapes.

What the target path names is checked before anything is written
(:func:`check_target`): a path that exists and is not a regular file (a device such
as ``/dev/null``, a FIFO, ``/dev/stdout``, a folder) is refused with
:class:`OutputError` rather than replaced by a regular file, and so is a path inside
an Oxigraph/RocksDB store folder (a parent holding ``CURRENT`` and ``IDENTITY``). A
symlink to a regular file is followed: the file it points at is replaced, the link
kept. The temporary file is created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` after any
entry at its (predictable) name is unlinked, so a symlink planted there cannot make
kg write to another file.

>>> with atomic_write(Path("output/graph.nq")) as f:     # doctest: +SKIP
...     f.write(b"...")
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import DiskFullError, OutputError

#: errno values that mean "no room left to write" (full file system, user quota).
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
#: How those errors read in messages of libraries that do not keep the errno (RocksDB).
DISK_FULL_TEXTS = (os.strerror(errno.ENOSPC).lower(), os.strerror(errno.EDQUOT).lower())


def disk_full(path: str | Path, fix: str = "free space or write to another --out / -o") -> (
    DiskFullError
):
    """The one-line :class:`DiskFullError` for ``path``: ``disk full (<path>); <fix>``."""
    return DiskFullError(f"disk full ({path}); {fix}")


def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc`` says the disk or quota is full: an ``OSError`` with errno
    ENOSPC/EDQUOT, or any error whose message says so (RocksDB through pyoxigraph
    raises ``OSError("IO error: No space left on device: ...")`` without an errno)."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return True
    if isinstance(exc, OSError | RuntimeError):
        text = str(exc).lower()
        return any(t in text for t in DISK_FULL_TEXTS)
    return False


def temp_path(target: Path) -> Path:
    """The hidden temporary name used while writing ``target``: ``.<name>.tmp-<pid>``
    in the same folder, so the final rename stays on one file system."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def remove_stale_temps(folder: Path, names: Iterable[str]) -> list[Path]:
    """Delete temporary files of ``names`` left in ``folder`` by a writer that is gone.

    A process killed with SIGKILL mid-write cannot remove its ``.<name>.tmp-<pid>``;
    the next writer of the same outputs calls this first. Temps of live processes
    (another kg writing now) are left alone. Returns the paths removed.
    """
    removed = []
    for name in names:
        for temp in folder.glob(f".{name}.tmp-*"):
            pid = temp.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
                temp.unlink(missing_ok=True)
                removed.append(temp)
    return removed


def pid_alive(pid: int) -> bool:
    """True when process ``pid`` exists (whoever owns it): its temporary files are live."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Best effort: some file systems (and
    Windows) do not let a folder be opened or synced; the rename already happened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


#: Files every Oxigraph (RocksDB) store folder holds; a folder with both is a store.
STORE_MARKERS = ("CURRENT", "IDENTITY")


def is_store_folder(folder: Path) -> bool:
    """True when ``folder`` holds an Oxigraph store (never an input, never an output)."""
    return all((folder / name).is_file() for name in STORE_MARKERS)


#: How to get around a target that is not a regular file (``kg export -o``).
NOT_REGULAR_FIX = "write to a regular file, or leave out -o to print to standard output"


def check_target(path: str | Path, not_regular_fix: str = NOT_REGULAR_FIX) -> Path:
    """The file :func:`atomic_write` will replace for ``path``, or :class:`OutputError`.

    A symlink is followed to the file it names. Refused: a ``path`` that exists and,
    after following symlinks, is not a regular file (``not a regular file
    (/dev/null); ...``: replacing it would turn a device, FIFO or ``/dev/stdout`` into
    a plain file), and a target inside a store folder, one whose parent or any
    ancestor holds ``CURRENT`` and ``IDENTITY`` (``output inside a store folder
    (out/store/CURRENT); ...``). Other errors of the check (a loop of links) propagate
    as ``OSError`` naming ``path``. ``not_regular_fix`` is the advice after the ``;``
    for a target that is not a regular file (a command without stdout output has other).
    """
    given = Path(path)
    try:
        info = os.stat(given)  # follows symlinks
    except (FileNotFoundError, NotADirectoryError):  # new file; mkdir reports a file parent
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"not a regular file ({given}); {not_regular_fix}")
    target = given.resolve() if given.is_symlink() else given
    real = target.resolve()  # absolute, ".." and linked folders resolved
    if any(is_store_folder(folder) for folder in real.parents):
        raise OutputError(f"output inside a store folder ({given}); write outside the store")
    return target


def _create_temp(tmp: Path) -> BinaryIO:
    """Create ``tmp`` new and exclusively: whatever sits at the name (a planted
    symlink, a stale file) is unlinked first (unlink never follows a link), and the
    open refuses to follow a link or reuse an entry that appears in between."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(tmp, flags, 0o666)  # the umask applies, as for open(..., "wb")
    try:
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def atomic_write(path: str | Path) -> Iterator[BinaryIO]:
    """Open a binary file whose content replaces ``path`` only once fully written.

    ``path`` is checked first (:func:`check_target`): one that exists and is not a
    regular file, or lies inside a store folder, raises :class:`OutputError` before
    anything is created. Missing parent folders are created. On success the data is
    flushed, fsync-ed and renamed onto ``path`` (a symlink at ``path`` is followed;
    the replaced file's permission bits are kept); if the body or any of those steps
    fails, the temporary file is deleted and an existing file at ``path`` is left as
    it was. A full disk raises :class:`DiskFullError` naming ``path``; other errors
    propagate unchanged.
    """
    target = check_target(path)
    tmp = temp_path(target)
    created = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _create_temp(tmp) as handle:
            created = True
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            with contextlib.suppress(OSError):  # keep the mode of the file replaced
                os.fchmod(handle.fileno(), stat.S_IMODE(os.stat(target).st_mode))
        check_target(path)  # again: the target may have changed while we wrote
        os.replace(tmp, target)
    except BaseException as exc:
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if is_disk_full(exc):
            raise disk_full(target) from None
        if isinstance(exc, OSError) and exc.filename == str(tmp):
            # Name the file the user asked for, not our temporary one.
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise
    fsync_dir(target.parent)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`); the path."""
    with atomic_write(path) as handle:
        handle.write(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`atomic_write`)."""
    return write_bytes(path, text.encode("utf-8"))


__all__ = [
    "DISK_FULL_ERRNOS",
    "DiskFullError",
    "atomic_write",
    "check_target",
    "disk_full",
    "fsync_dir",
    "is_store_folder",
    "pid_alive",
    "remove_stale_temps",
    "is_disk_full",
    "temp_path",
    "write_bytes",
    "write_text",
]

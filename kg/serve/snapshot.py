"""Serve a store while ``kg build`` writes it: read-only snapshots, refreshed after builds.

RocksDB calls reading a database while another process writes it undefined behaviour,
which is why kg's read-only open shares a lock that a writer takes exclusively
(:meth:`kg.rdf.store.Store.open`). pyoxigraph 0.5 has no secondary (follower)
instance, and a checkpoint taken through a read-only instance (``Store.backup``) lacks
whatever is still only in the write-ahead log. So the server reads a snapshot of its
own instead:

* :meth:`Snapshots.take` holds the store's shared read lock (``Store.open(...,
  read_only=True)``: no writer can be open meanwhile) and makes a new folder in which
  the immutable table files (``*.sst``, ``*.blob``) are hard links and the few mutable
  files (``CURRENT``, ``MANIFEST-*``, ``OPTIONS-*``, the write-ahead ``*.log``) are
  copies. That takes milliseconds and almost no space; the snapshot is a complete,
  consistent RocksDB database that nobody ever writes, so the workers can read it for
  as long as they like and a build can open the store at any time.
* :meth:`Snapshots.changed` compares the store's file listing (names, sizes, mtimes)
  with the one seen under the lock at the last snapshot. The server checks it every
  second; a store whose listing changed and then stayed still for one check (a build
  that has finished and closed it) gets a new snapshot, and the workers move to it.

So readers see the store as it was when the server started (or at the last refresh)
until a build finishes; a build that is still running is never seen half done. The
snapshots live in a temporary folder on the store's file system (hard links need
one: the system's ``kg-serve-*``, else a hidden ``.kg-serve-*`` beside the store) and
are deleted when no worker reads them and when the server stops.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from kg.rdf.store import Store

#: Files of a RocksDB folder never modified after they are written: linked, not copied.
_IMMUTABLE = (".sst", ".blob")
#: Files a snapshot leaves out: the lock and RocksDB's info logs.
_SKIPPED = ("LOCK", "LOG")

Signature = tuple[tuple[str, int, int], ...]


def signature(folder: Path) -> Signature:
    """Names, sizes and modification times of the store's files (its lock and logs left out)."""
    out = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name in _SKIPPED or entry.name.startswith("LOG."):
                continue
            with contextlib.suppress(FileNotFoundError):
                stat = entry.stat()
                out.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(out))


class Snapshots:
    """Snapshots of the store folder ``store``, kept under one temporary folder."""

    def __init__(self, store: Path) -> None:
        self.store = store
        parent = _snapshot_parent(store)
        hidden = "" if parent == Path(tempfile.gettempdir()) else "."  # beside the store
        self.root = Path(tempfile.mkdtemp(prefix=f"{hidden}kg-serve-", dir=parent))
        self._count = 0
        #: The listing seen under the lock at the last snapshot.
        self.seen: Signature = ()
        self._pending: Signature | None = None

    def take(self) -> Path:
        """A new snapshot folder of the store; StoreError when it is locked by a writer."""
        with Store.open(self.store, read_only=True):
            seen = signature(self.store)
            self._count += 1
            target = self.root / f"snapshot-{self._count}"
            target.mkdir()
            try:
                for name, _, _ in seen:
                    _link_or_copy(self.store / name, target / name)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
        self.seen = seen
        self._pending = None
        return target

    def changed(self) -> bool:
        """True when the store changed since the last snapshot and has stayed still since
        the previous call (a build that finished, not one still writing)."""
        now = signature(self.store)
        if now == self.seen:
            self._pending = None
            return False
        still = now == self._pending
        self._pending = now
        return still

    def drop(self, snapshot: Path) -> None:
        """Delete one snapshot folder (no worker may still read it)."""
        shutil.rmtree(snapshot, ignore_errors=True)

    def close(self) -> None:
        """Delete every snapshot."""
        shutil.rmtree(self.root, ignore_errors=True)


def _snapshot_parent(store: Path) -> Path:
    """The system's temporary folder when it is on the store's file system (so hard
    links work), else the folder that holds the store."""
    tmp = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        if os.stat(tmp).st_dev == os.stat(store).st_dev:
            return tmp
    return store.resolve().parent


def _link_or_copy(source: Path, target: Path) -> None:
    if source.name.endswith(_IMMUTABLE):
        try:
            os.link(source, target)
            return
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
    shutil.copy2(source, target)


__all__ = ["Signature", "Snapshots", "signature"]

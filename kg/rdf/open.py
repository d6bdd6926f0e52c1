"""Open the store a ``--store`` value names: a folder (embedded Oxigraph) or the URL of a
SPARQL 1.1 server (:mod:`kg.rdf.remote`).

Commands call :func:`open_store` where they opened :meth:`Store.open
<kg.rdf.store.Store.open>`, so every command that takes ``--store`` accepts both.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from kg.rdf.store import Store


def is_remote(target: object) -> TypeGuard[str]:
    """True when ``target`` (a ``--store`` value) is the URL of a SPARQL server."""
    return isinstance(target, str) and target.lower().startswith(("http://", "https://"))


def open_store(target: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
    """The store at ``target``: a :class:`~kg.rdf.remote.RemoteStore` for an ``http(s)://``
    URL (checked to answer, and to accept updates unless ``read_only``), else the store
    folder (:meth:`Store.open <kg.rdf.store.Store.open>` with ``create``/``read_only``)."""
    if is_remote(target):
        from kg.rdf.remote import RemoteStore  # httpx loads only for a server

        return RemoteStore.connect(str(target), read_only=read_only)
    from kg.rdf.store import Store  # rdflib and the rest load when a store is opened

    return Store.open(target, create=create, read_only=read_only)


__all__ = ["is_remote", "open_store"]

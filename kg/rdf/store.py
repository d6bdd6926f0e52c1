"""The RDF store: one named graph per article, persisted on disk by Oxigraph.

:class:`Store` owns an embedded Oxigraph database (RocksDB folder, no server); kg reads
and writes it in pyoxigraph terms (SPARQL in Oxigraph: a full-scan COUNT over 200k
triples took 0.09 s vs 2.6 s in rdflib's memory store; bulk writes ~3x faster than
rdflib's ``Graph.addN``). For Python users who want rdflib, :attr:`Store.dataset` shows
the same store as an rdflib Dataset (oxrdflib), made on first use.

Each article's graph is written in one Oxigraph (RocksDB) transaction, so no reader and
no crash ever sees it half-written: a new article is added with one ``Store.extend``;
rebuilding one replaces its graph with one SPARQL update that deletes the stale triples
and inserts the new ones (Oxigraph runs a whole update request as one transaction). The
new triples are computed first (a mapping error leaves the store untouched); unchanged
triples are not rewritten. Its ``kg:buildKey`` is written in the same transaction, so a
key never vouches for a graph that is not complete.

The ontology is *not* loaded into the store by default: exports then hold only data
and ``?x rdfs:label ?l`` matches only entities and relations. Call
:meth:`Store.add_ontology` to load ``ontology/kg.ttl`` into its own named graph
(:data:`ONTOLOGY_GRAPH`) when class labels or the class hierarchy must be queryable.

>>> from kg.model import Article, ArticleGraph
>>> with Store.memory() as store:
...     triples = store.replace_article(ArticleGraph(Article(id="a1", text="Hi."), [], [], []))
...     print(store.article_ids(), triples, len(store))
['a1'] 4 4
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from kg.errors import FormatError, KgError, StoreError
from kg.fsio import disk_full, fsync_dir, is_disk_full, pid_alive
from kg.model import ArticleGraph
from kg.rdf import iri
from kg.rdf.bulk import BulkWriter
from kg.rdf.mapping import DEFAULT_DETAIL, article_triples
from kg.rdf.vocab import ART, FILE_DEFAULT_GRAPH, KG, PREFIX_IRIS

if TYPE_CHECKING:  # rdflib (~0.3 s to import) only for readers that ask for it
    from kg.rdf.rdflib_terms import StoreDataset

#: Named graph that holds the ontology when :meth:`Store.add_ontology` loaded it.
ONTOLOGY_GRAPH = ox.NamedNode(str(KG).rstrip("#"))
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

#: Quads of new articles written per bulk ingest in :meth:`Store.bulk` (~230 generated
#: articles). Each ingest adds sorted files that overlap what is stored, which RocksDB's
#: background compaction then merges: the fewer ingests, the less it rewrites, and that
#: cost grows with the store. 2,000 articles, two workers: 50,000 quads per ingest spent
#: 28.6 CPU-s in compaction threads (the writer 48.8 in all), 200,000 spent 6.9 (32.7),
#: 400,000 2.9 (30.3, but ~720 MB writer peak RSS against ~400). Per article, batches beat
#: single writes anyway (300 articles: one ``extend`` each 7.3 CPU-s, 20-article
#: ingests 2.5). docs/benchmarks.md, "Bulk ingest" and "2026-12-03".
BULK_QUADS = 200_000

#: The fix a full disk under the store suggests (see :func:`kg.fsio.disk_full`).
STORE_DISK_FULL_FIX = "free space or pass another --store"
_BUILD_KEY = ox.NamedNode(str(KG.buildKey))

#: File suffix → Oxigraph format, for :func:`open_source`.
FILE_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}


class Store:
    """Articles as named graphs in an Oxigraph database (see the module docstring)."""

    def __init__(
        self,
        inner: ox.Store,
        path: Path | None = None,
        *,
        read_only: bool = False,
        lock_fd: int | None = None,
    ) -> None:
        self._oxigraph: ox.Store | None = inner
        self._dataset: StoreDataset | None = None
        self.path = path
        #: True when opened with ``read_only=True``: nothing is ever written to disk.
        self.read_only = read_only
        self._lock_fd = lock_fd
        #: What collects new graphs for bulk ingests (inside :meth:`bulk` only)
        self._bulk: BulkWriter | None = None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
        """Open the store folder at ``path``, creating it (and parents) if needed.

        A non-empty folder that holds no store is refused rather than filled with
        database files (``--store output`` instead of ``output/store``); with
        ``create=False`` a missing store is an error too.

        ``read_only=True`` (what the read commands use) writes nothing at all: no
        folder, no RocksDB LOG/OPTIONS file, no flush on close, so reading works on a
        full or read-only disk; a missing store is an error. Because RocksDB calls
        reading while another process writes "undefined behaviour", a read-only open
        takes a shared POSIX lock on the store's ``LOCK`` file, which a read-write
        open locks exclusively: readers and a writer exclude each other and both get
        ``store is locked, already open elsewhere``; readers share. The lock is held
        until :meth:`close`. POSIX locks belong to the process, so closing *any*
        descriptor of that file in this process drops it: do not open one store
        folder twice in one process (neither read-write nor read-only).
        """
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise StoreError(
                f"store path is a file ({folder}); pass a folder for the store "
                "(an exported RDF file can be read with kg query/export --store FILE)"
            )
        is_store = (folder / "CURRENT").is_file()
        if not is_store and folder.is_dir() and _looks_damaged(folder):
            raise StoreError(
                f"store is damaged ({folder}): its CURRENT file is missing; restore the "
                "folder from a backup, or build the store again from the sources"
            )
        if not is_store and (read_only or not create):
            raise StoreError(f"no store at ({folder}); build one first with: kg build INPUT")
        if not is_store and folder.is_dir() and any(folder.iterdir()):
            raise StoreError(
                f"folder is not a kg store ({folder}); pass the store folder "
                "(e.g. output/store) or a new or empty folder"
            )
        if read_only:
            lock_fd = _shared_lock(folder)
            try:
                inner = ox.Store.read_only(str(folder))
            except (OSError, RuntimeError) as exc:
                _unlock(lock_fd)
                raise _open_error(folder, exc) from None
            return cls(inner, folder, read_only=True, lock_fd=lock_fd)
        try:
            if not is_store:
                _create(folder)
            inner = ox.Store(str(folder))
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            raise _open_error(folder, exc) from None
        _drop_bulk_files(folder)  # of a bulk ingest killed before it ended
        return cls(inner, folder)

    @classmethod
    def memory(cls) -> Store:
        """A store that lives in memory only (tests, one-off queries)."""
        return cls(ox.Store())

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Flush (unless read-only) and release the database and its lock, so it can be
        reopened. A full disk during the flush raises :class:`kg.fsio.DiskFullError`.

        A store opened read-write is then opened and closed once more: RocksDB deletes
        the write-ahead log its flush made obsolete only when it next opens the store,
        and after a build that log is most of the folder (60 MB of store shrink to 20 MB
        after 20 articles). Skipped silently if another process took the store meanwhile.
        """
        if self._oxigraph is not None:
            flushed = False
            try:
                if self.path is not None and not self.read_only:
                    try:
                        self._oxigraph.flush()
                    except (OSError, RuntimeError) as exc:
                        raise _write_error(self.path, exc) from None
                    flushed = True
            finally:
                if self._dataset is not None:
                    self._dataset.close()  # a Dataset kept by a caller lets go too
                self._oxigraph = None
                self._dataset = None
                if self._lock_fd is not None:
                    _unlock(self._lock_fd)
                    self._lock_fd = None
            if flushed and self.path is not None:
                _drop_obsolete_log(self.path)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk work and fast SPARQL)."""
        if self._oxigraph is None:
            raise StoreError(f"store is closed ({self.path or ':memory:'}); open it again")
        return self._oxigraph

    @property
    def dataset(self) -> StoreDataset:
        """The store as an rdflib Dataset; its default graph is the union of all graphs.

        For Python users who want rdflib terms: reads and writes go to this store and
        SPARQL runs in Oxigraph. kg itself never goes through it. Made on first use;
        closing the store closes it. String literals come back typed ``xsd:string`` (the
        same RDF term as a plain literal, but rdflib compares ``Literal("x")`` unequal
        to it): :func:`kg.query.run_query` gives them plain.
        """
        if self._dataset is None:
            from kg.rdf.rdflib_terms import StoreDataset

            self._dataset = StoreDataset(self.oxigraph)
        return self._dataset

    def replace_article(
        self, graph: ArticleGraph, build_key: str | None = None, detail: str = DEFAULT_DETAIL
    ) -> int:
        """Store ``graph`` as its article's named graph, replacing any previous version.

        Returns the number of quads written for it (inside :meth:`bulk`, before the
        bulk loader drops repeats: ~3 % more than the graph holds). Rebuilding the same
        article any number of times leaves exactly one copy of its triples.
        ``build_key`` (``kg:buildKey``) lets a later build see the article is current;
        ``detail`` is the profile (:data:`kg.rdf.mapping.DETAILS`).
        """
        name = iri.article_iri(graph.article.id)
        triples = list(article_triples(graph, detail))
        if build_key is not None:
            triples.append((name, _BUILD_KEY, ox.Literal(build_key)))
        if self._bulk is not None and self._collects(name):
            end = f" {name} .\n"  # N-Quads lines straight from the terms: no Quad objects
            self._bulk.add(name, "".join([f"{s} {p} {o}{end}" for s, p, o in triples]),
                           len(triples))
            return len(triples)
        return self.replace_graph(name, {ox.Quad(s, p, o, name) for s, p, o in triples})

    def replace_graph(self, name: ox.NamedNode, quads: Collection[ox.Quad]) -> int:
        """Make named graph ``name`` hold exactly ``quads`` (all in graph ``name``; repeats
        count once), in one transaction: readers and a crash see the old graph or the
        new one, never a mix. Returns the number of quads written (see
        :meth:`replace_article`).

        A graph that does not exist yet (every article of a fresh build) is added with
        one ``extend`` (the fast path), or, inside :meth:`bulk`, collected for the next
        bulk ingest; an existing one is replaced by one SPARQL update, ``DELETE DATA``
        of the stale triples then ``INSERT DATA`` of the new ones (or, when a stale
        triple has a blank node, which ``DELETE DATA`` cannot name, ``DROP GRAPH`` then
        ``INSERT DATA`` of the whole graph). Nothing is written when nothing changed.
        """
        if self._bulk is not None and self._collects(name):
            self._bulk.add(name, "".join(f"{q} .\n" for q in quads), len(quads))
            return len(quads)
        store = self.oxigraph
        quads = set(quads)
        try:
            if not store.contains_named_graph(name):
                if quads:  # sorted: a memory store then iterates deterministically, and
                    store.extend(sorted(quads, key=str))  # on disk it writes ~1.5x faster
            else:
                old = set(store.quads_for_pattern(None, None, None, name))
                stale = old - quads
                added = quads - old
                if stale:
                    store.update(_replacement(name, stale, added, quads))
                elif added:
                    store.extend(sorted(added, key=str))
        except (OSError, RuntimeError) as exc:
            raise _write_error(self.path or ":memory:", exc) from None
        return len(quads)

    def _collects(self, name: ox.NamedNode) -> bool:
        """Whether graph ``name`` goes to the next bulk ingest (inside :meth:`bulk`):
        the store does not hold it once any earlier version has gone in."""
        assert self._bulk is not None
        self._bulk.settle(name)
        return not self.oxigraph.contains_named_graph(name)

    @contextlib.contextmanager
    def bulk(self, quads: int | None = None) -> Iterator[None]:
        """Write new graphs in bulk while inside: what :meth:`replace_article` or
        :meth:`replace_graph` adds to a graph the store does not hold is collected as
        N-Quads text, then written with Oxigraph's bulk loader whenever ``quads``
        (default :data:`BULK_QUADS`) are waiting, and on exit
        (:class:`kg.rdf.bulk.BulkWriter`). One ingest is one atomic commit: readers
        and a crash see all of its graphs or none (a killed build loses at most what
        was waiting or loading; its next run builds those articles again). An ingest
        runs in a background thread while the caller goes on; its error (a full disk)
        is raised by the next write, at the latest on exit. A memory store, or a graph
        being replaced, is written at once as outside.
        """
        if self.path is None or self._bulk is not None:
            yield  # a memory store, or already inside
            return
        self._bulk = BulkWriter(self.oxigraph, BULK_QUADS if quads is None else quads,
                                self._ingest_failed)
        try:
            yield
        finally:
            try:
                self._bulk.close()
            finally:
                self._bulk = None

    def ingest_waiting(self) -> None:
        """Start the bulk ingest of what waits now, before :data:`BULK_QUADS` do, if
        this :meth:`bulk` has ingested before (nothing happens outside one). A build
        calls it when its last few articles are still being parsed, so less is left to
        ingest after them (:meth:`kg.rdf.bulk.BulkWriter.write_early`)."""
        if self._bulk is not None:
            self._bulk.write_early()

    def _ingest_failed(self, exc: BaseException) -> KgError:
        """The error of a failed bulk ingest, once the files it left are gone."""
        if self.path is not None:  # a file cut short by a full disk: free its room
            _drop_bulk_files(self.path)
        return _write_error(self.path or ":memory:", exc)

    def flush(self) -> None:
        """Write the database's memory tables to disk now (a long build calls it so its
        memory stays flat); a full disk or failed write raises the one-line error."""
        try:
            self.oxigraph.flush()
        except (OSError, RuntimeError) as exc:
            raise _write_error(self.path or ":memory:", exc) from None

    def remove_article(self, article_id: str) -> bool:
        """Delete the article's named graph; False when the store did not hold it."""
        name = iri.article_iri(article_id)
        store = self.oxigraph
        if not store.contains_named_graph(name):
            return False
        try:
            store.remove_graph(name)
        except (OSError, RuntimeError) as exc:
            raise _write_error(self.path or ":memory:", exc) from None
        return True

    def article_ids(self) -> list[str]:
        """Ids of the stored articles (from their dcterms:identifier), sorted."""
        result = self.oxigraph.query(
            "SELECT DISTINCT ?id WHERE { GRAPH ?g { ?g a kg:Article ; dcterms:identifier ?id } }",
            prefixes=PREFIX_IRIS,
        )
        assert isinstance(result, ox.QuerySolutions)
        return sorted(str(row["id"].value) for row in result)

    def article_graphs(self) -> list[str]:
        """IRIs of the article named graphs (as strings), sorted."""
        return sorted(
            g.value
            for g in self.oxigraph.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(str(ART))
        )

    def add_ontology(self) -> int:
        """Load ontology/kg.ttl into :data:`ONTOLOGY_GRAPH` (replacing it); triple count."""
        quads = set(ontology_quads(ONTOLOGY_GRAPH))
        self.replace_graph(ONTOLOGY_GRAPH, quads)
        return len(quads)

    def __len__(self) -> int:
        """Number of quads: triples counted once per named graph holding them."""
        return len(self.oxigraph)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.oxigraph)


if TYPE_CHECKING:
    #: What kg's readers (SPARQL, exports, the views) take: a kg Store, its rdflib
    #: Dataset view (:attr:`Store.dataset`), or a pyoxigraph Store.
    StoreLike: TypeAlias = Store | StoreDataset | ox.Store


def __getattr__(name: str) -> object:
    """``StoreLike`` (what kg's readers take: a kg Store, its rdflib Dataset view, or a
    pyoxigraph Store), made when first asked for: it names rdflib's Dataset, and
    importing rdflib is left to the readers that use it (a build never does)."""
    if name == "StoreLike":
        from kg.rdf.rdflib_terms import StoreDataset

        value = Store | StoreDataset | ox.Store
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def oxigraph_of(source: StoreLike) -> ox.Store:
    """The pyoxigraph store of a kg :class:`Store` or its Dataset (or ``source`` itself)."""
    if isinstance(source, Store):
        return source.oxigraph
    if isinstance(source, ox.Store):
        return source
    from kg.rdf.rdflib_terms import StoreDataset

    if isinstance(source, StoreDataset):
        return source.oxigraph
    raise TypeError(f"cannot read {type(source).__name__}; pass a kg Store or a pyoxigraph Store")


def _drop_obsolete_log(folder: Path) -> None:
    """Open and close the store at ``folder`` so RocksDB deletes write-ahead logs that
    a flush made obsolete; any failure (the store taken by another process) is ignored:
    the log is then deleted by whoever opens the store next."""
    with contextlib.suppress(OSError, RuntimeError):
        ox.Store(str(folder))  # dropped at once: CPython closes it here


def _drop_bulk_files(folder: Path) -> None:
    """Delete the sorted files a bulk ingest was writing (``bulk-<n>.sst``) that it did
    not hand to RocksDB: left by a killed or failed ingest, they hold no data of the
    store. Only the process holding the store's lock calls this (nobody else ingests)."""
    for stray in folder.glob("bulk-*.sst"):
        stray.unlink(missing_ok=True)


def _create(folder: Path) -> None:
    """Create an empty store at ``folder`` atomically: initialised in a hidden sibling
    folder (``.store.new-<pid>``), then renamed into place. A process killed while
    RocksDB creates its files (before Oxigraph has written its version) would otherwise
    leave a folder that a read-only open refuses; now ``folder`` is either absent (or
    empty) or a complete store. Leftovers of killed creators are removed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in folder.parent.glob(f".{folder.name}.new-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    temp = folder.with_name(f".{folder.name}.new-{os.getpid()}")
    shutil.rmtree(temp, ignore_errors=True)
    created = ox.Store(str(temp))
    created.flush()
    del created  # closes the database (and its lock) before the rename
    if folder.is_dir():
        folder.rmdir()  # empty (checked by the caller): the rename needs the name free
    os.replace(temp, folder)
    fsync_dir(folder.parent)


def _replacement(
    name: ox.NamedNode, stale: set[ox.Quad], added: set[ox.Quad], quads: set[ox.Quad]
) -> str:
    """One SPARQL update (so one transaction) that turns graph ``name`` into ``quads``:
    delete ``stale``, insert ``added``. Terms are written in N-Triples syntax, which
    SPARQL reads as is (escapes included)."""
    if any(isinstance(t, ox.BlankNode) for q in stale for t in (q.subject, q.object)):
        return f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{_body(quads)}}} }}"
    update = f"DELETE DATA {{ GRAPH {name} {{\n{_body(stale)}}} }}"
    if added:
        update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{_body(added)}}} }}"
    return update


def _body(quads: Iterable[ox.Quad]) -> str:
    """The triples of ``quads``, one N-Triples line each, sorted (deterministic text)."""
    return "".join(f"{q.triple} .\n" for q in sorted(quads, key=str))


def _open_error(folder: Path, exc: BaseException) -> KgError:
    """The one-line error for a failed open: locked, disk full, or not a store."""
    reason = str(exc).lower()
    if "lock" in reason:
        return StoreError(
            f"store is locked, already open elsewhere ({folder}); close the other kg "
            "command or pass another --store"
        )
    if is_disk_full(exc):
        return disk_full(folder, STORE_DISK_FULL_FIX)
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StoreError(
        f"cannot open store ({folder}): {first}; "
        "check the folder holds a kg store (or pass an empty folder)"
    )


def _write_error(where: str | Path, exc: BaseException) -> KgError:
    """The one-line error for a failed store write; a full disk is named as such."""
    if is_disk_full(exc):
        return disk_full(where, STORE_DISK_FULL_FIX)
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StoreError(f"cannot write store ({where}): {first}; check disk space")


def _shared_lock(folder: Path) -> int | None:
    """Take a shared, non-blocking POSIX lock (``F_SETLK``/``F_RDLCK``) on the store's
    ``LOCK`` file and return its descriptor (None where there is nothing to lock).

    RocksDB locks the same file exclusively (``F_WRLCK``) for a read-write open, so
    the two conflict across processes, while several readers share the lock. A
    store without a LOCK file (copied without it) is opened unlocked: creating the
    file would write, and no writer has had it open.
    """
    if fcntl is None:  # pragma: no cover - Windows: no POSIX locks
        return None
    try:
        fd = os.open(folder / "LOCK", os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _open_error(folder, exc) from None
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            raise _open_error(folder, OSError("lock held by another process")) from None
        raise _open_error(folder, exc) from None
    return fd


def _unlock(fd: int | None) -> None:
    """Release a lock taken by :func:`_shared_lock` (closing the descriptor does)."""
    if fd is not None:
        os.close(fd)


def _looks_damaged(folder: Path) -> bool:
    """True when ``folder`` holds RocksDB files (IDENTITY, MANIFEST-*, *.sst) but no
    CURRENT file: a store with a file lost, not a folder that never held one."""
    names = {p.name for p in folder.iterdir()}
    return "IDENTITY" in names or any(
        n.startswith("MANIFEST-") or n.endswith(".sst") for n in names
    )


def ontology_quads(
    graph: ox.NamedNode | None = None, name: str = "kg.ttl"
) -> Iterable[ox.Quad]:
    """The triples of ``ontology/<name>`` as quads in ``graph`` (default graph if None)."""
    target = graph if graph is not None else ox.DefaultGraph()
    path = ONTOLOGY_DIR / name
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(quad.subject, quad.predicate, quad.object, target)


def open_source(path: str | Path) -> Store:
    """A :class:`Store` to read from: the store in a folder, or an RDF file parsed in memory.

    Files (.ttl, .trig, .nq, .nt, .jsonld) are loaded into an in-memory Oxigraph
    store, so queries over them run at the same speed as over a store. Triples a
    file puts in the default graph (all of a Turtle or N-Triples export) are moved
    into one named graph, :data:`~kg.rdf.vocab.FILE_DEFAULT_GRAPH`, so queries written
    as ``GRAPH ?g { ... }`` (like the ready queries) work on every source. A folder is
    opened read-only (with its shared lock): close the store when done (``with``).
    """
    source = Path(path)
    if source.is_dir():
        return Store.open(source, read_only=True)
    if not source.is_file():
        raise StoreError(f"no store or RDF file at ({source}); check the path")
    fmt = FILE_FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise FormatError(
            f"unknown RDF file type ({source.suffix or source.name}); use one of: "
            + ", ".join(FILE_FORMATS)
        )
    inner = ox.Store()
    try:
        quads = list(ox.parse(path=str(source), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"cannot parse RDF file ({source}): {first}; check the file") from None
    inner.extend(
        ox.Quad(q.subject, q.predicate, q.object, FILE_DEFAULT_GRAPH)
        if isinstance(q.graph_name, ox.DefaultGraph)
        else q
        for q in quads
    )
    return Store(inner)


__all__ = [
    "FILE_DEFAULT_GRAPH",
    "FILE_FORMATS",
    "ONTOLOGY_GRAPH",
    "Store",
    "StoreLike",
    "ontology_quads",
    "open_source",
    "oxigraph_of",
]

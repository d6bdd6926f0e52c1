"""A kg store kept by a SPARQL 1.1 server (``--store http://HOST:PORT``), shared by many
builders and readers.

:class:`RemoteStore` is a :class:`~kg.rdf.store.Store` whose data lives in a server that
speaks SPARQL 1.1 Query (``/query``), Update (``/update``) and the Graph Store HTTP
Protocol (``/store``): the layout of ``oxigraph serve``. It writes what a build writes
(:meth:`~RemoteStore.replace_article`, :meth:`~RemoteStore.remove_article`) and reads
through :attr:`Store.oxigraph <kg.rdf.store.Store.oxigraph>`, which here is a
:class:`RemoteReader`: the part of the pyoxigraph ``Store`` API kg's readers call
(``query``, ``quads_for_pattern`` of one whole graph, ``named_graphs``, ``len``, iteration),
answered by the server. So the pipeline, the exports, ``kg stats``, ``kg render`` and the
SPARQL runner work on a server unchanged; anything else of pyoxigraph's API raises a
one-line :class:`~kg.errors.StoreError`.

Writes keep the rules of the embedded store. Each article is replaced in **one request**,
``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, which Oxigraph evaluates as
one transaction: a reader sees the old graph or the new one, never a gap or a mix, and a
killed build leaves every article whole (its ``kg:buildKey`` is in the same graph, so a
re-run rebuilds exactly the articles not stored). Oxigraph refuses SPARQL bodies over
1 MiB; a larger article graph is first put into a staging graph (GSP ``PUT``), then
``MOVE GRAPH <staging> TO GRAPH <g>`` swaps it in, again in one transaction. The staging
graph of an article is named after it, so a re-run after a crash in between overwrites
and moves it away. A GSP ``PUT`` of the article graph itself is *not* atomic on Oxigraph
(it clears the graph, then loads: readers can see it empty), so it is never used for that.

Exports stream: one GSP ``GET`` per named graph, so memory holds one article at a time.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any, NoReturn, cast

import httpx
import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf import iri
from kg.rdf.store import Store
from kg.rdf.vocab import ID_BASE

#: Oxigraph's limit on a SPARQL request body (``MAX_SPARQL_BODY_SIZE``, 1 MiB), less room.
MAX_UPDATE_BYTES = 1_000_000
#: Where an article graph too large for one update is staged before it is swapped in.
STAGING_BASE = ID_BASE + "staging/"
#: Seconds to wait for the server to accept a connection, and for an answer.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 300.0
#: How a user starts the server kg expects (error messages and docs).
SERVE_HINT = "oxigraph serve --location DIR --bind 127.0.0.1:7878"

_RESULTS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"
_QUADS = "application/n-quads"


class RemoteReader:
    """The read side of a SPARQL server in the shape of a pyoxigraph ``Store`` (the
    subset kg uses; see the module docstring). Results come back as pyoxigraph objects.

    The HTTP client is made per process, so a forked child (``kg query`` runs queries in
    one) never shares the parent's connections.
    """

    def __init__(self, url: str, timeout: float = READ_TIMEOUT) -> None:
        self.url = url.rstrip("/")
        self._timeout = httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)
        self._client: httpx.Client | None = None
        self._pid = 0

    # -- HTTP ---------------------------------------------------------------------------

    def _http(self) -> httpx.Client:
        if self._client is None or self._pid != os.getpid():
            self._client = httpx.Client(base_url=self.url, timeout=self._timeout)
            self._pid = os.getpid()
        return self._client

    def close(self) -> None:
        """Close the connections of this process (a forked child's are its own)."""
        if self._client is not None and self._pid == os.getpid():
            self._client.close()
        self._client = None

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request to the server; any failure becomes a one-line StoreError."""
        response = self._send(method, path, **kwargs)
        if response.status_code >= 300:
            self._refused(path, response)
        return response

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request; a transport failure (no server, timeout) is a StoreError."""
        try:
            return self._http().request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self._fail(path, exc)

    def _fail(self, path: str, exc: httpx.HTTPError) -> NoReturn:
        where = f"{self.url}{path}"
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            raise StoreError(
                f"SPARQL server did not answer in time ({where}); check the server is "
                "not overloaded, or narrow the query"
            ) from None
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, httpx.ConnectTimeout):
            reason = "no answer to the connection (an https URL for a plain http server?)"
        raise StoreError(
            f"cannot reach the SPARQL server ({where}): {reason}; start it "
            f"({SERVE_HINT}) or pass its URL as --store"
        ) from None

    def _refused(self, path: str, response: httpx.Response) -> NoReturn:
        where = f"{self.url}{path}"
        text = _printable(" ".join(response.text.split())[:200]) or response.reason_phrase
        status = response.status_code
        if status < 400:
            raise StoreError(
                f"SPARQL server redirected ({where}) to "
                f"({_printable(response.headers.get('location', '?'))}); pass the URL it "
                "redirects to as --store"
            )
        if status in (404, 405, 501) and not text.startswith("The graph"):
            raise StoreError(
                f"no SPARQL endpoint at ({where}): HTTP {status}; pass the server's base URL "
                "(e.g. --store http://127.0.0.1:7878): kg uses its /query, /update and /store"
            )
        if status == 403:
            raise StoreError(
                f"SPARQL server refused to write ({where}): HTTP 403 {text}; start it with "
                f"`{SERVE_HINT}` (not serve-read-only), or pass another --store"
            )
        if status < 500:
            raise StoreError(
                f"SPARQL server refused the request ({where}): HTTP {status} {text}; "
                "check --store names a SPARQL 1.1 server (Query, Update, Graph Store)"
            )
        raise StoreError(
            f"SPARQL server failed ({where}): HTTP {status} {text}; check the server's log"
        )

    # -- pyoxigraph Store API (the subset kg calls) ------------------------------------

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Evaluate a SPARQL query on the server, as ``pyoxigraph.Store.query`` does.

        ``prefixes`` are declared ahead of the query text; ``use_default_graph_as_union``
        is the server's ``union-default-graph`` parameter. A malformed query raises
        ``SyntaxError`` (the server's message), like pyoxigraph's parser.
        """
        head = "".join(f"PREFIX {p}: <{i}>\n" for p, i in (prefixes or {}).items())
        params = {"union-default-graph": ""} if use_default_graph_as_union else {}
        response = self._send(
            "POST", "/query", content=(head + query).encode("utf-8"), params=params,
            headers={"Content-Type": "application/sparql-query",
                     "Accept": f"{_RESULTS}, {_TRIPLES}"},
        )
        if response.status_code == 400:  # the server's SPARQL parser refused it
            raise SyntaxError(_shift_lines(" ".join(response.text.split())[:300], head))
        if response.status_code >= 300:
            self._refused("/query", response)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == _TRIPLES:
            return _as_query_triples(response.content)
        if kind != _RESULTS:
            raise StoreError(
                f"not a SPARQL server at ({self.url}/query): it answered "
                f"{_printable(kind) or 'no Content-Type'}; pass a SPARQL 1.1 server's base "
                "URL as --store (e.g. http://127.0.0.1:7878)"
            )
        return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)

    def update(self, update: str) -> None:
        """Run a SPARQL update on the server (one request: one transaction on Oxigraph)."""
        self.request("POST", "/update", content=update.encode("utf-8"),
                     headers={"Content-Type": "application/sparql-update"})

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterator[ox.Quad]:
        """The quads of one whole graph (GSP ``GET``); other patterns are not supported."""
        if subject is not None or predicate is not None or object is not None or (
            graph_name is None
        ):
            raise StoreError(
                f"only whole-graph reads are supported on a remote store ({self.url}); "
                "use a SPARQL query"
            )
        return iter(self.graph_quads(graph_name))

    def graph_quads(self, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
        """The quads of ``graph`` (empty when the server has no such graph)."""
        params = {"default": ""} if isinstance(graph, ox.DefaultGraph) else {"graph": graph.value}
        response = self._send("GET", "/store", params=params, headers={"Accept": _TRIPLES})
        if response.status_code == 404 and response.text.startswith("The graph"):
            return []
        if response.status_code >= 300:
            self._refused("/store", response)
        return [ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]

    def dump(
        self,
        output: Any = None,
        format: ox.RdfFormat | None = None,
        *,
        from_graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> bytes | None:
        """One graph as N-Triples bytes (GSP ``GET``), the part of pyoxigraph's ``dump``
        the exporters use; other uses are refused like any unsupported method."""
        if output is not None or format != ox.RdfFormat.N_TRIPLES or from_graph is None \
                or isinstance(from_graph, ox.BlankNode):
            raise UnsupportedError(f"not supported on a remote store ({self.url}): dump of "
                                   "a whole dataset; use a local --store folder")
        params = ({"default": ""} if isinstance(from_graph, ox.DefaultGraph)
                  else {"graph": from_graph.value})
        response = self._send("GET", "/store", params=params, headers={"Accept": _TRIPLES})
        if response.status_code == 404 and response.text.startswith("The graph"):
            return b""
        if response.status_code >= 300:
            self._refused("/store", response)
        return response.content

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The names of the server's named graphs."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return (cast(Any, row)["g"] for row in cast(Iterable[Any], rows))

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        """Whether the server holds the named graph ``graph``."""
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ }} }}"))

    def __len__(self) -> int:
        rows = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"
        )
        [(count,)] = [tuple(row) for row in cast(Iterable[Any], rows)]
        return int(count.value)

    def __iter__(self) -> Iterator[ox.Quad]:
        """Every quad of the server, streamed (GSP ``GET`` of the dataset as N-Quads)."""
        with self._http().stream("GET", "/store", headers={"Accept": _QUADS}) as response:
            if response.status_code >= 300:
                response.read()
                self._refused("/store", response)
            body = io.BufferedReader(_Stream(response.iter_bytes()))
            yield from ox.parse(body, format=ox.RdfFormat.N_QUADS)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise UnsupportedError(f"not supported on a remote store ({self.url}): {name}; "
                               "use a local --store folder")


class UnsupportedError(StoreError, AttributeError):
    """A pyoxigraph Store method a remote store does not offer (an AttributeError too,
    so ``hasattr`` answers False)."""


class RemoteStore(Store):
    """A kg store on a SPARQL 1.1 server (see the module docstring). Open it with
    :func:`kg.rdf.open.open_store`, or :meth:`connect`."""

    def __init__(
        self, reader: RemoteReader, *, read_only: bool = False,
        max_update_bytes: int = MAX_UPDATE_BYTES,
    ) -> None:
        # The reader stands in for the pyoxigraph store: kg's readers use only the
        # subset of its API that RemoteReader answers.
        super().__init__(cast(ox.Store, reader), None, read_only=read_only)
        self.url = reader.url
        self.reader = reader
        self.max_update_bytes = max_update_bytes

    @classmethod
    def connect(
        cls, url: str, *, read_only: bool = False, max_update_bytes: int = MAX_UPDATE_BYTES,
        timeout: float = READ_TIMEOUT,
    ) -> RemoteStore:
        """Check the server answers (and, unless ``read_only``, accepts updates) and
        return the store; a one-line StoreError names the URL and the fix otherwise."""
        reader = RemoteReader(url, timeout=timeout)
        try:
            reader.query("ASK { }")
            if not read_only:
                reader.update("")  # an empty update: refused by a read-only server
        except StoreError:
            reader.close()
            raise
        except SyntaxError:  # a 200 answer that is no SPARQL result
            reader.close()
            raise StoreError(
                f"not a SPARQL server at ({reader.url}/query); pass a SPARQL 1.1 server's "
                "base URL as --store (e.g. http://127.0.0.1:7878)"
            ) from None
        return cls(reader, read_only=read_only, max_update_bytes=max_update_bytes)

    def close(self) -> None:
        """Close the connections; the server keeps the data."""
        self.reader.close()
        super().close()

    @property
    def dataset(self) -> Any:
        """Not available: rdflib's Dataset view needs an embedded store."""
        raise StoreError(f"no rdflib Dataset view of a remote store ({self.url}); "
                         "query it with kg.run_query, or export it")

    def replace_graph(self, name: ox.NamedNode, quads: Collection[ox.Quad]) -> int:
        """Make named graph ``name`` hold exactly ``quads`` (repeats count once),
        atomically on the server; returns how many it holds
        (:meth:`Store.replace_article <kg.rdf.store.Store.replace_article>` maps an
        article and calls this)."""
        self._writable()
        distinct = set(quads)
        body = "".join(f"{q.triple} .\n" for q in sorted(distinct, key=str))
        update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}}} }}"
        if len(update.encode("utf-8")) <= self.max_update_bytes:
            self.reader.update(update)
            return len(distinct)
        staging = staging_graph(name)
        self.reader.request(
            "PUT", "/store", params={"graph": staging.value}, content=body.encode("utf-8"),
            headers={"Content-Type": _TRIPLES},
        )
        # not SILENT: were the staging graph gone, MOVE would empty the article's graph
        self.reader.update(f"MOVE GRAPH {staging} TO GRAPH {name}")
        return len(distinct)

    def remove_article(self, article_id: str) -> bool:
        """Delete the article's named graph; False when the server did not hold it."""
        self._writable()
        name = iri.article_iri(article_id)
        if not self.reader.contains_named_graph(name):
            return False
        self.reader.update(f"DROP SILENT GRAPH {name}")
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store opened read-only ({self.url}); open it for writing")


def _printable(text: str) -> str:
    """``text`` with control characters escaped (server text goes to a terminal)."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _shift_lines(message: str, head: str) -> str:
    """``message`` with the line numbers of "error at L:C" counted from the query's
    first line rather than from the prefix declarations sent ahead of it."""
    lines = head.count("\n")
    return re.sub(r"at (\d+):", lambda m: f"at {max(1, int(m.group(1)) - lines)}:", message)


def staging_graph(name: ox.NamedNode) -> ox.NamedNode:
    """The staging graph of article graph ``name`` (outside the article namespace)."""
    return ox.NamedNode(STAGING_BASE + hashlib.sha1(name.value.encode()).hexdigest())


def _as_query_triples(data: bytes) -> ox.QueryTriples:
    """CONSTRUCT/DESCRIBE results (N-Triples) as the QueryTriples pyoxigraph gives."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object)
                 for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    found = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(found, ox.QueryTriples)
    return found


class _Stream(io.RawIOBase):
    """A binary file over an iterator of byte chunks (an HTTP body, for ``ox.parse``)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            self._rest = next(self._chunks, b"")
            if not self._rest:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


__all__ = ["MAX_UPDATE_BYTES", "RemoteReader", "RemoteStore", "staging_graph"]

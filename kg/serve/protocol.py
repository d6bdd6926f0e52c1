"""Reading a SPARQL 1.1 Protocol request, and the endpoint's service description.

:func:`read_request` turns an HTTP request to ``/sparql`` into a
:class:`~kg.serve.worker.Job` or a :class:`ProtocolError` carrying the HTTP status:
``GET ?query=``, ``POST`` form-encoded (``query=``), and ``POST`` with the query as an
``application/sparql-query`` body are queries; ``default-graph-uri`` and
``named-graph-uri`` (repeatable, in the URL or the form) set the dataset. An
``update=`` parameter or an ``application/sparql-update`` body is refused with 403:
the endpoint only reads. Bodies are read up to ``max_bytes`` (413 past it).
:func:`service_description` describes the endpoint with the W3C ``sd:`` vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request

from kg.serve import formats
from kg.serve.worker import Job

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
READ_ONLY = ("kg serve is read-only — change the store with kg build or kg remove")


class ProtocolError(Exception):
    """A request the endpoint refuses: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused with 413 once it passes ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(len(body), max_bytes)
    return bytes(body)


def _too_large(size: int, max_bytes: int) -> ProtocolError:
    return ProtocolError(413, f"request too large ({size} bytes, over {max_bytes}); "
                         "send a shorter query")


async def read_request(request: Request, *, max_bytes: int, max_rows: int) -> Job | None:
    """The query job a ``/sparql`` request asks for; None for a GET with no query (the
    service description). Raises :class:`ProtocolError` for anything else."""
    params = _multi(request.url.query)
    if request.method in ("GET", "HEAD"):
        if len(request.url.query) > max_bytes:
            raise _too_large(len(request.url.query), max_bytes)
        return _job(request, params, max_rows, none_ok=True)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == UPDATE_BODY:
        raise ProtocolError(403, f"SPARQL Update is refused; {READ_ONLY}")
    body = await read_body(request, max_bytes)
    if media == FORM:
        text = _decode(body)
        form = _multi(text)
        for key, values in form.items():
            params.setdefault(key, []).extend(values)
        return _job(request, params, max_rows, none_ok=False)
    if media == QUERY_BODY:
        if "query" in params:
            raise ProtocolError(400, "query given twice (in the URL and the body); "
                                "send it once")
        params["query"] = [_decode(body)]
        return _job(request, params, max_rows, none_ok=False)
    raise ProtocolError(415, (
        f"unsupported content type ({media or 'none'}); POST a query as {QUERY_BODY} "
        f"or as {FORM} with query="))


def _job(request: Request, params: dict[str, list[str]], max_rows: int, *,
         none_ok: bool) -> Job | None:
    if "update" in params:
        raise ProtocolError(403, f"SPARQL Update is refused; {READ_ONLY}")
    queries = params.get("query", [])
    if not queries:
        if none_ok:
            return None
        raise ProtocolError(400, "no query given; send query=SPARQL (form or URL) or "
                            f"a {QUERY_BODY} body")
    if len(queries) > 1:
        raise ProtocolError(400, f"{len(queries)} queries given; send one query= parameter")
    accept = formats.negotiate(request.headers.get("accept"),
                               _one(params.get("format") or params.get("output")))
    return Job(
        sparql=queries[0],
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        accept=tuple(accept),
        max_rows=max_rows,
    )


def _one(values: Sequence[str] | None) -> str | None:
    return values[0] if values else None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"request body is not UTF-8 (byte {exc.start}); "
                            "send the query as UTF-8") from None


def _multi(query: str) -> dict[str, list[str]]:
    try:
        return parse_qs(query, keep_blank_values=True, strict_parsing=False,
                        errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(400, f"unreadable parameters ({exc}); URL-encode them as "
                            "UTF-8") from None


_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_MEDIA_IRIS = {
    formats.SPARQL_JSON: "SPARQL_Results_JSON", formats.SPARQL_XML: "SPARQL_Results_XML",
    formats.CSV: "SPARQL_Results_CSV", formats.TSV: "SPARQL_Results_TSV",
    formats.TURTLE: "Turtle", formats.N_TRIPLES: "N-Triples", formats.JSON_LD: "JSON-LD",
    formats.RDF_XML: "RDF_XML",
}


def service_description(endpoint: str) -> list[ox.Triple]:
    """The endpoint's SPARQL 1.1 Service Description (``sd:Service``) as triples."""
    node = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("defaultGraph")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(_SD + name)

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(node, rdf_type, sd("Service")),
        ox.Triple(node, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(node, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(node, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(node, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, rdf_type, sd("Graph")),
        ox.Triple(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                  ox.Literal("kg knowledge graph, read-only: the default graph is the union "
                             "of the article graphs; SERVICE and updates are refused")),
    ]
    triples += [ox.Triple(node, sd("resultFormat"), ox.NamedNode(_FORMATS + name))
                for name in _MEDIA_IRIS.values()]
    return triples


__all__ = ["FORM", "QUERY_BODY", "UPDATE_BODY", "ProtocolError", "read_body", "read_request",
           "service_description"]

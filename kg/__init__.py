"""kg: turn news articles into an RDF knowledge graph you can query and explore.

>>> from kg import build, open_store, run_query                # doctest: +SKIP
>>> build(["examples/china-fentanyl-tariffs.txt"], out="output")  # doctest: +SKIP
>>> with open_store("output/store") as store:                  # doctest: +SKIP
...     rows = run_query(store, "SELECT ?n WHERE { ?e a kg:Person ; rdfs:label ?n }")

The heavy parts (spaCy, rdflib) load on first use, so ``import kg`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.version import __version__

if TYPE_CHECKING:
    from kg.pipeline import BuildReport, build, extract_article
    from kg.query import run_query
    from kg.rdf.store import Store

__all__ = [
    "BuildReport",
    "KgError",
    "Store",
    "__version__",
    "build",
    "extract_article",
    "open_store",
    "run_query",
]

_LAZY = {
    "build": ("kg.pipeline", "build"),
    "BuildReport": ("kg.pipeline", "BuildReport"),
    "extract_article": ("kg.pipeline", "extract_article"),
    "run_query": ("kg.query", "run_query"),
    "Store": ("kg.rdf.store", "Store"),
}


def open_store(path: str | Path) -> Store:
    """Open (or create) the on-disk store at ``path``, or connect to the SPARQL server
    at an ``http(s)://`` URL (:mod:`kg.rdf.remote`); use it as a context manager."""
    from kg.rdf.open import open_store as opened

    return opened(path)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

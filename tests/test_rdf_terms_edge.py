"""One RDF term system inside kg (issue 8): pyoxigraph terms everywhere, rdflib only at
the public edge. A module that starts using rdflib terms must be added here on purpose."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

#: Modules allowed to import rdflib, and why.
RDFLIB_EDGE = {
    "kg.rdf.rdflib_terms": "the conversions, the Dataset view, a user's Graph read in",
    "kg.rdf.vocab": "namespace constants (rdflib Namespace, used as IRI strings)",
    "kg.rdf.sparql_guard": "rdflib's SPARQL parser as a second check for SERVICE",
    "kg.rdf.mapping": "article_graph: the mapping as an rdflib Graph (SHACL, users)",
    "kg.rdf.export": "exports accept a user's rdflib Graph",
    "kg.query": "run_query, the public API, gives rdflib rows",
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def test_rdflib_only_at_the_edge() -> None:
    users = {name for name, path in _modules().items() if "rdflib" in _imports(path)}
    assert users <= set(RDFLIB_EDGE), sorted(users - set(RDFLIB_EDGE))


def test_oxrdflib_only_in_the_conversion_module() -> None:
    users = {name for name, path in _modules().items() if "oxrdflib" in _imports(path)}
    assert users == {"kg.rdf.rdflib_terms"}

"""The explorer's HTML page: sigma.js + graphology (vendored), kg's explore.js.

:func:`static_page` embeds a whole entity graph with positions (``kg render`` of a
large graph); :func:`served_page` embeds nothing and lets the page fetch the overview,
search and neighbourhoods from ``/explore/api`` (``kg serve``).

Safety as in :mod:`kg.render`: data only as inert JSON (``<``, ``>``, ``&`` escaped) in
``<script type="application/json">``, text put in the page as DOM text, and a Content
Security Policy that runs only the page's own scripts (by hash) and reaches no network
(the served page: its own origin only).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
from jinja2 import Environment
from markupsafe import Markup

from kg.explore.data import payload
from kg.model import ENTITY_TYPES
from kg.version import __version__

#: Entities drawn when the page opens (the most central); the rest by search/expansion.
#: sigma draws 20,000 nodes, but headless Chromium without a GPU (software WebGL)
#: stays smooth to pan and zoom with a few thousand; labels are thinned anyway.
OVERVIEW = 1000

#: Fixed colour per entity type, as in the small view (kg.render.PALETTE).
PALETTE: dict[str, str] = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "Country": "#e15759",
    "Place": "#76b7b2", "Facility": "#59a14f", "Group": "#edc948", "Event": "#b07aa1",
    "Law": "#ff9da7", "Product": "#9c755f", "CreativeWork": "#8cd17d",
    "Language": "#d37295", "Concept": "#c7c7c7",
}
OTHER_COLOUR = "#97c2fc"


@cache
def _static(name: str) -> str:
    folder, _, rest = name.partition("/")
    path = resources.files("kg") / folder
    for part in rest.split("/"):
        path = path / part
    text = path.read_text(encoding="utf-8")
    lowered = text.lower()
    if folder == "static" and ("</script" in lowered or "</style" in lowered):
        raise ValueError(f"{name} contains a closing tag and cannot be inlined")
    return text


def json_for_html(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _scripts() -> list[str]:
    return [_static("static/vendor/graphology.umd.min.js"), _static("static/vendor/sigma.min.js"),
            _static("static/explore.js")]


def _page(*, title: str, summary: str, mode: str, api: str, legend: list[dict[str, Any]],
          data_json: str, connect: str) -> str:
    scripts = _scripts()
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_hash(s) for s in scripts)}; "
        f"connect-src {connect}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_static("templates/explore.html"))
    return template.render(
        title=title, summary=summary, version=__version__, csp=csp, mode=mode, api=api,
        overview=OVERVIEW, legend=legend,
        palette_json=Markup(json_for_html(PALETTE)),
        data_json=Markup(data_json) if data_json else "",
        view_css=Markup(_static("static/view.css")),
        explore_css=Markup(_static("static/explore.css")),
        scripts=[Markup(s) for s in scripts],
    )


def legend_of(counts: Counter[str]) -> list[dict[str, Any]]:
    """Legend rows (type, colour, count) in the ontology's type order."""
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(set(counts) - set(ENTITY_TYPES))
    return [{"type": t, "color": PALETTE.get(t, OTHER_COLOUR), "count": counts[t]}
            for t in order]


def static_page(graph: nx.MultiDiGraph, scores: dict[str, float], *, title: str) -> str:
    """The self-contained explorer page of ``graph`` (every entity and relation, laid
    out in Python; ``scores`` is PageRank per entity)."""
    data = payload(graph, scores=scores, dates=graph.graph.get("article_dates", {}))
    counts = Counter(t for _, t in graph.nodes(data="type"))
    kinds = Counter(k for _, _, k in graph.edges(data="kind", default="relation"))
    articles = len(graph.graph.get("articles", {}))
    summary = (f"{graph.number_of_nodes()} entities, {kinds['relation']} relations, "
               f"{kinds['link']} links from {articles} articles")
    return _page(title=title, summary=summary, mode="static", api="", legend=legend_of(counts),
                 data_json=json_for_html(data), connect="'none'")


def served_page(*, title: str, api: str, summary: str, counts: Counter[str]) -> str:
    """The explorer page of ``kg serve``: data fetched from ``api`` (same origin)."""
    return _page(title=title, summary=summary, mode="served", api=api, legend=legend_of(counts),
                 data_json="", connect="'self'")

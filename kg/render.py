"""The interactive HTML view of the entity graph: one self-contained, offline file.

:func:`render_html` builds the network with pyvis from :func:`kg.analysis.entity_graph`
(colour by entity type, size by PageRank, edge labels, tooltips with the source
sentences) and writes it with kg's own template (``kg/templates/graph.html``), which
inlines vis-network and its CSS from ``kg/static``. pyvis's own template is not used:
it links a Bootstrap CDN and a ``node_modules`` script even with
``cdn_resources="in_line"``, so its pages break (or phone home) offline.

What the page offers (``kg/static/view.js``): links between names (Beijing stands
for China) as thin dotted grey edges; entities in no relation or link hidden by
default and lined up below the graph when shown (a legend checkbox), with legend
counts of what shows; search by name or alias; a click on a node opens a details
panel (names, mentions, articles, every statement with its sentences, links to the
neighbours) and fades the rest of the graph; a click on an edge shows its sources.

Safety: article text reaches the page only as JSON inside a non-executable
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped), and the
page script turns it into DOM text (``textContent``), never HTML. A Content Security
Policy allows only the page's own two scripts (by hash) and no network at all.

Determinism: nodes and edges come sorted from the analysis, the layout seed is
fixed and nothing random or time-dependent is embedded, so the same store gives a
byte-identical file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment
from markupsafe import Markup

from kg.analysis import pagerank
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.model import ENTITY_TYPES
from kg.rdf.store import StoreLike
from kg.version import __version__

DEFAULT_TITLE = "kg — knowledge graph"

#: Fixed colour per entity type (Tableau 10 and two more); Concepts stay grey.
PALETTE: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#e15759",
    "Place": "#76b7b2",
    "Facility": "#59a14f",
    "Group": "#edc948",
    "Event": "#b07aa1",
    "Law": "#ff9da7",
    "Product": "#9c755f",
    "CreativeWork": "#8cd17d",
    "Language": "#d37295",
    "Concept": "#c7c7c7",
}
OTHER_COLOUR = "#97c2fc"
#: Link edges (Beijing stands for China): thin, dotted, light grey, behind relations.
LINK_STYLE: dict[str, Any] = {
    "dashes": [2, 5],
    "width": 1,
    "color": {"color": "#bdbdbd", "highlight": "#777777", "hover": "#8a8a8a"},
    "font": {"color": "#8a8a8a", "size": 10},
    "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
}
#: Node labels longer than this are shortened on the canvas (full text in the tooltip).
MAX_LABEL = 40
#: vis-network's layout seed: the same graph is always drawn the same way.
LAYOUT_SEED = 7
#: Graphs with more entities than this get the explorer page (:mod:`kg.explore`:
#: sigma.js, positions from Python, opens on an overview) instead of the vis-network
#: page, whose physics layout runs in the browser and is O(n²). Measured in headless
#: Chromium (docs/benchmarks.md, "Explorer"): at 500 entities vis-network is
#: interactive in 2-4 s and keeps what only it has (edge labels, edge tooltips, a
#: click on an edge); at 900 it takes 9-11 s against the explorer's 2-4 s.
SMALL_GRAPH = 500


@cache
def _static(name: str) -> str:
    """A file shipped in ``kg/static`` or ``kg/templates``, as text."""
    folder, _, filename = name.partition("/")
    return (resources.files("kg") / folder / filename).read_text(encoding="utf-8")


def _script_safe(code: str, name: str) -> str:
    """Inline JavaScript or CSS as is, after checking it cannot end its own element."""
    lowered = code.lower()
    if "</script" in lowered or "</style" in lowered:
        raise ValueError(f"{name} contains a closing tag and cannot be inlined")
    return code


def _json_for_html(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _article_names(graph: nx.MultiDiGraph, ids: list[str]) -> str:
    """Articles as readers know them: headline, else file name, else id; with date."""
    names: dict[str, str] = graph.graph.get("article_names", {})
    return "; ".join(names.get(i) or i for i in ids)


def _node_tip(graph: nx.MultiDiGraph, attrs: dict[str, Any], score: float) -> dict[str, Any]:
    rows = [["Type", attrs["type"]]]
    if attrs["aliases"]:
        rows.append(["Also called", ", ".join(attrs["aliases"])])
    rows.append(["Mentions", str(attrs["mentions"])])
    if attrs["articles"]:
        rows.append(["Articles", _article_names(graph, attrs["articles"])])
    rows.append(["PageRank", f"{score:.4f}"])
    return {"title": attrs["label"], "rows": rows}


def _edge_label(attrs: dict[str, Any]) -> str:
    return ("not " if attrs.get("negated") else "") + attrs["label"]


def _edge_tip(graph: nx.MultiDiGraph, u: str, v: str, attrs: dict[str, Any]) -> dict[str, Any]:
    title = f"{graph.nodes[u]['label']} — {_edge_label(attrs)} → {graph.nodes[v]['label']}"
    if attrs.get("kind") == "link":
        rows = [["Link", "a name for the other entity, found while resolving names"]]
    else:
        rows = [["Statements", str(attrs["statements"])]]
    if attrs["articles"]:
        rows.append(["Articles", _article_names(graph, attrs["articles"])])
    return {"title": title, "rows": rows, "quotes": list(attrs["sentences"])}


def _shown(shown: int, total: int) -> str:
    """A legend count: "12" when every entity of the type shows, else "12 of 40"."""
    return str(total) if shown == total else f"{shown} of {total}"


def _iterations(nodes: int, edges: int) -> int:
    """Layout iterations before the physics stops: many for a small graph, fewer for
    a large one so it settles in seconds (400 nodes and 1,000 edges: 150)."""
    return max(150, min(800, 60_000 // max(1, nodes + edges)))


def _options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options: seeded layout, physics that stabilises then stops."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": nodes <= 200},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "scaling": {"min": 10, "max": 42, "label": {"enabled": False}},
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 11, "align": "horizontal", "color": "#444444", "strokeWidth": 3},
            "smooth": False,
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 110,
                "springConstant": 0.06,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": _iterations(nodes, edges),
                              "updateInterval": 25, "fit": True},
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": nodes > 500,
            "keyboard": False,
        },
    }


def _curves(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any] | bool]:
    """Straight edges, except several between the same two entities: fanned curves."""
    pairs: dict[frozenset[str], list[tuple[str, str, str]]] = {}
    for u, v, k in graph.edges(keys=True):
        pairs.setdefault(frozenset((u, v)), []).append((u, v, k))
    smooth: dict[tuple[str, str, str], dict[str, Any] | bool] = {}
    for group in pairs.values():
        for i, (u, v, k) in enumerate(group):
            if len(group) == 1:
                smooth[(u, v, k)] = False
            else:
                side = "curvedCW" if (i % 2 == 0) == (u < v) else "curvedCCW"
                smooth[(u, v, k)] = {"enabled": True, "type": side,
                                     "roundness": round(0.2 * (i // 2 + 1), 2)}
    return smooth


def network_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges and options for vis-network, assembled with pyvis.

    Each node and edge carries ``tip`` (title, rows, quotes) from which the page
    builds its tooltip and side panel as DOM text; nodes also carry ``kgType``,
    ``kgDegree`` (relations and links) and ``kgNames`` (label and aliases) for the
    legend filters and the search box; edges carry ``kgKind`` ("relation" or
    "link") and ``kgStatements``. Link edges are drawn thin, dotted and grey.
    Unconnected entities take no part in the physics layout (``physics: false``):
    in a large store they are half the nodes, and they would spread the connected
    ones apart and slow the layout; the page lines them up below the graph.
    """
    from pyvis.network import Network

    scores = pagerank(graph)
    net = Network(directed=True, cdn_resources="in_line")
    for iri, attrs in graph.nodes(data=True):
        score = scores.get(iri, 0.0)
        net.add_node(
            iri,
            label=_short(attrs["label"]),
            color=PALETTE.get(attrs["type"], OTHER_COLOUR),
            value=round(score, 6),
            kgType=attrs["type"],
            kgNames=[attrs["label"], *attrs["aliases"]],
            kgDegree=graph.degree(iri),
            tip=_node_tip(graph, attrs, score),
            # unconnected: out of the layout; the page shelves them below it
            physics=graph.degree(iri) > 0,
        )
    smooth = _curves(graph)
    for n, (u, v, k, attrs) in enumerate(graph.edges(keys=True, data=True)):
        kind = attrs.get("kind", "relation")
        style: dict[str, Any] = (
            dict(LINK_STYLE) if kind == "link"
            else {"dashes": bool(attrs["negated"]),
                  "width": 1 + min(attrs["statements"], 6) * 0.5}
        )
        net.add_edge(
            u,
            v,
            id=f"e{n}",
            label=_edge_label(attrs),
            smooth=smooth[(u, v, k)],
            kgKind=kind,
            kgStatements=attrs["statements"],
            tip=_edge_tip(graph, u, v, attrs),
            **style,
        )
    laid_out = sum(1 for _, degree in graph.degree() if degree > 0)
    net.options = _options(laid_out, graph.number_of_edges())
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def html_page(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE) -> str:
    """The complete HTML page for ``graph`` (see :func:`render_html`)."""
    data = network_data(graph)
    counts = Counter(attrs["type"] for _, attrs in graph.nodes(data=True))
    connected = Counter(graph.nodes[n]["type"] for n in graph if graph.degree(n) > 0)
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(set(counts) - set(ENTITY_TYPES))
    # Unconnected entities start hidden, so each type shows "connected of total".
    legend = [{"type": t, "color": PALETTE.get(t, OTHER_COLOUR), "count": counts[t],
               "shown": _shown(connected[t], counts[t])} for t in order]
    vis_js = _script_safe(_static("static/vis-network.min.js"), "vis-network.min.js")
    view_js = _script_safe(_static("static/view.js"), "view.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(view_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    articles = len(graph.graph.get("articles", {}))
    kinds = Counter(kind for _, _, kind in graph.edges(data="kind", default="relation"))
    summary = (
        f"{graph.number_of_nodes()} entities, {kinds['relation']} relations, "
        f"{kinds['link']} link{'' if kinds['link'] == 1 else 's'} "
        f"from {articles} article{'' if articles == 1 else 's'}"
    )
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_static("templates/graph.html"))
    return template.render(
        title=title,
        summary=summary,
        version=__version__,
        csp=csp,
        legend=legend,
        empty=graph.number_of_nodes() == 0,
        isolated=sum(1 for _, degree in graph.degree() if degree == 0),
        data_json=Markup(_json_for_html(data)),
        vis_css=Markup(_script_safe(_static("static/vis-network.min.css"), "vis CSS")),
        view_css=Markup(_script_safe(_static("static/view.css"), "view.css")),
        vis_js=Markup(vis_js),
        view_js=Markup(view_js),
    )


def render_html(
    source: StoreLike,
    out: Path,
    *,
    title: str = DEFAULT_TITLE,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Path:
    """Write the interactive view of the entity graph of ``source`` (a kg or pyoxigraph
    Store) to ``out`` and return it: the trusted layer, statements whose confidence is at
    least ``min_confidence`` (:func:`kg.analysis.entity_graph`; 0 draws every one).

    The file is self-contained and works offline (no request to any other host), and
    the same store always gives the same bytes. A graph of more than
    :data:`SMALL_GRAPH` entities is written as the explorer page (:mod:`kg.explore`).

    >>> import tempfile
    >>> from kg.rdf.store import Store
    >>> out = Path(tempfile.mkdtemp()) / "graph.html"
    >>> render_html(Store.memory(), out) == out and out.read_text().startswith("<!DOCTYPE html>")
    True
    """
    from kg.analysis import entity_graph
    from kg.fsio import write_bytes

    out = Path(out)
    graph = entity_graph(source, min_confidence)
    if graph.number_of_nodes() > SMALL_GRAPH:
        from kg.explore.page import static_page

        page = static_page(graph, pagerank(graph), title=title)
    else:
        page = html_page(graph, title=title)
    write_bytes(out, page.encode("utf-8"))  # atomic; creates folders; disk full named
    return out

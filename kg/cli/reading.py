"""The commands that read a store: ``kg query``, ``export``, ``render``, ``stats``,
``path``, ``communities`` and ``articles``."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    MinConfidenceOpt,
    StoreOpt,
    app,
    check_choice,
    existing_source,
    read_dataset,
    user_errors,
)
from kg.errors import FormatError, QueryError
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.layout import DEFAULT_OUT, HTML_NAME
from kg.rdf.open import is_remote, open_store


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query.")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop the query after SECONDS (0: no limit).")
    ] = 60.0,
    allow_service: Annotated[
        bool,
        typer.Option("--allow-service", help="Let SERVICE clauses call remote endpoints."),
    ] = False,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="Stop the query above MB of memory (0: no limit).")
    ] = 2048,
) -> None:
    """Run a read-only SPARQL query over the store (union of all articles) or an exported file.

    The query runs in a child process that is stopped at --timeout, at --max-memory or
    on Ctrl-C; SERVICE (federation) is refused unless --allow-service is given.

    Example: kg query -f kg/queries/entities_by_type.rq --format csv
    """
    from kg.query import RESULT_FORMATS, format_result
    from kg.rdf.sparql import run_bounded

    with user_errors():
        check_choice(fmt, RESULT_FORMATS, "query result format")
        if (sparql is None) == (file is None):
            raise QueryError("give a query either as text or with -f FILE (not both); "
                             "e.g. kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
        text = sparql if sparql is not None else _read_text(file)
        path = existing_source(store)
        with open_store(store, read_only=True) if is_remote(store) else nullcontext(path) as src:
            result = run_bounded(src, text, timeout=timeout, allow_service=allow_service,
                                 max_memory_mb=max_memory)
        # color=True: click would strip ANSI sequences from CSV/JSON data on a pipe;
        # tables are already escaped (kg.query.visible), so nothing raw reaches a terminal.
        typer.echo(format_result(result, fmt), nl=False, color=True)


def _read_text(path: Path | None) -> str:
    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"query file not found ({path}); check the path") from None


@app.command()
def export(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="turtle, trig, nquads, ntriples, jsonld, gexf, graphml "
            "(default: from the -o extension, else turtle).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File, or - for standard output (the default)."),
    ] = None,
    store: StoreOpt = None,
    min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Export the graph as RDF (or the entity graph as GEXF/GraphML for Gephi).

    RDF formats hold every statement with its confidence; GEXF and GraphML hold the
    entity graph the view draws (--min-confidence).

    The file is replaced only once complete; a device, FIFO or folder, or a path inside
    a store folder, is refused. Example: kg export -o graph.jsonld
    """
    if output is not None and str(output) == "-":  # -o - is standard output
        output = None
    with user_errors():
        fmt = _export_format(fmt, output)
        with read_dataset(store) as dataset:
            if fmt in ("gexf", "graphml"):
                from kg.analysis import entity_graph, write_graph

                if output is None:
                    raise FormatError(f"{fmt} is written to a file; add -o graph.{fmt}")
                write_graph(entity_graph(dataset, min_confidence), output, fmt)
            else:
                from kg.rdf.export import export as run_export

                run_export(dataset, fmt, output if output is not None else sys.stdout)


#: Output file extension → export format; the first extension of a format is its usual one.
EXPORT_EXTENSIONS = {
    ".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "ntriples",
    ".jsonld": "jsonld", ".json": "jsonld", ".gexf": "gexf", ".graphml": "graphml",
}


def _export_format(fmt: str | None, output: Path | None) -> str:
    """The export format: ``--format`` if given, else the one ``-o``'s extension names,
    else turtle. A known extension that names another format than ``--format`` is
    refused before anything is read or written (``-o x.graphml --format gexf`` would
    otherwise give a file Gephi misreads); an unknown extension (.txt, none) is allowed."""
    from kg.rdf.export import FORMATS as RDF_FORMATS
    from kg.rdf.graphfile import GRAPH_FORMATS

    implied = EXPORT_EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or "turtle"
    check_choice(fmt, (*RDF_FORMATS, *GRAPH_FORMATS), "export format")
    if output is not None and implied is not None and implied != fmt:
        usual = next(ext for ext, name in EXPORT_EXTENSIONS.items() if name == fmt)
        raise FormatError(
            f"file extension does not match the format ({output}, --format {fmt}); "
            f"use -o {output.with_suffix(usual)} or --format {implied}"
        )
    return fmt


@app.command()
def render(
    store: StoreOpt = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file.")
    ] = DEFAULT_OUT / HTML_NAME,
    min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Write the interactive HTML view (works offline). Past 500 entities it is the
    explorer: laid out in Python, it opens on the most central entities; search and
    expand reach the rest.

    Example: kg render -o graph.html
    """
    from kg.fsio import check_target
    from kg.render import render_html

    with user_errors():
        # Refuse a device, FIFO, folder or store file before the page is built.
        check_target(output, "write to a regular file, e.g. -o graph.html")
        with read_dataset(store) as dataset:
            typer.echo(str(render_html(dataset, output, min_confidence=min_confidence)))


@app.command()
def stats(
    store: StoreOpt = None, min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE
) -> None:
    """Counts of articles, entities by type, statements; top entities by PageRank.

    Example: kg stats --store output/store
    """
    from kg.analysis import format_stats
    from kg.analysis import stats as compute

    with user_errors(), read_dataset(store) as dataset:
        # format_stats shows control characters of labels as escapes, never raw.
        typer.echo(format_stats(compute(dataset, min_confidence=min_confidence)))


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="Entity name or alias.")],
    target: Annotated[str, typer.Argument(help="Entity name or alias.")],
    store: StoreOpt = None,
    min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """How two entities are connected: a shortest chain of relations.

    Example: kg path "Joe Biden" "Donald Trump"
    """
    from kg.analysis import entity_graph, path_text, shortest_path
    from kg.query import visible

    with user_errors(), read_dataset(store) as dataset:
        graph = entity_graph(dataset, min_confidence, details=False)  # shape only
        nodes = shortest_path(graph, source, target)
        if not nodes:
            typer.echo(visible(f"{source} and {target} are not connected"))
            return
        # Labels come from the data: control characters are shown as escapes.
        typer.echo(visible(path_text(graph, nodes)))


@app.command()
def communities(
    store: StoreOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many groups to show.")] = 10,
    min_confidence: MinConfidenceOpt = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Groups of densely related entities (Louvain, deterministic).

    Example: kg communities --top 5
    """
    from kg.analysis import communities as find
    from kg.analysis import entity_graph
    from kg.query import visible

    with user_errors(), read_dataset(store) as dataset:
        graph = entity_graph(dataset, min_confidence, details=False)  # shape only
        for i, group in enumerate(find(graph)[:top], 1):
            names = sorted(graph.nodes[n]["label"] for n in group)
            typer.echo(f"{i:>3}. ({len(group)}) " + visible(", ".join(names)))



@app.command()
def articles(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """List the articles in the store: id, date, headline, source, statements
    (the ready query kg/queries/articles.rq).

    Example: kg articles --format csv
    """
    from kg import queries
    from kg.query import RESULT_FORMATS, format_result, run_query

    with user_errors():
        check_choice(fmt, RESULT_FORMATS, "query result format")
        with read_dataset(store) as dataset:
            # color=True keeps CSV/JSON exact; the table escapes control characters.
            result = run_query(dataset, queries.read("articles"))
            typer.echo(format_result(result, fmt), nl=False, color=True)

"""The ``kg`` command line: thin wrappers that parse arguments and call kg functions.

Every command turns a :class:`kg.errors.KgError` into one line ``Error: ...`` on
stderr and exit status 1; no user mistake ends in a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from kg.errors import FormatError, KgError, QueryError, StoreError
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.layout import DEFAULT_OUT, HTML_NAME, default_store_path
from kg.rdf.open import is_remote, open_store

if TYPE_CHECKING:
    from kg.rdf.store import Store
    from kg.workers import ExtractStream

app = typer.Typer(
    name="kg",
    help=(
        "Turn news articles into an RDF knowledge graph you can query and explore.\n\n"
        "Examples:\n\n"
        "  kg build examples/china-fentanyl-tariffs.txt        # → output/\n\n"
        "  kg query 'SELECT ?e ?name WHERE { ?e rdfs:label ?name } LIMIT 5'\n\n"
        "  kg stats\n\n"
        "  kg export --format trig -o graph.trig"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

OUT_DEFAULT = DEFAULT_OUT

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store folder (default: output/store), an exported RDF file for reading, "
        "or a SPARQL server's URL (http://HOST:PORT).",
    ),
]
# Options shared by the commands that write the store (build, rebuild).
OutOpt = Annotated[Path, typer.Option("--out", help="Output folder.")]
BuildStoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store folder (default: OUT/store), or a SPARQL server's URL."),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Installed spaCy pipeline (or $KG_MODEL).")
]
MinConfidenceOpt = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Draw only statements with at least this calibrated confidence as edges "
        f"(default {DEFAULT_MIN_CONFIDENCE}; 0: every stored statement). SPARQL sees all "
        f"stored ones (a --detail facts store keeps those of {DEFAULT_MIN_CONFIDENCE} or more "
        "that name something: docs/rdf-shape.md).",
    ),
]
DetailOpt = Annotated[
    str | None,
    typer.Option(
        "--detail",
        help="Store profile: facts (the default: the statements the views draw, "
        "offsets packed, about a third of the quads) or full (every statement and "
        "detail). Default: the stored articles' profile, else facts.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
HtmlOpt = Annotated[bool, typer.Option(help="Also write the HTML view.")]
ExportsOpt = Annotated[
    bool, typer.Option(help="Also write graph.ttl/.trig/.nq/.jsonld of the whole store.")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        help="Processes that parse and extract (default: the usable CPU cores; 0: this "
        "process). The store is the same for any number.",
    ),
]
BatchOpt = Annotated[
    int,
    typer.Option(
        "--batch-size",
        help="Articles per parse task (and spaCy batch; larger batches cost more CPU).",
    ),
]
ClusterOpt = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help="Parse and extract on the Dask cluster at this scheduler address "
        "(e.g. tcp://127.0.0.1:8786); this process writes the store.",
    ),
]


def _fail(message: str) -> None:
    _say("Error", message)
    raise typer.Exit(1)


def _say(kind: str, message: object) -> None:
    """One ``Error: ...``/``Warning: ...`` line on stderr; control characters from file
    names or ids are shown as escapes, never sent to the terminal raw."""
    from kg.query import visible

    typer.echo(f"{kind}: {visible(str(message))}", err=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Report user mistakes as one line and exit 1. A full disk or quota (ENOSPC,
    EDQUOT) is named as such, not as a path or permission problem. Ctrl-C ends with
    one line and status 130: each article is stored whole or not at all and output
    files are replaced whole, so running the command again finishes the work."""
    from kg.fsio import disk_full, is_disk_full

    try:
        yield
    except KeyboardInterrupt:
        _say("Error", "interrupted (Ctrl-C); what was stored is kept whole: run the same "
             "command again to finish")
        raise typer.Exit(130) from None
    except KgError as exc:
        _fail(str(exc))
    except OSError as exc:
        if is_disk_full(exc):
            _fail(str(disk_full(exc.filename or "stdout")))
        where = f" ({exc.filename})" if exc.filename else ""
        _fail(f"{exc.strerror or exc}{where}; check the path and its permissions")


def _check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise FormatError(f"unknown {what} ({value}); use one of: {', '.join(choices)}")
    return value


def _store_path(store: str | None) -> Path:
    return Path(store) if store is not None else default_store_path(OUT_DEFAULT)


@contextmanager
def _read_dataset(store: str | None) -> Iterator[Store]:
    """Open the store (or an exported RDF file) for reading; error if there is none.

    A store folder is opened read-only: a read command writes no file (it works on a
    full or read-only disk) and, holding a shared lock, never runs beside a build."""
    from kg.rdf.store import open_source

    path = _store_path(store)
    if not path.exists() and not is_remote(store):
        raise StoreError(
            f"no store or RDF file at ({path}); build one first with: kg build INPUT"
            + ("" if store is None else ", or pass an existing --store")
        )
    with open_store(store, read_only=True) if is_remote(store) else open_source(path) as st:
        yield st


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    out: OutOpt = OUT_DEFAULT,
    store: BuildStoreOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
    html: HtmlOpt = True,
    exports: ExportsOpt = True,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            help="Refuse (only) inputs whose text is longer; long texts are parsed in pieces.",
        ),
    ] = 2_000_000,
    detail: DetailOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = 16,
    cluster: ClusterOpt = None,
) -> None:
    """Build the graph from articles (text, Markdown, HTML, JSON Lines, CSV, folders, archives, -).

    The output folder and the store are never read as inputs.

    Example: kg build examples/china-fentanyl-tariffs.txt --out output
    """
    stream = _early_workers(inputs, out, store, model, workers, batch_size, cluster)
    try:
        from kg.pipeline import build as run_build

        with _user_errors(), _progress(quiet) as ticks:
            report = run_build(
                inputs,
                out=out,
                store=store,
                model=model,
                stdin=sys.stdin,
                render=html,
                exports=exports,
                progress=ticks.article,
                planned=ticks.planned,
                max_chars=max_chars,
                detail=detail,
                workers=workers,
                batch_size=batch_size,
                cluster=cluster,
                stream=stream,
            )
    finally:  # stopped already when the build ran; at once if it failed before
        if stream is not None:
            stream.close(cancel=True)
    for warning in report.warnings:
        _say("Warning", warning)
    for error in report.errors:
        _say("Error", error)
    if not quiet:
        unchanged = f"; {len(report.unchanged)} unchanged, kept" if report.unchanged else ""
        typer.echo(
            f"Built {len(report.articles)} article(s): {report.statements} statements, "
            f"{report.entities} entities{unchanged} → {out}/"
        )
    if report.errors:
        raise typer.Exit(1)


def _early_workers(
    inputs: list[str], out: str | Path, store: str | None, model: str | None,
    workers: int | None, batch_size: int, cluster: str | None,
) -> ExtractStream | None:
    """Worker processes started before the pipeline is imported, for a build of many
    articles into a local store (:func:`kg.workers.started_for`); else None.

    Also for an existing store, though it may hold every article unchanged: that
    re-run then loads the model for nothing (~1.5 CPU-s; 2,000 unchanged articles take
    5.8 s in all), while a build that adds articles saves the workers' whole start."""
    from kg.workers import started_for

    if cluster is not None or is_remote(store):
        return None
    return started_for(inputs, workers=workers, model=model, batch_size=batch_size)


@app.command()
def rebuild(
    out: OutOpt = OUT_DEFAULT,
    store: BuildStoreOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
    html: HtmlOpt = True,
    exports: ExportsOpt = True,
    detail: DetailOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = 16,
    cluster: ClusterOpt = None,
) -> None:
    """Extract every stored article again from its stored text, in source order.

    The store then equals a clean build of the same articles in one run (incremental
    builds can merge names differently, by the order articles arrived); also use it
    after upgrading kg, to switch --model, or to switch --detail.

    Example: kg rebuild --out output
    """
    from kg.pipeline import rebuild as run_rebuild

    with _user_errors(), _progress(quiet) as ticks:
        report = run_rebuild(
            out=out, store=store, model=model, render=html, exports=exports,
            progress=ticks.article, planned=ticks.planned, detail=detail,
            workers=workers, batch_size=batch_size, cluster=cluster,
        )
    if not quiet:
        typer.echo(
            f"Rebuilt {len(report.articles)} article(s): {report.statements} statements, "
            f"{report.entities} entities → {out}/"
        )


class _Ticks(NamedTuple):
    """The build's progress hooks: one call per stored article; one with the total."""

    article: Callable[[Any], None] | None = None
    planned: Callable[[int], None] | None = None


@contextmanager
def _progress(quiet: bool) -> Iterator[_Ticks]:
    """A rich progress bar on a terminal (a spinner while the inputs are read, then
    articles built of the total, elapsed time and time left); nothing when quiet or
    piped."""
    if quiet or not sys.stderr.isatty():
        yield _Ticks()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn(),
               TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("reading inputs", total=None)

        def article(_: Any) -> None:
            bar.advance(task)

        def planned(total: int) -> None:
            bar.update(task, total=total, description="building")

        yield _Ticks(article, planned)


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

    with _user_errors():
        _check_choice(fmt, RESULT_FORMATS, "query result format")
        if (sparql is None) == (file is None):
            raise QueryError("give a query either as text or with -f FILE (not both); "
                             "e.g. kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")
        text = sparql if sparql is not None else _read_text(file)
        path = _store_path(store)
        if not path.exists() and not is_remote(store):
            raise StoreError(
                f"no store or RDF file at ({path}); build one first with: kg build INPUT"
                + ("" if store is None else ", or pass an existing --store")
            )
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
    with _user_errors():
        fmt = _export_format(fmt, output)
        with _read_dataset(store) as dataset:
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
    _check_choice(fmt, (*RDF_FORMATS, *GRAPH_FORMATS), "export format")
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

    with _user_errors():
        # Refuse a device, FIFO, folder or store file before the page is built.
        check_target(output, "write to a regular file, e.g. -o graph.html")
        with _read_dataset(store) as dataset:
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

    with _user_errors(), _read_dataset(store) as dataset:
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

    with _user_errors(), _read_dataset(store) as dataset:
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

    with _user_errors(), _read_dataset(store) as dataset:
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

    with _user_errors():
        _check_choice(fmt, RESULT_FORMATS, "query result format")
        with _read_dataset(store) as dataset:
            # color=True keeps CSV/JSON exact; the table escapes control characters.
            result = run_query(dataset, queries.read("articles"))
            typer.echo(format_result(result, fmt), nl=False, color=True)


@app.command()
def remove(
    article: Annotated[str, typer.Argument(help="Article id (see kg stats / kg query).")],
    store: StoreOpt = None,
) -> None:
    """Delete an article's statements and the entities only it mentioned.

    Example: kg remove sha1-0123456789abcdef
    """
    with _user_errors():
        path = _store_path(store)
        if not path.is_dir() and not is_remote(store):
            raise StoreError(f"no store at ({path}); pass an existing --store folder")
        with open_store(store if is_remote(store) else path, create=False) as st:
            if not st.remove_article(article):
                raise StoreError(f"no such article ({article}); list ids with: kg articles")
        typer.echo(f"Removed {article}")


@app.command()
def openie(
    sentences: Annotated[Path, typer.Argument(help="One sentence a line, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="carb or jsonl.")] = "carb",
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline.")] = None,
) -> None:
    """Open IE extractions, one per line (CaRB benchmark format or JSON Lines).

    Example: kg openie ../shared/benchmarks/carb/dev-sentences.txt --format carb > dev.tsv
    """
    from kg import nlp as kg_nlp
    from kg.openie import FORMATS as OPENIE_FORMATS
    from kg.openie import openie as run_openie

    with _user_errors():
        _check_choice(fmt, OPENIE_FORMATS, "openie format")
        if str(sentences) == "-":
            lines = sys.stdin.read().splitlines()
        elif not sentences.is_file():
            raise FormatError(f"sentence file not found ({sentences}); check the path")
        else:
            lines = sentences.read_text(encoding="utf-8").splitlines()
        for line in run_openie(lines, kg_nlp.load(model), fmt):
            typer.echo(line)


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop a query after SECONDS (its worker is killed).")
    ] = 30.0,
    cors: Annotated[
        list[str] | None,
        typer.Option("--cors", metavar="<origin>",
                     help="Allow browser pages from ORIGIN (repeatable; * for any)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Require Authorization: Bearer TOKEN (needed off 127.0.0.1)."),
    ] = None,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Cut results after N rows or triples (0: no cap).")
    ] = 10_000,
    workers: Annotated[
        int, typer.Option("--workers", help="Query worker processes (0: 2 to 4, by cores).")
    ] = 0,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="Stop a query above MB of memory (0: no limit).")
    ] = 2048,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (/sparql) with a query page (/).

    Queries run in worker processes killed at --timeout; updates and SERVICE are refused.
    A build may write the store meanwhile: the server answers from a snapshot and moves to
    the new state when the build has finished.

    Example: kg serve --port 7878   # then open http://127.0.0.1:7878/
    """
    from kg.serve import Settings
    from kg.serve import serve as run_server

    with _user_errors():
        if is_remote(store):  # the one command that needs the store on this machine
            raise StoreError(f"kg serve serves a store folder, not a SPARQL server ({store}); "
                             "query that server directly, or pass a store folder")
        path = _store_path(store)
        settings = Settings(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory,
                            workers=workers, cors=tuple(cors or ()), token=token or None)
        run_server(path, host=host, port=port, settings=settings,
                   announce=lambda line: typer.echo(line, err=True))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()

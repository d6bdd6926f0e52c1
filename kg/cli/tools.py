"""``kg openie`` (Open IE extractions of sentences, for the benchmarks) and ``kg serve``
(the store as a read-only SPARQL endpoint)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    StoreOpt,
    app,
    check_choice,
    store_path,
    user_errors,
)
from kg.errors import FormatError, StoreError
from kg.rdf.open import is_remote


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

    with user_errors():
        check_choice(fmt, OPENIE_FORMATS, "openie format")
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

    with user_errors():
        if is_remote(store):  # the one command that needs the store on this machine
            raise StoreError(f"kg serve serves a store folder, not a SPARQL server ({store}); "
                             "query that server directly, or pass a store folder")
        path = store_path(store)
        settings = Settings(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory,
                            workers=workers, cors=tuple(cors or ()), token=token or None)
        run_server(path, host=host, port=port, settings=settings,
                   announce=lambda line: typer.echo(line, err=True))

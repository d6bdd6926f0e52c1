"""``kg build``, ``kg rebuild`` and ``kg remove``: the commands that write the store,
and the progress bar of a build."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from kg.cli.common import (
    OUT_DEFAULT,
    BatchOpt,
    BuildStoreOpt,
    ClusterOpt,
    DetailOpt,
    ExportsOpt,
    HtmlOpt,
    ModelOpt,
    OutOpt,
    QuietOpt,
    StoreOpt,
    WorkersOpt,
    app,
    say,
    store_path,
    user_errors,
)
from kg.errors import StoreError
from kg.rdf.open import is_remote, open_store

if TYPE_CHECKING:
    from kg.workers import ExtractStream


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

        with user_errors(), _progress(quiet) as ticks:
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
        say("Warning", warning)
    for error in report.errors:
        say("Error", error)
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

    with user_errors(), _progress(quiet) as ticks:
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
def remove(
    article: Annotated[str, typer.Argument(help="Article id (see kg stats / kg query).")],
    store: StoreOpt = None,
) -> None:
    """Delete an article's statements and the entities only it mentioned.

    Example: kg remove sha1-0123456789abcdef
    """
    with user_errors():
        path = store_path(store)
        if not path.is_dir() and not is_remote(store):
            raise StoreError(f"no store at ({path}); pass an existing --store folder")
        with open_store(store if is_remote(store) else path, create=False) as st:
            if not st.remove_article(article):
                raise StoreError(f"no such article ({article}); list ids with: kg articles")
        typer.echo(f"Removed {article}")

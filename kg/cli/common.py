"""What every ``kg`` command shares: the typer app, the option types, and how user
mistakes become one ``Error:`` line (exit 1) and stores are opened for reading."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import FormatError, KgError, StoreError
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.layout import DEFAULT_OUT, default_store_path
from kg.rdf.open import is_remote, open_store

if TYPE_CHECKING:
    from kg.rdf.store import Store

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


def fail(message: str) -> None:
    say("Error", message)
    raise typer.Exit(1)


def say(kind: str, message: object) -> None:
    """One ``Error: ...``/``Warning: ...`` line on stderr; control characters from file
    names or ids are shown as escapes, never sent to the terminal raw."""
    from kg.query import visible

    typer.echo(f"{kind}: {visible(str(message))}", err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Report user mistakes as one line and exit 1. A full disk or quota (ENOSPC,
    EDQUOT) is named as such, not as a path or permission problem. Ctrl-C ends with
    one line and status 130: each article is stored whole or not at all and output
    files are replaced whole, so running the command again finishes the work."""
    from kg.fsio import disk_full, is_disk_full

    try:
        yield
    except KeyboardInterrupt:
        say("Error", "interrupted (Ctrl-C); what was stored is kept whole: run the same "
             "command again to finish")
        raise typer.Exit(130) from None
    except KgError as exc:
        fail(str(exc))
    except OSError as exc:
        if is_disk_full(exc):
            fail(str(disk_full(exc.filename or "stdout")))
        where = f" ({exc.filename})" if exc.filename else ""
        fail(f"{exc.strerror or exc}{where}; check the path and its permissions")


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise FormatError(f"unknown {what} ({value}); use one of: {', '.join(choices)}")
    return value


def store_path(store: str | None) -> Path:
    return Path(store) if store is not None else default_store_path(OUT_DEFAULT)


def existing_source(store: str | None) -> Path:
    """The store folder or RDF file a read command reads (``--store`` or the default);
    an error naming it when there is none (a SPARQL server's URL is not checked)."""
    path = store_path(store)
    if not path.exists() and not is_remote(store):
        raise StoreError(
            f"no store or RDF file at ({path}); build one first with: kg build INPUT"
            + ("" if store is None else ", or pass an existing --store")
        )
    return path


@contextmanager
def read_dataset(store: str | None) -> Iterator[Store]:
    """Open the store (or an exported RDF file) for reading; error if there is none.

    A store folder is opened read-only: a read command writes no file (it works on a
    full or read-only disk) and, holding a shared lock, never runs beside a build."""
    from kg.rdf.store import open_source

    path = existing_source(store)
    with open_store(store, read_only=True) if is_remote(store) else open_source(path) as st:
        yield st

"""Ingest: files, folders, JSON Lines and stdin → cleaned :class:`~kg.model.Article` objects.

The one job of this package is to turn whatever the user points at into articles whose
``text`` is the clean story body: paragraphs separated by a blank line, whitespace
normalised, web boilerplate (donation appeals, newsletter boxes, menus) removed, and
leading metadata lines ("date 2025-03-13") moved into ``Article.date``. Every character
offset downstream refers to that text, so building it is deterministic.

Readers by extension: ``.html``/``.htm`` (trafilatura main-text extraction), ``.md``/
``.markdown`` (markup stripped), ``.jsonl`` (one article per line), ``.csv``/``.tsv`` (one
article per row, the JSON Lines fields as columns); anything else is read
as plain text. Archives (``.zip``, ``.tar`` and ``.tar.gz``/``.tgz``/bz2/xz) are read
member by member as if unpacked into a folder, and a gzip/bzip2/xz file as the file it
compresses (:mod:`kg.ingest.archives`). ``-`` reads standard input once and sniffs its
format. A bad file, or a
bad JSON line, is yielded as an :class:`~kg.errors.InputError` so the rest still builds;
a repaired one (stray NULs dropped, legacy encoding guessed) as an
:class:`~kg.errors.InputWarning` before its article.

kg never reads its own output as articles: folder walks skip the folders and files the
caller names as outputs (``exclude``), any folder holding an RDF store, RDF and graph
files by extension, and graph pages kg wrote; such a file named explicitly is an error.

>>> from io import StringIO
>>> [a.text for a in iter_articles(["-"], stdin=StringIO("Rain fell.\\n\\nRivers rose."))]
['Rain fell.\\n\\nRivers rose.']
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from kg.errors import InputError, InputWarning
from kg.fsio import is_store_folder
from kg.ingest.archives import Member, archive_kind, inner_name, members
from kg.ingest.boilerplate import drop_boilerplate, is_boilerplate
from kg.ingest.decode import Decoded, decode, decode_str
from kg.ingest.formats import Parsed, iter_csv, iter_jsonl, read_html, read_markdown, sniff
from kg.ingest.text import (
    article_id,
    is_headline,
    join_paragraphs,
    normalise_date,
    normalise_space,
    split_dateline,
    split_paragraphs,
    take_header,
)
from kg.model import Article

__all__ = [
    "GRAPH_SUFFIXES",
    "KG_PAGE_MARKER",
    "RECORD_FORMATS",
    "STDIN",
    "article_from_text",
    "check_inputs",
    "input_format",
    "is_boilerplate",
    "iter_articles",
    "read_article",
    "read_articles",
]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
#: Most standard input kg reads (1 GiB); more (``kg build - < /dev/zero``) is refused.
STDIN_MAX_BYTES = 1 << 30
#: File extension → format; anything not listed is read as plain text.
FORMATS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
}
#: Formats that hold one article per record (no per-file size limit; sources ``FILE:LINE``).
RECORD_FORMATS = frozenset({"jsonl", "csv", "tsv"})
#: Extensions of RDF, graph and SPARQL files (what kg writes or reads as graphs): never
#: articles, so folder walks skip them and naming one is an error.
GRAPH_SUFFIXES = frozenset({
    ".ttl", ".trig", ".nq", ".nt", ".n3", ".jsonld", ".rdf", ".owl",
    ".gexf", ".graphml", ".rq", ".sparql",
})
#: Start of the ``<meta name="generator">`` tag in every HTML page kg renders.
KG_PAGE_MARKER = b'<meta name="generator" content="kg '
#: How far into an HTML file the marker is looked for (it sits in ``<head>``).
_PAGE_HEAD_BYTES = 4096


def check_inputs(inputs: Sequence[str | Path]) -> None:
    """Raise :class:`InputError` before any work when an input path does not exist.

    Called up front so a typo fails fast, before the model loads or a store opens.
    """
    if not inputs:
        raise InputError("no input given (); pass files, folders, or - to read standard input")
    for item in inputs:
        if str(item) != STDIN and not Path(item).exists():
            raise InputError(
                f"input not found ({item}); check the path, or pass - to read standard input"
            )


def iter_articles(
    inputs: Sequence[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    exclude: Sequence[str | Path] = (),
    max_bytes: int | None = None,
) -> Iterator[Article | InputError | InputWarning]:
    """Yield one Article per article in ``inputs``, or an InputError for a bad one
    (and an InputWarning for an input that was repaired, before its article).

    Inputs are files, folders (recursive, sorted by relative path, hidden files and
    folders skipped) or ``-`` for ``stdin`` (default ``sys.stdin``; read once even if
    ``-`` is given twice). ``exclude`` names folders and files kg writes to (the output
    folder, the store): a walk skips them, and so it does RDF stores, RDF files and
    graph pages kg rendered, so ``kg build .`` never reads its own output. Errors are
    yielded, not raised, so one bad file does not stop a batch; call
    :func:`check_inputs` first to fail fast on missing paths.

    Only regular files are read (a FIFO or a device such as /dev/zero is refused), and
    a text, Markdown or HTML file over ``max_bytes`` is refused before it is read;
    standard input is read up to :data:`STDIN_MAX_BYTES`. A folder walk skips a
    symlinked file whose target lies in a store; it does not follow a symlinked folder
    nor read a symlinked file outside the folder, and names each in an InputWarning
    (the user may have meant it, and a skip is never silent).
    """
    outputs = _resolved(exclude)
    stdin_done = False
    for item in inputs:
        if str(item) == STDIN:
            if not stdin_done:
                stdin_done = True
                yield from _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        yield from _read_input(item, outputs, max_bytes)


def _read_input(
    item: str | Path, outputs: frozenset[Path], max_bytes: int | None = None
) -> Iterator[Article | InputError | InputWarning]:
    """The articles of one file or folder named by the user, or why it holds none."""
    path = Path(item)
    if not path.exists():
        yield InputError(
            f"input not found ({item}); check the path, or pass - to read standard input"
        )
        return
    refusal = _not_article(path, outputs)
    if refusal is not None:
        yield refusal
    elif path.is_dir():
        files, outside = _walk(path, outputs)
        for link in outside:  # refused, but never silently: the user may have meant it
            why = ("kg does not follow linked folders" if link.is_dir()
                   else f"it leads out of the folder {path}")
            yield InputWarning(f"symlink skipped ({link} -> {link.resolve()}): {why}; "
                               "pass its target as an input to build it")
        for file in files:
            yield from read_articles(file, max_bytes)
    else:
        yield from read_articles(path, max_bytes)


def read_articles(
    path: str | Path, max_bytes: int | None = None
) -> Iterator[Article | InputError | InputWarning]:
    """The articles of one file (several for JSON Lines or an archive), errors yielded
    not raised; warnings about repairs to the file come first. A text, Markdown or HTML
    file (or archive member) over ``max_bytes`` is refused unread (JSON Lines files hold
    many articles: no limit)."""
    source = str(path)
    if archive_kind(path) is not None:
        yield from _read_archive(Path(path), max_bytes)
        return
    fmt = input_format(path)
    try:
        size = Path(path).stat().st_size
        if max_bytes is not None and fmt not in RECORD_FORMATS and size > max_bytes:
            yield InputError(
                f"input too large ({source}: {size:,} bytes); split it, or raise --max-chars"
            )
            return
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        yield InputError(
            f"cannot read input ({source}); check that it is a readable file ({reason})"
        )
        return
    yield from _from_bytes(data, fmt, source)


def _read_archive(
    path: Path, max_bytes: int | None
) -> Iterator[Article | InputError | InputWarning]:
    """The articles of the members of archive ``path`` (:mod:`kg.ingest.archives`), each
    read as the file it was before packing; the same limit per member as per file."""

    def limit(name: str) -> int | None:
        return None if input_format(name) in RECORD_FORMATS else max_bytes

    for member in members(path, limit, _is_graph_name):
        if not isinstance(member, Member):
            yield member
        elif not _is_kg_page_head(member.name, member.data):
            yield from _from_bytes(member.data, input_format(member.name), member.source)


def _from_bytes(
    data: bytes, fmt: str, source: str
) -> Iterator[Article | InputError | InputWarning]:
    """The articles of one file's bytes in format ``fmt``; warnings about repairs first."""
    try:
        decoded = decode(data, source)
    except InputError as err:
        yield err
        return
    if fmt == "text" and looks_like_rdf(decoded.text):
        yield InputError(
            f"not an article ({source}): RDF data (an export?); query it with kg query "
            "--store FILE after naming it .ttl, .nq or .jsonld"
        )
        return
    yield from decoded.warnings
    yield from _articles(decoded.text, fmt, source)


def read_article(path: str | Path) -> Article:
    """The single article in ``path``; raises the InputError instead of yielding it.

    For a JSON Lines file this is its first article. Warnings are dropped.
    """
    for item in read_articles(path):
        if isinstance(item, InputWarning):
            continue
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(f"no article text found ({path}); the file holds no article text")


def article_from_text(text: str, fmt: str = "text", source: str | None = None) -> Article:
    """One article from a string in ``fmt`` ("text", "markdown" or "html").

    Leading metadata lines become fields, not text:

    >>> article = article_from_text("Title: Storm hits coast\\n\\nRain fell.")
    >>> article.title, article.text
    ('Storm hits coast', 'Rain fell.')
    """
    parsed = _parse(text, fmt)
    return _build(parsed, source or STDIN_SOURCE)


def _read_stdin(stream: TextIO | BinaryIO) -> Iterator[Article | InputError | InputWarning]:
    """Read stdin once (bytes when available, so the encoding can be detected), sniff, parse."""
    raw = getattr(stream, "buffer", stream).read(STDIN_MAX_BYTES + 1)
    if len(raw) > STDIN_MAX_BYTES:
        yield InputError(
            f"standard input too large ({STDIN_SOURCE}: over {STDIN_MAX_BYTES:,} bytes); "
            "save it to files and pass them or their folder"
        )
        return
    try:
        decoded: Decoded = (
            decode_str(raw, STDIN_SOURCE) if isinstance(raw, str) else decode(raw, STDIN_SOURCE)
        )
    except InputError as err:
        yield err
        return
    yield from decoded.warnings
    yield from _articles(decoded.text, sniff(decoded.text), STDIN_SOURCE)


def _resolved(paths: Sequence[str | Path]) -> frozenset[Path]:
    """``paths`` made absolute with symlinks resolved, so any spelling of one matches."""
    return frozenset(Path(p).resolve() for p in paths)


def _is_output(path: Path, outputs: frozenset[Path]) -> bool:
    """True when ``path`` is one of ``outputs`` or lies inside one of them."""
    if not outputs:
        return False
    real = path.resolve()
    return real in outputs or any(parent in outputs for parent in real.parents)


def input_format(name: str | Path) -> str:
    """The format a file's name gives it (:data:`FORMATS`, else "text"), looking through
    a gzip/bzip2/xz ending: ``news.jsonl.gz`` is JSON Lines."""
    return FORMATS.get(Path(inner_name(name)).suffix.lower(), "text")


def _is_graph_name(name: str | Path) -> bool:
    """True for the name of an RDF or graph file (:data:`GRAPH_SUFFIXES`), compressed or not."""
    return Path(inner_name(name)).suffix.lower() in GRAPH_SUFFIXES


def _is_kg_page_head(name: str | Path, head: bytes) -> bool:
    """True when a file named ``name`` that starts with ``head`` is an HTML page kg
    rendered (its generator meta tag says so)."""
    return (Path(name).suffix.lower() in (".html", ".htm")
            and KG_PAGE_MARKER in head[:_PAGE_HEAD_BYTES])


def _is_kg_page(path: Path) -> bool:
    """True when ``path`` is an HTML page kg rendered (see :func:`_is_kg_page_head`)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with path.open("rb") as handle:
            return _is_kg_page_head(path, handle.read(_PAGE_HEAD_BYTES))
    except OSError:
        return False


def _skipped(path: Path) -> bool:
    """True for a file a folder walk leaves out silently: not an article but a graph."""
    return _is_graph_name(path) or _is_kg_page(path)


def _not_article(path: Path, outputs: frozenset[Path]) -> InputError | None:
    """The error for an input named by the user that is kg's output, a store or a graph
    (so never an article), else None."""
    where = f"not an article ({path}): "
    if not path.is_dir() and not _is_regular(path):
        return InputError(
            f"not a regular file ({path}); pass files or folders, or pipe data into - "
            "(kg build - < FILE)"
        )
    if _is_output(path, outputs):
        return InputError(
            where + "kg's own output (the output folder or store of this build); "
            "pass the article files, or write the output elsewhere with --out"
        )
    if path.is_dir():
        if is_store_folder(path):
            return InputError(where + f"an RDF store; query it with kg query --store {path}")
        return None
    if is_store_folder(path.parent):
        return InputError(
            where + f"part of an RDF store; query it with kg query --store {path.parent}"
        )
    if _is_graph_name(path):
        return InputError(where + f"an RDF file; query it with kg query --store {path}")
    if _is_kg_page(path):
        return InputError(where + "a graph page written by kg; open it in a browser")
    return None


_RDF_START = re.compile(
    r"(?:@prefix\s|@base\s|prefix\s+[\w.-]*:\s*<|base\s+<)"  # Turtle/TriG/SPARQL header
    r"|(?:<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s",  # an N-Triples / N-Quads line
    re.IGNORECASE,
)


def looks_like_rdf(text: str) -> bool:
    """True when plain text is RDF: an export saved under another name (``kg export -o
    dump.txt``) that a later ``kg build`` of the folder must not read as an article.

    Turtle/TriG (``@prefix``), N-Triples/N-Quads (``<s> <p> ...``) and JSON-LD
    (``[{"@id"`` / ``{"@context"``) are recognised by their first lines.
    """
    head = text.lstrip()[:2000]
    if head.startswith(("[", "{")):
        return '"@id"' in head or '"@context"' in head
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()
                  and not ln.lstrip().startswith("#")), "")
    return bool(_RDF_START.match(first))


def _is_regular(path: Path) -> bool:
    """True for a regular file (symlinks followed): not a FIFO, device or socket, which
    could block forever (a FIFO) or never end (/dev/zero)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _walk(
    folder: Path, outputs: frozenset[Path] = frozenset()
) -> tuple[list[Path], list[Path]]:
    """Article files under ``folder``, recursively, sorted by relative path; and the
    symlinks skipped: linked folders, and linked files that lead out of it.

    Hidden files and folders are skipped, and so are kg's outputs: the ``outputs``
    folders and files, folders holding an RDF store, and graph files (see
    :func:`_skipped`). Symlinked folders are not followed; a symlinked file is read
    only when its target lies inside ``folder`` (and not in a store).
    """
    top = folder.resolve()
    files = []
    outside = []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        dirs[:] = [
            d for d in dirs
            if not d.startswith(".") and not _is_output(here / d, outputs)
            and not is_store_folder(here / d)
        ]
        outside += [here / d for d in dirs  # not followed; one inside is walked anyway
                    if (here / d).is_symlink() and not (here / d).resolve().is_relative_to(top)]
        for name in names:
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            if _is_output(path, outputs) or _skipped(path):
                continue
            if path.is_symlink():
                target = path.resolve()
                if _skipped(target) or is_store_folder(target.parent):
                    continue  # kg's own outputs, wherever the link leads
                if not target.is_relative_to(top):  # a shared folder must not pull
                    outside.append(path)  # /etc/shadow into the graph
                    continue
            files.append((path.relative_to(folder).as_posix(), path))
    return [path for _, path in sorted(files)], sorted(outside)


def _articles(text: str, fmt: str, source: str) -> Iterator[Article | InputError]:
    if fmt in RECORD_FORMATS:
        records = (iter_jsonl(text, source) if fmt == "jsonl"
                   else iter_csv(text, source, "\t" if fmt == "tsv" else ","))
        for parsed in records:
            if isinstance(parsed, InputError):
                yield parsed
            else:  # the record's line is its source: news.jsonl:3
                yield _checked_build(parsed, parsed.source or source)
        return
    yield _checked_build(_parse(text, fmt), source)


def _parse(text: str, fmt: str) -> Parsed:
    if fmt == "html":
        return read_html(text)
    if fmt == "markdown":
        return read_markdown(text)
    return Parsed(split_paragraphs(text))


def _checked_build(parsed: Parsed, source: str) -> Article | InputError:
    try:
        return _build(parsed, source)
    except InputError as err:
        return err


def _build(parsed: Parsed, source: str) -> Article:
    """Header lines → metadata, boilerplate and a leading title paragraph dropped, id minted."""
    header, paragraphs = take_header(parsed.paragraphs)
    title = parsed.title or header.title
    title = normalise_space(title) if title else None
    paragraphs = drop_boilerplate(paragraphs)
    if title and paragraphs and normalise_space(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]
    elif not title and len(paragraphs) > 1 and is_headline(paragraphs[0]):
        # plain text's headline: the first short line with a paragraph after it
        title, paragraphs = normalise_space(paragraphs[0]), paragraphs[1:]
    if paragraphs:
        paragraphs = split_dateline(paragraphs[0]) + paragraphs[1:]
    text = join_paragraphs(paragraphs)
    if not text:
        raise InputError(
            f"no article text found ({source}); the input is empty or holds only page boilerplate"
        )
    url = parsed.url or header.url
    date = normalise_date(parsed.date) or header.date
    return Article(
        id=article_id(text, url=url, given=parsed.id), text=text, title=title,
        date=date, source=source, url=url,
    )

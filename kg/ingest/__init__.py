"""Ingest: files, folders, JSON Lines and stdin → cleaned :class:`~kg.model.Article` objects.

The one job of this package is to turn whatever the user points at into articles whose
``text`` is the clean story body: paragraphs separated by a blank line, whitespace
normalised, web boilerplate (donation appeals, newsletter boxes, menus) removed, and
leading metadata lines ("date 2025-03-13") moved into ``Article.date``. Every character
offset downstream refers to that text, so building it is deterministic.

Readers by extension: ``.html``/``.htm`` (trafilatura main-text extraction), ``.md``/
``.markdown`` (markup stripped), ``.jsonl`` (one article per line); anything else is read
as plain text. ``-`` reads standard input once and sniffs its format. A bad file, or a
bad JSON line, is yielded as an :class:`~kg.errors.InputError` so the rest still builds.

>>> from io import StringIO
>>> [a.text for a in iter_articles(["-"], stdin=StringIO("Rain fell.\\n\\nRivers rose."))]
['Rain fell.\\n\\nRivers rose.']
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from kg.errors import InputError, InputWarning
from kg.ingest.boilerplate import drop_boilerplate, is_boilerplate
from kg.ingest.decode import decode_bytes
from kg.ingest.formats import Parsed, iter_jsonl, read_html, read_markdown, sniff
from kg.ingest.text import (
    article_id,
    join_paragraphs,
    normalise_date,
    normalise_space,
    split_paragraphs,
    take_header,
)
from kg.model import Article

__all__ = [
    "STDIN",
    "article_from_text",
    "check_inputs",
    "is_boilerplate",
    "iter_articles",
    "read_article",
    "read_articles",
]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
#: File extension → format; anything not listed is read as plain text.
FORMATS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}


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
    inputs: Sequence[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Article | InputError | InputWarning]:
    """Yield one Article per article in ``inputs``, or an InputError for a bad one
    (and an InputWarning for an input that was repaired, before its article).

    Inputs are files, folders (recursive, sorted by relative path, hidden files and
    folders skipped) or ``-`` for ``stdin`` (default ``sys.stdin``; read once even if
    ``-`` is given twice). Errors are yielded, not raised, so one bad file does not stop
    a batch; call :func:`check_inputs` first to fail fast on missing paths.
    """
    stdin_done = False
    for item in inputs:
        if str(item) == STDIN:
            if not stdin_done:
                stdin_done = True
                yield from _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from read_articles(file)
        elif path.exists():
            yield from read_articles(path)
        else:
            yield InputError(
                f"input not found ({item}); check the path, or pass - to read standard input"
            )


def read_articles(path: str | Path) -> Iterator[Article | InputError]:
    """The articles of one file (several for JSON Lines), errors yielded not raised."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
        text = decode_bytes(data, source)
    except InputError as err:
        yield err
        return
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        yield InputError(
            f"cannot read input ({source}); check that it is a readable file ({reason})"
        )
        return
    fmt = FORMATS.get(Path(path).suffix.lower(), "text")
    yield from _articles(text, fmt, source)


def read_article(path: str | Path) -> Article:
    """The single article in ``path``; raises the InputError instead of yielding it.

    For a JSON Lines file this is its first article.
    """
    for item in read_articles(path):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(f"no article text found ({path}); the file holds no article text")


def article_from_text(text: str, fmt: str = "text", source: str | None = None) -> Article:
    """One article from a string in ``fmt`` ("text", "markdown" or "html")."""
    parsed = _parse(text, fmt)
    return _build(parsed, source or STDIN_SOURCE)


def _read_stdin(stream: TextIO | BinaryIO) -> Iterator[Article | InputError]:
    """Read stdin once (bytes when available, so the encoding can be detected), sniff, parse."""
    raw = getattr(stream, "buffer", stream).read()
    try:
        text = raw if isinstance(raw, str) else decode_bytes(raw, STDIN_SOURCE)
    except InputError as err:
        yield err
        return
    yield from _articles(text, sniff(text), STDIN_SOURCE)


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder``, recursively, sorted by relative path, hidden ones skipped."""
    files = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        files.append((rel.as_posix(), path))
    return [path for _, path in sorted(files)]


def _articles(text: str, fmt: str, source: str) -> Iterator[Article | InputError]:
    if fmt == "jsonl":
        for parsed in iter_jsonl(text, source):
            if isinstance(parsed, InputError):
                yield parsed
            else:
                yield _checked_build(parsed, source)
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

"""Format readers: Markdown, HTML, JSON Lines and CSV → raw paragraphs plus page metadata.

Each reader returns a :class:`Parsed` (paragraphs and metadata), leaving cleaning,
boilerplate removal and ids to :mod:`kg.ingest`. Plain text needs no reader.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kg.errors import InputError
from kg.ingest.text import split_paragraphs

#: Block tokens whose inline text becomes a paragraph (headings included, as the
#: brief for Markdown asks: a sub-heading is a short paragraph of its own).
_MD_TEXT_BLOCKS = ("paragraph_open", "heading_open")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: JSON Lines separators. Not ``str.splitlines``: it also splits at U+2028, U+2029 and
#: U+0085, which JSON allows unescaped inside strings.
_LINE_BREAK = re.compile(r"\r\n?|\n")
#: A lone UTF-16 surrogate: JSON can spell one (``"\\ud800"``) but it is not a character
#: and cannot be written as UTF-8, so no export could hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Python's csv module refuses fields over 131,072 characters by default; a news
#: article can be longer (each file's own length is the limit while it is read).
_CSV_FIELD_LIMIT = 1 << 17
_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


@dataclass
class Parsed:
    """What a reader found: raw paragraphs and whatever metadata the format carries."""

    paragraphs: list[str]
    title: str | None = None
    date: str | None = None
    url: str | None = None
    id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    #: Where a record came from when that is finer than its file: ``news.jsonl:3``.
    source: str | None = None


def read_markdown(text: str) -> Parsed:
    """Markdown → paragraphs of plain text (markup stripped, link text kept).

    Headings and list items become paragraphs; code blocks, images and raw HTML are
    dropped (not article prose). The first level-1 heading is the title. A YAML-style
    front matter block supplies ``title``, ``date`` and ``url`` when present.

    >>> parsed = read_markdown("# Storm hits coast\\n\\nRain *fell* all [night](https://x.org).")
    >>> parsed.title, parsed.paragraphs
    ('Storm hits coast', ['Storm hits coast', 'Rain fell all night.'])
    """
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front[1].splitlines():
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta[key.strip().lower()] = value.strip().strip("'\"")
        text = text[front.end():]
    tokens = MarkdownIt("commonmark").parse(text)
    paragraphs: list[str] = []
    title: str | None = meta.get("title")
    for i, tok in enumerate(tokens):
        if tok.type not in _MD_TEXT_BLOCKS or i + 1 >= len(tokens):
            continue
        inline = tokens[i + 1]
        words = _inline_text(inline.children or [])
        if not words.strip():
            continue
        if tok.type == "heading_open" and tok.tag == "h1" and title is None:
            title = " ".join(words.split())
        paragraphs.append(words)
    return Parsed(paragraphs, title=title, date=meta.get("date"),
                  url=meta.get("url") or meta.get("link"), meta=meta)


def _inline_text(children: list[Token]) -> str:
    """The readable text of inline Markdown tokens (links keep their text, images go)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def read_html(html: str) -> Parsed:
    """HTML → main-text paragraphs with trafilatura (offline), plus title, date and URL.

    trafilatura removes navigation, footers and most page furniture and reads the
    title (``<title>``/``og:title``), publication date and canonical URL from the page
    metadata. When trafilatura cannot be imported (its optional ``lxml_html_clean``
    dependency missing), a simple lxml reader of ``<p>``/heading/list text is used.
    """
    try:
        import trafilatura
    except ImportError:
        return _read_html_lxml(html)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # trafilatura/htmldate assert on some trees (an <svg> root)
        return _read_html_lxml(html)
    if doc is None:
        return Parsed([])
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    title = data.get("title") or None
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return Parsed(paragraphs, title=title, date=data.get("date"), url=data.get("url"))


def _read_html_lxml(html: str) -> Parsed:
    """Fallback HTML reader: text of paragraph-like elements outside nav/header/footer."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.LxmlError, ValueError):  # empty or unparseable: no article text
        return Parsed([])
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//aside|//form|//noscript"):
        if bad.getparent() is not None:
            bad.drop_tree()
    title = next((m.get("content") for m in root.xpath("//meta[@property='og:title']")), None)
    if not title:
        title = next((t.text_content() for t in root.xpath("//title")), None)
    date = next((m.get("content") for m in root.xpath(
        "//meta[@property='article:published_time' or @name='date' or @itemprop='datePublished']"
    )), None)
    url = next((m.get("href") for m in root.xpath("//link[@rel='canonical']")), None)
    blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//li|//blockquote[not(.//p)]")
    paragraphs = [b.text_content() for b in blocks if b.text_content().strip()]
    if not paragraphs:  # text straight under the root (<svg>, a bare fragment)
        paragraphs = [line for line in root.text_content().splitlines() if line.strip()]
    return Parsed(paragraphs, title=title.strip() if title else None, date=date, url=url)


def iter_jsonl(text: str, source: str) -> Iterator[Parsed | InputError]:
    """One :class:`Parsed` per JSON line; a bad line yields an InputError naming ``source:line``.

    Each line is an object with a non-empty string ``text`` and optional ``title``,
    ``url``, ``date`` and ``id``. Blank lines are skipped. Lines end at ``\\n``,
    ``\\r\\n`` or ``\\r`` only (see :data:`_LINE_BREAK`).

    >>> first, second = iter_jsonl('{"text": "Rain fell.", "id": 7}\\nnot json', "news.jsonl")
    >>> first.paragraphs, first.id, first.source
    (['Rain fell.'], '7', 'news.jsonl:1')
    >>> str(second)
    'invalid JSON line (news.jsonl:2); each line must be one JSON object with a "text" field'
    """
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = _load_json(line)
        except ValueError:
            yield InputError(
                f"invalid JSON line ({where}); each line must be one JSON object "
                'with a "text" field'
            )
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(record, dict) or not isinstance(body, str) or not body.strip():
            yield InputError(
                f"JSON line without article text ({where}); "
                'give each line a non-empty "text" string'
            )
            continue
        yield _record(record, body, where)


def _record(record: Mapping[str, object], body: str, where: str) -> Parsed:
    """One record of a JSON Lines or CSV file: its ``body`` text and its metadata."""
    fields = _record_fields(record)
    return Parsed(
        split_paragraphs(_no_surrogates(body)),
        title=fields.get("title"), date=fields.get("date"),
        url=fields.get("url"), id=fields.get("id"), source=where,
    )


def iter_csv(text: str, source: str, delimiter: str = ",") -> Iterator[Parsed | InputError]:
    """One :class:`Parsed` per row of a CSV (or, with ``delimiter="\\t"``, TSV) file
    whose header names a ``text`` column, with optional ``title``, ``url``, ``date`` and
    ``id`` columns, as in JSON Lines (header names compared without case or spaces;
    other columns ignored). A row's source is the line it starts on (``news.csv:3``: a
    quoted field may span lines and hold paragraphs). A row without text is an
    InputError of its own; a file without a ``text`` column, or quoting the reader
    cannot follow, one error (strict quoting: a stray quote must not swallow the rows
    after it into one field). Fields may be as long as the file.

    >>> [p.title for p in iter_csv('title,text\\nStorm,Rain fell.\\n', "news.csv")]
    ['Storm']
    """
    old_limit = csv.field_size_limit(max(len(text), _CSV_FIELD_LIMIT))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
            columns: dict[str, int] = {}
            for i, name in enumerate(header or []):
                columns.setdefault(name.strip().lower(), i)
            if "text" not in columns:
                named = ", ".join(n.strip() for n in header or []) or "none"
                yield InputError(f"CSV without a text column ({source}: columns {named}); "
                                 'rename the column that holds the articles to "text"')
                return
            start = reader.line_num + 1
            for row in reader:
                where, start = f"{source}:{start}", reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                record = {key: row[i] for key, i in columns.items() if i < len(row)}
                body = record.get("text", "")
                if not body.strip():
                    yield InputError(f"CSV row without article text ({where}); give each "
                                     "row a non-empty text")
                    continue
                yield _record(record, body, where)
        except csv.Error as exc:
            yield InputError(f"invalid CSV ({source}:{reader.line_num}: {exc}); quote fields "
                             'that hold the delimiter, a quote (as "") or a line break')
    finally:
        csv.field_size_limit(old_limit)


def _record_fields(record: Mapping[str, object]) -> dict[str, str]:
    """The non-blank string or integer metadata fields of one JSON Lines or CSV record."""
    fields = {}
    for key in ("title", "url", "date", "id"):
        value = record.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            fields[key] = _no_surrogates(str(value))
    return fields


def _no_surrogates(value: str) -> str:
    """``value`` with lone surrogates (see :data:`_SURROGATE`) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def sniff(text: str) -> str:
    """Guess the format of stdin content: "jsonl", "html", "markdown" or "text".

    JSON Lines when the first non-blank line is a JSON object, or looks like one
    (``{`` ... ``}``) even if it cannot be read, as for a named ``.jsonl`` file: bad
    lines then give per-line errors instead of the whole input being silently read as
    one plain-text article. HTML when it starts with a tag and has a
    document-level element; Markdown when it starts with front matter or a ``#``
    heading; text otherwise.

    >>> [sniff(t) for t in ('{"text": "Rain fell."}', "<html><body><p>Rain</p></body></html>",
    ...                     "# Storm", "Rain fell.")]
    ['jsonl', 'html', 'markdown', 'text']
    """
    stripped = text.lstrip()
    first = _LINE_BREAK.split(stripped, maxsplit=1)[0].strip()
    if _is_json_object(first) or (first.startswith("{") and first.endswith("}")):
        return "jsonl"
    if stripped.startswith("<") and _HTML_HINT.search(stripped[:5000]):
        return "html"
    if _FRONT_MATTER.match(stripped) or re.match(r"#{1,6} \S", stripped):
        return "markdown"
    return "text"


def _is_json_object(line: str) -> bool:
    """True when ``line`` is one JSON object (the shape of a JSON Lines record)."""
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(_load_json(line), dict)
    except ValueError:
        return False


def _load_json(line: str) -> object:
    """``json.loads(line)``, with every way it refuses a line raised as ValueError.

    Beyond malformed JSON (``JSONDecodeError``), valid JSON can still be unreadable: an
    integer of more than 4300 digits raises a plain ValueError, nesting thousands deep
    a RecursionError.
    """
    try:
        return json.loads(line)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None

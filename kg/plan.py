"""The planning pass of a build: read every input once, before the store is touched.

:func:`plan_inputs` reports per-input errors and warnings, refuses over-long texts and
id clashes, and records which articles to build with a digest of each; the build then
knows every id it will replace (so entities resolve against the store minus those) and
which stored articles are unchanged. :class:`Plan` gives the articles again for the
build pass, from memory or, past :data:`PLAN_CACHE_CHARS`, by reading the inputs again
(:class:`Inputs` keeps standard input, which can be read only once).
"""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO

from kg.errors import InputError, InputWarning, KgError
from kg.incremental import content_digest
from kg.ingest import STDIN, STDIN_MAX_BYTES, iter_articles
from kg.model import Article
from kg.workers import BATCH_SIZE

#: Articles kept in memory between the planning pass and the build pass; beyond this
#: much text the inputs are read a second time instead (memory stays flat).
PLAN_CACHE_CHARS = 64_000_000


class Reported(Protocol):
    """Where the passes put per-input problems (a :class:`kg.pipeline.BuildReport`)."""

    errors: list[KgError]
    warnings: list[InputWarning]


class Inputs:
    """The build's inputs, readable twice: standard input is read once and kept."""

    def __init__(
        self,
        inputs: Sequence[str | Path],
        stdin: TextIO | BinaryIO | None,
        exclude: Sequence[Path],
        max_bytes: int | None = None,
    ) -> None:
        self.inputs = inputs
        self.exclude = exclude
        self.max_bytes = max_bytes
        self._stdin: bytes | str | None = None
        if any(str(item) == STDIN for item in inputs):
            stream = stdin if stdin is not None else sys.stdin
            # one byte past the limit, so ingest can refuse an over-long stdin
            self._stdin = getattr(stream, "buffer", stream).read(STDIN_MAX_BYTES + 1)

    def read(self) -> Iterator[Article | InputError | InputWarning]:
        """One pass over every input, in order (:func:`kg.ingest.iter_articles`)."""
        data = self._stdin
        stream: TextIO | BinaryIO | None = None
        if data is not None:
            stream = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
        return iter_articles(
            self.inputs, stdin=stream, exclude=self.exclude, max_bytes=self.max_bytes
        )


@dataclass
class Plan:
    """What the planning pass decided: the ids to build, by position among articles."""

    keep: dict[int, str] = field(default_factory=dict)  # position → planned id
    cached: list[Article] | None = field(default_factory=list)
    #: position → digest of the article's text and metadata
    content: dict[int, str] = field(default_factory=dict)

    def articles(
        self, source: Inputs, report: Reported, max_chars: int
    ) -> Iterator[Article]:
        """The articles to build, in input order (cached, or read again).

        Read again, an input may have changed since the plan pass: an article whose id
        is not the one planned at its position, or that grew past ``max_chars``, is
        reported and skipped rather than built unchecked.
        """
        if self.cached is not None:
            yield from self.cached
            return
        position = 0
        for item in source.read():
            if isinstance(item, Article):
                expected = self.keep.get(position)
                position += 1
                if expected is None:
                    continue
                if item.id != expected or len(item.text) > max_chars:
                    report.errors.append(InputError(
                        f"input changed while building ({item.source or STDIN}); "
                        "run the build again"
                    ))
                    continue
                yield item


def plan_inputs(
    source: Inputs,
    report: Reported,
    max_chars: int,
    many: Callable[[], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Plan:
    """First pass over the inputs: errors, warnings, over-long texts and id clashes.

    Knowing every id before the store is touched lets the build resolve entities
    against the store minus the articles it is about to rebuild. ``many`` is called
    once, as soon as more than ``batch_size`` articles are planned (the build will
    use its worker processes: they can start meanwhile).
    """
    plan = Plan()
    seen: dict[str, tuple[str | None, bytes]] = {}  # id → (source, text digest)
    cached_chars = 0
    position = -1
    for item in source.read():
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        if isinstance(item, InputWarning):
            report.warnings.append(item)
            continue
        position += 1
        where = item.source or STDIN
        if len(item.text) > max_chars:
            report.errors.append(InputError(
                f"article too long ({where}: {len(item.text):,} characters); "
                f"split it, or raise --max-chars (now {max_chars:,})"
            ))
            continue
        digest = hashlib.sha1(item.text.encode("utf-8", "surrogatepass")).digest()
        if item.id in seen:
            first_source, first_digest = seen[item.id]
            if first_digest != digest:
                report.errors.append(InputError(
                    f"two inputs map to one article id ({item.id}): {first_source or STDIN} "
                    f"and {where}; give them distinct ids or URLs (the second was not built)"
                ))
            elif first_source != item.source:
                report.warnings.append(InputWarning(
                    f"duplicate article ({where}): same text and id as {first_source}; "
                    "stored once"
                ))
            continue
        seen[item.id] = (item.source, digest)
        plan.keep[position] = item.id
        if many is not None and len(plan.keep) > batch_size:
            many()
            many = None
        plan.content[position] = content_digest(item, digest.hex())
        if plan.cached is not None:
            cached_chars += len(item.text)
            plan.cached.append(item)
            if cached_chars > PLAN_CACHE_CHARS:
                plan.cached = None
    return plan


__all__ = ["Inputs", "PLAN_CACHE_CHARS", "Plan", "Reported", "plan_inputs"]

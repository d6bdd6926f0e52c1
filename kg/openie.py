"""Open IE over pre-tokenised sentences: the extractor's output as CaRB tuples or JSON.

:func:`openie` reads one sentence a line, PTB-tokenised as in the CaRB benchmark
(``Bush 's``, ``-LRB-``, ````` ``), builds each Doc from the line's own tokens (so no
re-tokenisation shifts anything), parses it, runs the same
:func:`kg.extract.relations.extract_frames` as ``kg build``, and writes every
extraction in the input's own tokens:

* ``carb``: ``sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2<TAB>...`` with the
  sentence echoed exactly; the relation takes auxiliaries, negation and the
  preposition of the first prepositional argument when there is no object
  ("has not outlined", "taught at"), as CaRB's gold does;
* ``jsonl``: one JSON object per extraction with token offsets, roles and rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import FormatError
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.extract.frames import Arg, Frame
from kg.extract.relations import extract_frames

FORMATS = ("carb", "jsonl")
BATCH_SIZE = 64
#: PTB escapes and quote tokens, mapped to the characters the parser was trained on.
PTB_TO_TEXT = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
    "``": '"', "''": '"',
}


def ptb_doc(nlp: Language, line: str) -> Doc:
    """An unparsed Doc whose tokens are the line's whitespace-separated tokens."""
    words = [PTB_TO_TEXT.get(w, w).replace("\\/", "/").replace("\\*", "*") for w in line.split()]
    return Doc(nlp.vocab, words=words)


def _text(words: list[str], start: int, end: int) -> str:
    return " ".join(words[start:end])


def carb_tuple(doc: Doc, words: list[str], f: Frame) -> tuple[str, list[str]]:
    """The (relation, [arg1, arg2, ...]) CaRB rendering of frame ``f`` in ``words``."""
    rel = [words[i] for i in f.rel]
    if not rel:
        rel = ["has"] if f.rule in ("possessive", "possessive-pronoun") else ["is"] + [
            w for w in f.lemma.split()[1:]
        ]
    args: list[Arg] = list(f.args)
    if f.passive_agent and f.object is not None:
        # keep the passive voice of the sentence: patient first, "by" agent second
        first, second = f.object, f.subject
        rel.append("by")
    else:
        first = f.subject
        second = f.object  # type: ignore[assignment]
    out_args = [_text(words, first.start, first.end)]
    if second is not None:
        head = doc[second.head]
        if head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.i < second.start for c in head.children
        ):
            mark = next(c for c in head.children if c.dep_ == "mark")
            rel.append(words[mark.i])
        out_args.append(_text(words, second.start, second.end))
    else:
        verb_end = max(f.rel) if f.rel else first.end
        after = [a for a in args if a.start > verb_end and a.prep]
        if after:
            a = after[0]
            rel.append(words[a.start])
            out_args.append(_text(words, a.start + 1, a.end))
            args.remove(a)
    out_args += [_text(words, a.start, a.end) for a in args]
    return " ".join(rel), out_args


def _jsonl(line: str, doc: Doc, words: list[str], f: Frame) -> str:
    def arg(a: Arg | None) -> dict[str, object] | None:
        if a is None:
            return None
        return {
            "role": a.role, "text": _text(words, a.start, a.end), "start": a.start,
            "end": a.end, "head": a.head, "preposition": a.prep,
        }

    rel, carb_args = carb_tuple(doc, words, f)
    record = {
        "sentence": line,
        "confidence": f.confidence,
        "rule": f.rule,
        "relation": {"text": rel, "lemma": f.lemma, "tokens": f.rel},
        "subject": arg(f.subject),
        "object": arg(f.object),
        "arguments": [arg(a) for a in f.args],
        "negated": f.negated,
        "modality": f.modality,
        "attribution": arg(f.speaker),
        "carb": carb_args,
    }
    return json.dumps(record, ensure_ascii=False)


def openie(
    lines: Iterable[str], nlp: Language, fmt: str = "carb", config: ExtractionConfig = DEFAULT
) -> Iterator[str]:
    """Extractions for each input line, one output line per extraction.

    ``fmt`` is "carb" (tab-separated, for the CaRB scorer) or "jsonl". Lines are parsed
    in batches with ``nlp.pipe``; blank lines and lines without extractions yield
    nothing.
    """
    if fmt not in FORMATS:
        raise FormatError(f"unknown openie format ({fmt}); use one of: {', '.join(FORMATS)}")
    kept = [line for line in lines if line.strip()]
    docs = (ptb_doc(nlp, line) for line in kept)
    for line, doc in zip(kept, nlp.pipe(docs, batch_size=BATCH_SIZE), strict=True):
        words = line.split()
        seen: set[tuple[str, ...]] = set()
        for f in extract_frames(doc, config):
            rel, args = carb_tuple(doc, words, f)
            key = (rel, *args)
            if key in seen or not rel:
                continue
            seen.add(key)
            if fmt == "carb":
                yield "\t".join([line, f"{f.confidence:.3f}", rel, *args])
            else:
                yield _jsonl(line, doc, words, f)

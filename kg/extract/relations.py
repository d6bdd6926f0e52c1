"""Relation statements from a parsed Doc: the one extraction path of kg.

:func:`extract_statements` serves both the knowledge graph (``kg build``) and the
Open IE benchmark (``kg openie``): clause rules (:mod:`kg.extract.clauses`) and
nominal rules (:mod:`kg.extract.nominal`) produce token-level frames, which are
scored (:func:`confidence`) and turned into :class:`kg.model.Statement` objects with
document character offsets (:func:`build_statements`). The pipeline builds each
statement once, when it knows what its arguments are worth: the entity each head
names (:class:`ArgumentValues`, from :func:`kg.entities.link.link_heads`) and the
quantities and dates they state (:func:`kg.extract.quantities.typed_value`).

>>> import kg.nlp
>>> doc = kg.nlp.load()("The White House rejected the claim.")  # doctest: +SKIP
>>> [(s.subject.text, s.relation.lemma, s.object.text) for s in extract_statements(doc)]
[('The White House', 'reject', 'the claim')]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.extract.clauses import is_predicate, merged_into_parent, verb_frames
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.extract.frames import Arg, Frame
from kg.extract.nominal import appos_frames, possessive_frames, title_frames
from kg.extract.quantities import (
    Numbers,
    TypedValue,
    numbers_of,
    token_typed_value,
    typed_value,
)
from kg.extract.tree import release
from kg.lexicon import is_dateline, is_proportion
from kg.model import Argument, Relation, Sentence, Statement


def _check_parsed(doc: Doc) -> None:
    if len(doc) and not doc.has_annotation("DEP"):
        raise ModelError(
            "the spaCy pipeline has no dependency parser (no DEP annotation); "
            "load a pipeline with a parser, e.g. en_core_web_sm"
        )


def extract_frames(
    doc: Doc,
    config: ExtractionConfig = DEFAULT,
    sentences: Mapping[int, Sentence] | None = None,
) -> list[Frame]:
    """Token-level frames for every sentence of ``doc``, in text order, de-duplicated.

    ``sentences`` is :func:`sentence_index` of ``doc`` when the caller has it already.
    Which tokens can head a frame is read from the Doc's attribute arrays, so that only
    those become Token objects.
    """
    disabled = config.disabled
    _check_parsed(doc)
    strings = doc.vocab.strings
    pos = doc.to_array(POS).tolist()
    deps = doc.to_array(DEP).tolist()
    heads = doc.to_array(HEAD).astype("int64").tolist()
    verbal = {strings["VERB"], strings["AUX"]}
    nominal = {strings["appos"], strings["poss"]}
    compound, noun = strings["compound"], strings["NOUN"]
    frames: list[Frame] = []
    seen: set[tuple[object, ...]] = set()
    for sent in doc.sents:
        text = sentences[sent.start].text if sentences is not None else sent.text
        if is_dateline(text):
            continue  # "OSLO, 3 March (Wire) -": where the story was filed, no statement
        start, end = sent.start, sent.end
        nominal_heads = {i + heads[i] for i in range(start, end) if deps[i] in nominal}
        titled = {
            i + heads[i] for i in range(start, end) if deps[i] == compound and pos[i] == noun
        }
        for i in range(start, end):
            verb = pos[i] in verbal
            if not (verb or i in nominal_heads or i in titled):
                continue
            tok = doc[i]
            found: list[Frame] = []
            if verb and is_predicate(tok) and not merged_into_parent(tok):
                found += verb_frames(tok, sent, disabled)
            if i in nominal_heads:
                found += appos_frames(tok, sent, disabled)
                found += possessive_frames(tok, sent, disabled)
            if i in titled:
                found += title_frames(tok, sent, disabled)
            for f in found:
                key = (
                    tuple(f.rel), f.lemma, (f.subject.start, f.subject.end),
                    (f.object.start, f.object.end) if f.object else None,
                )
                if key not in seen:
                    seen.add(key)
                    f.confidence = confidence(doc, f, end - start, config)
                    frames.append(f)
    release(doc)  # the clause rules are done with the children table
    return frames


def _arg_len(a: Arg | None) -> int:
    return 0 if a is None else a.end - a.start


def confidence(
    doc: Doc, f: Frame, sent_len: int, config: ExtractionConfig = DEFAULT
) -> float:
    """A score in [0, 1] that ranks extractions by how likely they are right.

    Evidence (weights set from how often each kind of extraction matched the CaRB dev
    gold, not from any sentence): the rule's prior; the main clause of the sentence is
    parsed more reliably than nested ones; long sentences carry more attachment
    errors; very short and very long spans are less often right; reported content
    (attributed clauses) is less reliable than the report itself; a relation with a
    particle or preposition is more specific.
    """
    score = config.prior(f.rule)
    if f.root:
        score += 0.05
    score -= min(0.12, 0.004 * max(0, sent_len - 20))
    if f.speaker is not None:
        score -= 0.05
    total = _arg_len(f.subject) + _arg_len(f.object) + sum(_arg_len(a) for a in f.args)
    if total <= 6:
        score -= 0.03
    elif total <= 12:
        score += 0.03
    elif total > 30:
        score -= 0.1
    elif total > 20:
        score -= 0.05
    if _arg_len(f.subject) > 6:
        score -= 0.05
    score += 0.02 * min(2, len(f.args))
    if len(f.lemma.split()) > 1:
        score += 0.03
    return round(max(0.01, min(0.99, score)), 3)


@dataclass(frozen=True)
class ArgumentValues:
    """What the pipeline knows about arguments before their statements are built.

    ``entity_of`` maps an argument's head token to the key of the entity it names;
    ``published`` (the article's ISO date) resolves relative dates such as "Wednesday".
    """

    entity_of: Mapping[int, str]
    published: str | None = None


#: What a relation gains when its object is a proportion of something ("own share of").
PROPORTION = "share of"


def argument_heads(frames: Sequence[Frame]) -> list[int]:
    """Head tokens of every argument of ``frames``, in statement order: subject, object,
    further arguments, speaker (the arguments :func:`kg.entities.link.link_heads` links)."""
    heads = []
    for f in frames:
        parts = [f.subject, f.object, *f.args, f.speaker]
        heads += [a.head for a in parts if a is not None]
    return heads


def _of_heads(doc: Doc) -> set[int]:
    """Tokens with an "of" phrase after them (a "prep" child "of" that has a "pobj"):
    the only ones :func:`kg.lexicon.is_proportion` can be true of, read at once from
    the Doc's attribute arrays."""
    strings = doc.vocab.strings
    deps = doc.to_array(DEP)
    heads = doc.to_array(HEAD).astype(numpy.int64)  # relative: head index - token index
    index = numpy.arange(len(doc), dtype=numpy.int64)
    with_pobj = (index + heads)[(deps == numpy.uint64(strings["pobj"])) & (heads != 0)]
    has_pobj = numpy.zeros(len(doc), dtype=bool)  # = numpy.isin(index, with_pobj)
    has_pobj[with_pobj] = True
    of = (
        (deps == numpy.uint64(strings["prep"])) & (heads < 0)
        & (doc.to_array(LOWER) == numpy.uint64(strings["of"])) & has_pobj
    )
    return set((index + heads)[of].tolist())


class _Arguments:
    """Builds the :class:`Argument` objects of one Doc's statements.

    What every argument needs from the Doc is computed once here rather than per
    argument: the Doc's text (an argument's text is a slice of it), where its numbers
    are (:func:`numbers_of`), which tokens have an "of" phrase (:func:`_of_heads`), and
    each span's text, offsets and typed value, remembered because frames of one clause
    share their subject and objects.
    """

    def __init__(self, doc: Doc, values: ArgumentValues | None, text: str) -> None:
        self.doc = doc
        self.values = values
        self.text = text  # doc.text
        self.numbers: Numbers | None = numbers_of(doc) if values is not None else None
        self.seen: dict[tuple[int, int, int, bool], tuple[str, int, int, TypedValue]] = {}
        self.of_heads = _of_heads(doc)

    def is_proportion(self, head: int) -> bool:
        """:func:`kg.lexicon.is_proportion` of token ``head``."""
        return head in self.of_heads and is_proportion(self.doc[head])

    def __call__(self, a: Arg, typed: bool) -> Argument:
        """The Argument for ``a``; with values, its entity and (when ``typed``: not for a
        speaker) its quantity or date."""
        values = self.values
        typed = typed and values is not None
        key = (a.start, a.end, a.head, typed)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self._read(a, typed)
        text, start, end, value = found
        return Argument(
            role=a.role,
            text=text,
            start=start,
            end=end,
            head=a.head,
            preposition=a.prep,
            entity=values.entity_of.get(a.head) if values is not None else None,
            quantity=value.quantity,
            date=value.date,
        )

    def _read(self, a: Arg, typed: bool) -> tuple[str, int, int, TypedValue]:
        """Text, character offsets and typed value of the span of ``a``."""
        doc = self.doc
        published = self.values.published if self.values is not None else None
        if a.start >= a.end:  # an empty span (never built by the rules): as a Span says
            span = doc[a.start : a.end]
            value = TypedValue()
            if typed:
                value = typed_value(
                    doc, span.start_char, span.end_char, a.head, span.text, published
                )
            return span.text, span.start_char, span.end_char, value
        last = doc[a.end - 1]
        start, end = doc[a.start].idx, last.idx + len(last)
        text = self.text[start:end]  # = doc[a.start : a.end].text
        value = TypedValue()
        if typed:
            value = token_typed_value(
                doc, a.start, a.end, a.head, text, published, self.numbers
            )
        return text, start, end, value


def _relation(doc: Doc, f: Frame) -> Relation:
    if not f.rel:
        start = doc[f.object.start].idx if f.object is not None else doc[f.subject.end - 1].idx
        return Relation(f.lemma, "", start, start)
    toks = [doc[i] for i in f.rel]
    return Relation(
        f.lemma,
        " ".join(t.text for t in toks),
        toks[0].idx,
        toks[-1].idx + len(toks[-1].text),
    )


def frame_to_statement(
    doc: Doc, f: Frame, sentences: dict[int, Sentence], values: ArgumentValues | None = None
) -> Statement:
    """The :class:`Statement` for frame ``f`` (``sentences`` maps sentence start token);
    with ``values``, its arguments carry their entities, quantities and dates."""
    return _statement(doc, f, sentences, _Arguments(doc, values, doc.text))


def _statement(
    doc: Doc, f: Frame, sentences: Mapping[int, Sentence], argument: _Arguments
) -> Statement:
    """:func:`frame_to_statement` with the Doc's argument builder."""
    relation = _relation(doc, f)
    if f.object is not None and argument.is_proportion(f.object.head):
        # "owns 12% of Greystone": a share of Greystone, not Greystone (the object
        # refers to Greystone and keeps "12% of"; the relation says it is a share)
        relation = replace(relation, lemma=f"{relation.lemma} {PROPORTION}")
    subject = argument(f.subject, True)
    obj = argument(f.object, True) if f.object is not None else None
    if obj is not None and subject.entity is not None and obj.entity == subject.entity and (
        relation.lemma == "be"
    ):
        # "her producer, Rui Matos", "the film Silent Harbour": both ends name one
        # entity; the statement describes the name, not a relation to itself
        subject, obj = (replace(obj, role="subject"),
                        replace(subject, role="object", entity=None))
    return Statement(
        subject=subject,
        relation=relation,
        object=obj,
        sentence=sentences[f.sent_start],
        arguments=[argument(a, True) for a in f.args],
        negated=f.negated,
        modality=f.modality,
        attribution=argument(f.speaker, False) if f.speaker is not None else None,
        confidence=f.confidence,
        rule=f.rule,
    )


def sentence_index(doc: Doc, text: str | None = None) -> dict[int, Sentence]:
    """Sentences keyed by their first token, numbered as in ``enumerate(doc.sents)``;
    ``text`` is ``doc.text`` when the caller has it already (a sentence's text is a
    slice of it)."""
    if text is None:
        text = doc.text
    return {
        s.start: Sentence(i, s.start_char, s.end_char, text[s.start_char : s.end_char])
        for i, s in enumerate(doc.sents)
    }


def build_statements(
    doc: Doc,
    frames: Sequence[Frame],
    values: ArgumentValues | None = None,
    sentences: Mapping[int, Sentence] | None = None,
    text: str | None = None,
) -> list[Statement]:
    """The statements of ``frames`` (from :func:`extract_frames`), in order; with
    ``values``, arguments carry their entities, quantities and dates. ``sentences`` (its
    :func:`sentence_index`) and ``text`` are those of ``doc`` when the caller has them."""
    if text is None:
        text = doc.text
    if sentences is None:
        sentences = sentence_index(doc, text)
    argument = _Arguments(doc, values, text)
    return [_statement(doc, f, sentences, argument) for f in frames]


def extract_statements(doc: Doc, config: ExtractionConfig = DEFAULT) -> list[Statement]:
    """All relation statements of ``doc``, in text order, arguments not yet linked.

    ``config`` says which rule families run and the rule priors
    (:class:`kg.extract.config.ExtractionConfig`; by default all families, dev priors).
    """
    return build_statements(doc, extract_frames(doc, config))

"""One article's extraction in two steps: what needs the Doc, and what needs other articles.

A build parses articles in worker processes (or on a Dask cluster) while one writer
stores them in input order (:mod:`kg.workers`). So the extraction of an article is cut
where it starts to depend on other articles:

* :func:`extract` (in a worker; needs the parsed Doc, nothing else): sentences, frames,
  entities, the entity each argument head names (:func:`kg.entities.link.link_heads`)
  and the statements with those keys, plus what cross-article merging will need from
  the Doc (which entities speak; which argument heads two entities' mentions tie for).
  The result, :class:`Extracted`, is plain data: it pickles to the writer.
* :func:`resolve` (in the writer, in input order; no Doc): partial names that name an
  entity of an earlier article ("Trump" after "Donald Trump") take its key — entities
  re-keyed and merged, statement arguments re-keyed — then each statement's confidence
  is calibrated (:func:`kg.extract.calibration.calibrate` needs the final entity types).

``resolve(extract(article, doc), known)`` equals merging against ``known`` before
linking (:func:`kg.entities.known.merge_with_known` with the Doc, then ``link_heads``),
the order kg used before builds ran in parallel: tests hold the two to the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kg.entities.extract import extract_entities
from kg.entities.known import apply_key_map, known_key_map_noted, speaking_keys
from kg.entities.link import link_heads, link_token
from kg.entities.tokens import doc_text
from kg.extract.calibration import calibrate
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.extract.relations import (
    ArgumentValues,
    argument_heads,
    build_statements,
    extract_frames,
    sentence_index,
)
from kg.model import Argument, Article, ArticleGraph, Entity, EntityType, Statement


@dataclass
class Extracted:
    """An article extracted on its own (:func:`extract`): plain data, ready to resolve.

    ``graph`` holds the article's own entity keys and the extraction confidences.
    ``speaking``: keys of entities that are the subject of a speech verb ("Trump said"),
    which lets a one-word organisation join a known person. ``ties``: argument head →
    keys of the entities whose mentions are equally short around the token it names
    (only when two or more keys tie; rare), with ``order`` the keys of the entities as
    extraction listed them then, so that the writer picks the same entity as linking
    after the merge would.
    """

    graph: ArticleGraph
    speaking: frozenset[str] = frozenset()
    ties: dict[int, tuple[str, ...]] = field(default_factory=dict)
    order: tuple[str, ...] = ()


def extract(article: Article, doc: Doc, config: ExtractionConfig = DEFAULT) -> Extracted:
    """Everything of ``article`` that does not depend on other articles (see the module)."""
    text = doc_text(doc)  # kept per Doc: the entity steps read it too
    index = sentence_index(doc, text)
    frames = extract_frames(doc, config, index)
    entities = extract_entities(doc, config)
    heads = argument_heads(frames)
    entity_of, linked = link_heads(doc, heads, entities)
    statements = build_statements(
        doc, frames, ArgumentValues(entity_of, article.date), index, text
    )
    ties = _owner_ties(doc, heads, entities)
    return Extracted(
        ArticleGraph(article, list(index.values()), linked, statements),
        speaking_keys(entities, doc),
        ties,
        tuple(e.key for e in entities) if ties else (),
    )


def _owner_ties(doc: Doc, heads: list[int], entities: list[Entity]) -> dict[int, tuple[str, ...]]:
    """Argument head → the keys (in entity order) whose shortest mentions tie around the
    token the head names, where there are two or more (``link_heads`` takes the first)."""
    best: dict[int, tuple[int, list[str]]] = {}
    for ent in entities:
        for m in ent.mentions:
            width = m.token_end - m.token_start
            for i in range(m.token_start, m.token_end):
                found = best.get(i)
                if found is None or width < found[0]:
                    best[i] = (width, [ent.key])
                elif width == found[0] and ent.key not in found[1]:
                    found[1].append(ent.key)
    tied = {i: keys for i, (_, keys) in best.items() if len(keys) > 1}
    if not tied:
        return {}
    ties: dict[int, tuple[str, ...]] = {}
    for head in heads:
        if 0 <= head < len(doc):
            target = link_token(doc[head])
            if target is not None and target.i in tied:
                ties[head] = tuple(tied[target.i])
    return ties


def resolve(
    extracted: Extracted,
    known: Mapping[str, tuple[str, EntityType]] | None = None,
    config: ExtractionConfig = DEFAULT,
    *,
    calibrated: bool = True,
) -> ArticleGraph:
    """The article's graph resolved against ``known`` (entity key → (name, type) of the
    entities stored before it), then calibrated (``calibrated=False`` keeps the
    extraction scores)."""
    graph = extracted.graph
    entities, statements = graph.entities, graph.statements
    if known:
        mapping = known_key_map_noted(entities, known, extracted.speaking)
        entities = apply_key_map(entities, mapping, known)
        if mapping:
            winner = _tie_winners(extracted, mapping)
            statements = [_rekeyed(st, mapping, winner) for st in statements]
    if calibrated:
        statements = calibrate(statements, entities, config)
    return ArticleGraph(graph.article, graph.sentences, entities, statements)


def _tie_winners(extracted: Extracted, mapping: Mapping[str, str]) -> dict[int, str]:
    """Head → the key linking would pick after the merge: of the tied entities, the one
    whose merged entity comes first."""
    if not extracted.ties:
        return {}
    first: dict[str, int] = {}
    for i, key in enumerate(extracted.order):
        first.setdefault(mapping.get(key, key), i)
    return {
        head: min((mapping.get(k, k) for k in keys), key=lambda k: first.get(k, len(first)))
        for head, keys in extracted.ties.items()
    }


def _rekeyed(st: Statement, mapping: Mapping[str, str], winner: Mapping[int, str]) -> Statement:
    """``st`` with every argument's entity key mapped (unchanged when none moves)."""

    def arg(a: Argument) -> Argument:
        if a.entity is None:
            return a
        key = winner.get(a.head) or mapping.get(a.entity, a.entity)
        return a if key == a.entity else replace(a, entity=key)

    subject = arg(st.subject)
    obj = arg(st.object) if st.object is not None else None
    arguments = [arg(a) for a in st.arguments]
    attribution = arg(st.attribution) if st.attribution is not None else None
    if (subject is st.subject and obj is st.object and attribution is st.attribution
            and all(x is y for x, y in zip(arguments, st.arguments, strict=True))):
        return st
    return replace(st, subject=subject, object=obj, arguments=arguments, attribution=attribution)


__all__ = ["Extracted", "extract", "resolve"]

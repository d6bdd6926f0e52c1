"""Entity extraction of one article, start to end: :func:`extract_entities`.

It runs the steps of :mod:`kg.entities` in order, each on what the earlier ones left:

1. name mentions of the Doc, trimmed and typed (:mod:`kg.entities.mentions`);
2. type corrections from in-article evidence: a bare surname the model typed
   ORG/GPE/NORP becomes a Person ("Trump said that he ..."), a name it tagged PERSON
   an Organization ("Dyson said it would ...") (:mod:`kg.entities.evidence`);
3. mentions of one entity merged into clusters (:mod:`kg.entities.clusters`);
4. role descriptions ("the US president") (:mod:`kg.entities.descriptions`), then short
   definite references to a named thing ("the telecom giant", "the band", "the
   24-year-old") (:mod:`kg.entities.references`);
5. pronouns where the evidence is clear, then an ambiguous "Mr Smith" given to the one
   male Smith once pronouns told the genders (:mod:`kg.entities.coref`);
6. the clusters as canonical :class:`kg.model.Entity` objects (:func:`to_entities`).

Steps 2, 4 and 5 (and the references of 4) can be switched off through the config
(:data:`kg.extract.config.ENTITY_STEPS`), to measure what each adds.

Cross-article merging against the store (:mod:`kg.entities.known`) and linking
statement arguments (:mod:`kg.entities.link`) come after, in the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.entities import tokens
from kg.entities.clusters import Cluster, cluster_names
from kg.entities.coref import attach_by_gender, resolve_pronouns
from kg.entities.descriptions import resolve_descriptions
from kg.entities.evidence import correct_person_slips
from kg.entities.mentions import name_mentions
from kg.entities.references import resolve_references
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.lexicon import is_dateline
from kg.model import Entity, Mention


def extract_entities(doc: Doc, config: ExtractionConfig = DEFAULT) -> list[Entity]:
    """All entities of ``doc`` with their mentions, one entity per real-world thing.

    Keys are stable across articles (``person/donald-trump``, ``country/US``); unnamed
    discourse entities ("a senior official" … "the official") get an article-scoped
    key ``desc/<article hash>/<head>``. ``config.entity_steps_off`` leaves steps out.
    """
    off = config.entity_steps_off
    sent_index = dict(tokens.sentence_index(doc))
    text, words = tokens.doc_text(doc), tokens.texts(doc)
    dateline_places: set[int] = set()
    for sent in doc.sents:
        if is_dateline(text[sent.start_char : sent.end_char]):
            # "MARSEILLE, France (Wire) -": the place in capitals misleads the model's
            # label and the entity's name; the agency in brackets is a name like any
            bracket = next((i for i in range(sent.start, sent.end) if words[i] == "("), sent.end)
            dateline_places.update(range(sent.start, bracket))
    cands = [c for c in name_mentions(doc) if c.start not in dateline_places]
    for c in cands:
        c.sentence = sent_index[c.start]
    if "evidence" not in off:
        correct_person_slips(doc, cands)
    clusters = cluster_names(doc, cands)
    if "descriptions" not in off:
        resolve_descriptions(doc, clusters, sent_index)
    if "references" not in off:
        resolve_references(doc, clusters, sent_index)
    if "pronouns" not in off:
        resolve_pronouns(doc, clusters, sent_index)
    if "gender" not in off:
        attach_by_gender(doc, clusters)
    return to_entities(doc, clusters, sent_index)


def to_entities(doc: Doc, clusters: list[Cluster], sent_index: dict[int, int]) -> list[Entity]:
    """Entities in order of first mention; mentions sorted, duplicates (same span) dropped."""
    entities = []
    for cl in sorted(clusters, key=lambda c: (c.first(), c.key)):
        seen: set[tuple[int, int]] = set()
        mentions = []
        for c in sorted(cl.cands, key=lambda c: (c.start, c.end)):
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            start_char, end_char, text = tokens.char_span(doc, c.start, c.end)
            mentions.append(
                Mention(
                    start=start_char,
                    end=end_char,
                    text=text,
                    sentence=sent_index[c.start],
                    label=c.label,
                    token_start=c.start,
                    token_end=c.end,
                )
            )
        related = list(dict.fromkeys(cl.related))
        entities.append(
            Entity(cl.key, cl.name, cl.etype, set(cl.aliases), mentions, related)
        )
    return entities

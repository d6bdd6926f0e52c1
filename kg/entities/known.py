"""Cross-article merging against entities already in the store.

Keys do most of the work (the same key is the same IRI, so the store merges them); this
module handles the partial names an article may use alone:

* a person named by one word ("Trump") maps to the one known person whose full name
  ends with that word (``person/donald-trump``); two known candidates → no change;
* an acronym ("WHO") maps to the one known entity of the same type whose name has
  those initials ("World Health Organization");
* given the article's ``doc``: a one-word name the model typed as an organisation, place
  or group ("Trump announced new tariffs", tagged ORG) that is the subject of a speech
  or cognition verb ("said", "told", "believes") maps to the one known *person* whose
  full name ends with it, and becomes a Person — unless an it/its/they pronoun refers
  to it ("Ford said it would cut jobs") or the store knows a non-person of that name.

Run it on :func:`kg.entities.extract.extract_entities`' output *before*
:func:`kg.entities.link.link_heads`, so arguments get the final keys::

    entities = merge_with_known(extract_entities(doc), store_known_entities, doc=doc)
    entity_of, entities = link_heads(doc, argument_heads(frames), entities)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from spacy.tokens import Doc

from kg.entities.clusters import initials
from kg.entities.evidence import SLIP_LABELS, speech_subject, surname_like
from kg.model import Entity, EntityType

_SLIP_TYPES = ("Organization", "Place", "Group")
_THING_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "theirs"}


class KnownEntities(Mapping[str, tuple[str, EntityType]]):
    """The store's known entities, key → (name, type), with the lookups merging needs.

    A corpus build asks, for each one-word name and acronym of each article, which
    known people end in that word and which known entities have those initials. A scan
    of all known entities per question made the writer's cost grow with the store (a
    few hundred known entities cost nothing; 100,000 cost tens of milliseconds per
    question); here each answer is a dictionary lookup, kept up to date by :meth:`add`.
    Entries are only added (first name and type kept, as ``dict.setdefault``).
    """

    def __init__(self, items: Iterable[tuple[str, str, EntityType]] = ()) -> None:
        self._items: dict[str, tuple[str, EntityType]] = {}
        self._people: dict[str, list[str]] = defaultdict(list)  # surname → keys
        self._initials: dict[tuple[EntityType, str], list[str]] = defaultdict(list)
        self._forms: dict[str, set[EntityType]] = defaultdict(set)  # lower name → types
        for key, name, etype in items:
            self.add(key, name, etype)

    @classmethod
    def of(cls, known: Mapping[str, tuple[str, EntityType]]) -> KnownEntities:
        """``known`` itself if indexed already, else an indexed copy."""
        if isinstance(known, KnownEntities):
            return known
        return cls((key, name, etype) for key, (name, etype) in known.items())

    def add(self, key: str, name: str, etype: EntityType) -> None:
        """Know ``key`` as ``name`` of type ``etype``, unless it is known already."""
        if key in self._items:
            return
        self._items[key] = (name, etype)
        words = name.split()
        if etype == "Person" and key.count("/") == 1 and len(words) >= 2:
            self._people[words[-1].lower()].append(key)
        if " " in name:
            self._initials[(etype, initials(name))].append(key)
        self._forms[name.lower()].add(etype)

    def people_ending_in(self, word: str) -> list[str]:
        """Keys of known people with a full name (two words or more) ending in ``word``."""
        return list(self._people.get(word.lower(), ()))

    def with_initials(self, letters: str, etype: EntityType) -> list[str]:
        """Keys of known ``etype`` entities whose several-word name has initials ``letters``."""
        return list(self._initials.get((etype, letters), ()))

    def names_a_non_person(self, form: str) -> bool:
        """Whether a known entity that is no person is named ``form`` (lower case)."""
        return any(etype != "Person" for etype in self._forms.get(form, ()))

    def __getitem__(self, key: str) -> tuple[str, EntityType]:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def known_key_map(
    entities: list[Entity], known: Mapping[str, tuple[str, EntityType]], doc: Doc | None = None
) -> dict[str, str]:
    """{new key: known key} for the entities of ``entities`` that a known entity covers.

    ``known`` maps key → (name, type) for entities already in the store; ``doc`` (the
    article's parsed Doc) enables the speech-verb rule for surnames typed as non-persons.
    """
    speaking = speaking_keys(entities, doc) if doc is not None else frozenset()
    return known_key_map_noted(entities, known, speaking)


def merge_with_known(
    entities: list[Entity], known: Mapping[str, tuple[str, EntityType]], doc: Doc | None = None
) -> list[Entity]:
    """``entities`` with partial names re-keyed to the known entity they name.

    A re-keyed entity takes the known name and type, keeps its own name as an alias, and
    is merged with an entity of the same key already in the list (mentions, aliases,
    relations). Order is kept (first occurrence of each key). Pass the article's ``doc``
    so that a surname the model typed as an organisation can join a known person.
    """
    return apply_key_map(entities, known_key_map(entities, known, doc), known)


# Cross-article merging in two steps, for builds that parse in worker processes
# (:mod:`kg.article`): the worker, which has the Doc, notes which entities speak
# (:func:`speaking_keys`); the writer, which has the known entities, maps keys with that
# note instead of the Doc (:func:`known_key_map_noted`). :func:`known_key_map` and
# :func:`merge_with_known` are the same two steps run at once, so there is one rule.


def speaking_keys(entities: list[Entity], doc: Doc) -> frozenset[str]:
    """Keys of ``entities`` with a non-pronoun mention that is the subject of a speech or
    cognition verb in ``doc`` (the part of the speech-verb rule that needs the Doc)."""
    return frozenset(
        e.key
        for e in entities
        if any(
            0 < m.token_end <= len(doc) and speech_subject(doc[m.token_end - 1])
            for m in e.mentions
            if m.label != "PRON"
        )
    )


def known_key_map_noted(
    entities: list[Entity],
    known: Mapping[str, tuple[str, EntityType]],
    speaking: frozenset[str] | set[str],
) -> dict[str, str]:
    """:func:`known_key_map` with ``doc`` replaced by ``speaking`` (:func:`speaking_keys`
    of the same entities and Doc): the same mapping, without the Doc."""
    mapping: dict[str, str] = {}
    index = KnownEntities.of(known)
    for e in entities:
        if e.key in index or e.key.count("/") > 1:
            continue
        word = e.name.strip()
        if " " in word:
            continue
        if e.type == "Person" or _speaking_surname_noted(e, index, speaking):
            matches = index.people_ending_in(word)
        elif word.isupper() and 2 <= len(word) <= 6:
            matches = index.with_initials(word, e.type)
        else:
            continue
        if len(matches) == 1:
            mapping[e.key] = matches[0]
    return mapping


def _speaking_surname_noted(
    e: Entity, known: KnownEntities, speaking: frozenset[str] | set[str]
) -> bool:
    """:func:`_speaking_surname` with the Doc test read from ``speaking``."""
    if e.key not in speaking or e.type not in _SLIP_TYPES or not surname_like(e.name):
        return False
    if any(m.label not in SLIP_LABELS and m.label != "PRON" for m in e.mentions):
        return False
    if any(m.label == "PRON" and m.text.lower() in _THING_PRONOUNS for m in e.mentions):
        return False
    return not known.names_a_non_person(e.name.lower())


def apply_key_map(
    entities: list[Entity],
    mapping: Mapping[str, str],
    known: Mapping[str, tuple[str, EntityType]],
) -> list[Entity]:
    """``entities`` re-keyed by ``mapping`` (from :func:`known_key_map_noted`) and merged
    exactly as :func:`merge_with_known` merges them: a re-keyed entity takes the known
    name and type and keeps its own name as an alias; same-key entities merge into the
    first (mentions sorted, aliases and relations joined); order is kept. The inputs are
    not changed."""
    result: dict[str, Entity] = {}
    for e in entities:
        key = mapping.get(e.key, e.key)
        if key != e.key:
            e = Entity(key, known[key][0], known[key][1], e.aliases | {e.name},
                       list(e.mentions), list(e.related))
        else:
            e = Entity(e.key, e.name, e.type, set(e.aliases), list(e.mentions), list(e.related))
        if key in result:
            base = result[key]
            base.mentions = sorted(base.mentions + e.mentions, key=lambda m: (m.start, m.end))
            base.aliases |= e.aliases
            base.related += [r for r in e.related if r not in base.related]
        else:
            result[key] = e
    return list(result.values())

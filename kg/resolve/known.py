"""Cross-article merging against entities already in the store.

Keys do most of the work (the same key is the same IRI, so the store merges them); this
module handles the partial names an article may use alone:

* a person named by one word ("Trump") maps to the one known person whose full name
  ends with that word (``person/donald-trump``); two known candidates → no change;
* an acronym ("WHO") maps to the one known entity of the same type whose name has
  those initials ("World Health Organization").

Run it on :func:`kg.extract.entities.extract_entities`' output *before*
:func:`kg.resolve.link.link_arguments`, so arguments get the final keys::

    entities = merge_with_known(extract_entities(doc), store_known_entities)
    entities = link_arguments(doc, statements, entities)
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.model import Entity
from kg.resolve.names import initials


def known_key_map(entities: list[Entity], known: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """{new key: known key} for the entities of ``entities`` that a known entity covers.

    ``known`` maps key → (name, type) for entities already in the store.
    """
    mapping: dict[str, str] = {}
    for e in entities:
        if e.key in known or e.key.count("/") > 1:  # known already, or article-scoped
            continue
        word = e.name.strip()
        if " " in word:
            continue
        if e.type == "Person":
            matches = [
                key
                for key, (name, etype) in known.items()
                if etype == "Person"
                and key.count("/") == 1
                and len(name.split()) >= 2
                and name.split()[-1].lower() == word.lower()
            ]
        elif word.isupper() and 2 <= len(word) <= 6:
            matches = [
                key
                for key, (name, etype) in known.items()
                if etype == e.type and " " in name and initials(name) == word
            ]
        else:
            continue
        if len(matches) == 1:
            mapping[e.key] = matches[0]
    return mapping


def merge_with_known(
    entities: list[Entity], known: Mapping[str, tuple[str, str]]
) -> list[Entity]:
    """``entities`` with partial names re-keyed to the known entity they name.

    A re-keyed entity takes the known name, keeps its own name as an alias, and is merged
    with an entity of the same key already in the list (mentions, aliases, relations).
    Order is kept (first occurrence of each key).
    """
    mapping = known_key_map(entities, known)
    result: dict[str, Entity] = {}
    for e in entities:
        key = mapping.get(e.key, e.key)
        if key != e.key:
            e = Entity(key, known[key][0], e.type, e.aliases | {e.name}, list(e.mentions),
                       list(e.related))
        else:  # a copy: the caller's entities are not changed
            e = Entity(e.key, e.name, e.type, set(e.aliases), list(e.mentions), list(e.related))
        if key in result:
            base = result[key]
            base.mentions = sorted(base.mentions + e.mentions, key=lambda m: (m.start, m.end))
            base.aliases |= e.aliases
            base.related += [r for r in e.related if r not in base.related]
        else:
            result[key] = e
    return list(result.values())

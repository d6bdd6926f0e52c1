"""The working data of in-article resolution: candidate mentions and their clusters.

Resolution steps (name merging, descriptions, pronouns) add mentions to clusters;
:func:`to_entities` turns the final clusters into :class:`kg.model.Entity` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.model import Entity, EntityType, Mention


@dataclass
class Cand:
    """One mention candidate: a token range of the Doc with what is known about it."""

    start: int  # token range of the name/description/pronoun itself, end exclusive
    end: int
    label: str  # spaCy NER label, "PRON", "DESC"
    etype: EntityType  # ontology type decided for it
    text: str  # the core text ("Trump" for "Mr Trump's")
    surface: str = ""  # the text as written with titles/determiner ("Mr Trump")
    titles: tuple[str, ...] = ()
    sentence: int = 0


@dataclass(eq=False)
class Cluster:
    """Mentions believed to refer to one entity, with its key and canonical name."""

    key: str
    name: str
    etype: EntityType
    cands: list[Cand] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    related: list[tuple[str, str]] = field(default_factory=list)
    gender: str = ""  # "m", "f" or "" (unknown), from titles and resolved pronouns
    roles: set[str] = field(default_factory=set)  # role nouns the text gives it

    def first(self) -> int:
        """Token index of the earliest mention (for ordering)."""
        return min(c.start for c in self.cands)

    def add(self, cand: Cand) -> None:
        """Add a mention and its surface forms as aliases."""
        self.cands.append(cand)
        if cand.label not in ("PRON", "DESC"):
            self.aliases.add(cand.text)
            if cand.surface:
                self.aliases.add(cand.surface)


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
            span = doc[c.start : c.end]
            mentions.append(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
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

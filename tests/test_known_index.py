"""The indexed known entities answer exactly what a scan of all of them would.

:class:`kg.entities.known.KnownEntities` replaced three scans over every known entity
(asked per one-word name and acronym of every article, so a corpus build slowed as its
store grew). The scans are written out here as the specification; random known sets
and questions must get the same answers from the index, in any order of adding.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.entities.clusters import initials
from kg.entities.known import KnownEntities, known_key_map_noted
from kg.model import Entity, EntityType

WORDS = ["Lee", "Smith", "Wong", "Bank", "World", "Health", "Organization", "lee", "de", "of"]
TYPES: list[EntityType] = ["Person", "Organization", "Place", "Group"]


def _scan_people(word: str, known: dict[str, tuple[str, EntityType]]) -> set[str]:
    return {key for key, (name, etype) in known.items()
            if etype == "Person" and key.count("/") == 1 and len(name.split()) >= 2
            and name.split()[-1].lower() == word.lower()}


def _scan_initials(word: str, etype: EntityType,
                   known: dict[str, tuple[str, EntityType]]) -> set[str]:
    return {key for key, (name, t) in known.items()
            if t == etype and " " in name and initials(name) == word}


def _scan_non_person(form: str, known: dict[str, tuple[str, EntityType]]) -> bool:
    return any(t != "Person" and name.lower() == form for name, t in known.values())


names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
entries = st.lists(
    st.tuples(st.sampled_from(["person/a", "person/b", "org/c", "org/d", "person/x/y", "place/e",
                               "person/f", "org/g"]), names, st.sampled_from(TYPES)),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(entries, st.sampled_from(WORDS + ["WHO", "BS", "SW"]), st.sampled_from(TYPES))
def test_index_answers_as_the_scans(
    items: list[tuple[str, str, EntityType]], word: str, etype: EntityType
) -> None:
    plain: dict[str, tuple[str, EntityType]] = {}
    for key, name, t in items:
        plain.setdefault(key, (name, t))  # first name and type win, as in the build
    index = KnownEntities(items)
    assert dict(index) == plain and len(index) == len(plain)
    assert set(index.people_ending_in(word)) == _scan_people(word, plain)
    assert set(index.with_initials(word, etype)) == _scan_initials(word, etype, plain)
    assert index.names_a_non_person(word.lower()) == _scan_non_person(word.lower(), plain)
    assert KnownEntities.of(plain).people_ending_in(word) == index.people_ending_in(word)
    assert KnownEntities.of(index) is index


def test_mapping_is_the_same_from_a_plain_dict_and_the_index() -> None:
    known = {"person/donald-trump": ("Donald Trump", "Person"),
             "org/world-health-organization": ("World Health Organization", "Organization"),
             "person/ivanka-trump": ("Ivanka Trump", "Person"),
             "person/xi-jinping": ("Xi Jinping", "Person")}
    entities = [Entity("person/jinping", "Jinping", "Person", set(), [], []),
                Entity("org/who", "WHO", "Organization", set(), [], []),
                Entity("person/trump", "Trump", "Person", set(), [], [])]  # two Trumps: kept
    index = KnownEntities((k, n, t) for k, (n, t) in known.items())  # type: ignore[misc]
    want = {"person/jinping": "person/xi-jinping", "org/who": "org/world-health-organization"}
    assert known_key_map_noted(entities, known, frozenset()) == want  # type: ignore[arg-type]
    assert known_key_map_noted(entities, index, frozenset()) == want

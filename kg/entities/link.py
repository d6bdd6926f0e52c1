"""Linking statement arguments to entities, and making Concept entities for common nouns.

:func:`link_heads` finds the entity each argument head token names — for the subject,
object, further arguments and attribution of every statement, before the statements
are built (:func:`kg.extract.relations.build_statements` puts the keys in):

* a head inside an entity mention → that entity (the shortest mention containing it, so
  "president" in "The US president" is Donald Trump, not the US); a pronoun head that
  coreference resolved is a mention too;
* a common-noun head (not a pronoun, number, date or quantity) → a ``Concept`` entity
  keyed by the lemma of the noun with its noun compounds, determiners, adjectives,
  possessives and quantities left out: "tariffs on Chinese goods" → ``concept/tariff``
  ("tariff"), "precursor chemicals" → ``concept/precursor-chemical``, "up to 15 per cent
  levies" → ``concept/levy``. The same key in another article is the same concept,
* a one-word concept of ordinary English (:func:`local_concept`: "sale", "analyst",
  "tariff") is the article's own node, keyed ``concept/<article hash>/<word>``: the same
  word in two articles names two things, and shared it would be a hub joining unrelated
  articles. Compounds ("trade war") and rare words ("fentanyl") are shared;
* except a generic noun: a one-word concept whose word is very common in general English
  (:func:`generic`: "people", "time", "company", "government") is no node at all — shared
  by every article, it would join unrelated facts into hubs that dominate PageRank and the
  view. The argument keeps its phrase text on the statement. Compounds ("trade war") and
  rarer nouns ("tariff", "fentanyl") stay concepts.

Used as ``entity_of, entities = link_heads(doc, argument_heads(frames), entities)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency

from kg.entities import tokens
from kg.entities.canonical import article_hash, slug
from kg.entities.gazetteer import KIND_NOUNS
from kg.lexicon import NON_ENTITY_LABELS, is_unit_of_number, privative_modifier
from kg.model import Entity, Mention

#: Quantifier nouns: "a lot of progress" is about progress, "all kinds of lies" about lies.
QUANTIFIER_NOUNS = {
    "lot", "lots", "kind", "kinds", "number", "percentage", "part", "majority", "range",
    "series", "host", "variety", "amount", "handful", "couple", "total", "share", "proportion",
}
_NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass"}
#: Quantifiers that name a part of what their "of" phrase names ("most of the songs").
QUANTIFIER_WORDS = frozenset(
    "all most some many much few several half both each either neither none any".split()
)
_VALUE_LABELS = frozenset({"", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL",
                           "ORDINAL"})

#: Zipf frequency (log10 of occurrences per billion words, ``wordfreq``'s general-English
#: figures) from which a one-word concept counts as generic. 5.0 is once in 100,000 words:
#: "people" 6.3, "time" 6.3, "company" 5.6, "government" 5.6, "deal" 5.3, "share" 5.2 are
#: above it; "tariff" 3.5, "analyst" 4.0, "profit" 4.7, "manager" 5.0 (4.97) below.
#: Chosen on the tune side of issue 9's evaluation (docs/benchmarks.md).
GENERIC_ZIPF = 5.0


def generic(words: list[str]) -> bool:
    """True for a one-word lemma phrase common enough in English to be no specific concept.

    ``wordfreq`` ships its frequency tables in the wheel, so this works offline. A phrase of
    several words ("trade war", "precursor chemical") is specific by its modifier and never
    generic here.
    """
    return len(words) == 1 and _zipf(words[0]) >= GENERIC_ZIPF


#: Zipf frequency from which a one-word concept is the article's own node, not shared
#: with other articles: 3.0 is once in a million words. A single ordinary noun ("sale",
#: "analyst", "profit", "tariff" 3.5) names a different thing in each article — shared,
#: it becomes a hub joining unrelated articles (docs/benchmarks.md, hubs on a corpus);
#: rarer words ("fentanyl" 2.9) and compounds ("trade war") are specific and shared.
LOCAL_ZIPF = 3.0


def local_concept(words: list[str]) -> bool:
    """True for a one-word concept ordinary enough to be scoped to its article
    (key ``concept/<article hash>/<word>``): it is a node of this article's graph only."""
    return len(words) == 1 and _zipf(words[0]) >= LOCAL_ZIPF


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    """``wordfreq``'s Zipf frequency of an English word (remembered: asked per argument)."""
    return zipf_frequency(word, "en")


def shared_key(key: str) -> str:
    """A concept key without its article scope: "concept/<hash>/tariff" → "concept/tariff"
    (any other key unchanged): what the concept would be keyed if it were shared."""
    parts = key.split("/")
    if len(parts) == 3 and parts[0] == "concept" and len(parts[1]) == 10:
        return f"concept/{parts[2]}"
    return key


def link_heads(
    doc: Doc, heads: Iterable[int], entities: list[Entity]
) -> tuple[dict[int, str], list[Entity]]:
    """({head token: entity key}, named entities then concepts) for argument ``heads``.

    ``heads`` are the argument head tokens in statement order; a head outside ``doc`` or
    naming nothing gets no key. The returned list holds ``entities`` in their given order,
    followed by the concept entities (new or already in ``entities``) in order of first
    mention. ``entities`` themselves are not changed.
    """
    owner: dict[int, tuple[int, Entity]] = {}
    for ent in entities:
        for m in ent.mentions:
            width = m.token_end - m.token_start
            for i in range(m.token_start, m.token_end):
                if i not in owner or width < owner[i][0]:
                    owner[i] = (width, ent)
    concepts: dict[str, Entity] = {
        e.key: replace(e, aliases=set(e.aliases), mentions=list(e.mentions))
        for e in entities if e.type == "Concept"
    }
    named = [e for e in entities if e.type != "Concept"]
    sent_of = tokens.sentence_index(doc)
    entity_of: dict[int, str] = {}
    scope = ""
    done: set[int] = set()  # frames share arguments: a head is linked the same each time
    for head in heads:
        if head in done or not 0 <= head < len(doc):
            continue
        done.add(head)
        target = link_token(doc[head])  # "£4.2m" names nothing, "12% of X" names X
        if target is None:
            continue
        if target.i in owner:
            entity_of[head] = owner[target.i][1].key
            continue
        product = _named_product(target, owner)
        if product is not None:
            entity_of[head] = product.key  # "the Nova S7 phone" is the Nova S7
            continue
        found = concept_of(target)
        if found is None:
            continue
        key, name, start, end = found
        if local_concept(name.split()):
            scope = scope or article_hash(doc)
            key = f"concept/{scope}/{key.removeprefix('concept/')}"
        entity = concepts.setdefault(key, Entity(key, name, "Concept"))
        if all(m.token_start != start or m.token_end != end for m in entity.mentions):
            start_char, end_char, text = tokens.char_span(doc, start, end)
            entity.mentions.append(
                Mention(start_char, end_char, text, sent_of[start], "NOUN", start, end)
            )
            entity.aliases.add(text)
        entity_of[head] = key
    ordered = sorted(
        concepts.values(), key=lambda e: (min((m.start for m in e.mentions), default=0), e.key)
    )
    for e in ordered:
        e.mentions.sort(key=lambda m: (m.start, m.end))
    return entity_of, named + ordered


def _named_product(noun: Token, owner: dict[int, tuple[int, Entity]]) -> Entity | None:
    """The product a product noun's name modifier names: "the Nova S7 phone", "its
    Orbis Air laptop" → the Product entity whose mention ends right before the noun."""
    if noun.pos_ != "NOUN" or KIND_NOUNS.get(noun.lemma_.lower()) != "Product":
        return None
    before = noun.i - 1
    if before < 0 or before not in owner or noun.doc[before].head.i != noun.i:
        return None
    entity = owner[before][1]
    if entity.type != "Product" or not any(
        w[:1].isupper() and w.isalpha() and len(w) > 1 for w in entity.name.split()
    ):
        return None  # "a 5G phone": a standard, not a named product
    return entity


def concept_of(head: Token) -> tuple[str, str, int, int] | None:
    """(key, name, token start, token end) of the concept a common-noun head names, else None.

    The name is the lower-case lemma phrase of the noun compounds and the head:
    "precursor chemicals" → ("concept/precursor-chemical", "precursor chemical", i, i + 2).
    A generic one-word noun ("people", "company") gives None (:func:`generic`).
    """
    if head.lemma_.lower() in QUANTIFIER_NOUNS:
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if objs:
            head = objs[0]
    # the small model tags some lower-case nouns ("fentanyl") PROPN or even ADJ
    common = head.pos_ == "NOUN" or (head.text.islower() and (
        head.pos_ == "PROPN" or (head.pos_ == "ADJ" and head.dep_ in _NOMINAL_DEPS)
    ))
    if not common or head.like_num or head.ent_type_ in NON_ENTITY_LABELS or (
        head.text[:1].isdigit()
    ):
        return None  # "450p", "12bn": a quantity the model did not tag
    doc = head.doc
    start = head.i
    while start > 0:
        prev = doc[start - 1]
        hyphenated = start >= 2 and doc[start - 2].text == "-"
        if prev.dep_ == "compound" and prev.pos_ == "NOUN" and prev.head.i >= start and (
            not prev.ent_type_ and not hyphenated and not is_unit_of_number(prev)
        ):
            start -= 1
        else:
            break
    words = tokens.lemmas(doc)[start : head.i + 1]  # each t.lemma_.lower()
    privative = privative_modifier(head)  # "former president": not a president
    if privative is not None and privative.i < start:
        span = doc[privative.left_edge.i : privative.right_edge.i + 1]
        words = ["".join(t.text for t in span).lower(), *words]
        start = privative.left_edge.i
    key = slug(" ".join(words))
    if not key or generic(words):
        return None
    return f"concept/{key}", " ".join(words), start, head.i + 1


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def link_token(head: Token) -> Token | None:
    """The token whose entity or concept the argument headed by ``head`` refers to.

    Mostly ``head`` itself. A common noun with a proper name in apposition refers to
    what the name names: "the LU's leader, Frederick Hale, conceded" → Frederick Hale
    (the apposition's own "X is Y" statement then joins the name to itself). An amount
    refers to nothing: a number or a unit of one ("£4.2m", "12,600 MW", "2.3 per cent")
    is a quantity of the statement, not a node, so it gives None; an amount or
    quantifier *of* something refers to that something: "12% of Greystone Homes" →
    Greystone Homes, "most of the songs" → songs, "two of the three sites" → sites.
    A number inside a name ("Apollo 11") stays with its name.
    """
    if head.pos_ == "NOUN":
        named = next(
            (c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.pos_ == "PROPN"),
            None,
        )
        if named is not None and not is_unit_of_number(head):
            return named  # "the LU's leader, Frederick Hale, conceded": Hale conceded
    token = head
    for _ in range(4):
        if token.like_num and token.ent_type_ not in _VALUE_LABELS:
            return token
        amount = token.like_num or is_unit_of_number(token) or (
            token.lower_ in QUANTIFIER_WORDS and token.pos_ != "DET"
        )
        if not amount:
            return token
        of = _of_object(token)
        if of is None:
            return None
        token = of
    return token

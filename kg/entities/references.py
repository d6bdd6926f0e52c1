"""Step 4b of entity extraction: short definite references to a named thing.

News refers back to a named entity with a definite noun phrase: "Veltro Telecom ... the
telecom giant", "Northern Glass ... the band", "Lucie Moreau ... the 21-year-old". Left
alone, such a phrase becomes a Concept node of its own ("company", "band") and every fact
told about it misses the entity. :func:`resolve_references` adds it, as a "DESC" mention,
to the named cluster it refers to — conservatively, since a wrong merge makes wrong facts:

* the phrase is "the" + modifiers + a singular head noun, not itself part of a name, not
  an apposition, predicate or compound (those describe a mention, they are none), with no
  possessor and no restrictive post-modifier ("the company that makes it", "the company
  behind it"), nor a modifier that says it is another one ("the other company", "the new
  club", "a rival firm");
* the head noun must agree with the entity's type: person heads are the role nouns
  (:data:`kg.entities.gazetteer.ROLE_NOUNS`), compounds of man/woman/person
  ("businessman", "Frenchwoman") and any head with an age ("the 24-year-old"); the
  other kinds come from :data:`KIND_NOUNS`, the basic-level English nouns for the
  ontology's entity types ("company", "band", "film", "town"), or from the article
  itself: a head noun the text earlier gave a named entity in an apposition, a predicate
  or a compound ("Veltro Telecom, Italy's largest mobile operator" → "the operator";
  "the band Northern Glass"), or a word of its name ("the festival" → "Varenna Film
  Festival");
* the antecedent: the one entity an earlier apposition, predicate or compound described
  with that head; else the most recent compatible entity — the nearest sentence (the
  reference's own sentence before it, then up to :data:`WINDOW` sentences back) that
  mentions compatible named entities must mention exactly one, as the topic (in the
  subject, or its possessor) or with the head noun in its name; of several there, the
  one whose name has the head noun ("the festival" → "Varenna Film Festival"). Anything
  else stays unresolved.

Person heads that are role nouns are first left to :mod:`kg.entities.descriptions`, which
knows about unnamed people ("a senior official" … "the official").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.entities import tokens
from kg.entities.clusters import Cluster
from kg.entities.gazetteer import KIND_NOUNS as GAZETTEER_KINDS
from kg.entities.gazetteer import ROLE_NOUNS
from kg.entities.mentions import Cand
from kg.model import EntityType

#: Basic-level English nouns for the ontology's named entity types — the words a writer
#: uses for "the thing just named" — and the types each may refer to. General English
#: (hypernyms of named things), not drawn from any evaluation text.
KIND_NOUNS: dict[str, frozenset[EntityType]] = {
    **dict.fromkeys(
        ("company", "firm", "corporation", "business", "group", "conglomerate", "giant",
         "maker", "manufacturer", "producer", "retailer", "lender", "bank", "insurer",
         "carrier", "airline", "operator", "utility", "broadcaster", "publisher", "studio",
         "label", "startup", "start-up", "chain", "subsidiary", "brand", "organisation",
         "organization", "agency", "charity", "party", "union", "club", "team", "side",
         "squad", "band", "institute", "university", "regulator", "ministry",
         "newspaper", "network"),
        frozenset({"Organization"}),
    ),
    **dict.fromkeys(
        ("film", "movie", "album", "song", "book", "novel", "play", "musical", "series",
         "documentary", "opera", "painting"),
        frozenset({"CreativeWork"}),
    ),
    **dict.fromkeys(
        ("festival", "tournament", "championship", "election", "summit", "conference",
         "race", "event", "competition", "contest"),
        frozenset({"Event"}),
    ),
    **dict.fromkeys(
        ("town", "city", "village", "region", "county", "province", "island", "port",
         "capital", "district"),
        frozenset({"Place"}),
    ),
    **dict.fromkeys(("country", "nation", "kingdom", "republic"), frozenset({"Country"})),
    **dict.fromkeys(
        ("stadium", "arena", "airport", "factory", "plant", "hospital", "museum",
         "warehouse", "station", "bridge", "mine", "building"),
        frozenset({"Facility", "Place"}),
    ),
    **dict.fromkeys(
        ("device", "phone", "smartphone", "handset", "headset", "car", "vehicle", "drug",
         "vaccine", "product", "aircraft", "console", "app", "ship", "vessel", "ferry",
         "boat", "catamaran", "jet", "plane", "hatchback"),
        frozenset({"Product"}),
    ),
}
_PERSON: frozenset[EntityType] = frozenset({"Person"})
#: Kinds of the descriptor nouns (:data:`kg.entities.gazetteer.KIND_NOUNS`) a reference
#: may also use; not people (role nouns are left to :mod:`kg.entities.descriptions`),
#: nor works or events, whose nouns ("the show", "the race") often mean another one.
_MORE_KINDS = frozenset({"Organization", "Facility", "Product"})
#: Words for a kind of organisation or place that end names ("Eastmere City Council",
#: "Brekke Foundation"): a name ending in one is that kind, so "the club" is not it.
#: With the non-organisation :data:`KIND_NOUNS` ("Harbury City", "Kestrel Stadium"), a
#: name ending in another kind noun than the reference's head is no antecedent; the
#: words for a company (:data:`_FIRM`) count as one kind.
_NAME_KINDS = frozenset({
    "council", "foundation", "trust", "association", "federation", "commission",
    "committee", "court", "college", "school", "park", "society", "institution", "office",
    "department", "police", "service", "board", "authority", "fund", "church", "army",
})
_FIRM = frozenset({
    "company", "firm", "corporation", "business", "group", "conglomerate", "giant", "maker",
    "manufacturer", "producer", "holding", "holdings",
})
#: Modifiers saying the phrase means another entity than the one named before.
_OTHER = {"other", "another", "new", "former", "rival", "second", "first", "latter",
          "different", "same", "next", "previous", "last"}
#: Dependents that restrict the head to a referent of their own.
_RESTRICTIVE = {"relcl", "acl", "prep", "poss", "appos"}
_SKIP_DEPS = {"appos", "attr", "compound", "conj", "npadvmod", "poss"}
#: Parts of speech of a reference's head noun (the model tags some nouns ADJ or NUM).
_REFERENCE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_PERSON_WORD = re.compile(r"(man|woman|person)$")
#: How many sentences back a recency antecedent is looked for.
WINDOW = 3


def resolve_references(doc: Doc, clusters: list[Cluster], sent_index: dict[int, int]) -> None:
    """Add DESC mentions for definite short references to the named clusters they refer to."""
    posing = {id(cl) for cl in clusters if _posing_as_name(doc, cl)}
    taken = {  # a demonym modifies a reference: "the Scottish airline"
        i for cl in clusters if id(cl) not in posing and cl.etype != "Group"
        for c in cl.cands for i in range(c.start, c.end)
    }
    named = [cl for cl in clusters if not cl.key.startswith("desc/") and id(cl) not in posing]
    described = _described(doc, named)
    cued = set(described)
    tags, deps, parts = tokens.tags(doc), tokens.deps(doc), tokens.pos(doc)
    for i in range(len(doc)):
        # the cheap first tests of _reference, on the token lists
        if i in taken or tags[i] in ("NNS", "NNPS") or deps[i] in _SKIP_DEPS or (
            parts[i] not in _REFERENCE_POS
        ):
            continue
        ref = _reference(doc[i], taken, cued)
        if ref is None:
            continue
        head, start, types = ref
        target = _antecedent(doc, head, start, types, named, described, sent_index)
        if target is None or (target.gender and _gender(head) not in ("", target.gender)):
            continue
        cand = Cand(start, head.i + 1, "DESC", target.etype, doc[start : head.i + 1].text)
        cand.sentence = sent_index[head.i]
        target.cands.append(cand)
        taken.update(range(start, head.i + 1))
        poser = next((cl for cl in clusters if id(cl) in posing
                      and any(c.start == head.i for c in cl.cands)), None)
        if poser is not None:  # "The 21-year-old Swede" was a "name": its mentions move over
            target.cands.extend(c for c in poser.cands if c.start != head.i)
            clusters.remove(poser)


def _posing_as_name(doc: Doc, cl: Cluster) -> bool:
    """True for a person "name" that is a definite description ("the 23-year-old Swede").

    The model tags a capitalised demonym noun as a name; after "the", with an age or a
    man/woman compound ("Frenchwoman"), it describes someone named before.
    """
    if cl.etype != "Person":
        return False
    names = [c for c in cl.cands if c.label not in ("PRON", "DESC")]
    if not names:
        return False
    for c in names:
        tok = doc[c.start]
        if c.end - c.start != 1 or tok.left_edge.lower_ != "the" or tok.left_edge.i == tok.i:
            return False
        if not (_aged(tok) or _gender(tok)):
            return False
    return True


def head_types(
    tok: Token, cued: set[str] = frozenset()  # type: ignore[assignment]
) -> frozenset[EntityType] | None:
    """The entity types a definite phrase headed by ``tok`` may refer to, if any.

    Role nouns without an age ("the spokesman") are not taken: they often mean an unnamed
    person, and :mod:`kg.entities.descriptions` resolves them on stronger cues. A head in
    ``cued`` (nouns the article used to describe a named entity: "the Japanese carmaker
    Mazda") may also be any descriptor noun of an organisation, facility or product
    (:data:`kg.entities.gazetteer.KIND_NOUNS`: "the carmaker"); uncued, such a noun
    ("the supplier") as often means another, unnamed one.
    """
    lemma = tok.lemma_.lower()
    if _aged(tok):
        return _PERSON
    if lemma in ROLE_NOUNS:
        return None
    if _PERSON_WORD.search(lemma) and len(lemma) > 6:
        return _PERSON
    found = KIND_NOUNS.get(lemma)
    if found is None and lemma in cued and GAZETTEER_KINDS.get(lemma) in _MORE_KINDS:
        # the closed classes of descriptor nouns ("carmaker", "drugmaker", "ground")
        return frozenset({GAZETTEER_KINDS[lemma]})  # type: ignore[arg-type]
    return found


def _gender(tok: Token) -> str:
    """ "f" for a head like "Frenchwoman", "m" for "businessman", else ""."""
    lemma = tok.lower_
    return "f" if lemma.endswith("woman") else "m" if lemma.endswith("man") else ""


def _aged(tok: Token) -> bool:
    """True when the phrase of ``tok`` gives an age: "the 24-year-old (striker)"."""
    left = "".join(tokens.texts(tok.doc)[tok.left_edge.i : tok.i + 1]).replace(" ", "")
    return bool(re.search(r"\d+-year-old", left))


def _reference(
    tok: Token, taken: set[int], cued: set[str] = frozenset()  # type: ignore[assignment]
) -> tuple[Token, int, frozenset[EntityType]] | None:
    """(head, start token, types) when ``tok`` heads a definite short reference."""
    if tok.i in taken or tok.tag_ in ("NNS", "NNPS") or tok.dep_ in _SKIP_DEPS:
        return None
    if tok.pos_ not in _REFERENCE_POS:
        return None
    common = tok.pos_ == "NOUN" or (tok.text.islower() and tok.pos_ in ("PROPN", "ADJ"))
    if not common and not _aged(tok) and not (tok.pos_ == "PROPN" and _gender(tok)):
        return None  # a capitalised noun only with an age or as "-man"/"-woman"
    first = tok.left_edge
    if first.dep_ != "det" or first.lower_ != "the" or any(
        t.i in taken for t in tok.doc[first.i : tok.i + 1]
    ):
        return None
    if tok.i + 1 < len(tok.doc) and (
        tok.i + 1 in taken or tok.doc[tok.i + 1].text[:1].isupper()
    ):  # "the holding company Porsche SE", "the group Stop the Cuts" (a name the model
        return None  # missed): a name follows, the phrase is its title
    if any(
        (c.dep_ in _RESTRICTIVE and c.i > tok.i and not _set_off(c))
        or c.dep_ in ("poss", "appos")  # "the bus company, Northmoor Transit": named here
        for c in tok.children
    ):
        return None
    mods = [t for t in tok.doc[first.i + 1 : tok.i]]
    if any(t.lower_ in _OTHER or t.tag_ in ("JJR", "JJS", "RBR", "RBS") or t.ent_type_ == "ORDINAL"
           for t in mods):
        return None
    types = head_types(tok, cued)
    if types is None:
        return None
    return tok, first.i, types


def _described(doc: Doc, named: list[Cluster]) -> dict[str, list[tuple[int, Cluster]]]:
    """Head lemma → (token, cluster) for nouns the text uses to describe a named mention.

    "Veltro Telecom, Italy's largest mobile operator" (apposition), "Northern Glass are a
    band" (predicate), "the band Northern Glass" / "Redmarsh manager Carla Mendes"
    (compound or apposition before the name).
    """
    found: dict[str, list[tuple[int, Cluster]]] = {}
    for cl in named:
        for c in cl.cands:
            if c.label in ("PRON", "DESC"):
                continue
            head = doc[c.end - 1]
            nouns = [ch for ch in head.children if ch.dep_ == "appos" and ch.i >= c.end]
            if head.dep_ == "appos" and head.head.i < c.start:
                nouns.append(head.head)
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
                nouns += [ch for ch in head.head.children if ch.dep_ == "attr"]
            nouns += [t for t in doc[max(0, c.start - 3) : c.start]
                      if t.dep_ == "compound" and c.start <= t.head.i < c.end]
            for n in nouns:
                if n.pos_ == "NOUN":
                    found.setdefault(n.lemma_.lower(), []).append((n.i, cl))
    return found


def _antecedent(
    doc: Doc,
    head: Token,
    start: int,
    types: frozenset[EntityType],
    named: list[Cluster],
    described: dict[str, list[tuple[int, Cluster]]],
    sent_index: dict[int, int],
) -> Cluster | None:
    lemma = head.lemma_.lower()
    if _introduced(doc, lemma, start, described):
        return None
    before = [cl for cl in named if cl.first() < start]
    cued = {id(cl): cl for i, cl in described.get(lemma, []) if i < start and cl in before}
    if cued:
        return next(iter(cued.values())) if len(cued) == 1 else None
    headed = _latest_name_headed(before, lemma, start, types)
    if headed is not None:
        return headed
    # a name headed by the noun ("the festival" → "Varenna Film Festival") fits whatever
    # type the name was given
    compatible = [
        cl for cl in before
        if (cl.etype in types and not _other_kind(cl, lemma)) or _name_head(cl, lemma)
    ]
    si = sent_index[head.i]
    reach: dict[int, list[tuple[Cluster, Cand]]] = {}  # sentences back → mentions there
    for cl in compatible:
        for c in cl.cands:
            back = si - sent_index.get(c.start, si + 1)
            if c.label != "PRON" and 0 <= back <= WINDOW and c.end <= start:
                reach.setdefault(back, []).append((cl, c))
    for back in range(WINDOW + 1):
        near = reach.get(back)
        if not near:
            continue
        seen = {id(cl): cl for cl, _ in near}
        if len(seen) > 1:  # several in reach: only a word of one's name tells them apart
            named_so = [cl for cl in seen.values() if lemma in cl.name.lower().split()]
            return named_so[0] if len(named_so) == 1 else None
        cl = next(iter(seen.values()))
        # a name in the subject, or an earlier definite reference continuing the chain
        topical = any(c.label == "DESC" or _topical(doc[c.end - 1]) for _, c in near)
        return cl if topical or lemma in cl.name.lower().split() else None
    # nothing in reach: the one compatible entity of the article, if its name says so
    if len(compatible) == 1 and _name_head(compatible[0], lemma):
        return compatible[0]
    return None


def _latest_name_headed(
    before: list[Cluster], lemma: str, start: int, types: frozenset[EntityType]
) -> Cluster | None:
    """"the airport" → the latest entity named "... Airport" before it, for a head noun
    of a kind of place, building or product (not an organisation: "the bank" is as often
    another bank): a name headed by the very noun beats a nearer entity of another kind
    ("City Ground" is no airport)."""
    if "Organization" in types or "Person" in types:
        return None
    headed = [cl for cl in before if _name_head(cl, lemma)]
    if not headed:
        return None
    return max(headed, key=lambda cl: max(c.start for c in cl.cands if c.start < start))


def _other_kind(cl: Cluster, lemma: str) -> bool:
    """True when the name ends in a kind noun other than ``lemma`` ("City Council" / club)."""
    words = cl.name.lower().split()
    if not words:
        return False
    # organisation words that end names (Union, Group, Bank) are too loose to exclude
    kinds = _NAME_KINDS | {k for k, ts in KIND_NOUNS.items() if "Organization" not in ts}
    last = words[-1].rstrip("s")
    if words[-1] not in kinds and last not in kinds:
        return False
    if lemma in (words[-1], last) or (lemma in _FIRM and (words[-1] in _FIRM or last in _FIRM)):
        return False
    return True


def _name_head(cl: Cluster, lemma: str) -> bool:
    """True when the cluster's name ends in the noun: "Nordic Press Agency" / "agency"."""
    words = cl.name.lower().split()
    return bool(words) and words[-1] in (lemma, lemma + "s")


def _set_off(dep: Token) -> bool:
    """True when a post-modifier is set off by a comma (non-restrictive: "The festival,
    now in its 31st year, ...")."""
    i = dep.left_edge.i
    return i > 0 and dep.doc[i - 1].text == ","


def _topical(tok: Token) -> bool:
    """True when a mention is (in) the subject of its clause, or a possessor there.

    A definite description takes up the topic: "Brightwater posted profits. The company
    said ..." — not an object in passing ("... did not plan to sell FibraNet. The
    company kept its forecast": the company is not FibraNet).
    """
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ in ("nsubj", "nsubjpass", "poss") and anc.head.pos_ in ("VERB", "AUX"):
            return True
        if anc.dep_ == "poss" and anc.head.dep_ in ("nsubj", "nsubjpass"):
            return True
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _introduced(
    doc: Doc, lemma: str, before: int, described: dict[str, list[tuple[int, Cluster]]]
) -> bool:
    """True when "a/an ... <lemma>" earlier introduced an unnamed one ("a local company").

    An indefinite phrase that describes a named mention ("Greystone, a builder") does not
    count: it is a cue, not a new entity.
    """
    cues = {i for i, _ in described.get(lemma, [])}
    tags = tokens.tags(doc)
    for i in tokens.positions(tokens.lemmas(doc), lemma, before):
        if i not in cues and tags[i] not in ("NNS", "NNPS"):
            t = doc[i]
            first = t.left_edge
            if first.dep_ == "det" and first.lower_ in ("a", "an") and t.dep_ not in (
                "attr", "appos"
            ):
                return True
    return False

"""Relations expressed without a verb: appositions and possessives.

* "Cashel Byron, a world champion prizefighter" → (Cashel Byron; be; a world champion
  prizefighter); "X, the president of Y" → (X; be president of; Y).
* "Donald Trump's tariffs" → (Donald Trump; 's; tariffs): a possessive is its own
  relation (:data:`POSSESSIVE`), not the verb "have": "the party's plans" says whose
  plans they are, not that the party has them as a fact worth an edge. It stays
  queryable; the RDF marks it kg:PossessiveRelation so views can leave it out.
* "former president Joe Biden" → (Joe Biden; be; former president): a common-noun
  title or description written before a name.

These are frequent in news and encyclopedic text but less reliable than verbal
clauses, so they get lower confidence in :mod:`kg.extract.relations`.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from kg.extract.frames import Arg, Frame
from kg.extract.spans import np_bounds
from kg.extract.tree import children
from kg.model import RuleName

_NOMINAL = ("NOUN", "PROPN")
#: an apposition "the N of Y" with at most this many tokens before "of" is a role
MAX_ROLE_TOKENS = 4


def _role_of(noun: Token) -> tuple[list[int], Token] | None:
    """For "the president of Y": the tokens "the president of" and Y's head."""
    ofs = [c for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of"]
    if len(ofs) != 1 or any(c.dep_ == "prep" and c != ofs[0] for c in children(noun)):
        return None
    pobj = [c for c in children(ofs[0]) if c.dep_ == "pobj"]
    if not pobj:
        return None
    start = noun.left_edge.i
    if ofs[0].i - start > MAX_ROLE_TOKENS or not any(c.dep_ == "det" for c in children(noun)):
        return None
    return list(range(start, ofs[0].i + 1)), pobj[0]


_PLACES = frozenset({"GPE", "LOC"})


def _is_name_suffix(tok: Token) -> bool:
    """An abbreviation after a comma that belongs to the name ("John Crozier, Jr.")."""
    return tok.n_lefts + tok.n_rights == 0 and tok.text.endswith(".") and len(tok.text) <= 4


def _abbreviation(noun: Token, ap: Token) -> bool:
    """An apposition in brackets that abbreviates the noun phrase, "the Financial
    Conduct Authority (FCA)": another name of the same thing, not a statement about it.
    (A bracketed name that is no abbreviation, "the company (Acme)", stays.)"""
    doc = ap.doc
    before, after = ap.left_edge.i - 1, ap.right_edge.i + 1
    if not (
        before >= 0 and doc[before].text in ("(", "-LRB-") and after < len(doc)
        and doc[after].text in (")", "-RRB-") and ap.left_edge == ap.right_edge
    ):
        return False
    s, e = np_bounds(noun, drop_conj=False)
    initials = "".join(
        t.text[0] for t in doc[s:e]
        if t.pos_ in ("PROPN", "NOUN", "ADJ") and t.text[:1].isupper() and t.i < before
    )
    return len(ap.text) >= 2 and ap.text.isupper() and ap.text == initials


def _inside_one_name(poss: Token, noun: Token) -> bool:
    """True when possessor and possessed are words of one name ("the Women's Institute",
    "the People's Party"): the "'s" is part of the name, not a possessive relation."""
    if not poss.ent_type_ or poss.ent_type_ != noun.ent_type_:
        return False
    return any(e.start <= poss.i < e.end and e.start <= noun.i < e.end for e in noun.doc.ents)


def _classifying(poss: Token) -> bool:
    """A bare plural common noun as genitive ("the women's 400m hurdles", "a farmers'
    market", "residents' groups") classifies the noun (a kind of race, market, group);
    it does not name an owner."""
    return poss.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in children(poss))


def _role_holder(noun: Token, ap: Token) -> tuple[list[int], str] | None:
    """"The mayor of Marseille, Anne Morel": a name in apposition right after "the N of
    <name>" names the holder of the role N, though the parser hangs it on the nearer
    name. Returns the role's tokens ("The mayor of") and the relation ("be mayor of")."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.pos_ == "PROPN"
            and ap.pos_ == "PROPN" and ap.ent_type_ == "PERSON"
            and noun.ent_type_ != "PERSON"):
        return None
    governor = noun.head.head
    role = _role_of(governor) if governor.pos_ == "NOUN" else None
    if role is None or role[1].i != noun.i:
        return None
    rel = role[0]
    lemma = "be " + " ".join(noun.doc[i].lower_ for i in rel if noun.doc[i].dep_ != "det")
    return rel, lemma


def appos_frames(noun: Token, sent: Span, disabled: Collection[str] = ()) -> list[Frame]:
    """(X; be; Y) for each apposition Y of the noun X."""
    if "copula" in disabled or noun.pos_ not in _NOMINAL:
        return []
    out = []
    appositions = [c for c in children(noun) if c.dep_ == "appos"]
    if len(appositions) > 1:  # "his wife, Blanche, several members, ...": a list, not appositions
        return []
    for ap in appositions:
        if ap.pos_ not in _NOMINAL or _is_name_suffix(ap) or _abbreviation(noun, ap):
            continue
        if noun.tag_ in ("NN", "NNP") and ap.pos_ == "PROPN" and any(
            c.dep_ == "conj" and c.pos_ == "PROPN" for c in children(ap)
        ):
            continue  # "a trilogy: A, B and C": one thing is not a list of names
            # (roles may be: "X, the firm's chairman and chief executive")
        s, e = np_bounds(noun, drop_conj=False)
        subject = Arg("subject", s, e, noun.i)
        role = _role_of(ap)
        holder = _role_holder(noun, ap)
        rel: list[int]
        if holder is not None:
            # "the mayor of Marseille, Anne Morel": the name is the mayor, not Marseille
            rel, lemma = holder
            hs, he = np_bounds(ap)
            subject = Arg("subject", hs, he, ap.i)
            obj = Arg("object", s, e, noun.i)
        elif noun.ent_type_ in _PLACES and ap.ent_type_ in _PLACES:
            # "Salt Lake City, Utah": the second place contains the first
            os_, oe = np_bounds(ap)
            rel = []
            lemma, obj = "be in", Arg("object", os_, oe, ap.i)
        elif role is not None:
            rel, pobj = role
            ps, pe = np_bounds(pobj)
            lemma = "be " + " ".join(
                noun.doc[i].lower_ for i in rel if noun.doc[i].dep_ != "det"
            )
            obj = Arg("object", ps, pe, pobj.i)
        else:
            rel = []
            lemma = "be"
            os_, oe = np_bounds(ap)
            obj = Arg("object", os_, oe, ap.i)
        out.append(Frame("appos", rel, lemma, subject, obj, sent.start))
    return out


_POSS_PRONOUNS = frozenset({"his", "her", "its", "their"})
#: The relation lemma of a possessive ("X's Y", "his Y").
POSSESSIVE = "'s"
#: The rules that produce possessive statements.
POSSESSIVE_RULES: frozenset[RuleName] = frozenset({"possessive", "possessive-pronoun"})


def _agrees(pronoun: str, noun: Token, coordinated: bool = True) -> bool:
    """Number and person agreement of a possessive pronoun with a candidate owner:
    "their" a plural noun, "its" a singular non-person, "his"/"her" a named person.
    With ``coordinated``, nouns joined by "and" count as plural ("Ann and Bo")."""
    plural = noun.tag_ in ("NNS", "NNPS") or coordinated and any(
        c.dep_ == "conj" for c in children(noun)
    )
    if pronoun == "their":
        return plural
    if plural:
        return False
    if pronoun == "its":
        return noun.ent_type_ != "PERSON"
    return noun.ent_type_ == "PERSON"


def _pronoun_owner(poss: Token) -> Arg | None:
    """The clause subject a possessive pronoun most likely refers to ("King ... her upbringing").

    Only the subject of the verb governing the possessed noun, when that subject is a
    noun phrase (not itself a pronoun) standing before the pronoun, agrees with it in
    number and person (:func:`_agrees`), and no other noun that agrees stands between
    them as the verb's object ("thanked Mr Ashcombe for his help": his is ambiguous).
    """
    if poss.lower_ not in _POSS_PRONOUNS:
        return None
    verb = poss.head
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
        verb = verb.head
    for c in children(verb):
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in _NOMINAL and c.i < poss.i:
            if not _agrees(poss.lower_, c):
                return None
            if any(
                o.dep_ in ("dobj", "dative") and c.i < o.i < poss.i and o.pos_ in _NOMINAL
                and _agrees(poss.lower_, o, coordinated=False)
                for o in children(verb)
            ):
                return None
            s, e = np_bounds(c, drop_conj=True, drop_preps=True)
            return Arg("subject", s, e, c.i)
    return None


def possessive_frames(noun: Token, sent: Span, disabled: Collection[str] = ()) -> list[Frame]:
    """(X; 's; Y) for "X's Y" where X is a name or noun, or a possessive pronoun whose
    owner is the clause subject (:func:`_pronoun_owner`)."""
    if "possessive" in disabled or noun.pos_ not in _NOMINAL:
        return []
    out = []
    for poss in children(noun):
        if poss.dep_ != "poss" or _inside_one_name(poss, noun) or _classifying(poss):
            continue
        if poss.pos_ in _NOMINAL:
            ps, pe = np_bounds(poss)
            pe = min(pe, poss.i + 1)
            subject = Arg("subject", ps, pe, poss.i)
        else:
            owner = _pronoun_owner(poss)
            if owner is None:
                continue
            subject = owner
        s, e = np_bounds(noun, drop_conj=True, drop_preps=True)
        # the object without the possessor and its clitic
        s = max(s, poss.i + 1)
        doc = noun.doc
        while s < noun.i and doc[s].tag_ == "POS":
            s += 1
        if s > noun.i:
            continue
        obj = Arg("object", s, e, noun.i)
        rule: RuleName = "possessive" if poss.pos_ in _NOMINAL else "possessive-pronoun"
        out.append(Frame(rule, [], POSSESSIVE, subject, obj, sent.start))
    return out


def title_frames(name: Token, sent: Span, disabled: Collection[str] = ()) -> list[Frame]:
    """(Name; be; title) for a proper name preceded by a common-noun description."""
    if "title" in disabled or name.pos_ != "PROPN":
        return []
    doc = name.doc
    # the name: the run of proper nouns ending at the head
    start = name.i
    while start - 1 >= sent.start and doc[start - 1].pos_ == "PROPN" and doc[
        start - 1
    ].head.i == name.i and doc[start - 1].dep_ == "compound":
        start -= 1
    desc = [
        c for c in children(name)
        if c.i < start and c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "ADJ")
    ]
    if not any(c.pos_ == "NOUN" for c in desc):
        return []
    d_start = min(c.left_edge.i for c in desc)
    d_end = start
    between = range(d_start, d_end)
    if d_start >= d_end or any(doc[i].pos_ in ("PUNCT", "DET", "VERB") for i in between):
        return []
    subject = Arg("subject", start, name.i + 1, name.i)
    title = max(desc, key=lambda c: c.i)
    return [Frame("title", [], "be", subject, Arg("object", d_start, d_end, title.i), sent.start)]

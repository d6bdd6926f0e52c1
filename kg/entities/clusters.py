"""Step 3 of entity extraction: name mentions of one article merged into clusters.

A :class:`Cluster` holds the mentions believed to refer to one entity, with its key and
canonical name; the later steps (:mod:`kg.entities.descriptions`,
:mod:`kg.entities.coref`) add mentions to clusters, and :mod:`kg.entities.extract`
turns them into entities.

People: mentions with the same full name merge; a partial name ("Trump", "Mr Trump",
"Lula") merges with the one full name in the article that contains that word, and
stays apart — as its own article-scoped entity — when two people share it
("Mr Johnson" after Boris and Dustin Johnson). A bare word that is both a company
name and a person's surname in the article ("Dell" and "Michael Dell") is the company
unless a title marks the person ("Mr Dell").

Everything else: mentions with the same normal form merge (country names by ISO
code, so "US", "U.S.", "the United States", "America" are one); an acronym merges with
the one multi-word name whose initials it spells ("EU" / "European Union"), a
one-word organisation with the one organisation name it is the start of before a
corporate suffix when that full name comes first ("Dell" / "Dell Technologies"), and
"the Commission" with the one organisation name it ends ("European Commission"). A
bare last word never merges into an organisation: that is how a surname looks
("Tesla" / "Nikola Tesla" when the model tags the inventor ORG).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.entities import canonical as cn
from kg.entities.gazetteer import CORPORATE_SUFFIXES, ROLE_NOUNS
from kg.entities.mentions import Cand
from kg.model import EntityType

#: When mentions of one name got different types, the earliest type here wins a tie.
TYPE_PRIORITY = (
    "Country", "Organization", "Place", "Person", "Facility", "Event", "Law", "Product",
    "CreativeWork", "Language", "Group",
)
_INITIAL_SKIP = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"}
_ACTOR_PREPS = {"by", "with", "against"}


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


def cluster_names(doc: Doc, cands: list[Cand]) -> list[Cluster]:
    """Clusters of name mentions, people and other names handled by their own rules."""
    others = [c for c in cands if c.etype != "Person"]
    company_forms = {cn.lookup_form(c.text) for c in others if c.etype == "Organization"}
    company_forms |= {_without_suffix(c.text) for c in others if c.etype == "Organization"}
    persons = []
    for c in cands:
        if c.etype != "Person":
            continue
        if not c.titles and " " not in c.text and cn.lookup_form(c.text) in company_forms:
            # "Dell" beside "Dell" or "Dell Technologies" the company: the company
            c.etype = "Organization"
            others.append(c)
        else:
            persons.append(c)
    clusters = _person_clusters(doc, persons) + _other_clusters(doc, others)
    _merge_short_forms(doc, clusters)
    for cl in clusters:
        cl.roles.update(_roles(doc, cl))
    return clusters


def _person_clusters(doc: Doc, persons: list[Cand]) -> list[Cluster]:
    full: dict[str, list[Cand]] = {}
    for c in persons:
        if len(c.text.split()) >= 2:
            full.setdefault(cn.lookup_form(c.text), []).append(c)
    # "Lula da Silva" inside the one longer "Luiz Inacio Lula da Silva" → same person
    for form in sorted(full, key=lambda f: len(f.split())):
        longer = [g for g in full if g != form and _contains(g.split(), form.split())]
        if len(longer) == 1:
            full[longer[0]].extend(full.pop(form))
    clusters = {form: _new_person(group) for form, group in full.items()}
    result = list(clusters.values())
    singles: dict[str, Cluster] = {}
    scope = cn.article_hash(doc)
    for c in persons:
        if len(c.text.split()) >= 2:
            continue
        word = cn.lookup_form(c.text)
        owners = [cl for form, cl in clusters.items() if word in form.split()]
        if len(owners) == 1:
            _add_person(owners[0], c)
        elif owners:  # two people share the word: no guess, its own entity
            cl = Cluster(f"person/{scope}/{cn.slug(c.text)}-{c.start}", c.text, "Person")
            _add_person(cl, c)
            result.append(cl)
        else:
            if word not in singles:
                singles[word] = Cluster(cn.entity_key("Person", c.text), c.text, "Person")
                result.append(singles[word])
            _add_person(singles[word], c)
    return result


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _new_person(group: list[Cand]) -> Cluster:
    name = max((c.text for c in group), key=lambda t: (len(t.split()), len(t)))
    cl = Cluster(cn.entity_key("Person", name), name, "Person")
    for c in group:
        _add_person(cl, c)
    return cl


def _add_person(cl: Cluster, c: Cand) -> None:
    cl.add(c)
    cl.gender = cl.gender or cn.title_gender(list(c.titles))
    for t in c.titles:
        form = cn.lookup_form(t)
        if form in ROLE_NOUNS:
            cl.roles.add(form)


def _other_clusters(doc: Doc, others: list[Cand]) -> list[Cluster]:
    groups: dict[str, list[Cand]] = {}
    for c in others:
        code = cn.country_code(c.text) if c.etype == "Country" else None
        groups.setdefault(f"country:{code}" if code else cn.lookup_form(c.text), []).append(c)
    clusters = []
    for group in groups.values():
        votes = Counter(c.etype for c in group)
        etype = min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.index(t)))
        clusters.append(_new_other(doc, etype, group))
    return clusters


def _new_other(doc: Doc, etype: EntityType, group: list[Cand]) -> Cluster:
    text = max((c.text for c in group), key=len)
    related: list[tuple[str, str]] = []
    if etype == "Country":
        code = cn.country_code(text) or ""
        key, name = f"country/{code}", cn.country_name(code)
    elif (seat := cn.seat_of_government(text)) is not None:
        name = seat[0]
        key = cn.entity_key(etype, name)
        related.append(("metonymFor", f"country/{seat[1]}"))
    else:
        name = text
        if etype == "Organization" and _capitalised_the(doc, group):
            name = "The " + text
        key = cn.entity_key(etype, text)
        capital = cn.capital_country(text)
        if capital and any(_is_actor(doc[c.end - 1]) for c in group):
            related.append(("metonymFor", f"country/{capital}"))
        demonym = cn.demonym_country(text) if etype == "Group" else None
        if demonym:
            related.append(("demonymOf", f"country/{demonym}"))
    cl = Cluster(key, name, etype, related=related)
    for c in group:
        cl.add(c)
    return cl


def _capitalised_the(doc: Doc, group: list[Cand]) -> bool:
    """True when the text writes "The" with a capital inside a sentence: "The Independent"."""
    for c in group:
        if c.start > 0:
            prev = doc[c.start - 1]
            if prev.text == "The" and not prev.is_sent_start:
                return True
    return False


def _is_actor(tok: Token) -> bool:
    """Whether a place is used as a doer or target ("Beijing responded", "blackmail Beijing")."""
    if tok.dep_ in _ACTOR_DEPS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in _ACTOR_PREPS


def initials(name: str) -> str:
    """Initials of the capitalised words of a name: "World Health Organization" → "WHO"."""
    words = name.replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in _INITIAL_SKIP and w[0].isupper())


def _merge_short_forms(doc: Doc, clusters: list[Cluster]) -> None:
    """Merge short forms of organisation names into the one full name they shorten.

    * an acronym into the one multi-word name whose initials it spells ("EU");
    * a one-word organisation into the one organisation it equals once corporate
      suffixes are dropped ("Dell" / "Dell Technologies", "Tata" / "Tata Motors");
    * a one-word organisation into the organisation name it ends only when the text
      writes it with "the" ("the Commission" / "European Commission"): a bare last
      word is how a person's surname looks ("Tesla" / "Nikola Tesla" tagged ORG).
    """
    named = [c for c in clusters if c.etype not in ("Person", "Country", "Group")]
    for short in list(named):
        name = short.name
        if " " in name:
            continue
        if name.isupper() and 2 <= len(name) <= 6:
            targets = [c for c in named if " " in c.name and initials(c.name) == name]
        elif name[:1].isupper() and short.etype == "Organization":
            targets = _first_word_targets(clusters, short)
            if not targets and _written_with_the(doc, short):
                targets = [
                    c for c in named
                    if c.etype == "Organization" and " " in c.name
                    and c.name.split()[-1] == name
                ]
        else:
            continue
        if len(targets) == 1 and targets[0] in clusters and short in clusters:
            for c in short.cands:
                targets[0].add(c)
            clusters.remove(short)


def _first_word_targets(clusters: list[Cluster], short: Cluster) -> list[Cluster]:
    """Organisations that are ``short`` plus corporate suffixes ("Dell Technologies").

    A first word without a suffix after it is not enough: "Siemens Energy", "Apple
    Daily" and "Amazon Web Services" are other companies than "Siemens", "Apple" and
    "Amazon". The full name must also come first, as news introduces a company: a
    short form already in use before it ("Porsche" … "the holding company Porsche SE")
    names something else.
    """
    form = cn.lookup_form(short.name)
    first = min(c.start for c in short.cands)
    return [
        c for c in clusters
        if c is not short and c.etype == "Organization" and " " in c.name
        and _without_suffix(c.name) == form and min(x.start for x in c.cands) < first
    ]


def _without_suffix(name: str) -> str:
    """Lookup form of an organisation name without trailing corporate suffixes."""
    words = cn.lookup_form(name).split()
    while len(words) > 1 and words[-1].strip(",") in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words)


def _written_with_the(doc: Doc, cl: Cluster) -> bool:
    """True when a name mention of ``cl`` follows "the" ("the Commission said")."""
    return any(
        c.start > 0 and doc[c.start - 1].lower_ == "the"
        for c in cl.cands if c.label not in ("PRON", "DESC")
    )


#: What follows a space in a role of several words ("executive" in "chief executive"): a
#: compound + noun phrase can be a role only when the noun's lemma is one of these.
_ROLE_TAILS = frozenset(
    role[i + 1 :] for role in ROLE_NOUNS for i, ch in enumerate(role) if ch == " "
)


def role_of(tok: Token) -> str | None:
    """The person role a noun names ("chief executive", "president"), if it is one."""
    lemma = tok.lemma_.lower()
    phrase = lemma
    if lemma in _ROLE_TAILS:  # else no compound before it makes a role
        words = [t.lower_ for t in tok.subtree if t.i <= tok.i and t.dep_ == "compound"]
        phrase = " ".join([*words[-1:], lemma]) if words else lemma
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.pos_ in ("ADJ", "NOUN", "PROPN") and (
        f"{prev.lower_} {tok.lemma_.lower()}" in ROLE_NOUNS
    ):
        return f"{prev.lower_} {tok.lemma_.lower()}"
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
        hyphen = f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}"
        if hyphen in ROLE_NOUNS:
            return hyphen
    for cand in (phrase, tok.lemma_.lower(), tok.lower_):
        if cand in ROLE_NOUNS:
            return cand
    return None


def _roles(doc: Doc, cl: Cluster) -> set[str]:
    """Roles the text gives a person by apposition: "Jim Farley, the chief executive"."""
    if cl.etype != "Person":
        return set()
    roles = set()
    for c in cl.cands:
        head = doc[c.end - 1]
        for child in head.children:
            if child.dep_ == "appos" and (role := role_of(child)):
                roles.add(role)
        if head.dep_ == "appos" and (role := role_of(head.head)):
            roles.add(role)
        for t in doc[max(0, c.start - 3) : c.start]:
            if t.dep_ == "compound" and t.head.i in range(c.start, c.end):
                if role := role_of(t):
                    roles.add(role)
    return roles

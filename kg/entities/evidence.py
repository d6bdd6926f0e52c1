"""Step 2 of entity extraction: correct the model's NER slips on bare surnames before merging.

The small English model often tags a surname used alone as ORG (or GPE/NORP): in
"Trump said on Friday that he would announce new tariffs" it gives ``('Trump', 'ORG')``.
Such a type decides the entity key (``org/trump``), so it is corrected here, from
evidence in the article, before names are merged. A one-word name the model typed
ORG/GPE/NORP becomes a Person when

(a) it is the surname (last word) of exactly one full-named person in the article
    ("Mark Carney" … "Carney", tagged GPE);
(b) a he/she/him/her/his pronoun in the clause it governs refers back to it
    ("Trump said that he would ...", "Trump defended his decision"), or the next
    sentence opens with he/she while it was the subject and only person-capable name
    of its sentence;
(c) a person title stands right before it ("Chancellor Merz", "Mr Ford").

The company/person distinction is kept: an it/its pronoun referring back the same way
("Ford said it would cut jobs") is evidence of an organisation and blocks (a) and (b),
as does a longer organisation name starting with the word ("Dell Technologies" beside
"Michael Dell") or a business context ("Ford shares rose", "shares of Dell":
:data:`~kg.entities.gazetteer.COMPANY_NOUNS`). Countries, capitals, seats of
government, demonyms and acronyms never change type. The decision is per name form:
every untitled one-word mention of the word follows it, so one article does not hold
both ``org/trump`` and a person.

The reverse slip — a company, party or team the model tagged PERSON ("Dyson said it
would cut jobs", "Labour had broken its promise", "SK Hynix ... said it") — is corrected
by :func:`correct_organisation_slips`: a name tagged PERSON, never written with a title,
with organisation evidence (an it/its pronoun referring back as above, or a business
context such as "Dyson's chief executive", "founder of Dyson", "Lilly shares") and no
he/she evidence becomes an Organization. Its untitled mentions then do not merge into
a person sharing the word ("James Dyson"), and he/she cannot resolve to it. When the
evidence conflicts, the name keeps the model's label only if a person pronoun speaks
for it; a titled mention ("Mr Dyson") always stays the person.

Rule (d) — a subject of "said"/"told"/... that is the surname of exactly one person
already in the store — needs the store and lives in :mod:`kg.entities.known`; it uses
:func:`speech_subject` from here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.entities import canonical as cn
from kg.entities.gazetteer import COMPANY_NOUNS
from kg.entities.kinds import correct_kinds, name_kind
from kg.entities.mentions import Cand, pleonastic
from kg.lexicon import SPEECH_VERBS

#: NER labels whose one-word names may be surnames the model mistyped.
SLIP_LABELS = ("ORG", "GPE", "NORP")
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_THING_PRONOUNS = {"it", "its"}
_SUBJ = {"nsubj", "nsubjpass"}
#: Business nouns a person does not have: "Dyson's founder", "Lilly's chief executive".
_ORG_ONLY_NOUNS = {
    "founder", "executive", "ceo", "board", "headquarters", "subsidiary", "shareholder",
    "employee", "customer", "factory", "plant", "revenue", "profit", "earnings",
}
#: Title words that only modify a title ("former president"): not evidence alone.
_MODIFIER_TITLES = {"former", "acting", "late", "first", "deputy", "vice", "prime"}


def correct_person_slips(doc: Doc, cands: list[Cand]) -> None:
    """Re-type (in place) one-word ORG/GPE/NORP candidates that the evidence shows are people.

    PERSON-tagged names with organisation evidence are re-typed first
    (:func:`correct_organisation_slips`); the kind the text states for a name
    (:func:`kg.entities.kinds.correct_kinds`: "the band X", "… Stadium", a defined
    acronym) is decided last and wins.
    """
    correct_organisation_slips(doc, cands)
    correct_place_slips(doc, cands)
    named_by_founder = _named_by_its_person(doc, cands)
    by_form: dict[str, list[Cand]] = {}
    for c in cands:
        if c.label in SLIP_LABELS and not c.titles and surname_like(c.text):
            by_form.setdefault(cn.lookup_form(c.text), []).append(c)
    for form, group in by_form.items():
        votes = {_pronoun_evidence(doc, c, cands) for c in group}
        if "thing" in votes or _company_name_starts_with(form, cands) or any(
            _company_context(doc[c.end - 1]) for c in group
        ) or form in named_by_founder:
            continue
        if "person" in votes or _surname_of_one_person(form, cands):
            for c in group:
                c.etype = "Person"
    for c in cands:
        if c.label in SLIP_LABELS and c.etype != "Person" and surname_like(c.text) and (
            _has_title_before(doc, c.start)
        ):
            c.etype = "Person"
        elif c.label in ("ORG", "GPE") and c.etype in ("Organization", "Place") and (
            _who_clause(doc[c.end - 1])
        ):
            c.etype = "Person"
    correct_kinds(doc, cands)


def _who_clause(tok: Token) -> bool:
    """"Kemi Badenoch, who leads the party" (tagged GPE): "who" is said of a person.

    Only a singular proper noun with no place or country reading takes this rule
    ("the Conservatives, who ..." are a group).
    """
    if tok.tag_ != "NNP" or cn.country_code(tok.text) or cn.capital_country(tok.text):
        return False
    return any(
        ch.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ in _SUBJ for w in ch.children)
        for ch in tok.children
    )


def correct_organisation_slips(doc: Doc, cands: list[Cand]) -> None:
    """Re-type (in place) PERSON-tagged names that the evidence shows are organisations.

    Decided per name form over its untitled mentions (a titled one, "Mr Dyson", stays
    the person): he/she evidence keeps them people; otherwise an it/its pronoun
    referring back to one, or a business noun it modifies, makes them Organizations.
    """
    by_form: dict[str, list[Cand]] = {}
    for c in cands:
        if c.label == "PERSON" and c.etype == "Person":
            by_form.setdefault(cn.lookup_form(c.text), []).append(c)
    named_by_founder = _named_by_its_person(doc, cands)
    for form, form_group in by_form.items():
        group = [c for c in form_group if not c.titles]
        if form in named_by_founder and " " not in form:
            for c in group:
                c.etype = "Organization"
            continue
        votes = {_pronoun_evidence(doc, c, cands) for c in group}
        if "person" in votes:
            continue
        if "thing" in votes or any(
            " " not in c.text and _business_modifier(doc[c.end - 1]) for c in group
        ):  # a full name with "'s shares" is a shareholder, not a company
            for c in group:
                c.etype = "Organization"


#: Nouns a town or region never has, beyond :data:`_ORG_ONLY_NOUNS`: "Korvex's shares",
#: "Korvex's new products", "the brand's sales" name a company.
_NOT_A_PLACE_NOUNS = _ORG_ONLY_NOUNS | {
    "share", "stock", "brand", "product", "sale", "subsidiary", "unit", "chairman",
    "chairwoman", "boss", "logo", "rival", "competitor", "merger", "takeover",
}


def correct_place_slips(doc: Doc, cands: list[Cand]) -> None:
    """Re-type (in place) names the model tagged GPE/LOC that the text shows are
    companies: the possessor or "of"-object of a noun no place has ("Korvex's shares",
    "the chief executive of Korvex", "Korvex's new products"). Known places
    (countries, capitals, seats of government) and names with a place head word
    ("... Valley") keep their type. Decided per name form: every mention follows."""
    by_form: dict[str, list[Cand]] = {}
    for c in cands:
        if c.label in ("GPE", "LOC") and c.etype == "Place" and not (
            cn.capital_country(c.text) or cn.seat_of_government(c.text)
            or cn.country_code(c.text) or name_kind(c.text) is not None
        ):
            by_form.setdefault(cn.lookup_form(c.text), []).append(c)
    for group in by_form.values():
        if any(_owned_by_company(doc[c.end - 1]) for c in group):
            for c in group:
                c.etype = "Organization"


def _owned_by_company(tok: Token) -> bool:
    if tok.dep_ == "poss":
        return tok.head.lemma_.lower() in _NOT_A_PLACE_NOUNS
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
        tok.head.head.lemma_.lower() in _NOT_A_PLACE_NOUNS
    )


def _named_by_its_person(doc: Doc, cands: list[Cand]) -> set[str]:
    """Surnames of people introduced as "its" someone: "Enzo Ferrari, its founder".

    The "its" is an organisation other than the person; a bare mention of the same word
    in the article is taken to be that organisation, not the person.
    """
    forms = set()
    for c in cands:
        if c.label != "PERSON" or len(c.text.split()) < 2:
            continue
        for ap in doc[c.end - 1].children:
            if ap.dep_ == "appos" and any(
                w.lower_ == "its" and w.dep_ == "poss" for w in ap.children
            ):
                forms.add(cn.lookup_form(c.text).split()[-1])
    return forms


def surname_like(text: str) -> bool:
    """One capitalised word that is no country, capital, seat, demonym or acronym."""
    if " " in text.strip() or not text[:1].isupper() or not text.isalpha():
        return False
    if text.isupper():
        return False  # "NATO", "AI"
    return not (
        cn.country_code(text)
        or cn.capital_country(text)
        or cn.seat_of_government(text)
        or cn.demonym_country(text)
    )


def speech_subject(tok: Token) -> bool:
    """True when ``tok`` is the subject of a speech or cognition verb ("Trump said")."""
    return tok.dep_ in _SUBJ and tok.head.lemma_.lower() in SPEECH_VERBS


def _surname_of_one_person(form: str, cands: list[Cand]) -> bool:
    owners = {
        cn.lookup_form(c.text)
        for c in cands
        if c.label == "PERSON" and len(c.text.split()) >= 2
        and cn.lookup_form(c.text).split()[-1] == form
    }
    return len(owners) == 1


def _company_name_starts_with(form: str, cands: list[Cand]) -> bool:
    """"Dell Technologies", "Ford Motor": the bare word is likely the company's short name."""
    return any(
        c.etype == "Organization" and len(c.text.split()) >= 2
        and cn.lookup_form(c.text).split()[0] == form
        for c in cands
    )


def _business_modifier(tok: Token) -> bool:
    """"Lilly shares", "Dyson's founder", "shares of Dell": the word modifies a business noun.

    The narrower part of :func:`_company_context`, strong enough to overrule the
    model's PERSON label ("Lula told ... that workers deserved ..." is no company).
    """
    head = tok.head
    if tok.dep_ == "compound" and head.lemma_.lower() in COMPANY_NOUNS:
        return True
    if tok.dep_ == "poss":  # "Musk's shares", "Bezos's car" belong to people too
        return head.lemma_.lower() in _ORG_ONLY_NOUNS
    return tok.dep_ == "pobj" and head.head.lemma_.lower() in _ORG_ONLY_NOUNS


def _company_context(tok: Token) -> bool:
    """"Ford shares", "shares of Dell", "Ford said sales rose": the word names a business.

    The third form: the word is the subject of a verb whose clausal complement has a
    business noun as subject.
    """
    head = tok.head
    if tok.dep_ in ("compound", "poss") and head.lemma_.lower() in COMPANY_NOUNS:
        return True
    if tok.dep_ == "pobj" and head.head.lemma_.lower() in COMPANY_NOUNS:
        return True
    if tok.dep_ not in _SUBJ:
        return False
    return any(
        sub.dep_ in _SUBJ and sub.lemma_.lower() in COMPANY_NOUNS
        for clause in head.children if clause.dep_ == "ccomp"
        for sub in clause.children
    )


def _has_title_before(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    prev = doc[start - 1]
    return cn.is_title(prev.text) and cn.lookup_form(prev.text) not in _MODIFIER_TITLES


def _pronoun_evidence(doc: Doc, c: Cand, cands: list[Cand]) -> str | None:
    """"person", "thing" or None: what kind of pronoun clearly refers back to ``c``."""
    head = doc[c.end - 1]
    if head.dep_ not in _SUBJ:
        return None
    verb = head.head
    for tok in verb.subtree:
        if tok.i <= head.i or tok.lower_ not in _PERSON_PRONOUNS | _THING_PRONOUNS:
            continue
        if tok.pos_ != "PRON" and tok.lower_ not in ("his", "its", "her"):
            continue
        if pleonastic(tok) or tok.i < head.right_edge.i:
            continue  # "it was too early to ..."; "Gautam Adani, its founder": not X's
        if tok.lower_ == "it" and tok.head.lemma_ == "be":
            return None  # "Trump said it was unfair": "it" is what he spoke of
        if tok.dep_ in ("dobj", "dative") and tok.head.i == verb.i:
            return None  # "Starmer called it a win": an object is not its own subject
        if _governed_by(tok, verb):
            if tok.lower_ in _THING_PRONOUNS and any(
                o is not c and head.right_edge.i < o.start < tok.i for o in cands
            ):
                return None  # "Sharif thanked America for its help": its is America's
            return "person" if tok.lower_ in _PERSON_PRONOUNS else "thing"
        return None  # the first pronoun belongs to another subject: no evidence
    return _next_sentence_evidence(doc, c, cands)


def _governed_by(pron: Token, verb: Token) -> bool:
    """True when no verb between ``pron`` and ``verb`` has a subject not containing it."""
    node = pron
    while node.i != verb.i:
        node = node.head
        if node.i == verb.i:
            return True
        if node.pos_ in ("VERB", "AUX"):
            for ch in node.children:
                if ch.dep_ in _SUBJ and pron not in ch.subtree:
                    return False
        if node.head.i == node.i:
            return False
    return True


def _next_sentence_evidence(doc: Doc, c: Cand, cands: list[Cand]) -> str | None:
    """"He said ..." right after a sentence whose only person-capable name is ``c``."""
    head = doc[c.end - 1]
    sent = head.sent
    if head.head.i != sent.root.i or sent.end >= len(doc):
        return None
    others = [
        o for o in cands
        if sent.start <= o.start < sent.end and o is not c
        and cn.lookup_form(o.text) != cn.lookup_form(c.text) and o.etype not in ("Country",)
        and not cn.capital_country(o.text)
    ]
    if others:
        return None
    nxt = doc[sent.end].sent
    subj = [t for t in nxt.root.children if t.dep_ in _SUBJ]
    if subj and subj[0].lower_ in ("he", "she"):
        return "person"
    return None

"""Step 1 of entity extraction: the name mentions of a Doc, trimmed and typed.

:func:`name_mentions` collects name mentions from ``doc.ents`` (and "Mr X" that the
model missed, and one-word names it found once but missed elsewhere), trimmed to the
name (:func:`kg.entities.canonical.core_span`) and typed into the ontology; a name the
model tagged PERSON that the gazetteer knows as a country, capital or seat of
government is a place ("Kyiv" tagged PERSON); an ORG name takes a corporate suffix the
model left out ("Porsche SE"). :class:`Cand` is the working record of a mention that
the later steps (:mod:`kg.entities.evidence`, :mod:`kg.entities.clusters`, ...) share;
:func:`pleonastic` tells a dummy "it" from a pronoun that can be a mention.

Typing decisions (documented here because they are choices):

* GPE/LOC/ORG that is a country → ``Country`` (key ``country/<ISO alpha-2>``); a capital
  ("Beijing") stays its own ``Place`` entity with ``("metonymFor", "country/CN")`` when
  the text uses it as an actor; a seat of government ("the White House") is an
  ``Organization`` with ``metonymFor`` its country.
* NORP → ``Group``; a demonym ("Chinese") is **not** merged into its country: "Chinese
  goods" are not China acting. The group gets ``("demonymOf", "country/CN")``.
* DATE/TIME/PERCENT/MONEY/QUANTITY/CARDINAL/ORDINAL are not entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from kg.entities import canonical as cn
from kg.entities import tokens
from kg.entities.gazetteer import (
    CORPORATE_SUFFIXES,
    COUNTRY_ALIASES,
    KIND_NOUNS,
    VEHICLE_NOUNS,
)
from kg.lexicon import is_unit_of_number
from kg.model import EntityType

#: spaCy label → ontology type (GPE/LOC/ORG refined by :func:`entity_type`).
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Facility",
    "NORP": "Group",
    "EVENT": "Event",
    "LAW": "Law",
    "PRODUCT": "Product",
    "WORK_OF_ART": "CreativeWork",
    "LANGUAGE": "Language",
}

#: Titles that mark a person whatever label the model gave the name.
COURTESY = ("mr", "ms", "mrs", "dr", "miss")
_NAME_POS = {"PROPN", "NOUN", "NUM", "ADJ", "ADP", "DET", "CCONJ", "PART", "PUNCT", "X"}
_BAD_EDGE_POS = {"ADP", "DET", "CCONJ", "ADV", "VERB", "AUX", "PRON", "SCONJ"}
_SUBJ = {"nsubj", "nsubjpass"}
_PLEONASTIC_HEADS = {"be", "seem", "appear", "remain", "take", "make", "become"}


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


def pleonastic(tok: Token) -> bool:
    """Whether ``tok`` is a dummy "it" ("it was wrong to ...", "it seems that ..."): no mention."""
    if tok.dep_ == "expl":
        return True
    if tok.lower_ != "it" or tok.dep_ not in _SUBJ:
        return False
    head = tok.head
    return head.lemma_ in _PLEONASTIC_HEADS and any(
        ch.dep_ in ("xcomp", "ccomp", "csubj") and ch.i > tok.i for ch in head.children
    )


def looks_like_name(span: Span) -> bool:
    """False for spans that are boilerplate rather than a name ("Read more Support Now From").

    A name contains no verb/adverb/pronoun and does not start or end with a function word
    (a leading "the" is allowed).
    """
    toks = [t for t in span if t.text not in cn._QUOTES]
    if not toks:
        return False
    if any(t.pos_ not in _NAME_POS and not _acronym(t.text) for t in toks):
        return False
    if toks[-1].pos_ in _BAD_EDGE_POS:
        return False
    if toks[0].pos_ in _BAD_EDGE_POS and toks[0].lower_ != "the":
        return False
    return any(t.text[:1].isupper() or t.text[:1].isdigit() for t in toks)


def _acronym(word: str) -> bool:
    """"WHO", "NATO": the small model sometimes tags these PRON or VERB."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def entity_type(label: str, text: str) -> EntityType:
    """Ontology type of a name with spaCy ``label`` (countries, capitals, seats refined)."""
    if label in ("GPE", "LOC", "ORG", "FAC"):
        if cn.seat_of_government(text):
            return "Organization"
        if cn.capital_country(text):
            return "Place"
        short_code = len(text.replace(".", "")) <= 3 and cn.lookup_form(text) not in (
            COUNTRY_ALIASES
        )
        if label != "FAC" and cn.country_code(text) and (label == "GPE" or not short_code):
            return "Country"  # an ORG acronym such as "CAN" or "AND" is not a country code
    return LABEL_TYPES[label]


def gazetteer_place(text: str, name_words: set[str]) -> bool:
    """Whether a name the model tagged PERSON is a country, capital or seat of government.

    The gazetteer overrides the label ("Kyiv said ..." tagged PERSON), except for a word
    that is also part of a person's full name in the article ("Jordan" beside "Michael
    Jordan"), and only for a name without a title ("Mr Jordan" stays a person).
    """
    if " " not in text and text in name_words:
        return False
    return bool(
        cn.capital_country(text) or cn.seat_of_government(text) or cn.country_code(text)
    )


def _titles_before(doc: Doc, start: int) -> list[str]:
    """Title words immediately before token ``start`` ("former president" Joe Biden)."""
    titles: list[str] = []
    i = start - 1
    while i >= 0 and cn.is_title(doc[i].text) and doc[i].ent_type_ in ("", "PERSON"):
        titles.insert(0, doc[i].text)
        i -= 1
    return titles


def name_mentions(doc: Doc) -> list[Cand]:
    """Name mention candidates of ``doc``: typed, trimmed, with titles and surface form."""
    cands: list[Cand] = []
    taken: set[int] = set()
    ents = doc.ents
    name_words = {
        w for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for w in ent.text.split()
    }
    for ent in ents:
        if ent.label_ not in LABEL_TYPES or not looks_like_name(ent):
            continue
        if all(is_unit_of_number(t) for t in ent):
            continue  # "12,600 MW", "100 Kbps": a unit the model took for a name
        strip_titles = ent.label_ == "PERSON"
        start, end = cn.core_span(ent, strip_titles=strip_titles)
        if start >= end:
            continue
        end = _with_suffix(doc, ent.label_, end)
        label = ent.label_
        if start == ent.start and _organisation_prefix(doc, ent):
            start, label = start - 1, "ORG"  # "Transport Scotland", "Police Scotland"
        core = doc[start:end]
        if strip_titles and all(cn.is_title(t.text) for t in core):
            continue  # "Mr" alone: a title the model took for a name
        text = cn.strip_possessive(core.text)
        inner_titles = [t.text for t in doc[ent.start : start] if cn.is_title(t.text)]
        titles = _titles_before(doc, ent.start) + inner_titles
        courtesy = any(cn.lookup_form(t) in COURTESY for t in titles)
        if label == "PERSON" and not titles and gazetteer_place(text, name_words):
            label = "GPE"  # "Kyiv" tagged PERSON: a capital never becomes a person
        etype = "Person" if label == "PERSON" or courtesy else entity_type(label, text)
        if etype == "Group":
            text = cn.demonym_singular(text)
        first = min(start, ent.start)
        surface = " ".join([*titles, core.text]) if titles else doc[first:end].text
        cands.append(Cand(start, end, label, etype, text, surface, tuple(titles)))
        taken.update(range(first, max(ent.end, end)))
    cands.extend(_titled_names(doc, taken))
    _model_numbers(doc, cands)
    _product_names(doc, cands)
    taken = {i for c in cands for i in range(c.start, c.end)}
    cands.extend(_repeated_names(doc, cands, taken))
    _model_numbers(doc, cands)
    return sorted(cands, key=lambda c: (c.start, c.end))


#: Capitalised words that modify a place's name and leave it a place ("Greater London",
#: "Downtown Chicago"), and so never make it an organisation's name.
_PLACE_MODIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "greater", "inner", "outer", "upper", "lower", "new", "old", "little",
    "great", "downtown", "rural", "urban", "coastal", "mainland", "metro", "metropolitan",
    "historic", "modern", "ancient", "royal", "free", "occupied", "independent",
})


def _organisation_prefix(doc: Doc, ent: Span) -> bool:
    """A place's name with a capitalised common noun compounded right before it, outside
    the model's name, is an organisation of that place: "Transport Scotland", "Police
    Scotland", "Team GB" (the model tags only "Scotland"). Not a title, a direction or
    other place modifier ("Greater London"), nor a word that is a name itself (a rare
    word: "Kingston Jamaica")."""
    if ent.label_ not in ("GPE", "LOC") or ent.start == 0:
        return False
    tok = doc[ent.start - 1]
    word = tok.text.lower()
    if not (tok.text[:1].isupper() and tok.text[1:].islower() and tok.is_alpha) or (
        tok.ent_type_ or tok.dep_ != "compound" or not ent.start <= tok.head.i < ent.end
    ):
        return False
    if word in _PLACE_MODIFIERS or cn.is_title(tok.text) or word in KIND_NOUNS:
        return False
    return zipf_frequency(word, "en") >= 4.0


def _with_suffix(doc: Doc, label: str, end: int) -> int:
    """End of an ORG name extended over a corporate suffix the model left out.

    "Porsche SE" tagged as just "Porsche": the holding company is another entity than
    the carmaker, so the suffix belongs to the name.
    """
    if label == "ORG" and end < len(doc):
        nxt = doc[end]
        form = nxt.lower_.replace(".", "")
        if nxt.text[:1].isupper() and not nxt.ent_type_ and form in CORPORATE_SUFFIXES:
            return end + 1
    return end


_YEAR = re.compile(r"^(19|20)\d\d$")
_NOT_CODES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _model_code(doc: Doc, i: int) -> bool:
    """Token ``i`` is a model number ("737", "72", or a code the model tagged, "A330"):
    a short code with a digit, no year, no quantity ("3,800", "40 flights"), and no
    score line after it ("Arsenal 2 Chelsea 1")."""
    if i >= len(doc):
        return False
    tok = doc[i]
    text = tok.text
    if not any(ch.isdigit() for ch in text) or len(text) > 6 or not text.isalnum() or (
        _YEAR.match(text) or tok.ent_type_ in _NOT_CODES
    ):
        return False
    if not (text.isdigit() or tok.ent_type_ in ("PRODUCT", "CARDINAL")):
        return False  # "its Orbit X2 headset": left to the product-noun rule
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and (nxt.text[:1].isupper() and nxt.pos_ == "PROPN"):
        return False  # "Arsenal 2 Chelsea 1"
    return not (nxt is not None and nxt.tag_ == "NNS" and text.isdigit() and tok.head.i == nxt.i
                and nxt.lemma_.lower() not in KIND_NOUNS)  # "Loganair 40 flights"


def _model_numbers(doc: Doc, cands: list[Cand]) -> None:
    """A maker's name with a model number right after it is a product: "a Boeing 737",
    "the ATR 72" (the model tags "Boeing" ORG and "737" PRODUCT or CARDINAL, so the
    aircraft became the company). Changes ``cands`` in place."""
    starts = {c.start: c for c in cands}
    for c in list(cands):
        if c.label != "ORG" or " " in c.text or not _model_code(doc, c.end):
            continue
        code = starts.get(c.end)
        end = code.end if code is not None else c.end + 1
        if code is not None:
            cands.remove(code)
        cands.remove(c)
        text = doc[c.start : end].text
        cands.append(Cand(c.start, end, "PRODUCT", "Product", text, text))


def _repeated_names(doc: Doc, cands: list[Cand], taken: set[int]) -> list[Cand]:
    """One-word names the model found once but missed elsewhere ("... Merkel left early").

    A capitalised word, not next to another proper noun, that is exactly a person's
    surname (last word of a full name) or a one-word name of another kind found in the
    article becomes a mention of that kind; whether a surname is unambiguous is decided
    when merging. Groups ("Chinese") are left out: adjectives are tagged reliably.
    """
    kinds: dict[str, Cand] = {}
    for c in cands:
        if c.etype == "Person" and " " in c.text:
            kinds.setdefault(c.text.split()[-1], c)
        elif c.etype not in ("Person", "Group") and " " not in c.text:
            kinds.setdefault(c.text, c)
    found = []
    words, parts = tokens.texts(doc), tokens.pos(doc)
    for i, word in enumerate(words):
        model = kinds.get(word)
        if model is None or i in taken or parts[i] not in ("PROPN", "NOUN"):
            continue
        if any(parts[j] == "PROPN" for j in (i - 1, i + 1) if 0 <= j < len(words)):
            continue
        found.append(Cand(i, i + 1, model.label, model.etype, word, word))
        taken.add(i)
    return found


def _titled_names(doc: Doc, taken: set[int]) -> list[Cand]:
    """People the model missed but the text marks with a title: "Mr Ishiba" → Ishiba.

    Only gendered courtesy titles and "Dr" count (Mr, Ms, Mrs, Dr): "President" alone
    also precedes offices ("President of the Commission").
    """
    found: list[Cand] = []
    words, parts = tokens.texts(doc), tokens.pos(doc)
    courtesy = {w for w in set(words) if cn.is_title(w) and cn.lookup_form(w) in COURTESY}
    if not courtesy:
        return found
    for i, word in enumerate(words):
        if word not in courtesy or i in taken:
            continue
        j = i + 1
        while j < len(words) and parts[j] == "PROPN" and words[j][:1].isupper() and (
            j not in taken and not cn.is_title(words[j])
        ):
            j += 1
        if j > i + 1:
            text = doc[i + 1 : j].text
            surface = doc[i:j].text
            found.append(Cand(i + 1, j, "PERSON", "Person", text, surface, (word,)))
            taken.update(range(i, j))
    return found


#: Common nouns of product kinds ("phone", "headset", "laptop"): a name written right
#: before one names a product ("the Nova S7 phone", "its Orbis Air laptop").
PRODUCT_NOUNS = frozenset(
    w for w, kind in KIND_NOUNS.items() if kind == "Product" and w not in VEHICLE_NOUNS
)


def _name_word(tok: Token) -> bool:
    """A word of a product name: capitalised, or a model code with a digit ("S7", "3")."""
    if tok.pos_ not in ("PROPN", "NOUN", "NUM", "ADJ", "X") or tok.ent_type_ in (
        "NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"
    ):
        return False
    return tok.text[:1].isupper() or (
        any(c.isdigit() for c in tok.text) and len(tok.text) <= 6 and "," not in tok.text
    )


def _product_run(doc: Doc, noun: Token) -> tuple[int, int] | None:
    """Token range of the product name written right before product noun ``noun``."""
    i = noun.i - 1
    while i >= 0 and _name_word(doc[i]) and noun.i >= doc[i].head.i > i:
        i -= 1
    start, end = i + 1, noun.i
    words = doc[start:end]
    if not len(words) or all(t.like_num for t in words) or not any(
        t.text[:1].isupper() and t.text.isalpha() and not t.is_sent_start for t in words
    ):
        return None
    if len(words) == 1 and not any(c.isdigit() for c in words[0].text) and (
        words[0].pos_ != "PROPN"
    ):
        return None  # "the Android phone" is a kind, "the Pixelo phone" a product
    return start, end


def _product_names(doc: Doc, cands: list[Cand]) -> None:
    """Product names the model missed or mislabelled, written before a product noun:
    "the Nova S7 phone", "its Orbis Air laptop", "2 million Nova S7 handsets" → Nova S7,
    Orbis Air (replacing "Nova" tagged LOC, "Orbis Air" tagged ORG); then the same
    words elsewhere in the article ("The Nova S7 costs ..."). Changes ``cands`` in place.

    The name is the run of capitalised words and model codes that modify the noun
    right before it, with a capitalised word that does not open the sentence; a name
    found elsewhere in the article on its own ("Velmora" in "the Velmora Nova S7
    phone") is the maker and stays out of the product's name."""
    runs: list[tuple[int, int]] = []
    for i, part in enumerate(tokens.pos(doc)):
        if part == "NOUN" and (noun := doc[i]).lemma_.lower() in PRODUCT_NOUNS:
            run = _product_run(doc, noun)
            if run is not None:
                runs.append(run)
    if not runs:
        return
    inside = {i for s, e in runs for i in range(s, e)}
    # a name on its own elsewhere: not inside a run, not followed by the run's next word
    alone = [c for c in cands if not (set(range(c.start, c.end)) & inside)]
    names: set[tuple[str, ...]] = set()
    for start, end in runs:
        inner = [c for c in cands if start <= c.start and c.end <= end]
        if any(c.start < start < c.end or c.start < end < c.end for c in cands):
            continue  # a name reaching out of the run: not a product name
        makers = [c for c in inner if c.start == start and any(
            o.text == c.text and (o.end >= len(doc) or c.end >= len(doc)
                                  or doc[o.end].text != doc[c.end].text)
            for o in alone)]
        if makers and makers[0].end == end:
            continue  # "the Huawei phone": a phone by the company, no product name
        if makers:
            start = makers[0].end
            inner.remove(makers[0])
        for c in inner:
            cands.remove(c)
        words = doc[start:end]
        names.add(tuple(t.text for t in words))
        cands.append(Cand(start, end, "PRODUCT", "Product", words.text, words.text))
    texts = tokens.texts(doc)
    for name in names:
        n = len(name)
        if n < 2:
            continue  # a one-word name is found again by _repeated_names
        for i in range(len(doc) - n + 1):
            if tuple(texts[i : i + n]) != name or any(
                c.start < i + n and c.end > i and (c.start < i or c.end > i + n
                                                   or c.label == "PRODUCT")
                for c in cands
            ):
                continue  # another name overlaps it, or it is a product already
            cands[:] = [c for c in cands if not (i <= c.start and c.end <= i + n)]
            cands.append(Cand(i, i + n, "PRODUCT", "Product", doc[i : i + n].text,
                              doc[i : i + n].text))

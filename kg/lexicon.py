"""Word lists shared by extraction and entity resolution: one definition per concept.

English closed classes the rules need, each defined once, with how they relate:

* :data:`REPORT_VERBS` introduce reported speech or thought ("X said that ..."), with
  any speaker, a person or an organisation: attribution and clause rules use them.
* :data:`SPEECH_VERBS` are the verbs whose subject is nearly always a *person*, so a
  name that is their subject is evidence of a person (entity evidence uses them). It
  is the report verbs minus those institutions use as often as people
  (:data:`INSTITUTIONAL_REPORT_VERBS`: "the ministry confirmed", "the company reported"),
  plus verbs of intent, feeling and asking that report nothing
  (:data:`PERSONAL_VERBS`: "vowed", "hoped", "asked", "tweeted").
* :data:`NON_ENTITY_LABELS` are the spaCy NER labels of values, not things: a token
  with one of them is never an entity mention, a pronoun antecedent or a concept.
* Amounts (issue 9): currency symbols and words (:data:`SYMBOLS`, :data:`CURRENCY_WORDS`,
  :data:`CURRENCY_NOUNS`), :data:`MULTIPLIERS` and :data:`UNITS` of measurement. The
  values are read by :mod:`kg.extract.quantities`; :func:`is_unit_of_number` tells a
  unit attached to a number ("£4.2m", "12,600 MW"), which names an amount and is never
  an entity, a concept or part of one's name.
* :data:`PRIVATIVE_ADJECTIVES` ("former", "would-be"): a former president is not a
  president, so :func:`privative_modifier` keeps them in a concept's name.
* :data:`FRACTION_WORDS` and :func:`is_proportion` ("12% of X", "a third of X"): a
  proportion of a thing, which a relation must not state of the whole thing.
* Wire datelines ("OSLO, 3 March (Wire) -"): :func:`dateline_end` and
  :func:`is_dateline`, shared by ingest (which splits a dateline off the first
  sentence) and extraction and entities (which read nothing from it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

REPORT_VERBS: frozenset[str] = frozenset({
    "say", "tell", "claim", "report", "add", "state", "announce", "argue", "insist",
    "warn", "note", "explain", "quote", "deny", "allege", "believe", "think", "assert",
    "acknowledge", "admit", "confirm", "reveal", "write", "contend", "predict",
    "estimate", "declare", "suggest", "maintain", "stress", "emphasize", "emphasise",
    "accuse", "complain", "reply", "respond", "recall", "testify", "speculate",
})
#: Report verbs whose subject is as often an institution as a person.
INSTITUTIONAL_REPORT_VERBS: frozenset[str] = frozenset({
    "allege", "assert", "confirm", "contend", "emphasise", "emphasize", "estimate",
    "maintain", "note", "quote", "report", "reveal", "speculate", "testify",
})
#: Verbs of intent, feeling, knowing and asking whose subject is a person.
PERSONAL_VERBS: frozenset[str] = frozenset({
    "answer", "ask", "concede", "expect", "fear", "feel", "hope", "know", "pledge",
    "post", "promise", "threaten", "tweet", "urge", "vow",
})
SPEECH_VERBS: frozenset[str] = (REPORT_VERBS - INSTITUTIONAL_REPORT_VERBS) | PERSONAL_VERBS

NON_ENTITY_LABELS: frozenset[str] = frozenset({
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL",
})

# Amounts: units, currencies and multipliers (closed classes), read by
# :mod:`kg.extract.quantities` for values and by linking: an amount is never a node.

#: Currency symbols and prefixed symbols → ISO 4217. "¥" is JPY unless "yuan" is written.
SYMBOLS: dict[str, str] = {
    "us$": "USD", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "s$": "SGD",
    "nz$": "NZD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB",
    "₩": "KRW",
}
#: Currency words after a number → ISO 4217 (a country adjective before "dollar" wins).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "franc": "CHF", "francs": "CHF",
}
#: Multiplier words and abbreviations after a number ("£2bn", "5 million").
MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
    "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}
#: Units of measurement (a standard closed class), lower-cased: symbols and words. A noun
#: of this class after a number measures it; it is never a thing of its own ("12,600 MW",
#: "10.46 seconds", "25 basis points"). "m" and "k" are left out: after a number they
#: may be million/thousand or metres (read by :data:`MULTIPLIERS` and the caller).
UNITS = frozenset(
    "mm cm km kg mg g lb lbs oz ft mph kph km/h kmh mw gw kw tw mwh gwh kwh twh kbps mbps "
    "gbps kb mb gb tb ha bp bps sq "
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks "
    "month months year years decade decades "
    "metre metres meter meters kilometre kilometres kilometer kilometers mile miles yard "
    "yards foot feet inch inches centimetre centimetres millimetre millimetres gram grams "
    "kilogram kilograms kilogramme kilogrammes tonne tonnes ton tons litre "
    "litres liter liters gallon gallons barrel barrels acre acres hectare hectares watt "
    "watts kilowatt kilowatts megawatt megawatts gigawatt gigawatts terawatt terawatts "
    "degree degrees knot knots point points".split()
)
#: Currency nouns with no single ISO 4217 code ("crowns" are Swedish, Norwegian, Danish,
#: Czech, Icelandic ...): money, but the currency stays unknown unless a country says it.
CURRENCY_NOUNS = frozenset(
    "crown crowns krona kronor krone kroner cent cents penny pence".split()
)
#: Dependencies of a number that modifies its unit.
_NUMBER_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "quantmod"})

#: Percent words a number can carry ("20 per cent": "cent" is the head).
_PERCENT_WORDS = frozenset({"%", "percent", "cent", "pc"})


#: Every word :func:`is_unit_of_number` may take for a unit (the union of the classes).
_AMOUNT_WORDS = frozenset(
    UNITS | CURRENCY_WORDS.keys() | CURRENCY_NOUNS | MULTIPLIERS.keys() | _PERCENT_WORDS
    | SYMBOLS.keys()
)


def _cardinal(token: Token) -> bool:
    """A cardinal number ("12,600", "five", "billion"), not an ordinal ("third")."""
    return token.like_num and (token.tag_ == "CD" or token.pos_ == "NUM")


def is_unit_of_number(token: Token) -> bool:
    """True when ``token`` is the unit a number measures in: "MW" in "12,600 MW", "m" in
    "£4.2m" or "100m", "%" / "cent" in "1.5%" / "2.3 per cent", "euros" in "5 billion euros".

    A unit is a word of a closed class (:data:`UNITS`, currency words and symbols, the
    multipliers "m", "bn") with a number attached: a number modifier in the parse, or a
    number written right before it ("100m") or before "per" ("2.3 per cent"). Such a token
    names an amount, never a thing of its own, so it is never an entity or a concept.
    """
    lower = token.lower_
    if lower not in _AMOUNT_WORDS:
        return False
    if any(_cardinal(c) and c.dep_ in _NUMBER_DEPS for c in token.children):
        return True
    doc = token.doc
    i = token.i
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and _cardinal(prev) and (not prev.whitespace_ or lower in MULTIPLIERS):
        return True  # "100m", "£4.2 m"
    return bool(
        lower == "cent" and i >= 2 and doc[i - 1].lower_ == "per" and _cardinal(doc[i - 2])
    )


#: Fraction words (a closed class): "a third of X", "half of X", "two-thirds of X".
FRACTION_WORDS = frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths "
    "eighth eighths ninth ninths tenth tenths two-thirds three-quarters".split()
)


def is_proportion(token: Token) -> bool:
    """True when ``token`` heads a proportion *of* something: "12% of X", "30 per cent
    of X", "a third of X", "half of X".

    A statement about a proportion of X is not one about X: "owns 12% of Greystone" does
    not say it owns Greystone. The argument still refers to X (the node), so the
    relation has to carry the proportion (:func:`kg.extract.relations.frame_to_statement`).
    """
    lower = token.lower_
    if lower not in _PERCENT_WORDS and lower not in FRACTION_WORDS:
        return False
    if not any(c.dep_ == "prep" and c.lower_ == "of" and c.i > token.i
               and any(g.dep_ == "pobj" for g in c.children) for c in token.children):
        return False
    if lower in _PERCENT_WORDS:
        return is_unit_of_number(token)
    return True


#: Privative (non-subsective) adjectives, a closed class: a former president is not a
#: president, a would-be buyer not a buyer. They stay in the name of what a phrase names.
PRIVATIVE_ADJECTIVES = frozenset(
    "former ex erstwhile one-time onetime would-be future alleged suspected so-called "
    "self-styled self-proclaimed fake false pseudo mock counterfeit supposed purported "
    "putative prospective presumed".split()
)


def privative_modifier(head: Token) -> Token | None:
    """The privative adjective modifying ``head`` ("former" in "former Davis Cup
    player", "ex" in "ex-president"), or None."""
    for child in head.lefts:
        if child.dep_ not in ("amod", "compound", "nmod", "advmod"):
            continue
        words = child.doc[child.left_edge.i : child.right_edge.i + 1]
        written = "".join(t.text for t in words).lower()
        if written in PRIVATIVE_ADJECTIVES or child.lower_ in PRIVATIVE_ADJECTIVES:
            return child
    return None


#: Month names and their usual abbreviations, as written in datelines.
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: A dateline's date: "March 3", "Jan. 5, 2025", "3 March", "3 March 2025", "Tuesday".
_DATE = (
    rf"(?:{_MONTH} {_DAY}(?:,? \d{{4}})?|{_DAY} {_MONTH}(?:,? \d{{4}})?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
)
#: A place word of a dateline, in capitals (any script's capitals, checked in
#: :func:`_capitals`): "LONDON", "ST.", "SÃO", "NEW YORK/LONDON".
_PLACE_WORD = r"[^\W\d_][^\s,()]*"
#: A wire-copy dateline opening the body: "LONDON, March 3 (Reuters) -", "PARIS (AFP) --",
#: "WASHINGTON -", "OSLO, 3 March (Wire) -", "MARSEILLE, France \u2014",
#: "NEW YORK/LONDON (Reuters) -", "(Reuters) -": a place in capitals, then optionally
#: a region or country ("France", "Calif."), a date and an agency in parentheses, then
#: a dash; or an agency alone in parentheses and a dash.
_DATELINE = re.compile(
    rf"\A(?P<line>(?:(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    r"(?:, (?P<region>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,2}))?"
    rf"(?:,? (?P<date>{_DATE}))?"
    r"(?: \((?P<agency>[A-Za-z][\w .&'\u2019-]{0,40})\))?"
    r"|\((?P<alone>[A-Za-z][\w .&'\u2019-]{0,40})\))"
    r" ?(?:--|[-\u2013\u2014]))\s+(?=\S)"
)


def _capitals(words: str) -> bool:
    """Whether every letter of ``words`` is a capital (and there is one)."""
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def dateline_end(paragraph: str) -> int:
    """Length of the wire dateline opening ``paragraph`` (its dash included), 0 if none.

    >>> dateline_end("OSLO, 3 March (Wire) - Shares fell.")
    22
    >>> dateline_end("US stocks fell - and then rose.")
    0
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return 0
    place, region = match["place"], match["region"]
    if place is not None and not (_capitals(place) and sum(c.isalpha() for c in place) > 1):
        return 0
    if region and _capitals(region) and "." not in region:
        return 0  # "UK, US - ...": two names in capitals, not a place and its region
    if paragraph[match.end():][:1].islower():
        return 0  # the body's first sentence starts with a capital
    return len(match["line"])


def is_dateline(text: str) -> bool:
    """Whether ``text`` (a sentence or paragraph) is a wire dateline and nothing else.

    Ingest keeps a dateline as its own paragraph (``kg.ingest.text.split_dateline``);
    extraction
    reads no statement from it ("OSLO, 3 March (Wire) -" is no apposition).

    >>> is_dateline("MARSEILLE, France \u2014"), is_dateline("MARSEILLE \u2014 Fans sang.")
    (True, False)
    """
    text = text.strip()
    if not text.endswith(("-", "\u2013", "\u2014")):
        return False  # a dateline ends with its dash (quick test: most sentences do not)
    end = dateline_end(text + " X")
    return end > 0 and end == len(text)


__all__ = [
    "dateline_end",
    "is_dateline",
    "CURRENCY_NOUNS",
    "CURRENCY_WORDS",
    "FRACTION_WORDS",
    "MULTIPLIERS",
    "PRIVATIVE_ADJECTIVES",
    "SYMBOLS",
    "UNITS",
    "is_proportion",
    "is_unit_of_number",
    "privative_modifier",
    "INSTITUTIONAL_REPORT_VERBS",
    "NON_ENTITY_LABELS",
    "PERSONAL_VERBS",
    "REPORT_VERBS",
    "SPEECH_VERBS",
]

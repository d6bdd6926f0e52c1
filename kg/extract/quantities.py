"""Quantities and dates as typed values of statement arguments.

:func:`typed_value` reads what an argument span is worth: a quantity ("up to 15 per
cent" → 15 percent, bound "max") or a date ("on Wednesday" → the Wednesday on or
before the publication date). It is computed before the argument's statement is built
(:func:`kg.extract.relations.build_statements`), so statements are never changed after.

The spaCy entity labels (PERCENT, MONEY, QUANTITY, CARDINAL, DATE) are evidence that
an argument is a number or a date, but the text decides what it is: the small English
model tags "20 per cent" as MONEY and "up to" as CARDINAL, so the value, unit and bound
always come from :func:`parse_quantity` / :func:`parse_date` reading the words.
Anything unsure is left None: a wrong typed value is worse than none. A count's unit is
the word after the number, or a unit of measurement (:data:`kg.lexicon.UNITS`) written
with it ("12,600 MW", "380g", "25 basis points"); "212p" is pence. A score or range
("3-1", "20-40"), an age or other hyphenated modifier ("the 38-year-old") and a clock
time ("2am") are not quantities. The word classes live in :mod:`kg.lexicon`, which
entity linking shares: a unit attached to a number is never a graph node.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

import numpy
import pycountry
from spacy.attrs import DEP, HEAD, LIKE_NUM

from kg.extract.tree import children
from kg.lexicon import (
    CURRENCY_WORDS,
    MULTIPLIERS,
    SYMBOLS,
    UNITS,
    is_unit_of_number,
)
from kg.model import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Words before a number that qualify it → Quantity.bound.
BOUNDS: dict[str, str] = {
    "up to": "max", "as much as": "max", "as many as": "max", "as high as": "max",
    "no more than": "max", "not more than": "max", "at most": "max", "less than": "max",
    "fewer than": "max", "under": "max", "below": "max", "more than": "min", "over": "min",
    "at least": "min", "above": "min", "in excess of": "min", "upwards of": "min",
    "exceeding": "min", "about": "approx", "around": "approx", "approximately": "approx",
    "roughly": "approx", "nearly": "approx", "almost": "approx", "an estimated": "approx",
    "some": "approx", "close to": "approx", "some estimated": "approx",
}
DOLLAR_COUNTRIES: dict[str, str] = {
    "australian": "AUD", "canadian": "CAD", "hong kong": "HKD", "singapore": "SGD",
    "new zealand": "NZD", "taiwan": "TWD", "us": "USD", "american": "USD",
}
NUMBER_WORDS: dict[str, int] = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
} | {
    "dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100,
}
MONTHS: dict[str, int] = {
    m.lower(): i for i, m in enumerate(
        "January February March April May June July August September October November December"
        .split(), 1)
} | {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
     "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
#: Words after a number that are not its unit (a count's unit is the noun that follows).
_NOT_UNITS = frozenset(
    "of to from in on at by for with and or but than as per a an the is are was were has "
    "have had be been will would that which who this these those its their his her".split()
)
_ISO4217 = frozenset(c.alpha_3 for c in pycountry.currencies)

_CODES = "|".join(sorted(_ISO4217))
_WORDNUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_QUANTITY = re.compile(
    r"(?:(?P<bound>" + "|".join(sorted(map(re.escape, BOUNDS), key=len, reverse=True)) + r")\s+)?"
    r"(?:(?P<sym>(?:us|a|c|ca|hk|s|nz)?\$|[£€¥₹₽₩])\s?|(?P<code>(?-i:" + _CODES + r"))\s)?"
    r"(?<![\w.,/-])(?P<num>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![,.]?\d|st\b|nd\b|rd\b|th\b)"
    rf"|\b(?:(?:{_TENS})-(?:{_UNITS_1_9})|{_WORDNUM}|an?(?=\s+(?:thousand|million|billion|trillion)\b))\b)"
    r"(?:\s?(?P<mult>thousand|million|billion|trillion)\b|(?P<abbr>bn|tn|mn|m|k)\b)?"
    r"(?:\s*(?P<pct>%|per\s?cent\b|percent\b|percentage points?\b|pc\b))?",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s+(?:(?P<ccy>[A-Z]{3})\b|(?P<word>[A-Za-z][A-Za-z-]*))")
_NATIONAL_DOLLAR = re.compile(
    r"\s*(?P<country>" + "|".join(n.replace(" ", r"\s+") for n in DOLLAR_COUNTRIES)
    + r")\s+dollars?\b", re.IGNORECASE,
)
_PAIR = re.compile(r"\s?[-–]\s?\d")
_JOINED = re.compile(r"-[A-Za-z]")
_CLOCK = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)
#: A unit right after a number, attached ("380g", "212p") or after a space ("12,600 MW").
_UNIT_AFTER = re.compile(r"\s?(?P<unit>basis\s+points?|[A-Za-z][A-Za-z/]*)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|2100)\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_RE})\.?,?(?:\s+(?P<y>\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"(?<!\bthe )(?<!\bthe past )\b(?P<which>this|last|next|earlier this|later this)\s+"
    r"(?P<unit>month|year)\b",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(r"\b(today|yesterday|tomorrow)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?P<mod>last\s+|next\s+|this\s+)?(?P<day>" + "|".join(WEEKDAYS) + r")\b",
                      re.IGNORECASE)
_PLURALS = frozenset("people men women children police staff personnel troops".split())
_DEFINITE = frozenset("the this that these those its their his her our my your".split())
_UNIT_HEADS = frozenset({"cent", "percent", "%"} | set(CURRENCY_WORDS) | set(SYMBOLS))
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "nummod", "quantmod"})
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.IGNORECASE)
_QUANTITY_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_DATE_LABELS = frozenset({"DATE"})


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity written in ``text``, or None.

    >>> parse_quantity("up to 15 per cent")
    Quantity(value=15.0, unit='percent', kind='percent', text='up to 15 per cent', bound='max')
    >>> parse_quantity("£2bn").unit, parse_quantity("£2bn").value
    ('GBP', 2000000000.0)
    """
    for match in _QUANTITY.finditer(text):
        quantity = _from_match(text, match)
        if quantity is not None:
            return quantity
    return None


def _from_match(text: str, m: re.Match[str]) -> Quantity | None:
    """A Quantity for one regex match, or None when it is a year, an ordinal, etc."""
    if _PAIR.match(text, m.end("num")):
        return None  # "3-1", "20-40": a score or a range, not one number
    if _JOINED.match(text, m.end("num")) or _CLOCK.match(text, m.end()):
        return None  # "the 38-year-old", "a 14-date tour"; "2am": a time of day
    number = _number(m["num"])
    multiplier = MULTIPLIERS[(m["mult"] or m["abbr"] or "").lower()] if (
        m["mult"] or m["abbr"]) else 1.0
    if m["abbr"] and m["abbr"].lower() in ("m", "k") and not (m["sym"] or m["code"]):
        rest = text[m.end():]
        word = _NEXT_WORD.match(rest)
        noun = word["word"].lower() if word and word["word"] else ""
        if not (_currency_after(rest) or noun in _PLURALS or (
                noun.endswith("s") and noun not in _NOT_UNITS)):
            return None  # "5m" without a currency or a plural noun may be metres
    if m["num"].lower() in ("a", "an") and not m["mult"]:
        return None
    value = number * multiplier
    bound = BOUNDS.get(m["bound"].lower()) if m["bound"] else None
    end = m.end()
    if m["pct"]:
        unit = "percentage point" if m["pct"].lower().startswith("percentage") else "percent"
        return Quantity(value, unit, "percent", text[m.start():end], bound)
    currency = _symbol_currency(m["sym"], text) if m["sym"] else None
    if currency is None and m["code"]:
        currency = m["code"]
    rest = text[end:]
    if currency is None:
        after = _currency_after(rest)
        if after is not None:
            currency, length = after
            end += length
            if currency == "USD":
                currency = _dollar_country(text[: m.start()]) or currency
    if currency is not None:
        return Quantity(value, currency, "money", text[m.start():end].strip(), bound)
    unit_match = _UNIT_AFTER.match(rest)
    if unit_match and m["num"][0].isdigit():
        unit_word = " ".join(unit_match["unit"].lower().split())
        if unit_word == "p" and not rest.startswith(" ") and not multiplier > 1:
            # "212p": pence
            return Quantity(value / 100, "GBP", "money", text[m.start():end + 1], bound)
        if unit_word.startswith("basis"):
            unit_word = "basis point"
        if unit_word in UNITS or unit_word == "basis point":
            return Quantity(value, unit_word, "count",
                            text[m.start():end + unit_match.end()].strip(), bound)
    if _looks_like_year(m["num"], text, m):
        return None
    word = _NEXT_WORD.match(rest)
    unit = ""
    if word and word["word"] and word["word"].lower() not in _NOT_UNITS and not (
        word["word"][0].isupper() and word["word"].lower() not in CURRENCY_WORDS
    ):
        unit = word["word"].lower()
        end += word.end()
    if not m["num"][0].isdigit() and not unit and not multiplier > 1:
        return None  # a bare "one"/"some" is rarely a quantity
    return Quantity(value, unit, "count", text[m.start():end].strip(), bound)


def _number(raw: str) -> float:
    word = raw.lower()
    if word in ("a", "an"):
        return 1.0
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    if "-" in word:
        tens, ones = word.split("-", 1)
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    return float(raw.replace(",", ""))


def _symbol_currency(symbol: str, text: str) -> str:
    code = SYMBOLS[symbol.lower()]
    if code == "JPY" and re.search(r"\b(yuan|renminbi|rmb)\b", text, re.IGNORECASE):
        return "CNY"
    return code


def _currency_after(rest: str) -> tuple[str, int] | None:
    """Currency written right after the number ("dollars", "USD"), with its length."""
    national = _NATIONAL_DOLLAR.match(rest)
    if national:
        return DOLLAR_COUNTRIES[" ".join(national["country"].lower().split())], national.end()
    word = _NEXT_WORD.match(rest)
    if not word:
        return None
    if word["ccy"] and word["ccy"] in _ISO4217:
        return word["ccy"], word.end()
    if word["word"] and word["word"].lower() in CURRENCY_WORDS:
        return CURRENCY_WORDS[word["word"].lower()], word.end()
    return None


def _dollar_country(before: str) -> str | None:
    tail = before.lower().rstrip()
    return next((code for name, code in DOLLAR_COUNTRIES.items() if tail.endswith(name)), None)


def _looks_like_year(raw: str, text: str, m: re.Match[str]) -> bool:
    """A bare four-digit 1800-2100 with no unit noun after it reads as a year."""
    if not re.fullmatch(r"1[89]\d\d|20\d\d|2100", raw) or m["mult"] or m["abbr"]:
        return False
    word = _NEXT_WORD.match(text[m.end():])
    noun = word["word"].lower() if word and word["word"] else ""
    return not ((noun.endswith("s") and noun not in _NOT_UNITS) or noun in _PLURALS)


def parse_date(text: str, reference: str | None = None) -> str | None:
    """An ISO 8601 date, month ("2025-03") or year ("2019") for ``text``, or None.

    ``reference`` is the publication date (ISO); relative expressions ("this month",
    "last year", "Wednesday", "yesterday") resolve against it and stay None without it.
    "the last year" (a period, not a calendar year) is left None.

    >>> parse_date("on 13 March 2025", None)
    '2025-03-13'
    >>> parse_date("Wednesday", "2025-03-13")
    '2025-03-12'
    """
    ref = _ref_date(reference)
    iso = _ISO_DATE.search(text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        found = pattern.search(text)
        if found:
            year = int(found["y"]) if found["y"] else (ref.year if ref else None)
            if year is None:
                return None
            return _safe_date(year, MONTHS[found["m"].lower()], int(found["d"]))
    found = _MONTH_YEAR.search(text)
    if found:
        return f"{int(found['y']):04d}-{MONTHS[found['m'].lower()]:02d}"
    if ref is not None:
        relative = _relative(text, ref)
        if relative is not None:
            return relative
    bare_year = _YEAR.search(text)
    if bare_year and not re.search(r"\d", text.replace(bare_year[0], "", 1)):
        return bare_year[0]
    return None


def _relative(text: str, ref: date) -> str | None:
    """Dates relative to the publication date ``ref``."""
    found = _RELATIVE.search(text)
    if found:
        step = {"last": -1, "next": 1}.get(found["which"].lower(), 0)
        if found["unit"].lower() == "year":
            return str(ref.year + step)
        month_index = ref.year * 12 + ref.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    day = _DAY_WORD.search(text)
    if day:
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[day[1].lower()]
        return (ref + timedelta(days=shift)).isoformat()
    weekday = _WEEKDAY.search(text)
    if weekday:
        target = WEEKDAYS.index(weekday["day"].lower())
        mod = (weekday["mod"] or "").strip().lower()
        if mod == "next":
            ahead = (target - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=ahead)).isoformat()
        back = (ref.weekday() - target) % 7
        if mod == "last" and back == 0:
            back = 7
        return (ref - timedelta(days=back)).isoformat()
    return None


def _ref_date(reference: str | None) -> date | None:
    if not reference:
        return None
    found = _ISO_DATE.match(reference)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


class TypedValue(NamedTuple):
    """What an argument span is worth: a quantity, a date (ISO 8601), or neither."""

    quantity: Quantity | None = None
    date: str | None = None


def typed_value(
    doc: Doc, start: int, end: int, head: int, text: str, published: str | None = None
) -> TypedValue:
    """The quantity or date of the argument ``text`` at characters [start, end) with head
    token ``head``; ``published`` (ISO date) resolves relative dates.

    An argument is a date when its head token lies in a DATE entity, or is itself a
    weekday, month or year; it is a quantity when its head is a number or a unit
    ("cent", "%", "dollars") or carries a number modifier, and is not a definite
    reference ("the two countries"). Values come from the text, not the label.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return TypedValue()
    return token_typed_value(doc, span.start, span.end, head, text, published)


def token_typed_value(
    doc: Doc,
    start: int,
    end: int,
    head: int,
    text: str,
    published: str | None = None,
    numbers: Numbers | None = None,
) -> TypedValue:
    """:func:`typed_value` of the argument at tokens [start, end) (``text`` its words).

    Statement building calls this for every argument: token bounds spare it a char
    span, and ``numbers`` (:func:`numbers_of` the Doc, computed once) spare it walks
    over the head's children and subtree; without them the parse is walked.
    """
    if not 0 <= head < len(doc):
        return TypedValue()
    head_token = doc[head]
    date_ent = _entity_at(start, end, head_token, _DATE_LABELS)
    if date_ent is not None or _is_date_word(head_token):
        parsed = parse_date(date_ent.text if date_ent is not None else text, published)
        if parsed is not None:
            return TypedValue(date=parsed)
        if date_ent is not None:
            if _DURATION.search(date_ent.text) and "ago" not in date_ent.text.lower():
                return TypedValue(quantity=parse_quantity(date_ent.text))  # "three years"
            return TypedValue()
    if _is_quantity_head(start, end, head_token, numbers):
        return TypedValue(quantity=parse_quantity(text))
    return TypedValue(quantity=_rate_modifier(head_token, numbers))


class Numbers(NamedTuple):
    """Where a Doc's numbers are (:func:`numbers_of`), so that the arguments of its
    statements need not walk the parse to look for them."""

    #: token index → index of its first number modifier: a "nummod" or "quantmod"
    #: child that looks like a number
    first_modifier: dict[int, int]
    #: ``before[i]``: how many of the tokens before token ``i`` look like numbers
    before: list[int]


def numbers_of(doc: Doc) -> Numbers:
    """The :class:`Numbers` of ``doc``, read at once from its attribute arrays."""
    strings = doc.vocab.strings
    heads = doc.to_array(HEAD).astype(numpy.int64)  # relative: head index - token index
    numeric = doc.to_array(LIKE_NUM).astype(numpy.int64)
    deps = doc.to_array(DEP)
    wanted = (deps == numpy.uint64(strings["nummod"])) | (deps == numpy.uint64(strings["quantmod"]))
    modifiers = numpy.flatnonzero(wanted & (numeric != 0) & (heads != 0))
    first: dict[int, int] = {}
    for i, head in zip(modifiers.tolist(), (modifiers + heads[modifiers]).tolist(), strict=True):
        first.setdefault(head, i)
    return Numbers(first, [0, *numpy.cumsum(numeric).tolist()])


def _entity_at(start: int, end: int, head: Token, labels: frozenset[str]) -> Span | None:
    """The entity of one of ``labels`` inside tokens [start, end) that contains ``head``.

    Found from the head's IOB tags rather than ``span.ents``, which walks every entity
    of the Doc: per argument that made long articles quadratic (measured: 43 of 48 s
    of extraction on a 55,000-character text).
    """
    if head.ent_type_ not in labels:
        return None
    doc = head.doc
    first = head.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = head.i + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    if first < start or last > end:
        return None
    return doc[first:last]


def _is_date_word(token: Token) -> bool:
    lower = token.lower_
    if lower in WEEKDAYS or (lower in MONTHS and token.text[0].isupper()):
        return True
    text = token.text  # a year is four characters, the first "1" or "2": skip the regex
    return len(text) == 4 and text[0] in "12" and bool(
        _YEAR.fullmatch(text) and token.dep_ in ("pobj", "npadvmod", "ROOT")
    )


def _rate_modifier(head: Token, numbers: Numbers | None = None) -> Quantity | None:
    """A percentage or money amount modifying the head: "a 20 per cent tariff" → 20 percent.

    Counts are left out here: "two countries" names things, it does not measure them.
    With ``numbers``, a head whose subtree (within its edges) has no number is done at once.
    """
    if numbers is not None and (
        numbers.before[head.right_edge.i + 1] == numbers.before[head.left_edge.i]
    ):
        return None
    for child in head.lefts:
        if child.dep_ not in _MODIFIER_DEPS or not any(t.like_num for t in child.subtree):
            continue
        words = child.doc[child.left_edge.i : child.right_edge.i + 1].text
        quantity = parse_quantity(words)
        if quantity is not None and quantity.kind in ("percent", "money"):
            return quantity
    return None


def _is_quantity_head(start: int, end: int, head: Token, numbers: Numbers | None) -> bool:
    """True when the argument at tokens [start, end) is about an amount rather than a
    thing that has a number (``numbers``: see :func:`token_typed_value`)."""
    if _entity_at(start, end, head, _QUANTITY_LABELS) is not None:
        return True
    if head.like_num or head.lower_ in _UNIT_HEADS:
        return True
    if numbers is None:
        found = [c.i for c in children(head) if c.dep_ in ("nummod", "quantmod") and c.like_num]
        first = min(found) if found else None
    else:
        first = numbers.first_modifier.get(head.i)
    if first is None:
        return is_unit_of_number(head)  # "£4.2m": the number is a compound of "m"
    doc = head.doc
    determiners = {
        doc[i].lower_ for i in range(start, min(end, first)) if doc[i].dep_ in ("det", "poss")
    }
    return not determiners & _DEFINITE

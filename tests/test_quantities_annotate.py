"""typed_value() on real-model parses: quantities and dates of hand-built arguments."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.quantities import typed_value
from kg.model import Argument, Quantity

TEXT = (
    "Mr Trump this month increased tariffs on all Chinese imports to 20 per cent from the "
    "previous 10 per cent. Beijing responded by imposing up to 15 per cent levies on American "
    "agricultural goods. More than 3,000 people protested on Wednesday, and workers earned "
    "$4.25 an hour in 2019. The two countries restarted cooperation over the last year."
)


@pytest.fixture(scope="module")
def doc(nlp: Language) -> Doc:
    return nlp(TEXT)


PUBLISHED = "2025-03-13"


def typed(doc: Doc, a: Argument, published: str | None = PUBLISHED) -> Argument:
    """``a`` built with its typed value, as the pipeline builds it."""
    value = typed_value(doc, a.start, a.end, a.head, a.text, published)
    return replace(a, quantity=value.quantity, date=value.date)


def arg(
    doc: Doc, text: str, role: str = "prep", published: str | None = PUBLISHED
) -> Argument:
    """The typed Argument for the first occurrence of ``text``, head = span root."""
    start = TEXT.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return typed(doc, Argument(role, text, start, start + len(text), span.root.i), published)


def test_percent_money_count_and_dates(doc: Doc) -> None:
    trump = arg(doc, "Mr Trump", "subject")
    month = arg(doc, "this month", "temporal")
    imports = arg(doc, "all Chinese imports")
    to = arg(doc, "20 per cent")
    frm = arg(doc, "the previous 10 per cent")
    levies = arg(doc, "up to 15 per cent levies", "object")
    people = arg(doc, "More than 3,000 people", "subject")
    wednesday = arg(doc, "Wednesday", "temporal")
    wage = arg(doc, "$4.25")
    year = arg(doc, "2019", "temporal")
    countries = arg(doc, "The two countries", "subject")
    period = arg(doc, "the last year", "temporal")

    assert to.quantity == Quantity(20.0, "percent", "percent", "20 per cent")
    assert frm.quantity == Quantity(10.0, "percent", "percent", "10 per cent")
    assert levies.quantity == Quantity(15.0, "percent", "percent", "up to 15 per cent", "max")
    assert people.quantity == Quantity(3000.0, "people", "count", "More than 3,000 people", "min")
    assert wage.quantity == Quantity(4.25, "USD", "money", "$4.25")
    assert (month.date, wednesday.date, year.date) == ("2025-03", "2025-03-12", "2019")
    for untouched in (trump, imports, countries):
        assert untouched.quantity is None and untouched.date is None
    assert period.date is None and period.quantity is None
    assert year.quantity is None and month.quantity is None


def test_relative_dates_need_publication_date(doc: Doc) -> None:
    month = arg(doc, "this month", "temporal", published=None)
    year = arg(doc, "2019", "temporal", published=None)
    assert month.date is None and month.quantity is None
    assert year.date == "2019"


def test_rate_on_a_noun_and_durations(nlp: Language) -> None:
    text = "China imposed a tough 20 per cent tariff on cars for three years. The two leaders met."
    doc = nlp(text)

    def make(part: str, role: str) -> Argument:
        start = text.index(part)
        span = doc.char_span(start, start + len(part))
        assert span is not None
        return typed(doc, Argument(role, part, start, start + len(part), span.root.i))

    tariff = make("a tough 20 per cent tariff", "object")
    years = make("three years", "temporal")
    leaders = make("The two leaders", "subject")
    china = make("China", "subject")
    assert tariff.quantity == Quantity(20.0, "percent", "percent", "20 per cent")
    assert years.quantity == Quantity(3.0, "years", "count", "three years")
    assert years.date is None
    assert leaders.quantity is None and china.quantity is None

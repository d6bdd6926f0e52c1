"""parse_quantity / parse_date: the text decides value, unit, kind, bound and date."""

from __future__ import annotations

import pytest

from kg.extract.quantities import parse_date, parse_quantity
from kg.model import Quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "bound", "matched"),
    [
        ("20 per cent", 20, "percent", "percent", None, "20 per cent"),
        ("up to 15 per cent", 15, "percent", "percent", "max", "up to 15 per cent"),
        ("the previous 10 per cent", 10, "percent", "percent", None, "10 per cent"),
        ("10%", 10, "percent", "percent", None, "10%"),
        ("about 40 percent", 40, "percent", "percent", "approx", "about 40 percent"),
        ("2 percentage points", 2, "percentage point", "percent", None, "2 percentage points"),
        ("$4.25 an hour", 4.25, "USD", "money", None, "$4.25"),
        ("five million dollars", 5e6, "USD", "money", None, "five million dollars"),
        ("£2bn", 2e9, "GBP", "money", None, "£2bn"),
        ("€3.5m", 3.5e6, "EUR", "money", None, "€3.5m"),
        ("¥500", 500, "JPY", "money", None, "¥500"),
        ("¥500 (about 24 yuan)", 500, "CNY", "money", None, "¥500"),
        ("300 yuan", 300, "CNY", "money", None, "300 yuan"),
        ("CHF 20", 20, "CHF", "money", None, "CHF 20"),
        ("20 USD", 20, "USD", "money", None, "20 USD"),
        ("5 Canadian dollars", 5, "CAD", "money", None, "5 Canadian dollars"),
        ("at least $1.2 billion", 1.2e9, "USD", "money", "min", "at least $1.2 billion"),
        ("more than 3,000 people", 3000, "people", "count", "min", "more than 3,000 people"),
        ("all 300 people", 300, "people", "count", None, "300 people"),
        ("a million people", 1e6, "people", "count", None, "a million people"),
        ("a dozen eggs", 12, "eggs", "count", None, "a dozen eggs"),
        ("twenty-five protesters", 25, "protesters", "count", None, "twenty-five protesters"),
        ("nearly 5m people", 5e6, "people", "count", "approx", "nearly 5m people"),
        ("2,000 people", 2000, "people", "count", None, "2,000 people"),
        ("a capacity of 12,600 MW", 12600, "mw", "count", None, "12,600 MW"),
        ("100 Kbps", 100, "kbps", "count", None, "100 Kbps"),
        ("10.46 seconds", 10.46, "seconds", "count", None, "10.46 seconds"),
        ("by 25 basis points", 25, "basis point", "count", None, "25 basis points"),
        ("weighs 380g", 380, "g", "count", None, "380g"),
        ("to 212p", 2.12, "GBP", "money", None, "212p"),
        ("A$3.2 million", 3.2e6, "AUD", "money", None, "A$3.2 million"),
        ("£1.2bn", 1.2e9, "GBP", "money", None, "£1.2bn"),
    ],
)
def test_parse_quantity(
    text: str, value: float, unit: str, kind: str, bound: str | None, matched: str
) -> None:
    assert parse_quantity(text) == Quantity(float(value), unit, kind, matched, bound)


@pytest.mark.parametrize(
    "text",
    ["in 2019", "Covid-19", "the 15th day", "one of them", "Taiwan", "onerous rules", "5m",
     "the wall is 5m high", "2020s", "tariffs on all Chinese imports", "",
     "won 3-1", "6-4, 7-5", "between 20-40 metres", "the 38-year-old", "a 14-date tour",
     "after 2am", "at 3 p.m."],
)
def test_parse_quantity_none(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("on 13 March 2025", None, "2025-03-13"),
        ("March 13, 2025", None, "2025-03-13"),
        ("2025-03-13", None, "2025-03-13"),
        ("March 2025", None, "2025-03"),
        ("in 2019", None, "2019"),
        ("13 March", "2025-03-20", "2025-03-13"),
        ("this month", "2025-03-13", "2025-03"),
        ("earlier this month", "2025-03-13", "2025-03"),
        ("last month", "2025-01-10", "2024-12"),
        ("last year", "2025-03-13", "2024"),
        ("next year", "2025-03-13", "2026"),
        ("Wednesday", "2025-03-13", "2025-03-12"),
        ("on Thursday", "2025-03-13", "2025-03-13"),
        ("last Thursday", "2025-03-13", "2025-03-06"),
        ("next Monday", "2025-03-13", "2025-03-17"),
        ("yesterday", "2025-03-01", "2025-02-28"),
        ("the last year", "2025-03-13", None),
        ("over the last year", "2025-03-13", None),
        ("more than a year ago", "2025-03-13", None),
        ("this month", None, None),
        ("Wednesday", None, None),
        ("13 March", None, None),
        ("31 February 2025", None, None),
        ("soon", "2025-03-13", None),
    ],
)
def test_parse_date(text: str, reference: str | None, expected: str | None) -> None:
    assert parse_date(text, reference) == expected

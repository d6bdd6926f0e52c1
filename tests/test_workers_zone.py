"""A worker's spaCy memory zone spans tasks (kg.workers._Zone): strings its Docs add stay
until ZONE_ARTICLES articles were parsed, then are freed, so a worker's vocabulary stays
bounded; its first UNZONED_ARTICLES articles are parsed outside any zone (they fill the
tokenizer's cache; their strings stay, a bounded number); outside workers every call
leaves its own zone before returning."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg import nlp as kg_nlp
from kg import workers
from kg.model import Article


@pytest.fixture()
def spanning(monkeypatch: pytest.MonkeyPatch) -> Iterator[workers._Zone]:
    monkeypatch.setattr(workers, "UNZONED_ARTICLES", 0)
    zone = workers._Zone()
    zone.spanning = True
    yield zone
    zone.leave()


def parse(zone: workers._Zone, word: str, articles: int = 1) -> None:
    nlp = kg_nlp.load(None)
    with zone.around(nlp, articles):
        nlp(f"Mr {word} spoke.")


def test_a_worker_zone_spans_tasks_then_frees_their_strings(
    spanning: workers._Zone, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "ZONE_ARTICLES", 3)
    strings = kg_nlp.load(None).vocab.strings
    parse(spanning, "Zqxwvorth")
    parse(spanning, "Yplkmarsh")  # same zone: the first task's strings are still there
    assert "Zqxwvorth" in strings and "Yplkmarsh" in strings
    parse(spanning, "Xobbleton")  # the third article: the zone is left
    assert not {"Zqxwvorth", "Yplkmarsh", "Xobbleton"} & set(strings)


def test_outside_a_worker_each_call_leaves_its_zone() -> None:
    zone = workers._Zone()
    parse(zone, "Wumbleford")
    assert "Wumbleford" not in kg_nlp.load(None).vocab.strings


def test_a_failing_task_leaves_the_zone(spanning: workers._Zone) -> None:
    nlp = kg_nlp.load(None)
    with pytest.raises(RuntimeError), spanning.around(nlp, 1):
        nlp("Mr Vantrooble spoke.")
        raise RuntimeError("boom")
    assert "Vantrooble" not in nlp.vocab.strings


def test_extract_batch_gives_the_same_results_in_a_spanning_zone(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [Article(f"a{i}", f"Donald Trump met Angela Merkel{i} in Berlin on Monday.")
                for i in range(4)]
    alone = workers.extract_batch(articles)
    zone = workers._Zone()
    zone.spanning = True
    monkeypatch.setattr(workers, "_ZONE", zone)
    try:
        spanned = workers.extract_batch(articles[:2]) + workers.extract_batch(articles[2:])
    finally:
        zone.leave()
    assert spanned == alone


def test_a_workers_first_articles_fill_the_tokenizer_cache_outside_a_zone(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first UNZONED_ARTICLES articles keep their strings (and so the tokenizer
    may cache their chunks); from then on zones free what tasks add, as before."""
    monkeypatch.setattr(workers, "UNZONED_ARTICLES", 2)
    monkeypatch.setattr(workers, "ZONE_ARTICLES", 1)
    zone = workers._Zone()
    zone.spanning = True
    strings = kg_nlp.load(None).vocab.strings
    try:
        parse(zone, "Quillambert")
        parse(zone, "Prestwhistle")
        parse(zone, "Oxtavenridge")  # third article: in a zone, left at once
    finally:
        zone.leave()
    assert "Quillambert" in strings and "Prestwhistle" in strings
    assert "Oxtavenridge" not in strings

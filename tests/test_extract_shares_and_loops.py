"""Issue 9: a proportion of X is not X ("owns 12% of X" is no "own X" edge), an
apposition never links a name to itself, and "the mayor of X, Name" makes Name the
mayor, not X. On the model's parses of new sentences (none from the benchmark texts)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.calibration import eligible
from kg.ingest import article_from_text
from kg.model import ArticleGraph, Statement
from kg.pipeline import extract_article


def graph(nlp: Language, text: str) -> ArticleGraph:
    article = article_from_text(text)
    return extract_article(article, nlp(article.text))


def named(g: ArticleGraph, key: str | None) -> str | None:
    return next((e.name for e in g.entities if e.key == key), None)


def edges(g: ArticleGraph) -> list[tuple[str | None, str, str | None]]:
    """(subject name, lemma, object name) of statements whose two ends are entities."""
    return [
        (named(g, st.subject.entity), st.relation.lemma, named(g, st.object.entity))
        for st in g.statements
        if st.object is not None and st.subject.entity and st.object.entity
    ]


def by_lemma(g: ArticleGraph, lemma: str) -> Statement:
    found = [st for st in g.statements if st.relation.lemma == lemma]
    assert len(found) == 1, [(s.subject.text, s.relation.lemma) for s in g.statements]
    return found[0]


@pytest.mark.parametrize(("sentence", "lemma", "amount"), [
    ("Brennan Capital owns 12% of Orla Dairies.", "own share of", "12%"),
    ("Halden Rail bought 30 per cent of Kestrel Lines last year.", "buy share of", "30 per cent"),
    ("Arvo Group sold 4.5 percent of Telvik to a pension fund.", "sell share of", "4.5 percent"),
    ("The fund acquired a third of Orla Dairies in May.", "acquire share of", "a third"),
])
def test_a_proportion_of_a_name_is_a_share_relation(
    nlp: Language, sentence: str, lemma: str, amount: str
) -> None:
    st = by_lemma(graph(nlp, sentence), lemma)
    assert st.object is not None and st.object.text.startswith(amount)
    assert st.object.quantity is not None or amount.startswith("a ")


@pytest.mark.parametrize(("sentence", "lemma"), [
    ("Halden Rail bought Kestrel Lines last year.", "buy"),               # the whole
    ("Police arrested two of the suspects on Friday.", "arrest"),        # a count of a set
    ("Vinyl accounted for 60% of the sales.", "account for"),            # not the object
])
def test_a_whole_or_a_count_keeps_its_relation(nlp: Language, sentence: str, lemma: str) -> None:
    assert by_lemma(graph(nlp, sentence), lemma)


@pytest.mark.parametrize(("sentence", "name", "description"), [
    ("Her producer, Rui Matos, accepted the award.", "Rui Matos", "Her producer"),
    ("The film Silver Harbour, a drama by Ines Costa, opened in May.", "Silver Harbour",
     "The film"),
])
def test_an_apposition_describes_the_name_instead_of_looping(
    nlp: Language, sentence: str, name: str, description: str
) -> None:
    g = graph(nlp, sentence)
    assert not any(s == o for s, _, o in edges(g))
    be = [st for st in g.statements if st.relation.lemma == "be"]
    assert any(named(g, st.subject.entity) == name and st.object is not None
               and st.object.text == description and st.object.entity is None for st in be)


def test_a_name_after_the_role_of_a_place_holds_the_role(nlp: Language) -> None:
    g = graph(nlp, "The mayor of Marseille, Anne Morel, opened the new tram line.")
    assert ("Anne Morel", "be mayor of", "Marseille") in edges(g)
    assert not any(s == "Marseille" and o == "Anne Morel" for s, _, o in edges(g))


def test_a_name_in_apposition_to_a_name_stays_with_it(nlp: Language) -> None:
    g = graph(nlp, "Anne Morel, the mayor of Marseille, opened the new tram line.")
    assert ("Anne Morel", "be mayor of", "Marseille") in edges(g)


def test_self_loops_are_never_eligible_edges(nlp: Language) -> None:
    g = graph(nlp, "The film Silver Harbour, a drama by Ines Costa, opened in May.")
    for st in g.statements:
        if st.object is not None and st.subject.entity == st.object.entity is not None:
            assert not eligible(st)


# ------------------------------------------------------------- a name behind a title


@pytest.mark.parametrize(("sentence", "name"), [
    ("Marta Ruiz beat world number two Elena Sokolova 6-3 in Rome.", "Elena Sokolova"),
    ("The fifth seed beat former champion Elena Sokolova.", "Elena Sokolova"),
])
def test_a_name_behind_a_title_is_the_object(nlp: Language, sentence: str, name: str) -> None:
    g = graph(nlp, sentence)
    beat = by_lemma(g, "beat")
    assert beat.object is not None and named(g, beat.object.entity) == name
    assert all(a.role != "temporal" or name not in a.text for a in beat.arguments)


@pytest.mark.parametrize(("sentence", "lemma", "time"), [
    ("Police arrested a man Tuesday.", "arrest", "Tuesday"),       # a date stays a time
    ("Halden Rail hired Marco Lind last week.", "hire", "last week"),
])
def test_a_time_after_the_object_stays_a_time(nlp: Language, sentence: str, lemma: str,
                                              time: str) -> None:
    st = by_lemma(graph(nlp, sentence), lemma)
    assert any(a.role == "temporal" and a.text == time for a in st.arguments)


# ------------------------------------------------------- a list is no apposition of one thing


def _appositions(nlp: Language, sentence: str) -> list[tuple[str, str]]:
    from kg.extract.relations import extract_statements

    return [(s.subject.text, s.object.text) for s in extract_statements(nlp(sentence))
            if s.rule == "appos" and s.object is not None]


def test_a_list_after_a_singular_noun_is_no_apposition(nlp: Language) -> None:
    got = _appositions(nlp, "Blue Moon is the second album in a trilogy: Red Sky, Blue Moon "
                            "and Grey Dawn.")
    assert not any("Red Sky" in o or "Red Sky" in s for s, o in got)


def test_a_single_name_in_apposition_stays(nlp: Language) -> None:
    assert ("one rival", "Kestrel Lines") in _appositions(
        nlp, "The firm has one rival, Kestrel Lines.")

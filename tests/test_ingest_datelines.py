"""Wire datelines in the forms wire copy writes them are kept out of the first sentence,
and the dateline itself yields no statement and no place entity (issue 9).

Sentences here are new (not from the benchmark texts)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.ingest import article_from_text
from kg.ingest.text import split_dateline
from kg.lexicon import is_dateline
from kg.pipeline import extract_article


@pytest.mark.parametrize(("line", "dateline"), [
    ("OSLO, 3 March (Wire) - Harbor Capital sold its shares.", "OSLO, 3 March (Wire) -"),
    ("MARSEILLE, France \u2014 The mayor opened the port.", "MARSEILLE, France \u2014"),
    ("NEW YORK/LONDON (Reuters) - Halden Rail bought a stake.", "NEW YORK/LONDON (Reuters) -"),
    ("S\u00c3O PAULO, May 2 (Reuters) - Brazil's real rose.", "S\u00c3O PAULO, May 2 (Reuters) -"),
    ("SAN JOSE, Calif., Feb. 1 (AP) - Apple cut prices.", "SAN JOSE, Calif., Feb. 1 (AP) -"),
    ("BERLIN, Tuesday - Talks resumed.", "BERLIN, Tuesday -"),
    ("(Reuters) - Shares in Kestrel Lines fell.", "(Reuters) -"),
    ("ROME, 12 June 2025 (Wire) -- The strike ended.", "ROME, 12 June 2025 (Wire) --"),
])
def test_dateline_forms_are_split_from_the_first_sentence(line: str, dateline: str) -> None:
    assert split_dateline(line) == [dateline, line[len(dateline):].strip()]
    assert is_dateline(dateline)


@pytest.mark.parametrize("line", [
    "UK, US - talks resume on Monday.",       # the body would start in lower case
    "UK, US - Talks resume on Monday.",       # two names in capitals, no region
    "Oslo, Norway - the city of fjords.",     # the place is not in capitals
    "A - B",                                  # one letter is no place
    "IBM said on Monday - to nobody's surprise - that it would cut jobs.",
])
def test_prose_and_lookalikes_are_no_datelines(line: str) -> None:
    assert split_dateline(line) == [line]


def test_a_dateline_alone_is_no_sentence_of_prose() -> None:
    assert not is_dateline("MARSEILLE \u2014 Fans sang.")
    assert not is_dateline("LONDON")


def test_the_dateline_yields_no_statement_and_no_place(nlp: Language) -> None:
    text = ("Rail stake sold\n\nMARSEILLE, France (Baltic Wire) \u2014 Halden Rail sold its "
            "stake in Kestrel Lines to Arvo Group on Monday.")
    article = article_from_text(text)
    assert article.text.startswith("MARSEILLE, France (Baltic Wire) \u2014\n\n")
    graph = extract_article(article, nlp(article.text))
    assert all(st.sentence.index == 1 for st in graph.statements)
    names = {e.name.lower() for e in graph.entities}
    assert "marseille" not in names and "france" not in names
    sold = [st for st in graph.statements if st.relation.lemma == "sell"]
    assert sold and sold[0].subject.text == "Halden Rail"


def test_an_agency_named_in_the_dateline_stays_an_entity(nlp: Language) -> None:
    text = ("OSLO, March 4 (Nordic Press Agency) - The krone fell on Tuesday.\n\n"
            "Nine of 12 economists polled by the agency expected a fall.")
    article = article_from_text(text)
    graph = extract_article(article, nlp(article.text))
    assert any(e.name == "Nordic Press Agency" for e in graph.entities)
    assert not any(e.name.upper() == "OSLO" for e in graph.entities)

"""Hand-built ArticleGraphs for the RDF tests (no spaCy needed).

``tariff_graph()`` mirrors two statements of the example article: "Mr Trump this
month increased tariffs on all Chinese imports to 20 per cent from the previous 10
per cent" and an attributed, negated one, with entities, mentions and a metonym.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import (
    Argument,
    Article,
    ArticleGraph,
    Entity,
    Mention,
    Quantity,
    Relation,
    Sentence,
    Statement,
)

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"

S0 = "Mr Trump this month increased tariffs on all Chinese imports to 20 per cent."
S1 = "Beijing said the US did not outline steps."
TEXT = S0 + " " + S1
S1_START = len(S0) + 1


def _span(sentence_start: int, sentence: str, piece: str) -> tuple[int, int]:
    start = sentence_start + sentence.index(piece)
    return start, start + len(piece)


def _arg(role: str, piece: str, sent: int = 0, **kw: object) -> Argument:
    start, end = _span(0, S0, piece) if sent == 0 else _span(S1_START, S1, piece)
    return Argument(role=role, text=piece, start=start, end=end, head=0, **kw)  # type: ignore[arg-type]


def tariff_graph(
    article_id: str = "example-tariffs", title: str | None = "Tariffs"
) -> ArticleGraph:
    """A small ArticleGraph with two statements, four entities and a quantity."""
    article = Article(
        id=article_id,
        text=TEXT,
        title=title,
        date="2025-03-13",
        source="examples/china-fentanyl-tariffs.txt",
        url="https://example.com/news/tariffs?id=1",
    )
    sentences = [Sentence(0, 0, len(S0), S0), Sentence(1, S1_START, len(TEXT), S1)]
    trump = Entity(
        key="person/donald-trump",
        name="Donald Trump",
        type="Person",
        aliases={"Mr Trump", "Trump"},
        mentions=[Mention(3, 8, "Trump", 0, "PERSON", 1, 2)],
    )
    b0, b1 = _span(S1_START, S1, "Beijing")
    beijing = Entity(
        key="place/beijing",
        name="Beijing",
        type="Place",
        mentions=[Mention(b0, b1, "Beijing", 1, "GPE", 15, 16)],
        related=[("metonymFor", "country/CN")],
    )
    china = Entity(key="country/CN", name="China", type="Country")
    us = Entity(key="country/US", name="United States", type="Country", aliases={"US"})
    tariffs = Entity(key="concept/tariff", name="tariff", type="Concept")
    increase = Statement(
        subject=_arg("subject", "Mr Trump", entity="person/donald-trump"),
        relation=Relation("increase", "increased", *_span(0, S0, "increased")),
        object=_arg("object", "tariffs", entity="concept/tariff"),
        sentence=sentences[0],
        arguments=[
            _arg("prep", "on all Chinese imports", preposition="on"),
            _arg(
                "prep",
                "to 20 per cent",
                preposition="to",
                quantity=Quantity(20.0, "percent", "percent", "20 per cent", None),
            ),
            _arg("temporal", "this month", date="2025-03"),
        ],
        confidence=0.8,
        rule="svo",
    )
    outline = Statement(
        subject=_arg("subject", "the US", sent=1, entity="country/US"),
        relation=Relation("outline", "did not outline", *_span(S1_START, S1, "did not outline")),
        object=_arg("object", "steps", sent=1),
        sentence=sentences[1],
        negated=True,
        attribution=_arg("attribution", "Beijing", sent=1, entity="place/beijing"),
        confidence=0.6,
        rule="svo",
    )
    entities = [trump, beijing, china, us, tariffs]
    return ArticleGraph(article, sentences, entities, [increase, outline])

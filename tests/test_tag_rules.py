"""kg.tag_rules finds exactly the matches of spaCy's attribute_ruler, so the parse is the
same with it as without it."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

import kg.nlp
from kg.tag_rules import RuleMatches, speed_up

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"
#: contractions and colloquial forms the English rules treat specially, and spaces
TRICKY = [
    "I ain't gonna do it, y'all. Let's go! C'mon, we gotta win. Nothin' doing.",
    "There is a cat. There's two. There are more; there were none. He isn't; they aren't.",
    "  Spaces \t and\n\nbreaks  everywhere .  ",
    "",
]


def spacy_matches(ruler: AttributeRuler, doc: Doc) -> list[tuple[int, int, int, int]]:
    """What the ruler's own matcher finds (its class's ``match``, whatever is installed)."""
    return AttributeRuler.match(ruler, doc)


def test_same_matches_as_the_model_ruler() -> None:
    nlp = kg.nlp.load()
    ruler = nlp.get_pipe("attribute_ruler")
    lookups = RuleMatches.of(ruler)
    assert lookups is not None
    later = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler"):]
    texts = [EXAMPLE.read_text(encoding="utf-8"), *TRICKY]
    for doc in nlp.pipe(texts, disable=later):
        assert lookups(doc) == spacy_matches(ruler, doc)


def test_the_parse_is_the_same_with_and_without_the_lookups() -> None:
    fast = kg.nlp.load()
    assert fast.get_pipe("attribute_ruler").match.__class__ is RuleMatches
    plain = spacy.load(kg.nlp.resolve_model_name(None))
    kg.nlp._with_paragraphs(plain)
    assert "match" not in vars(plain.get_pipe("attribute_ruler"))
    for text in [EXAMPLE.read_text(encoding="utf-8"), *TRICKY]:
        a, b = fast(text), plain(text)
        assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_)
                for t in a] == [
               (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_)
                for t in b]


# A ruler of every kind of test the lookups cover, over a small world of words, tags
# and labels, so random Docs hit each pattern often.
WORDS = ["a", "an", "gon", "na", "y'", "y", "all", "'s", "is", "x", "\n", "  "]
TAGS = ["NN", "VBZ", "VBP", "DT", "_SP", ""]
DEPS = ["nsubj", "expl", "det", "dep", "ROOT"]
PATTERNS = [
    [{"TAG": "NN"}],
    [{"LOWER": "a", "TAG": "DT"}],
    [{"LOWER": {"IN": ["a", "an"]}}],
    [{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": "is"}],
    [{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}],
    [{"LOWER": "gon"}, {"LOWER": "na"}],
    [{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}],
    [{"LOWER": {"REGEX": "^x$"}}],
    [{"TAG": "DT", "DEP": {"NOT_IN": ["det"]}}],
    [{"IS_SPACE": True}],
    [{"TAG": "_SP", "IS_SPACE": False}],
    [{"DEP": {"IN": ["nsubj", "dep"]}, "TAG": {"NOT_IN": ["NN"]}}],
    [{"LOWER": "a"}, {}],  # a token with no test still counts in the match's length
    [{"LOWER": {"REGEX": "^gon$"}}, {}, {"TAG": "NN"}],
]


def small_ruler() -> AttributeRuler:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for number, pattern in enumerate(PATTERNS):
        ruler.add([pattern], {"NORM": f"rule{number}"})
    ruler.add([[{"TAG": "NN"}], [{"LOWER": "x"}]], {"NORM": "two patterns, one key"})
    return ruler


@st.composite
def docs(draw: st.DrawFn, vocab: object) -> Doc:
    size = draw(st.integers(0, 12))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=size, max_size=size))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=size, max_size=size))
    deps = draw(st.lists(st.sampled_from(DEPS), min_size=size, max_size=size))
    return Doc(vocab, words=words, tags=tags, deps=deps,  # type: ignore[arg-type]
               heads=[0] * size)


RULER = small_ruler()
LOOKUPS = RuleMatches.of(RULER)


@settings(max_examples=300, deadline=None)
@given(docs(RULER.vocab))
def test_same_matches_as_spacy_on_random_docs(doc: Doc) -> None:
    assert LOOKUPS is not None
    assert LOOKUPS(doc) == spacy_matches(RULER, doc)


def test_a_ruler_with_operators_keeps_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"NORM": "a"})
    assert RuleMatches.of(ruler) is None
    assert not speed_up(nlp)
    assert "match" not in vars(ruler)
    assert not speed_up(spacy.blank("en"))  # no ruler at all

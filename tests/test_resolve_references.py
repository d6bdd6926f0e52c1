"""Short definite references to a named thing ("the company", "the band", "the
24-year-old") join the entity they refer to — and stay apart when that is unclear."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.entities.extract import extract_entities
from kg.extract.config import ExtractionConfig


def _mentions(nlp: Language, text: str, steps_off: tuple[str, ...] = ()) -> dict[str, list[str]]:
    config = ExtractionConfig.of(entity_steps_off=list(steps_off))
    return {e.name: [m.text for m in e.mentions] for e in extract_entities(nlp(text), config)}


@pytest.mark.parametrize(
    ("text", "name", "reference"),
    [
        ("Brightwater Energy posted record profits on Monday. "
         "The company said it would hire 300 engineers in Glasgow.",
         "Brightwater Energy", "The company"),
        ("The Blue Hollows released their third album in May. The band will tour Spain in June.",
         "Blue Hollows", "The band"),
        ("Mira Ostrova scored twice against Lyon. The 24-year-old has now scored 19 goals.",
         "Mira Ostrova", "The 24-year-old"),
        # an apposition earlier tells which entity the noun describes
        ("Kestrel Mobile, Norway's largest phone operator, met Ola Berg. "
         "Berg praised Sonda Labs. The operator lost customers in May.",
         "Kestrel Mobile", "The operator"),
        # a word of the name
        ("The Lakeside Arts Festival opened in Derby. Tickets sold out in hours, and the "
         "festival raised money for Oxfam.", "Lakeside Arts Festival", "the festival"),
        # far back, the one entity whose name ends in the noun; a comma-set modifier
        ("The Lakeside Arts Festival opened on Friday with a concert. Tickets sold out. "
         "Crowds queued. Traffic stopped. The festival, now in its 12th year, raised money.",
         "Lakeside Arts Festival", "The festival"),
        # a capitalised demonym noun the model took for a name
        ("Carla Menzies chaired the meeting. The Scotswoman said the plan was sound.",
         "Carla Menzies", "The Scotswoman"),
    ],
)
def test_reference_joins_its_entity(nlp: Language, text: str, name: str, reference: str) -> None:
    assert reference in _mentions(nlp, text)[name]
    off = _mentions(nlp, text, ("references",))
    assert reference not in off[name]


@pytest.mark.parametrize(
    "text",
    [
        # two companies in reach: ambiguous
        "Samsung and Apple both cut prices in March. The company said demand was weak.",
        # "another"/"new" means a different one
        "Brightwater Energy posted record profits. A new company, unnamed, bid for "
        "the site. The new company said it had funding.",
        # an indefinite phrase introduced an unnamed one
        "Tilda Marsh met a businessman from Leeds on Friday. The businessman declined to "
        "comment.",
        # a restrictive modifier picks its own referent
        "Brightwater Energy posted record profits. The company that supplies its turbines "
        "raised prices.",
        # the one organisation in reach is only an object in passing, not the topic
        "Ola Berg praised Sonda Labs on Monday. The company hired 40 staff.",
        # a man/woman noun must agree with the gender a title gives
        "Mr Tom Reyes chaired the meeting. The Scotswoman said the plan was sound.",
        # an apposition names the phrase's own referent
        "Kestrel Mobile reported losses. Kestrel wants to sell the repair company, Fixwell.",
        # a name ending in another kind noun is not that kind of thing
        "Brekke Foundation paid for the study. The university said the results were clear.",
        # an age on a clause's subject does not make the verb a reference
        "Ola Berg met Tove Lie. The 67-year-old businessman, who owns a club, said no.",
        # a comparative describes, it does not refer
        "Tarvik United drew with Holm City, and the better side won nothing.",
        # the head noun does not fit the entity's type
        "Brightwater Energy posted record profits. The film opened in Leeds.",
    ],
)
def test_unclear_references_stay_unresolved(nlp: Language, text: str) -> None:
    for name, ms in _mentions(nlp, text).items():
        assert all(not m.lower().startswith("the ") for m in ms), (name, ms)

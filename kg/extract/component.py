"""The relation extractor as a spaCy pipeline component (``nlp.add_pipe("kg_relations")``).

Lets users run kg's extraction inside their own spaCy pipeline, after the parser,
and read the statements from ``doc._.kg_statements``; rule families can be switched
off through the component config::

    import spacy, kg.extract.component  # registers the factory
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("kg_relations", config={"disabled": ["possessive"]})
    doc = nlp("The White House rejected the claim.")
    doc._.kg_statements  # [Statement(...)]

The component's statements are bare (no entity links, quantities or dates); ``kg
build`` runs the same :func:`kg.extract.relations.extract_frames` and builds each
statement once its entities are known (:func:`kg.pipeline.extract_article`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.config import ExtractionConfig
from kg.extract.relations import extract_statements

EXTENSION = "kg_statements"
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


class RelationExtractor:
    """Sets ``doc._.kg_statements`` to the Doc's relation statements."""

    def __init__(self, disabled: list[str]) -> None:
        self.config = ExtractionConfig.of(disabled)  # unknown families refused

    @property
    def disabled(self) -> frozenset[str]:
        """The rule families this component leaves out."""
        return self.config.disabled

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, extract_statements(doc, self.config))
        return doc


@Language.factory(
    "kg_relations",
    assigns=[f"doc._.{EXTENSION}"],
    requires=["token.dep", "token.pos", "token.lemma"],
    default_config={"disabled": []},
)
def make_relation_extractor(nlp: Language, name: str, disabled: list[str]) -> RelationExtractor:
    """Factory of the ``kg_relations`` component."""
    return RelationExtractor(disabled)

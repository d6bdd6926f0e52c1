"""Argument roles and rule names are Literal types with one definition (issue 8): the
runtime sets come from the types, every rule has a prior, and what the extractor
produces stays inside the sets (mypy checks the code that writes them)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from kg.extract.clauses import NESTED_RULES
from kg.extract.config import RULE_PRIORS
from kg.extract.relations import extract_statements
from kg.model import ARGUMENT_ROLES, RULE_NAMES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"


def test_every_rule_has_a_prior_and_every_prior_a_rule() -> None:
    assert sorted(RULE_PRIORS) == sorted(RULE_NAMES)
    assert set(NESTED_RULES.values()) <= set(RULE_NAMES)


def test_extracted_roles_and_rules_are_in_the_types(nlp: Language) -> None:
    statements = extract_statements(nlp(EXAMPLE.read_text(encoding="utf-8")))
    assert statements
    rules = {s.rule for s in statements}
    roles = {a.role for s in statements
             for a in (s.subject, s.object, *s.arguments, s.attribution) if a is not None}
    assert rules <= set(RULE_NAMES), rules
    assert roles <= set(ARGUMENT_ROLES), roles
    assert {"subject", "object", "prep", "speaker"} <= roles

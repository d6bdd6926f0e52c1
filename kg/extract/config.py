"""The extraction settings, as one immutable object passed to the extractor.

Which rule families run and how much each rule is trusted used to be a process-wide
environment variable and a mutable dict that benchmarks patched; a config object
makes a run's settings explicit and keeps ``kg build`` output independent of the
environment. ``kg build`` uses :data:`DEFAULT`; the ``kg_relations`` spaCy component
and the benchmarks build their own.

>>> ExtractionConfig.of(disabled=["possessive"]).disabled
frozenset({'possessive'})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kg.errors import KgError
from kg.extract.frames import FAMILIES
from kg.model import RuleName

#: Prior reliability of each rule (the share of its extractions that hold up), the
#: first term of :func:`kg.extract.relations.confidence`; set on the **tune** half of CaRB dev
#: by ``python benchmarks/carb_tune.py`` (2026-12-02; the held-out half is never tuned on).
#: One for every rule name (:data:`kg.model.RULE_NAMES`).
RULE_PRIORS: Mapping[RuleName, float] = MappingProxyType({
    "verb": 0.75,
    "report": 0.72,
    "passive": 0.7,
    "xcomp": 0.5,
    "copula": 0.65,
    "conj": 0.5,
    "ccomp": 0.58,
    "advcl": 0.61,
    "relcl": 0.59,
    "acl": 0.52,
    "parataxis": 0.5,
    "csubj": 0.5,
    "appos": 0.48,
    "gerund": 0.42,
    "possessive": 0.25,
    "possessive-pronoun": 0.35,
    "title": 0.52,
})
#: Prior of a rule missing from the priors (and of every rule with flat priors).
FLAT_PRIOR = 0.5
#: Steps of entity extraction that can be switched off, to measure what each adds
#: (``benchmarks/coref_run.py --without``): type corrections from evidence, role
#: descriptions, short references to named things ("the company"), pronouns, and
#: namesakes told apart by gender (:mod:`kg.entities`).
ENTITY_STEPS: tuple[str, ...] = (
    "evidence", "descriptions", "references", "pronouns", "gender",
)


@dataclass(frozen=True)
class ExtractionConfig:
    """Rule families switched off (:data:`kg.extract.frames.FAMILIES`), rule priors, and
    entity steps switched off (:data:`ENTITY_STEPS`)."""

    disabled: frozenset[str] = frozenset()
    priors: Mapping[RuleName, float] = field(default_factory=lambda: RULE_PRIORS)
    entity_steps_off: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        disabled: Iterable[str] = (),
        *,
        flat_priors: bool = False,
        entity_steps_off: Iterable[str] = (),
    ) -> ExtractionConfig:
        """A config with ``disabled`` families off (unknown names refused) and, with
        ``flat_priors``, every rule trusted alike (how much the tuned priors add);
        ``entity_steps_off`` switches entity steps off (unknown names refused)."""
        names = frozenset(disabled)
        unknown = sorted(names - set(FAMILIES))
        if unknown:
            raise KgError(
                f"unknown rule family ({', '.join(unknown)}); use one of: {', '.join(FAMILIES)}"
            )
        steps = frozenset(entity_steps_off)
        unknown = sorted(steps - set(ENTITY_STEPS))
        if unknown:
            raise KgError(
                f"unknown entity step ({', '.join(unknown)}); "
                f"use one of: {', '.join(ENTITY_STEPS)}"
            )
        priors = MappingProxyType(dict.fromkeys(RULE_PRIORS, FLAT_PRIOR)) if flat_priors \
            else RULE_PRIORS
        return cls(disabled=names, priors=priors, entity_steps_off=steps)

    def prior(self, rule: RuleName) -> float:
        """The prior of ``rule``."""
        return self.priors.get(rule, FLAT_PRIOR)


#: What ``kg build`` and ``kg openie`` use: every family and step on, the tune-half priors.
DEFAULT = ExtractionConfig()

__all__ = ["DEFAULT", "ENTITY_STEPS", "FLAT_PRIOR", "RULE_PRIORS", "ExtractionConfig"]

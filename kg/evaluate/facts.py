"""Key facts of a text and the statements of its graph (issue 9's real-text evaluation).

A reader writes, for each text and before looking at kg's output, the facts worth
keeping (``benchmarks/news/facts/<name>.toml``, format in ``benchmarks/news/README.md``).
Each fact is a set of regular expressions over one statement of the exported graph;
this module reads the statements of an export (:func:`read_statements`, N-Quads into
an in-memory Oxigraph store, queried with SPARQL written against the ``kg:``
vocabulary of ``kg/ontology/kg.ttl``), decides for each fact whether some statement
states it **whole** or **partly** (:func:`match_fact`) and sums recall
(:func:`recall`). No spaCy and no kg internals besides the view's edge rule
(:func:`kg.analysis.projection.trusted` and its threshold): only the vocabulary, so
the figures measure what a user of the exported RDF sees.

>>> facts = load_facts(Path("benchmarks/news/facts/china-fentanyl-tariffs.toml"))  # doctest: +SKIP
>>> views = read_statements(load_store(Path("out/graph.nq")))                      # doctest: +SKIP
>>> recall([match_fact(f, views) for f in facts]).whole                            # doctest: +SKIP
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.analysis.projection import trusted
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE
from kg.model import ENTITY_TYPES

#: How a fact was found: one statement matches every pattern, only subject and
#: relation, or no statement matches subject and relation.
Status = Literal["whole", "partial", "missing"]
#: Object patterns that stand for "anything": they match also a statement with no
#: argument besides its subject (a fact with no object, README: "`.` is allowed").
ANY_OBJECT = frozenset({".", ".*", ".+"})

_KG = "https://w3id.org/kg/ontology#"
_PREFIXES = (
    f"PREFIX kg: <{_KG}>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
)
_FACT_KEYS = frozenset({"id", "text", "subject", "relation", "object", "extra", "negated"})


class FactFileError(ValueError):
    """A fact file that cannot be read: bad TOML, a missing key, a bad pattern."""


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Fact:
    """One key fact: patterns (case-insensitive regular expressions) over a statement.

    ``obj`` is searched in the object or any further argument, each of ``extra`` in
    some non-subject argument (object, further arguments, attribution); ``None``
    means no constraint. ``negated`` (false unless the fact file says ``true``) must
    equal the statement's negation flag; ``None`` (only from Python) lifts that check.
    """

    id: str
    text: str
    subject: str
    relation: str
    obj: str | None = None
    extra: tuple[str, ...] = ()
    negated: bool | None = None


def _pattern(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise FactFileError(f"{where}: expected a non-empty string pattern")
    try:
        re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise FactFileError(f"{where}: bad regular expression {value!r}: {exc}") from exc
    return value


def parse_facts(data: dict[str, object], source: str = "<facts>") -> list[Fact]:
    """The facts of a parsed fact file (``[[fact]]`` tables); raises FactFileError."""
    tables = data.get("fact", [])
    if not isinstance(tables, list):
        raise FactFileError(f"{source}: 'fact' must be an array of tables ([[fact]])")
    facts: list[Fact] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, 1):
        where = f"{source}: fact {number}"
        if not isinstance(table, dict):
            raise FactFileError(f"{where}: not a table")
        unknown = set(table) - _FACT_KEYS
        if unknown:
            raise FactFileError(f"{where}: unknown keys {sorted(unknown)}")
        ident = str(table.get("id", f"fact-{number}"))
        if ident in seen:
            raise FactFileError(f"{where}: duplicate id {ident!r}")
        seen.add(ident)
        extra = table.get("extra", [])
        if not isinstance(extra, list):
            raise FactFileError(f"{where}: 'extra' must be a list of patterns")
        # a fact is stated as written: one without `negated` is not found by a
        # statement that says its opposite ("not win" for "won")
        negated = table.get("negated", False)
        if not isinstance(negated, bool):
            raise FactFileError(f"{where}: 'negated' must be true or false")
        obj = table.get("object")
        facts.append(Fact(
            id=ident,
            text=str(table.get("text", "")),
            subject=_pattern(table.get("subject"), f"{where} subject"),
            relation=_pattern(table.get("relation"), f"{where} relation"),
            obj=None if obj is None else _pattern(obj, f"{where} object"),
            extra=tuple(_pattern(x, f"{where} extra") for x in extra),
            negated=negated,
        ))
    return facts


def load_facts(path: Path) -> list[Fact]:
    """The facts of one fact file (TOML, see ``benchmarks/news/README.md``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FactFileError(f"{path}: {exc}") from exc
    return parse_facts(data, str(path))


def load_fact_dir(folder: Path) -> dict[str, list[Fact]]:
    """Text name (file stem) → its facts, for every ``*.toml`` of ``folder``."""
    return {p.stem: load_facts(p) for p in sorted(folder.glob("*.toml"))}


# ---------------------------------------------------------------------- statements


@dataclass(frozen=True)
class Slot:
    """One argument of a statement: its words, and the entity it refers to if any."""

    text: str
    label: str | None = None  # rdfs:label of the entity (in the statement's graph)
    type: str | None = None  # local name of the entity's kg: class ("Person", "Concept")
    role: str = ""

    def strings(self) -> tuple[str, ...]:
        """What a pattern is searched in: the words and the entity's label."""
        return (self.text,) if self.label is None else (self.text, self.label)


@dataclass(frozen=True)
class StatementView:
    """A statement as the exported graph states it, flattened for matching and judging.

    ``linked`` is true when subject and object both refer to entities (a candidate
    edge); ``is_edge`` when the graph view draws it too: linked and trusted at the
    threshold :func:`read_statements` was given (see there). ``order`` sorts
    statements in text order (sentence index, then the statement's position).
    """

    article: str
    sentence: str
    subject: Slot
    relation: str  # the lemma (rdfs:label of the relation)
    relation_words: str = ""  # the predicate as written
    object: Slot | None = None
    arguments: tuple[Slot, ...] = ()  # further arguments (kg:argument)
    negated: bool = False
    modality: str | None = None
    attribution: Slot | None = None
    confidence: float = 0.0
    is_edge: bool = False
    linked: bool = False
    sentence_index: int = 0
    order: tuple[int, ...] = ()

    def non_subject(self) -> tuple[Slot, ...]:
        """Object, further arguments and attribution: where ``extra`` is searched."""
        head = () if self.object is None else (self.object,)
        tail = () if self.attribution is None else (self.attribution,)
        return head + self.arguments + tail


def _literal(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def _iri(term: object) -> str:
    return str(getattr(term, "value", term))


def _rows(store: ox.Store, variables: str, body: str) -> Iterator[tuple[object, ...]]:
    """``SELECT DISTINCT variables`` over ``body`` matched inside one named graph."""
    names = variables.split()
    query = f"{_PREFIXES}SELECT DISTINCT {variables} WHERE {{ GRAPH ?g {{ {body} }} }}"
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    for solution in result:
        yield tuple(solution[name[1:]] for name in names)


def load_store(nquads: Path) -> ox.Store:
    """An in-memory Oxigraph store holding an N-Quads export (``graph.nq``)."""
    store = ox.Store()
    store.load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return store


def article_names(store: ox.Store) -> dict[str, str]:
    """Article graph IRI → the text's name: its source file's stem, else its id."""
    found: dict[str, set[str]] = defaultdict(set)
    body = (
        "?a a kg:Article . OPTIONAL { ?a dcterms:source ?src } "
        "OPTIONAL { ?a dcterms:identifier ?id }"
    )
    for a, src, ident in _rows(store, "?a ?src ?id", body):
        source = _literal(src)
        name = Path(source.replace("\\", "/")).stem if source else _literal(ident)
        found[_iri(a)].add(name or _iri(a))
    return {iri: min(names) for iri, names in found.items()}


def entity_types(store: ox.Store) -> dict[str, str]:
    """Entity IRI → its class (local name), over all graphs; of several classes the
    first in :data:`kg.model.ENTITY_TYPES` order, as the graph view chooses."""
    classes = " ".join(f"kg:{name}" for name in ENTITY_TYPES)
    found: dict[str, set[str]] = defaultdict(set)
    for e, cls in _rows(store, "?e ?cls", f"VALUES ?cls {{ {classes} }} ?e a ?cls"):
        found[_iri(e)].add(_iri(cls)[len(_KG):])
    order: dict[str, int] = {name: i for i, name in enumerate(ENTITY_TYPES)}
    return {e: min(kinds, key=order.__getitem__) for e, kinds in found.items()}


def entity_labels(store: ox.Store) -> dict[tuple[str, str], str]:
    """(graph IRI, entity IRI) → the entity's label in that graph (alphabetical first)."""
    found: dict[tuple[str, str], str] = {}
    for g, e, label in _rows(store, "?g ?e ?label", "?e rdfs:label ?label"):
        key = (_iri(g), _iri(e))
        text = _literal(label) or ""
        found[key] = min(found.get(key, text), text)
    return found


def entity_articles(store: ox.Store) -> dict[str, set[str]]:
    """Entity IRI → names of the articles whose graph holds a mention of it."""
    names = article_names(store)
    found: dict[str, set[str]] = defaultdict(set)
    for g, e in _rows(store, "?g ?e", "?e kg:mention ?m"):
        found[_iri(e)].add(names.get(_iri(g), _iri(g)))
    return dict(found)


def _offsets(span: object) -> tuple[int, int] | None:
    """(start, end) of a ``"start-end"`` literal (kg:span, kg:relationSpan), else None."""
    start, dash, end = (_literal(span) or "").partition("-")
    return (int(start), int(end)) if dash and start.isdigit() and end.isdigit() else None


def _words_at(sentence: str | None, sentence_span: object, span: object) -> str:
    """The words of ``sentence`` at the article offsets ``span``, the sentence itself
    starting at ``sentence_span``'s: a relation's words where the store has no
    kg:relationText (the ``facts`` profile writes its kg:relationSpan only)."""
    whole, part = _offsets(sentence_span), _offsets(span)
    if sentence is None or whole is None or part is None or not (
        whole[0] <= part[0] <= part[1] <= whole[1]
    ):
        return ""
    return sentence[part[0] - whole[0]:part[1] - whole[0]]


def _order(iri: str) -> tuple[int, ...]:
    """Numeric parts of a statement IRI's last segment ("12-3" → (12, 3))."""
    return tuple(int(x) for x in re.findall(r"\d+", iri.rsplit("/", 1)[-1]))


_STATEMENT_BODY = """
?st a kg:Statement ; kg:predicate ?p ; kg:sentence ?s .
?s kg:text ?sent . OPTIONAL { ?s kg:index ?idx }
OPTIONAL { ?p rdfs:label ?rel } OPTIONAL { ?st kg:relationText ?words }
OPTIONAL { ?st kg:relationSpan ?rspan } OPTIONAL { ?s kg:span ?sspan }
OPTIONAL { ?st kg:negated ?neg } OPTIONAL { ?st kg:modality ?mod }
OPTIONAL { ?st kg:confidence ?conf }
"""
_ARGUMENT_BODY = """
VALUES ?link { kg:subject kg:object kg:argument kg:attribution }
?st a kg:Statement ; ?link ?arg . ?arg kg:text ?text .
OPTIONAL { ?arg kg:role ?role } OPTIONAL { ?arg kg:entity ?ent }
OPTIONAL { ?arg kg:start ?begin } OPTIONAL { ?arg kg:span ?span }
BIND(COALESCE(?begin, STRBEFORE(?span, "-")) AS ?start)
"""


def read_statements(
    store: ox.Store, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[StatementView]:
    """Every statement of ``store``, in text order (article name, sentence, position).

    An **edge** is what the graph view draws, by the definition of
    :func:`kg.analysis.projection.entity_graph`: a statement whose kg:subject and
    kg:object arguments both have a kg:entity typed with an entity class (``linked``;
    ``_STATEMENTS`` there: ``?sa kg:entity ?se . ?oa kg:entity ?oe``, kept when both
    are nodes, i.e. typed with one of ENTITY_TYPES; negated statements included,
    flagged) and whose kg:confidence passes the same test,
    :func:`kg.analysis.projection.trusted` at ``min_confidence`` (default: the
    views' threshold). Entity labels are read in the statement's own graph, so a label
    does not change when another article is added; types over all graphs, as the view
    does.
    """
    names = article_names(store)
    types = entity_types(store)
    labels = entity_labels(store)
    args: dict[tuple[str, str], list[tuple[str, int, Slot]]] = defaultdict(list)
    for g, st, link, text, role, ent, start in _rows(
        store, "?g ?st ?link ?text ?role ?ent ?start", _ARGUMENT_BODY
    ):
        graph, entity = _iri(g), None if ent is None else _iri(ent)
        label = None if entity is None else labels.get((graph, entity), entity.rsplit("/", 1)[-1])
        slot = Slot(
            text=" ".join((_literal(text) or "").split()),
            label=label,
            type=None if entity is None else types.get(entity),
            role=_literal(role) or "",
        )
        position = int(_literal(start) or 0)
        args[(graph, _iri(st))].append((_iri(link)[len(_KG):], position, slot))
    views: list[StatementView] = []
    for g, st, p, sent, idx, rel, words, rspan, sspan, neg, mod, conf in _rows(
        store, "?g ?st ?p ?sent ?idx ?rel ?words ?rspan ?sspan ?neg ?mod ?conf", _STATEMENT_BODY
    ):
        graph, iri = _iri(g), _iri(st)
        parts: dict[str, list[Slot]] = defaultdict(list)
        for link, _, slot in sorted(args.get((graph, iri), []), key=lambda x: (x[1], x[2].text)):
            parts[link].append(slot)
        if not parts["subject"]:
            continue  # the mapping always writes a subject; skip anything else
        subject = parts["subject"][0]
        obj = parts["object"][0] if parts["object"] else None
        linked = subject.type is not None and obj is not None and obj.type is not None
        score = _literal(conf)
        confidence = float(score) if score is not None else None
        views.append(StatementView(
            article=names.get(graph, graph),
            sentence=" ".join((_literal(sent) or "").split()),
            subject=subject,
            relation=_literal(rel) or _iri(p).rsplit("/", 1)[-1].replace("_", " "),
            relation_words=_literal(words) or _words_at(_literal(sent), sspan, rspan),
            object=obj,
            arguments=tuple(parts["argument"]),
            negated=_literal(neg) == "true",
            modality=_literal(mod),
            attribution=parts["attribution"][0] if parts["attribution"] else None,
            confidence=confidence if confidence is not None else 0.0,
            is_edge=linked and trusted(confidence, min_confidence),
            linked=linked,
            sentence_index=int(_literal(idx) or -1),
            order=_order(iri),
        ))
    views.sort(key=lambda v: (v.article, v.sentence_index, v.order, v.relation, v.subject.text))
    return views


# ------------------------------------------------------------------------ matching


def _found(pattern: str, strings: Iterable[str]) -> bool:
    return any(re.search(pattern, s, re.IGNORECASE) for s in strings)


def _all_strings(slots: Iterable[Slot]) -> list[str]:
    return [s for slot in slots for s in slot.strings()]


def subject_matches(fact: Fact, view: StatementView) -> bool:
    """The fact's subject pattern is in the statement's subject (words or entity label)."""
    return _found(fact.subject, view.subject.strings())


def relation_matches(fact: Fact, view: StatementView) -> bool:
    """The fact's relation pattern is in the relation's lemma or its words as written."""
    return _found(fact.relation, (view.relation, view.relation_words))


def whole_match(fact: Fact, view: StatementView) -> bool:
    """Every given pattern and the negation flag hold on this one statement."""
    if not (subject_matches(fact, view) and relation_matches(fact, view)):
        return False
    if fact.negated is not None and fact.negated != view.negated:
        return False
    arguments = (() if view.object is None else (view.object,)) + view.arguments
    if fact.obj is not None and fact.obj not in ANY_OBJECT:
        if not _found(fact.obj, _all_strings(arguments)):
            return False
    others = _all_strings(view.non_subject())
    return all(_found(pattern, others) for pattern in fact.extra)


@dataclass(frozen=True)
class Match:
    """How one fact was found: ``whole``, ``partial`` or ``missing``, and the first
    statement (in text order) that found it that way (None when missing)."""

    fact: Fact
    status: Status
    statement: StatementView | None = None


def match_fact(fact: Fact, views: Sequence[StatementView]) -> Match:
    """Whole when one statement matches every pattern (and ``negated`` when given);
    partial when one matches subject and relation but not all the rest; else missing.
    ``views`` should be one text's statements."""
    partial: StatementView | None = None
    for view in views:
        if whole_match(fact, view):
            return Match(fact, "whole", view)
        if partial is None and subject_matches(fact, view) and relation_matches(fact, view):
            partial = view
    return Match(fact, "missing") if partial is None else Match(fact, "partial", partial)


def nearest_statements(
    fact: Fact, views: Sequence[StatementView], limit: int = 5
) -> list[StatementView]:
    """Statements sharing the fact's subject or relation (to see why it was missed):
    those matching both first, then subject-only, then relation-only, in text order."""
    scored = []
    for position, view in enumerate(views):
        hits = (subject_matches(fact, view), relation_matches(fact, view))
        if any(hits):
            scored.append((-sum(hits), not hits[0], position, view))
    return [view for *_, view in sorted(scored, key=lambda x: x[:3])[:limit]]


@dataclass(frozen=True)
class Recall:
    """Counts of facts found whole, partly and not at all, and the two recalls."""

    whole: int
    partial: int
    missing: int

    @property
    def total(self) -> int:
        return self.whole + self.partial + self.missing

    @property
    def recall_whole(self) -> float:
        """Facts found whole / all facts (0 when there are none)."""
        return self.whole / self.total if self.total else 0.0

    @property
    def recall_any(self) -> float:
        """Facts found whole or partly / all facts."""
        return (self.whole + self.partial) / self.total if self.total else 0.0

    def __add__(self, other: Recall) -> Recall:
        return Recall(
            self.whole + other.whole, self.partial + other.partial, self.missing + other.missing
        )


def recall(matches: Iterable[Match]) -> Recall:
    """Sum of a set of :class:`Match` results."""
    counts = {"whole": 0, "partial": 0, "missing": 0}
    for match in matches:
        counts[match.status] += 1
    return Recall(counts["whole"], counts["partial"], counts["missing"])


__all__ = [
    "ANY_OBJECT",
    "Fact",
    "FactFileError",
    "Match",
    "Recall",
    "Slot",
    "StatementView",
    "Status",
    "article_names",
    "entity_articles",
    "entity_labels",
    "entity_types",
    "load_fact_dir",
    "load_facts",
    "load_store",
    "match_fact",
    "nearest_statements",
    "parse_facts",
    "read_statements",
    "recall",
    "relation_matches",
    "subject_matches",
    "whole_match",
]

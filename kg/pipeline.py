"""The build pipeline: inputs → articles → spaCy Docs → statements and entities → store.

:func:`build` is what ``kg build`` runs; :func:`extract_article` is the per-article
step (usable without a store). Each stage lives in its own module; this one only
wires them together, in the order documented in ``docs/CONTRACT.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from spacy.language import Language
from spacy.tokens import Doc

from kg import nlp as kg_nlp
from kg.errors import InputError, InputWarning, KgError
from kg.extract.entities import extract_entities
from kg.extract.quantities import annotate
from kg.extract.relations import extract_statements
from kg.ingest import check_inputs, iter_articles
from kg.model import Article, ArticleGraph, Entity, Sentence
from kg.rdf.iri import entity_key
from kg.rdf.vocab import KG
from kg.resolve.known import merge_with_known
from kg.resolve.link import link_arguments

if TYPE_CHECKING:
    from kg.rdf.store import Store

DEFAULT_OUT = Path("output")
#: Text exports written next to the HTML by ``kg build``; name → format.
DEFAULT_EXPORTS: dict[str, str] = {
    "graph.ttl": "turtle",
    "graph.trig": "trig",
    "graph.nq": "nquads",
    "graph.jsonld": "jsonld",
}
HTML_NAME = "graph.html"


@dataclass
class BuildReport:
    """What a build did: articles stored, statement and entity counts, per-input errors."""

    articles: list[str] = field(default_factory=list)
    statements: int = 0
    entities: int = 0
    errors: list[KgError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def default_store_path(out: str | Path) -> Path:
    """The store used when ``--store`` is not given: ``<out>/store``."""
    return Path(out) / "store"


#: Entity types whose partial names ("Trump", "WHO") may refer to a known entity.
KNOWN_TYPES = ("Person", "Organization")
Known = Mapping[str, tuple[str, str]]


def extract_article(article: Article, doc: Doc, known: Known | None = None) -> ArticleGraph:
    """Everything kg extracts from one parsed article, as plain data.

    ``known`` (entity key → (name, type)) lists entities already in the store, so a
    partial name in this article ("Trump") joins the entity it names there.
    """
    sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    statements = extract_statements(doc)
    entities = extract_entities(doc)
    if known:
        entities = merge_with_known(entities, known, doc=doc)
    entities = link_arguments(doc, statements, entities)
    annotate(doc, statements, article.date)
    return ArticleGraph(article, sentences, entities, statements)


def known_entities(store: Store) -> dict[str, tuple[str, str]]:
    """Named people and organisations already in ``store``: key → (name, type)."""
    values = " ".join(f"kg:{t}" for t in KNOWN_TYPES)
    sparql = f"""
    SELECT DISTINCT ?e ?name ?type WHERE {{
      VALUES ?type {{ {values} }}
      GRAPH ?g {{ ?e a ?type ; rdfs:label ?name }}
    }}"""
    known: dict[str, tuple[str, str]] = {}
    rows = cast(Iterable[tuple[Any, Any, Any]], store.query(sparql))
    for entity, name, etype in rows:
        key = entity_key(str(entity))
        if key is not None and key.count("/") == 1:
            known.setdefault(key, (str(name), str(etype)[len(KG) :]))
    return known


def _remember(known: dict[str, tuple[str, str]], entities: Iterable[Entity]) -> None:
    for e in entities:
        if e.type in KNOWN_TYPES and e.key.count("/") == 1:
            known.setdefault(e.key, (e.name, e.type))


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = kg_nlp.BATCH_SIZE
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches with ``nlp.pipe``, keeping each Doc with its article."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc


def build(
    inputs: Sequence[str | Path],
    *,
    out: str | Path = DEFAULT_OUT,
    store: str | Path | None = None,
    model: str | None = None,
    stdin: TextIO | None = None,
    render: bool = True,
    exports: bool = True,
    progress: Callable[[Article], None] | None = None,
) -> BuildReport:
    """Build (or update) the knowledge graph from ``inputs`` and write the outputs.

    Inputs are files, folders or ``-`` (stdin). Articles already in the store are
    replaced, others kept; the text exports and the HTML view in ``out`` describe the
    whole store (``exports=False`` skips the RDF text files, ``render=False`` the
    HTML: both grow with the store, so large incremental builds may want them off).
    A bad individual input is reported in ``BuildReport.errors`` while
    the others still build; a missing input or unknown model raises before anything
    is written.

    >>> report = build(["examples/china-fentanyl-tariffs.txt"])  # doctest: +SKIP
    """
    from kg.rdf.store import Store

    check_inputs(inputs)
    nlp = kg_nlp.load(model)
    out_dir = Path(out)
    report = BuildReport()

    def articles() -> Iterator[Article]:
        for item in iter_articles(inputs, stdin=stdin):
            if isinstance(item, InputError):
                report.errors.append(item)
            elif isinstance(item, InputWarning):
                report.warnings.append(item)
            else:
                yield item

    with Store.open(store if store is not None else default_store_path(out_dir)) as st:
        known = known_entities(st)
        for article, doc in parse_articles(nlp, articles()):
            graph = extract_article(article, doc, known)
            _remember(known, graph.entities)
            st.replace_article(graph)
            report.articles.append(article.id)
            report.statements += len(graph.statements)
            report.entities += len(graph.entities)
            if progress is not None:
                progress(article)
        if report.articles:
            report.outputs = write_outputs(st.dataset, out_dir, render=render, exports=exports)
    if not report.articles and not report.errors:
        names = ", ".join(str(i) for i in inputs)
        raise InputError(
            f"no articles found in ({names}); pass text, Markdown, HTML or JSON Lines files, "
            "or a folder holding them"
        )
    return report


def write_outputs(
    dataset: object, out: Path, *, render: bool = True, exports: bool = True
) -> list[Path]:
    """Write the text exports and the HTML view of ``dataset`` into ``out``."""
    from kg.rdf.export import export

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fmt in DEFAULT_EXPORTS.items() if exports else ():
        path = out / name
        export(dataset, fmt, path)
        written.append(path)
    if render:
        from kg.render import render_html

        written.append(render_html(dataset, out / HTML_NAME))
    return written

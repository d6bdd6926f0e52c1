"""The build pipeline: inputs → articles → spaCy Docs → statements and entities → store.

:func:`build` is what ``kg build`` runs; :func:`extract_article` is the per-article
step (usable without a store). Each stage lives in its own module; this one only
wires them together, in the order documented in ``docs/CONTRACT.md``.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

from spacy.language import Language
from spacy.tokens import Doc

from kg import nlp as kg_nlp
from kg import plan as planning
from kg.article import extract, resolve
from kg.entities.known import KnownEntities
from kg.errors import InputError, InputWarning, KgError, OutputError, StoreError
from kg.extract.config import DEFAULT, ExtractionConfig
from kg.fsio import check_target, remove_stale_temps, write_bytes
from kg.incremental import (
    build_keys,
    chain_keys,
    check_detail,
    choose_detail,
    content_digest,
    model_name,
    stored_build_keys,
)
from kg.ingest import RECORD_FORMATS, check_inputs, input_format
from kg.layout import DEFAULT_EXPORTS, DEFAULT_OUT, HTML_NAME, default_store_path
from kg.model import Article, ArticleGraph, Entity, EntityType
from kg.rdf import iri
from kg.rdf.iri import entity_key
from kg.rdf.mapping import DEFAULT_DETAIL, written_counts
from kg.rdf.vocab import KG, PREFIX_IRIS
from kg.workers import BATCH_SIZE, ExtractStream, Failed

if TYPE_CHECKING:
    from kg.rdf.store import Store



@dataclass
class BuildReport:
    """What a build did: articles stored, statement and entity counts, per-input errors."""

    articles: list[str] = field(default_factory=list)
    #: Articles stored by an earlier build from the same inputs, left as they are.
    unchanged: list[str] = field(default_factory=list)
    statements: int = 0  # stored ones (a --detail facts build keeps the trusted ones)
    entities: int = 0  # described in the store (facts leaves out unreferenced concepts)
    errors: list[KgError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


#: Entity types whose partial names ("Trump", "WHO") may refer to a known entity.
KNOWN_TYPES: tuple[EntityType, ...] = ("Person", "Organization")


def extract_article(
    article: Article,
    doc: Doc,
    known: Mapping[str, tuple[str, EntityType]] | None = None,
    config: ExtractionConfig = DEFAULT,
    *,
    calibrated: bool = True,
) -> ArticleGraph:
    """Everything kg extracts from one parsed article, as plain data.

    ``known`` (entity key → (name, type)) lists entities already in the store, so a
    partial name in this article ("Trump") joins the entity it names there. Frames and
    entities come first, then the entity each argument head names; each statement is
    built once, with its entity links, quantities and dates. Last, each statement's
    confidence becomes the calibrated one (:func:`kg.extract.calibration.calibrate`,
    which needs the entities its ends name); ``calibrated=False`` keeps the extraction
    score (what ``benchmarks/calibrate.py`` fits on).

    The same two steps a build runs apart (:mod:`kg.article`): what needs only the Doc
    (:func:`kg.article.extract`, in a worker), then what needs ``known``
    (:func:`kg.article.resolve`, in the writer).
    """
    return resolve(extract(article, doc, config), known, config, calibrated=calibrated)


#: Stored articles a build rebuilds up to which :func:`known_entities` asks Oxigraph
#: for one row per entity (the rebuilt graphs left out by a FILTER): on a store of 2,000
#: articles 0.1 s with none left out and 1.0 s with 500, against 3.3 s for one row per
#: entity and article (decoding the rows is what costs); past it, the longer FILTER
#: would cost more than it saves.
_FILTERED_GRAPHS = 500


def known_entities(store: Store, exclude: Collection[str] = ()) -> KnownEntities:
    """Named people and organisations already in ``store``: key → (name, type).

    Entities seen only in the articles ``exclude`` (ids) are left out: a build
    resolves each article against the articles stored *before* it began, not against
    older versions of the articles it is rebuilding. So re-running an interrupted build,
    or rebuilding articles in the same order, gives the same graph every time.

    The query takes the distinct typed entities first, then their labels: Oxigraph
    compares encoded terms, so only one row per entity and name is decoded, where
    joining type and label graph by graph walks one row per entity and article (0.09
    against 1.2-1.5 s on a store of 2,000 articles). The two agree because an article
    graph that labels an entity also types it (:mod:`kg.rdf.mapping`) and the type is
    part of the entity's IRI.
    """
    inner = store.oxigraph
    values = " ".join(f"kg:{t}" for t in KNOWN_TYPES)
    names = [iri.article_iri(i) for i in exclude]
    if len(names) > 64:  # one listing (one request on a server) beats many lookups
        present = set(inner.named_graphs())
        stored = sorted(str(g) for g in names if g in present)
    else:
        stored = sorted(str(g) for g in names if inner.contains_named_graph(g))
    if len(stored) <= _FILTERED_GRAPHS:  # one row per entity and name, from Oxigraph
        def kept(graph: str) -> str:  # the rebuilt articles' graphs left out
            return f"FILTER(?{graph} NOT IN ({', '.join(stored)}))" if stored else ""

        sparql = f"""
        SELECT DISTINCT ?e ?name ?type WHERE {{
          {{ SELECT DISTINCT ?e ?type WHERE {{
               VALUES ?type {{ {values} }} GRAPH ?g {{ ?e a ?type }} {kept("g")}
          }} }}
          GRAPH ?h {{ ?e rdfs:label ?name }} {kept("h")}
        }}"""
        rows = cast(Iterable[Any], inner.query(sparql, prefixes=PREFIX_IRIS))
    else:  # many stored articles rebuilt: one row per article, filtered here
        sparql = f"""
        SELECT DISTINCT ?e ?name ?type ?id WHERE {{
          VALUES ?type {{ {values} }}
          GRAPH ?g {{ ?e a ?type ; rdfs:label ?name . ?g dcterms:identifier ?id }}
        }}"""
        rows = (row for row in cast(Iterable[Any], inner.query(sparql, prefixes=PREFIX_IRIS))
                if row["id"].value not in exclude)
    type_of: dict[str, EntityType] = {f"{KG}{t}": t for t in KNOWN_TYPES}
    found = sorted(
        (key, row["name"].value, type_of[row["type"].value])
        for row in rows
        if (key := entity_key(row["e"].value)) is not None and key.count("/") == 1
    )
    return KnownEntities(found)


def _remember(known: KnownEntities, entities: Iterable[Entity]) -> None:
    for e in entities:
        if e.type in KNOWN_TYPES and e.key.count("/") == 1:
            known.add(e.key, e.name, e.type)


def parse_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = kg_nlp.BATCH_SIZE
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches, keeping each Doc with its article.

    Articles longer than :data:`kg.nlp.CHUNK_CHARS` are parsed in pieces cut at
    paragraph or sentence bounds and joined, so their offsets still refer to the
    whole text (:func:`kg.nlp.pipe_long`).
    """
    pairs = ((article.text, article) for article in articles)
    for doc, article in kg_nlp.pipe_long(nlp, pairs, batch_size=batch_size):
        yield article, doc


#: Longest article text ``kg build`` takes by default (``--max-chars``). Longer inputs
#: are refused one by one (the rest build): a text this long is usually a book, a
#: log or a dump rather than one news article, and parsing it takes minutes.
MAX_CHARS = 2_000_000
#: Smallest per-file byte limit (text, Markdown, HTML files; see ``max_chars``).
_MIN_MAX_BYTES = 64 << 20


def build(
    inputs: Sequence[str | Path],
    *,
    out: str | Path = DEFAULT_OUT,
    store: str | Path | None = None,
    model: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
    render: bool = True,
    exports: bool = True,
    progress: Callable[[Article], None] | None = None,
    planned: Callable[[int], None] | None = None,
    max_chars: int = MAX_CHARS,
    detail: str | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    cluster: str | Any | None = None,
    stream: ExtractStream | None = None,
) -> BuildReport:
    """Build (or update) the knowledge graph from ``inputs`` and write the outputs.

    Inputs are files, folders or ``-`` (stdin). Articles already in the store are
    replaced, others kept; the text exports and the HTML view in ``out`` describe the
    whole store (``exports=False`` skips the RDF text files, ``render=False`` the
    HTML: both grow with the store, so large incremental builds may want them off).
    The output folder and the store are never read as inputs. The leading run of
    articles stored by an earlier build with the same build key
    (:func:`kg.incremental.build_keys`) is kept as it is (``BuildReport.unchanged``);
    outputs are rewritten only when an article was built or an output file is missing.
    ``detail`` is the store profile (:data:`kg.rdf.mapping.DETAILS`; None: the stored
    articles' profile, else ``facts``).

    A bad individual input (unreadable, no text, longer than ``max_chars``, or a
    second input with the id of an earlier one) is reported in ``BuildReport.errors``
    while the others still build; a missing input, an unknown model or an output path
    that cannot be written raises before anything is written.

    Each article is resolved against the entities of the articles stored before this
    build began (except those it rebuilds) and of the articles before it in this build,
    so an interrupted build re-run with the same inputs gives the store a clean build
    gives.

    Parsing and extraction run in ``workers`` processes (default: the usable cores; 0:
    in this process), in tasks of ``batch_size`` articles, or on the Dask cluster at
    ``cluster`` (a scheduler address such as ``tcp://host:8786``, or a
    ``distributed.Client``); this process stores the results in input order, so the
    store is the same for any of them (:mod:`kg.workers`, :mod:`kg.cluster`). ``stream``:
    workers the caller started already with the same ``workers``, ``model`` and
    ``batch_size`` (:func:`kg.workers.started_for`); the build uses and stops them.

    ``progress`` is called with each article once it is stored; ``planned`` once, before
    the first, with how many the build will parse (the inputs' articles less those kept
    unchanged), so a progress bar can show a total and the time left.

    >>> report = build(["examples/china-fentanyl-tariffs.txt"])  # doctest: +SKIP
    """
    check_inputs(inputs)
    out_dir = Path(out)
    store_path = Path(store) if store is not None else default_store_path(out_dir)
    check_outputs(out_dir, store_path, output_names(render=render, exports=exports))
    if max_chars < 1:
        raise InputError(f"--max-chars must be positive ({max_chars}); e.g. --max-chars 2000000")
    check_detail(detail)
    package = kg_nlp.resolve_model_name(model)  # an unknown model fails before any work
    if stream is not None and cluster is None:
        extraction: ExtractStream | Any = stream
        stream.model = package
    else:
        extraction = _extraction(package, workers, batch_size, cluster)
    report = BuildReport()
    # a file's bytes can be 4x its characters (UTF-8), and HTML carries markup
    max_bytes = max(4 * max_chars, _MIN_MAX_BYTES)
    source = planning.Inputs(inputs, stdin, exclude=(out_dir, store_path), max_bytes=max_bytes)
    try:
        return _build_planned(
            inputs, source, report, extraction, out_dir, store, store_path, package,
            max_chars=max_chars, detail=detail, render=render, exports=exports,
            progress=progress, planned=planned,
            early=_starts_early(extraction, store, store_path),
        )
    finally:  # a build that parsed nothing (or failed) stops workers started early
        if isinstance(extraction, ExtractStream):
            extraction.close(cancel=True)


def _starts_early(extraction: ExtractStream | Any, store: str | Path | None,
                  store_path: Path) -> Callable[[], None] | None:
    """What starts the workers while the inputs are still being planned: for a new
    local store only (every planned article will be parsed; an existing store may
    hold them all unchanged, and then no model should load)."""
    from kg.rdf.open import is_remote

    if not isinstance(extraction, ExtractStream) or is_remote(store) or store_path.exists():
        return None
    return extraction.start


def _build_planned(
    inputs: Sequence[str | Path],
    source: planning.Inputs,
    report: BuildReport,
    extraction: ExtractStream | Any,
    out_dir: Path,
    store: str | Path | None,
    store_path: Path,
    package: str,
    *,
    max_chars: int,
    detail: str | None,
    render: bool,
    exports: bool,
    progress: Callable[[Article], None] | None,
    planned: Callable[[int], None] | None,
    early: Callable[[], None] | None,
) -> BuildReport:
    """:func:`build` from the planning pass on (``early``: called once the plan holds
    more than one batch of articles, see :func:`_starts_early`)."""
    from kg.rdf.open import is_remote, open_store

    batch = getattr(extraction, "batch_size", BATCH_SIZE)
    plan = planning.plan_inputs(source, report, max_chars, early, batch)
    if not plan.keep:  # nothing to build: leave the store and outputs untouched
        if not report.errors:
            listed = ", ".join(str(i) for i in inputs)
            raise InputError(
                f"no articles found in ({listed}); pass text, Markdown, HTML, JSON Lines or "
                "CSV files, or a folder or archive holding them"
            )
        return report

    with open_store(store if is_remote(store) else store_path) as st:  # folder or server
        stored = stored_build_keys(st)
        contents = [(i, plan.content[p]) for p, i in plan.keep.items()]
        detail = choose_detail(st, detail)
        keys = build_keys(stored, contents, model_name(package), detail)
        planned_ids = list(plan.keep.values())
        skip = 0  # a leading run of articles stored exactly as this build would store them
        while skip < len(planned_ids) and stored.get(planned_ids[skip]) == keys[planned_ids[skip]]:
            skip += 1
        report.unchanged = planned_ids[:skip]
        unchanged = set(report.unchanged)
        known = known_entities(st, exclude=set(planned_ids[skip:]))
        articles = (a for a in plan.articles(source, report, max_chars) if a.id not in unchanged)
        names = output_names(render=render, exports=exports)
        stale = out_dir / STALE_MARK
        if skip < len(planned_ids):  # the model loads only when there is something to parse
            if names:  # the outputs stop describing the store; a killed build leaves this
                out_dir.mkdir(parents=True, exist_ok=True)
                write_bytes(stale, b"")
            if planned is not None:
                planned(len(planned_ids) - skip)
            _store_articles(st, extraction, articles, known, report, progress, keys, detail,
                            expected=len(planned_ids) - skip)
        missing = not all((out_dir / name).is_file() for name in names)
        if names and (report.articles or missing or stale.exists()):
            held = len(st.article_graphs())
            if held > LARGE_STORE_ARTICLES:
                report.warnings.append(_outputs_skipped(held, out_dir, store_path, names))
            else:
                report.outputs = write_outputs(st, out_dir, render=render, exports=exports)
                stale.unlink(missing_ok=True)
    return report


#: Above this many stored articles ``kg build`` leaves the exports and the HTML view as
#: they are and says how to write them: both describe the whole store, so at corpus
#: size rewriting them would make every small incremental build cost as much as
#: exporting the archive (docs/benchmarks.md, "Corpus scale": exports of 1,000 articles
#: take about a fifth of building them).
LARGE_STORE_ARTICLES = 1000


def _outputs_skipped(held: int, out: Path, store: Path, names: Sequence[str]) -> InputWarning:
    """The one-line notice of a build that did not rewrite its outputs (large store)."""
    commands = [f"kg export --store {store} -o {out / name}" for name in names
                if name != HTML_NAME]
    if HTML_NAME in names:
        commands.append(f"kg render --store {store} -o {out / HTML_NAME}")
    return InputWarning(
        f"outputs not rewritten: the store holds {held:,} articles (over "
        f"{LARGE_STORE_ARTICLES:,}); write them with: {'; '.join(commands)}"
    )


#: Marks an output folder whose files no longer describe the store: made before a build
#: writes its first article, removed once the outputs are rewritten. Left by a build
#: killed in between, it makes the next build rewrite them even when nothing is left
#: to parse (else a kill during the exports would leave older exports for good).
STALE_MARK = ".kg-outputs-stale"


def _extraction(
    model: str, workers: int | None, batch_size: int, cluster: str | Any | None
) -> ExtractStream | Any:
    """Where parse + extract run: worker processes here, or a Dask cluster. Checks the
    options (a bad value fails before any work); starts nothing yet."""
    if cluster is not None:
        from kg.cluster import ClusterStream

        return ClusterStream(cluster, model=model, batch_size=batch_size)
    return ExtractStream(workers=workers, model=model, batch_size=batch_size)


def _store_articles(
    store: Store,
    extraction: ExtractStream | Any,
    articles: Iterable[Article],
    known: KnownEntities,
    report: BuildReport,
    progress: Callable[[Article], None] | None,
    keys: Mapping[str, str] | None = None,
    detail: str = DEFAULT_DETAIL,
    *,
    expected: int | None = None,
) -> None:
    """Parse and extract ``articles`` (in ``extraction``'s workers), then, in input
    order, resolve each against ``known`` (which then learns its people and
    organisations) and store it with its build key (:func:`kg.incremental.build_keys`);
    in profile ``detail``; counts and per-article failures go into ``report``.

    ``expected``: how many articles come. When only :data:`END_GAME_ARTICLES` are left
    (roughly what the workers still hold), the store starts ingesting what waits, in the
    background, so the ingest after the workers are done holds those last few only; a
    build whose articles all fit in one ingest keeps to one (:meth:`Store.ingest_waiting`)."""
    unflushed = 0
    taken = 0
    with extraction, few_collections(), store.bulk():
        for article, result in extraction.run(articles):
            taken += 1
            if expected is not None and expected - taken == END_GAME_ARTICLES:
                store.ingest_waiting()
            if isinstance(result, Failed):
                report.errors.append(InputError(result.message))
                continue
            graph = resolve(result, known)
            _remember(known, graph.entities)
            unflushed += store.replace_article(
                graph, None if keys is None else keys.get(article.id), detail
            )
            if unflushed >= FLUSH_QUADS and store.path is not None:
                store.flush()
                unflushed = 0
            report.articles.append(article.id)
            statements, entities = written_counts(graph, detail)
            report.statements += statements
            report.entities += entities
            if progress is not None:
                progress(article)


#: Articles left to store when a build starts the bulk ingest of what waits (see
#: :func:`_store_articles`): about what two workers hold in flight (two tasks each of
#: 16 articles), so that ingest runs while they parse and only their results are
#: ingested after the end.
END_GAME_ARTICLES = 64


@contextmanager
def few_collections(young: int = 50_000) -> Iterator[None]:
    """Let Python's cyclic garbage collector run rarely while the writer stores articles.

    The writer allocates many short-lived objects per article (unpickled results,
    resolved statements, RDF terms); with the default thresholds (700 allocations) the
    collector ran ~1,300 times over 300 articles and scanned every long-lived object
    (inputs, known entities, modules) each time it reached the oldest generation: 1.7 of
    the writer's 18 CPU-s. Here what exists now is frozen (never scanned again) and the
    youngest generation collects every ``young`` allocations (0.08 s, 3 collections).
    Garbage without cycles is still freed at once (reference counting); both settings
    are restored on exit, so a Python caller's process is left as it was (objects the
    caller froze itself stay frozen).
    """
    thresholds = gc.get_threshold()
    ours = gc.get_freeze_count() == 0  # a caller's own frozen objects stay frozen
    if ours:
        gc.freeze()
    gc.set_threshold(young, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if ours:
            gc.unfreeze()


#: Quads written between two flushes of an on-disk store during a build. RocksDB keeps
#: what was written in memory tables until they flush; left alone, those grew by ~2 MB
#: per article (1.6 GB in the writer after 500 articles), flushed every 20 articles
#: they stayed at ~95 MB (measured with pyoxigraph 0.5, 2,300-quad articles). So a
#: long build's memory stays flat.
FLUSH_QUADS = 100_000



_STORED_ARTICLES = """
SELECT ?id ?text ?title ?date ?url ?source WHERE { GRAPH ?g {
  ?g a kg:Article ; dcterms:identifier ?id .
  OPTIONAL { ?g kg:text ?text } OPTIONAL { ?g schema:headline ?title }
  OPTIONAL { ?g schema:datePublished ?date } OPTIONAL { ?g schema:url ?url }
  OPTIONAL { ?g dcterms:source ?source }
} }"""


def stored_articles(store: Store) -> list[Article]:
    """The articles in ``store`` as ingest made them, in source order.

    Source order is the order a single ``kg build`` of all their sources would take:
    by source path, then by record within a JSON Lines file, then by id. Raises
    :class:`StoreError` when an article's text is not stored (a store written by a kg
    older than ``kg rebuild``): such a store can only be rebuilt from its sources.
    """
    rows = store.oxigraph.query(
        _STORED_ARTICLES, prefixes=PREFIX_IRIS
    )
    articles = []
    for row in cast(Iterable[Any], rows):
        art_id = row["id"].value
        if row["text"] is None:
            raise StoreError(
                f"article text not stored ({art_id}); this store was built by an older kg: "
                "build it again from the sources with kg build"
            )
        values = {k: row[k].value if row[k] is not None else None
                  for k in ("title", "date", "url", "source")}
        articles.append(Article(id=art_id, text=row["text"].value, **values))
    return sorted(articles, key=lambda a: (*source_order(a.source), a.id))


def source_order(source: str | None) -> tuple[str, int]:
    """Sort key of an article source: the path, then the record number of
    ``news.jsonl:12`` or ``news.csv:12`` (so record 9 comes before record 10; also in
    ``news.jsonl.gz`` and in an archive, ``corpus.zip:news.jsonl:12``)."""
    if not source:
        return "", 0
    path, sep, record = source.rpartition(":")
    if sep and record.isdigit() and input_format(path) in RECORD_FORMATS:
        return path, int(record)
    return source, 0


def rebuild(
    *,
    out: str | Path = DEFAULT_OUT,
    store: str | Path | None = None,
    model: str | None = None,
    render: bool = True,
    exports: bool = True,
    progress: Callable[[Article], None] | None = None,
    detail: str | None = None,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    cluster: str | Any | None = None,
    planned: Callable[[int], None] | None = None,
) -> BuildReport:
    """Extract every stored article again from its stored text, in source order.

    The result equals a clean ``kg build`` of the same articles' sources in one run:
    incremental builds resolve each article against what was stored before it, so
    the order of builds can change how names merge ("Hargreaves" joining "Oliver
    Hargreaves" only when his article came first). Also the way to bring a store up to
    a newer kg or another ``--model``, or to another profile (``detail``; None keeps the
    stored articles' profile). Re-running after an interruption gives the same.
    """
    from kg.rdf.open import is_remote, open_store

    out_dir = Path(out)
    store_path = Path(store) if store is not None else default_store_path(out_dir)
    check_outputs(out_dir, store_path, output_names(render=render, exports=exports))
    check_detail(detail)
    report = BuildReport()
    with open_store(store if is_remote(store) else store_path, create=False) as st:
        detail = choose_detail(st, detail)
        articles = stored_articles(st)
        package = kg_nlp.resolve_model_name(model)
        extraction = _extraction(package, workers, batch_size, cluster)
        keys = chain_keys(model_name(package), [], (
            (a.id, content_digest(a, hashlib.sha1(a.text.encode("utf-8", "surrogatepass"))
                                  .hexdigest()))
            for a in articles
        ), detail)
        if planned is not None:
            planned(len(articles))
        _store_articles(st, extraction, articles, KnownEntities(), report, progress, keys, detail)
        report.outputs = write_outputs(st, out_dir, render=render, exports=exports)
    return report


def check_outputs(out: Path, store: Path, files: Sequence[str]) -> None:
    """Raise before any work when the output folder, the store or an output file
    cannot be written: a path (or a parent of it) that is a file, an output file name
    taken by a folder, a folder without write permission."""
    for folder, option in ((out, "--out"), (store, "--store")):
        for part in (folder, *folder.parents):
            if part.exists() and not part.is_dir():
                what = "output folder" if option == "--out" else "store folder"
                raise OutputError(
                    f"{what} is not a folder ({part} is a file); pass another {option}"
                )
        existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("."))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(
                f"cannot write to ({existing}): permission denied; pass another {option}"
            )
    for name in files:
        if (out / name).is_dir():
            raise OutputError(
                f"output file is a folder ({out / name}); remove it or pass another --out"
            )
        check_target(out / name, "remove it or pass another --out")  # device, in a store


def output_names(*, render: bool, exports: bool) -> list[str]:
    """The files ``kg build`` writes into the output folder."""
    return [*(DEFAULT_EXPORTS if exports else ()), *([HTML_NAME] if render else [])]


def write_outputs(
    store: Store, out: Path, *, render: bool = True, exports: bool = True
) -> list[Path]:
    """Write the text exports and the HTML view of ``store`` into ``out``."""
    from kg.rdf.export import write_exports

    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out, output_names(render=True, exports=True))  # a killed build's
    targets = {fmt: out / name for name, fmt in DEFAULT_EXPORTS.items()} if exports else {}
    written = write_exports(store, targets)  # one pass over the store for all formats
    if render:
        from kg.render import render_html

        written.append(render_html(store, out / HTML_NAME))
    return written

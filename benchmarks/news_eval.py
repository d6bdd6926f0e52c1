"""Issue 9's real-text evaluation: graph edges to judge, key-fact recall, judged precision, hubs.

Usage::

    python benchmarks/news_eval.py edges --split tune [--unjudged] [--sample N --seed S] [-o FILE]
    python benchmarks/news_eval.py facts --split heldout [-v] [--min-confidence T] [--edges-only]
    python benchmarks/news_eval.py facts --split tune --stored   # what the default store holds
    python benchmarks/news_eval.py score --split heldout [--threshold T]
    python benchmarks/news_eval.py hubs --split all

Splits: ``tune``, ``heldout`` (held-out set 1) and ``heldout2`` (held-out set 2, news
texts 71–86 only, frozen in 1c8ed58 after set 1 had been read while rules were
written); ``all`` is tune + heldout and never includes set 2, so that nobody writing
rules sees set 2's output by accident. The texts of a split
(``benchmarks/news/texts/<split>/*.txt``, the CaRB pseudo-articles of
``benchmarks/news/carb-articles.tsv`` on that side (tune and heldout only), and, on the
tune side, the example article) are copied into one temporary folder and built with the public CLI
(``kg build DIR --out TMP --no-html --quiet``); the N-Quads export is read with
:func:`kg.evaluate.facts.read_statements`. Format of facts and judgments:
``benchmarks/news/README.md``. Results go to ``benchmarks/results/news-<split>-*``
(not committed); the same texts and the same kg give the same figures.

``edges`` prints the judgments-file columns (README order) plus ``confidence``, with
the verdicts of ``judgments-<split>.tsv`` filled in where the key (text, sentence,
subject, relation, object) matches; ``relation`` reads ``not …`` for a negated edge.
``--kg REV`` (every subcommand) builds with the ``kg`` package of a past commit, so
the figures before a rule change can be rerun after it: the baseline of issue 9 is
``--kg c9da182`` (the build the judgments were made on).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.evaluate.facts import (
    Match,
    Recall,
    StatementView,
    article_names,
    entity_articles,
    entity_labels,
    entity_types,
    load_fact_dir,
    load_store,
    match_fact,
    nearest_statements,
    read_statements,
    recall,
)
from kg.evaluate.splits import BLOCK, held_out_blocks
from kg.extract.calibration import DEFAULT_MIN_CONFIDENCE

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "benchmarks" / "news"
RESULTS = REPO / "benchmarks" / "results"
EXAMPLE = REPO / "examples" / "china-fentanyl-tariffs.txt"
_DEFAULT_CARB = REPO.parent / "shared" / "benchmarks" / "carb"
CARB = Path(os.environ.get("KG_CARB_DIR", _DEFAULT_CARB))
SPLITS = ("tune", "heldout", "heldout2")
#: What ``--split all`` covers: held-out set 2 is scored only when named.
ALL_SPLITS = ("tune", "heldout")
#: The sides the CaRB pseudo-articles are dealt to (set 2 has news texts only).
CARB_SIDES = ("tune", "heldout")

#: Columns of a judgments file (benchmarks/news/README.md); ``edges`` adds confidence.
JUDGMENT_COLUMNS = (
    "text", "sentence", "subject", "relation", "object", "verdict", "class",
    "subject_type", "object_type", "type_ok", "note",
)
KEY_COLUMNS = JUDGMENT_COLUMNS[:5]
EDGE_COLUMNS = (*JUDGMENT_COLUMNS, "confidence")
VERDICTS = ("correct", "wrong", "useless")
CLASSES = (
    "generic", "possessive-have", "wrong-clause", "chunk", "modality", "headline",
    "preposition", "pronoun", "negation", "other",
)
#: The entity class of generic (not named) things: a hub of this type is generic.
CONCEPT = "Concept"

Key = tuple[str, str, str, str, str]


# ------------------------------------------------------------------ texts and build


def split_texts(split: str) -> dict[str, str]:
    """Text name → text, for ``split`` (tune, heldout, heldout2 or all), sorted by name."""
    sides = ALL_SPLITS if split == "all" else (split,)
    texts: dict[str, str] = {}
    for side in sides:
        for path in sorted((NEWS / "texts" / side).glob("*.txt")):
            texts[path.stem] = path.read_text(encoding="utf-8")
        if side == "tune":
            texts[EXAMPLE.stem] = EXAMPLE.read_text(encoding="utf-8")
        texts.update(carb_articles(side))
    return dict(sorted(texts.items()))


def selected_texts(args: argparse.Namespace) -> dict[str, str]:
    """The texts of ``args.split`` whose name ``args.names`` (a regex) matches, if given."""
    texts = split_texts(args.split)
    if getattr(args, "names", None):
        texts = {n: t for n, t in texts.items() if re.search(args.names, n)}
        if not texts:
            raise SystemExit(f"no text of split {args.split} matches --names {args.names!r}")
    return texts


def carb_articles(side: str) -> dict[str, str]:
    """The CaRB pseudo-articles of one side: block *b* = dev lines 10b+1 … 10b+10,
    one sentence a paragraph (a blank line between, so each parses on its own).
    None on a side that has no CaRB part (held-out set 2)."""
    listing = NEWS / "carb-articles.tsv"
    sentences = CARB / "dev-sentences.txt"
    if side not in CARB_SIDES or not listing.exists():
        return {}
    lines = sentences.read_text(encoding="utf-8").splitlines()
    held = set(held_out_blocks(len(lines)))
    found: dict[str, str] = {}
    with listing.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            block = int(row["block"])
            if (block in held) != (side == "heldout"):
                continue
            chunk = lines[block * BLOCK:(block + 1) * BLOCK]
            found[row["name"]] = "\n\n".join(line.strip() for line in chunk) + "\n"
    return found


def build_store(texts: dict[str, str], rev: str | None = None,
                default_profile: bool = False) -> ox.Store:
    """Build ``texts`` in one ``kg build`` (public CLI); its N-Quads export, in memory.

    ``rev`` (a git revision) builds with the ``kg`` package of that commit, copied out
    with ``git archive`` (the checkout is not touched), so a "before" figure can be
    rerun after the rules changed; default: the working tree. ``default_profile``:
    build as a user does (no ``--detail``: the default store, what it keeps), instead
    of ``--detail full`` (every statement).
    """
    with tempfile.TemporaryDirectory(prefix="kg-news-") as tmp:
        folder, out = Path(tmp) / "texts", Path(tmp) / "out"
        folder.mkdir()
        for name, text in texts.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        code = REPO
        if rev is not None:
            code = Path(tmp) / "code"
            code.mkdir()
            archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "kg"],
                                     capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
        command = [
            sys.executable, "-c", "from kg.cli import main; main()",
            "build", str(folder), "--out", str(out), "--no-html", "--quiet",
        ]
        if not default_profile and "DETAILS" in (
            code / "kg" / "rdf" / "mapping.py"
        ).read_text(encoding="utf-8"):
            # every statement (recall counts those below the views' threshold too), as
            # every build wrote before the store profiles (docs/rdf-shape.md)
            command += ["--detail", "full"]
        done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"kg build failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return load_store(out / "graph.nq")


def word_counts(texts: dict[str, str]) -> dict[str, int]:
    return {name: len(text.split()) for name, text in texts.items()}


# ------------------------------------------------------------------------- edges


def _clean(value: str) -> str:
    return " ".join(value.split())


@dataclass
class Edge:
    """One graph edge read from one sentence (statements with the same ends, relation
    and negation merged), with its judgment when the judgments file has its key."""

    text: str
    sentence_index: int
    sentence: str
    subject: str
    relation: str
    object: str
    subject_type: str
    object_type: str
    confidence: float
    judgment: dict[str, str] = field(default_factory=dict)
    #: Drawn by the graph view (StatementView.is_edge: confidence at the threshold).
    kept: bool = False

    @property
    def key(self) -> Key:
        return (self.text, self.sentence, self.subject, self.relation, self.object)

    @property
    def verdict(self) -> str:
        return self.judgment.get("verdict", "")

    def row(self) -> dict[str, str]:
        values = {
            "text": self.text, "sentence": self.sentence, "subject": self.subject,
            "relation": self.relation, "object": self.object,
            "subject_type": self.subject_type, "object_type": self.object_type,
            "confidence": f"{self.confidence:.3f}",
        }
        for column in ("verdict", "class", "type_ok", "note"):
            values[column] = self.judgment.get(column, "")
        return values


def edges_of(views: Iterable[StatementView]) -> list[Edge]:
    """The candidate edges of the statements (both ends entities, whatever their
    confidence), one per (text, sentence, subject, relation, object), in text order; the
    relation reads ``not …`` when negated, confidence is the highest of the merged
    statements, ``kept`` whether the view draws one of them (``is_edge``)."""
    found: dict[Key, Edge] = {}
    for v in views:
        if not v.linked or v.object is None:
            continue
        relation = ("not " if v.negated else "") + v.relation
        edge = Edge(
            text=v.article, sentence_index=v.sentence_index, sentence=_clean(v.sentence),
            subject=_clean(v.subject.label or v.subject.text), relation=_clean(relation),
            object=_clean(v.object.label or v.object.text),
            subject_type=v.subject.type or "", object_type=v.object.type or "",
            confidence=v.confidence, kept=v.is_edge,
        )
        old = found.get(edge.key)
        if old is None:
            found[edge.key] = edge
        else:
            old.confidence = max(old.confidence, edge.confidence)
            old.kept = old.kept or edge.kept
    return list(found.values())  # views come in text order


def judgment_files(split: str) -> list[Path]:
    sides = ALL_SPLITS if split == "all" else (split,)
    return [NEWS / f"judgments-{side}.tsv" for side in sides]


def read_judgment_rows(paths: Sequence[Path]) -> list[dict[str, str]]:
    """Every judged row of the files, in file order (tab-separated, header; '#' lines
    skipped). A key may come back in a later row that re-judges ``type_ok`` after an
    entity's type changed."""
    rows: list[dict[str, str]] = []
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append({k.strip(): _clean(v or "") for k, v in row.items() if k})
    return rows


def _key(row: dict[str, str]) -> Key:
    return tuple(row.get(c, "") for c in KEY_COLUMNS)  # type: ignore[return-value]


def read_judgments(paths: Sequence[Path]) -> dict[Key, dict[str, str]]:
    """Key → judged row (the last row of that key), from judgments files."""
    return {_key(row): row for row in read_judgment_rows(paths)}


TypedKey = tuple[Key, str, str]


def typed_judgments(rows: Iterable[dict[str, str]]) -> dict[TypedKey, dict[str, str]]:
    """(key, subject_type, object_type) → the last row judged with those types."""
    return {(_key(r), r.get("subject_type", ""), r.get("object_type", "")): r for r in rows}


def join_judgments(
    edges: list[Edge],
    judged: dict[Key, dict[str, str]],
    typed: dict[TypedKey, dict[str, str]] | None = None,
) -> None:
    """Attach each edge's judgment (the verdict of the key's last row). A slot's
    ``type_ok`` is kept only while the edge's type is the one judged (a changed type
    needs judging again: left empty); with ``typed``, it comes from the last row judged
    with the edge's current types, so a rebuild with an older kg (``--kg``) still finds
    the type judgments made for its types."""
    for edge in edges:
        row = judged.get(edge.key)
        if row is None:
            continue
        judgment = dict(row)
        current = (edge.subject_type, edge.object_type)
        typed_row = (typed or {}).get((edge.key, *current))
        if typed_row is not None:
            row = typed_row
        oks = [x.strip() for x in row.get("type_ok", "").split(",")]
        oks += [""] * (2 - len(oks))
        then = (row.get("subject_type", ""), row.get("object_type", ""))
        kept = [ok if not t or t == c else "" for ok, t, c in zip(oks, then, current, strict=False)]
        judgment["type_ok"] = ",".join(kept) if any(kept) else ""
        edge.judgment = judgment


def write_tsv(edges: Sequence[Edge], out: Path | None) -> None:
    """Edges as a judgments-file TSV (README columns, then confidence)."""
    lines = ["\t".join(EDGE_COLUMNS)]
    lines += ["\t".join(e.row()[c] for c in EDGE_COLUMNS) for e in edges]
    text = "\n".join(lines) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def judged_edges(split: str, views: Iterable[StatementView]) -> list[Edge]:
    """The edges of ``views`` with the judgments of ``split`` joined."""
    edges = edges_of(views)
    rows = read_judgment_rows(judgment_files(split))
    join_judgments(edges, {_key(row): row for row in rows}, typed_judgments(rows))
    return edges


def cmd_edges(args: argparse.Namespace) -> int:
    edges = judged_edges(args.split, read_statements(build_store(selected_texts(args), args.kg)))
    chosen = [e for e in edges if not e.verdict] if args.unjudged else edges
    if args.sample is not None and args.sample < len(chosen):
        picked = set(random.Random(args.seed).sample(range(len(chosen)), args.sample))
        chosen = [e for i, e in enumerate(chosen) if i in picked]
    write_tsv(chosen, args.out)
    judged = sum(1 for e in edges if e.verdict)
    print(f"{len(chosen)} edges listed ({len(edges)} in {args.split}, {judged} judged)",
          file=sys.stderr)
    return 0


# ------------------------------------------------------------------------- facts


def _slot(text: str, label: str | None) -> str:
    return text if label is None or label.lower() == text.lower() else f"{text} [{label}]"


def show(view: StatementView) -> str:
    """One statement on one line: (subject) --relation--> (object) + arguments."""
    obj = "()" if view.object is None else f"({_slot(view.object.text, view.object.label)})"
    rest = "".join(f" +({_slot(a.text, a.label)})" for a in view.arguments)
    flags = ("not " if view.negated else "") + (f"{view.modality} " if view.modality else "")
    edge = " edge" if view.is_edge else ""
    return (f"({_slot(view.subject.text, view.subject.label)}) --{flags}{view.relation}--> "
            f"{obj}{rest}  [s{view.sentence_index} {view.confidence:.2f}{edge}]")


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def facts_report(
    texts: dict[str, str], views: Sequence[StatementView], facts_dir: Path, verbose: bool
) -> tuple[list[str], Recall]:
    """Per text and total: facts whole / partial / missing and the two recalls."""
    by_text: dict[str, list[StatementView]] = defaultdict(list)
    for view in views:
        by_text[view.article].append(view)
    facts = load_fact_dir(facts_dir)
    lines = ["| text | facts | whole | partial | missing | recall whole | whole+partial |",
             "|---|---|---|---|---|---|---|"]
    detail: list[str] = []
    total = Recall(0, 0, 0)
    for name in texts:
        if name not in facts:
            continue
        matches: list[Match] = [match_fact(f, by_text.get(name, [])) for f in facts[name]]
        r = recall(matches)
        total = total + r
        lines.append(f"| {name} | {r.total} | {r.whole} | {r.partial} | {r.missing} | "
                     f"{_pct(r.recall_whole)} | {_pct(r.recall_any)} |")
        if verbose:
            detail.append(f"\n## {name}")
            for m in matches:
                detail.append(f"- {m.status:7} {m.fact.id}: {m.fact.text}")
                if m.statement is not None:
                    detail.append(f"    {show(m.statement)}")
                elif m.status == "missing":
                    near = nearest_statements(m.fact, by_text.get(name, []))
                    detail.extend(f"    near: {show(v)}" for v in near)
                    if not near:
                        detail.append("    near: (no statement with that subject or relation)")
    lines.append(f"| **total** | {total.total} | {total.whole} | {total.partial} | "
                 f"{total.missing} | {_pct(total.recall_whole)} | {_pct(total.recall_any)} |")
    without = [name for name in texts if name not in facts]
    if without:
        lines.append(f"\nTexts without a fact file ({len(without)}): {', '.join(without)}")
    return lines + detail, total


def cmd_facts(args: argparse.Namespace) -> int:
    texts = selected_texts(args)
    views = read_statements(build_store(texts, args.kg, default_profile=args.stored))
    title, suffix = f"# Key facts, {args.split} ({len(texts)} texts)", ""
    if args.stored:
        title += ", statements the default build stores"
        suffix += "-stored"
    if args.min_confidence is not None:
        views = [v for v in views if v.confidence >= args.min_confidence]
        title += f", statements at confidence >= {args.min_confidence}"
        suffix += f"-min{args.min_confidence}"
    if args.edges_only:
        views = [v for v in views if v.is_edge]
        title += ", edges the view draws only"
        suffix += "-edges"
    lines, total = facts_report(texts, views, args.facts, args.verbose)
    report = "\n".join([title, "", *lines]) + "\n"
    _save(f"news-{args.split}-facts{suffix}.md", report)
    print(report)
    return 0


# ------------------------------------------------------------------------- score


def _precision(edges: Sequence[Edge]) -> str:
    verdicts = Counter(e.verdict for e in edges if e.verdict in VERDICTS)
    judged = sum(verdicts.values())
    if not judged:
        return "– (0 judged)"
    strict = verdicts["correct"] / judged
    return f"{_pct(strict)} ({verdicts['correct']}/{judged})"


def score_report(
    texts: dict[str, str], edges: Sequence[Edge], threshold: float
) -> list[str]:
    """Judged precision, error classes and edge density of the edges the view draws
    (confidence >= ``threshold``, the default the views use) and of every candidate
    edge (statements between two entities, what the graph drew before issue 9); type
    accuracy over the candidates; precision above vs below the threshold, quartiles."""
    kept = [e for e in edges if e.kept]
    words = sum(word_counts(texts).values())
    odd = sum(1 for e in edges if e.verdict and e.verdict not in VERDICTS)
    lines = [
        f"candidate edges (statements between two entities) {len(edges)}, judged "
        f"{sum(1 for e in edges if e.verdict in VERDICTS)}, unjudged "
        f"{sum(1 for e in edges if e.verdict not in VERDICTS)} (of them with an unknown "
        f"verdict: {odd}); {len(texts)} texts, {words} words",
        "",
        f"## Edges the view draws (confidence >= {threshold})",
        *precision_lines(kept, words),
        "",
        "## Every candidate edge (confidence ignored)",
        *precision_lines(edges, words),
        "",
        "| class | wrong (drawn) | useless (drawn) | total (drawn) | total (all) |",
        "|---|---|---|---|---|",
    ]
    def classes(part: Sequence[Edge]) -> Counter[tuple[str, str]]:
        return Counter((e.judgment.get("class", "") or "(none)", e.verdict)
                       for e in part if e.verdict in VERDICTS and e.verdict != "correct")
    drawn, every = classes(kept), classes(edges)
    names = sorted({c for c, _ in every}, key=lambda c: (-sum(
        every[(c, v)] for v in VERDICTS), c))
    for name in names:
        w, u = drawn[(name, "wrong")], drawn[(name, "useless")]
        total = every[(name, "wrong")] + every[(name, "useless")]
        lines.append(f"| {name} | {w} | {u} | {w + u} | {total} |")
    judged = [e for e in edges if e.verdict in VERDICTS]
    lines += ["", *type_lines(edges), "", *confidence_lines(judged, threshold)]
    return lines


def precision_lines(edges: Sequence[Edge], words: int) -> list[str]:
    """Verdict counts, strict and usable precision, edges per 400 words."""
    judged = [e for e in edges if e.verdict in VERDICTS]
    verdicts = Counter(e.verdict for e in judged)
    correct, wrong = verdicts["correct"], verdicts["wrong"]
    strict = correct / len(judged) if judged else 0.0
    usable = correct / (correct + wrong) if correct + wrong else 0.0
    return [
        f"edges {len(edges)}, judged {len(judged)}; verdicts: correct {correct}, "
        f"wrong {wrong}, useless {verdicts['useless']}",
        f"strict precision (correct / judged): {_pct(strict) if judged else '–'}",
        f"usable precision (correct / (correct + wrong)): "
        f"{_pct(usable) if correct + wrong else '–'}",
        f"edges per 400 words: {400 * len(edges) / words:.2f}" if words
        else "edges per 400 words: –",
    ]


def type_lines(edges: Sequence[Edge]) -> list[str]:
    """Type accuracy over named slots (type not Concept) whose ``type_ok`` is yes or no."""
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    per_slot: dict[str, Counter[str]] = defaultdict(Counter)
    for e in edges:
        oks = [x.strip() for x in e.judgment.get("type_ok", "").split(",")] + ["", ""]
        slots = (("subject", e.subject_type, oks[0]), ("object", e.object_type, oks[1]))
        for slot, kind, ok in slots:
            if kind and kind != CONCEPT and ok in ("yes", "no"):
                per_type[kind][ok] += 1
                per_slot[slot][ok] += 1
    yes = sum(c["yes"] for c in per_slot.values())
    total = sum(c["yes"] + c["no"] for c in per_slot.values())
    accuracy = _pct(yes / total) if total else "–"
    lines = [f"named-type accuracy: {accuracy} ({yes}/{total} named slots)"]
    for slot in ("subject", "object"):
        c = per_slot[slot]
        if c:
            lines.append(f"  {slot}: {c['yes']}/{c['yes'] + c['no']}")
    for kind in sorted(per_type):
        c = per_type[kind]
        lines.append(f"  {kind}: {c['yes']}/{c['yes'] + c['no']}")
    return lines


def confidence_lines(judged: Sequence[Edge], threshold: float) -> list[str]:
    """Strict precision above vs below ``threshold``, and by confidence quartile."""
    if not judged:
        return ["confidence: no judged edges"]
    above = [e for e in judged if e.confidence >= threshold]
    below = [e for e in judged if e.confidence < threshold]
    ranked = sorted(judged, key=lambda e: (e.confidence, e.key))
    lines = [f"confidence >= {threshold}: {_precision(above)}",
             f"confidence <  {threshold}: {_precision(below)}",
             "strict precision by confidence quartile (judged candidate edges)",
             "| quartile | confidence | precision |", "|---|---|---|"]
    for q in range(4):
        part = ranked[q * len(ranked) // 4:(q + 1) * len(ranked) // 4]
        if part:
            lines.append(f"| Q{q + 1} | {part[0].confidence:.3f}–{part[-1].confidence:.3f} | "
                         f"{_precision(part)} |")
    return lines


def cmd_score(args: argparse.Namespace) -> int:
    texts = selected_texts(args)
    views = read_statements(build_store(texts, args.kg), args.threshold)
    edges = judged_edges(args.split, views)
    lines = score_report(texts, edges, args.threshold)
    report = "\n".join([f"# Judged edges, {args.split}", "", *lines]) + "\n"
    _save(f"news-{args.split}-score.md", report)
    print(report)
    return 0


# -------------------------------------------------------------------------- hubs


@dataclass(frozen=True)
class Hub:
    label: str
    type: str
    articles: int
    iri: str


def hubs(store: ox.Store, top: int = 50) -> list[Hub]:
    """The ``top`` entities mentioned in most articles (ties: label, then IRI)."""
    types = entity_types(store)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, e), label in entity_labels(store).items():
        labels[e][label] += 1
    found = []
    for iri, articles in entity_articles(store).items():
        counts = labels.get(iri) or Counter({iri.rsplit("/", 1)[-1]: 1})
        label = min(counts, key=lambda x: (-counts[x], x))
        found.append(Hub(label, types.get(iri, ""), len(articles), iri))
    return sorted(found, key=lambda h: (-h.articles, h.label, h.iri))[:top]


def cmd_hubs(args: argparse.Namespace) -> int:
    """Hubs of the split's texts built now, or of a store already built (``--store``).

    Generic = a node with no name: its type is Concept (or none), as the graph view
    types every common-noun phrase; named entities of any class are not generic.
    """
    if args.store is not None:
        if not (args.store / "CURRENT").exists():
            raise SystemExit(f"no kg store at {args.store}: pass the folder that "
                             "`kg build --store` wrote (it holds a CURRENT file)")
        store = ox.Store.read_only(str(args.store))
        count, what, name = len(article_names(store)), "articles", f"store-{args.store.name}"
    else:
        texts = selected_texts(args)
        store, count, what, name = build_store(texts, args.kg), len(texts), "texts", args.split
    top = hubs(store, args.top)
    generic = [h for h in top if h.type in ("", CONCEPT)]
    rows = ["rank\tentity\ttype\tarticles\tiri"]
    rows += [f"{i}\t{h.label}\t{h.type}\t{h.articles}\t{h.iri}" for i, h in enumerate(top, 1)]
    _save(f"news-{name}-hubs.tsv", "\n".join(rows) + "\n")
    print(f"# Hubs, {name} ({count} {what}): the {len(top)} entities in most articles")
    print(f"generic concepts (type Concept: no name) among them: {len(generic)}"
          + (f" ({', '.join(h.label for h in generic)})" if generic else ""))
    print(", ".join(f"{h.label} ({h.type}, {h.articles})" for h in top))
    return 0


def _save(name: str, text: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(text, encoding="utf-8")


# -------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--split", choices=(*SPLITS, "all"), default="tune")
        p.add_argument("--kg", metavar="REV", help="build with kg as of this git commit")
        p.add_argument("--names", metavar="REGEX",
                       help="only the texts whose name matches (e.g. '^(1[7-9]|2[0-9])-')")
        return p

    p = command("edges", "TSV of the graph's edges with existing judgments (to judge)")
    p.add_argument("--unjudged", action="store_true", help="only edges with no verdict yet")
    p.add_argument("--sample", type=int, help="a seeded random sample of N edges")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--out", type=Path, help="write the TSV here (default: stdout)")
    p.set_defaults(run=cmd_edges)
    p = command("facts", "key-fact recall per text and in total")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="each fact's status; for a missing one the nearest statements")
    p.add_argument("--facts", type=Path, default=NEWS / "facts", help="folder of fact files")
    p.add_argument("--min-confidence", type=float, metavar="T",
                   help="count only statements at confidence >= T")
    p.add_argument("--stored", action="store_true",
                   help="count only what a default build stores (no --detail: the "
                   "facts profile), not every statement (--detail full)")
    p.add_argument("--edges-only", action="store_true",
                   help="count only the edges the view draws (both ends entities, "
                   f"confidence >= {DEFAULT_MIN_CONFIDENCE})")
    p.set_defaults(run=cmd_facts)
    p = command("score", "judged precision, classes, types, density, confidence ranking")
    p.add_argument("--threshold", type=float, default=DEFAULT_MIN_CONFIDENCE,
                   help="confidence of the edges drawn, compared above/below "
                   f"(default: the views', {DEFAULT_MIN_CONFIDENCE})")
    p.set_defaults(run=cmd_score)
    p = command("hubs", "the entities mentioned in most articles, and how many are generic")
    p.add_argument("--top", type=int, default=50)
    p.add_argument("--store", type=Path, metavar="PATH",
                   help="read a store built by `kg build --store PATH` (any corpus) "
                   "instead of building the split")
    p.set_defaults(run=cmd_hubs)
    args = ap.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())

"""Issue 9's real-text evaluation: graph edges to judge, key-fact recall, judged precision, hubs.

Usage::

    python benchmarks/news_eval.py edges --split tune [--unjudged] [--sample N --seed S] [-o FILE]
    python benchmarks/news_eval.py facts --split heldout [-v]
    python benchmarks/news_eval.py score --split heldout [--threshold 0.5]
    python benchmarks/news_eval.py hubs --split all

The texts of a split (``benchmarks/news/texts/<split>/*.txt``, the CaRB pseudo-articles
of ``benchmarks/news/carb-articles.tsv`` on that side, and, on the tune side, the
example article) are copied into one temporary folder and built with the public CLI
(``kg build DIR --out TMP --no-html --quiet``); the N-Quads export is read with
:func:`kg.evaluate.facts.read_statements`. Format of facts and judgments:
``benchmarks/news/README.md``. Results go to ``benchmarks/results/news-<split>-*``
(not committed); the same texts and the same kg give the same figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate.facts import StatementView, load_store, read_statements
from kg.evaluate.splits import BLOCK, held_out_blocks

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "benchmarks" / "news"
RESULTS = REPO / "benchmarks" / "results"
EXAMPLE = REPO / "examples" / "china-fentanyl-tariffs.txt"
_DEFAULT_CARB = REPO.parent / "shared" / "benchmarks" / "carb"
CARB = Path(os.environ.get("KG_CARB_DIR", _DEFAULT_CARB))
SPLITS = ("tune", "heldout")

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
    """Text name → text, for ``split`` (tune, heldout or all), sorted by name."""
    sides = SPLITS if split == "all" else (split,)
    texts: dict[str, str] = {}
    for side in sides:
        for path in sorted((NEWS / "texts" / side).glob("*.txt")):
            texts[path.stem] = path.read_text(encoding="utf-8")
        if side == "tune":
            texts[EXAMPLE.stem] = EXAMPLE.read_text(encoding="utf-8")
        texts.update(carb_articles(side))
    return dict(sorted(texts.items()))


def carb_articles(side: str) -> dict[str, str]:
    """The CaRB pseudo-articles of one side: block *b* = dev lines 10b+1 … 10b+10,
    one sentence a paragraph (a blank line between, so each parses on its own)."""
    listing = NEWS / "carb-articles.tsv"
    sentences = CARB / "dev-sentences.txt"
    if not listing.exists():
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


def build_statements(texts: dict[str, str]) -> list[StatementView]:
    """Build ``texts`` in one ``kg build`` (public CLI) and read the export's statements."""
    with tempfile.TemporaryDirectory(prefix="kg-news-") as tmp:
        folder, out = Path(tmp) / "texts", Path(tmp) / "out"
        folder.mkdir()
        for name, text in texts.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        command = [
            sys.executable, "-c", "from kg.cli import main; main()",
            "build", str(folder), "--out", str(out), "--no-html", "--quiet",
        ]
        done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"kg build failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return read_statements(load_store(out / "graph.nq"))


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
    """The edges of the statements, one per (text, sentence, subject, relation, object),
    in text order; the relation reads ``not …`` when negated, confidence is the
    highest of the merged statements."""
    found: dict[Key, Edge] = {}
    for v in views:
        if not v.is_edge or v.object is None:
            continue
        relation = ("not " if v.negated else "") + v.relation
        edge = Edge(
            text=v.article, sentence_index=v.sentence_index, sentence=_clean(v.sentence),
            subject=_clean(v.subject.label or v.subject.text), relation=_clean(relation),
            object=_clean(v.object.label or v.object.text),
            subject_type=v.subject.type or "", object_type=v.object.type or "",
            confidence=v.confidence,
        )
        old = found.get(edge.key)
        if old is None:
            found[edge.key] = edge
        else:
            old.confidence = max(old.confidence, edge.confidence)
    return list(found.values())  # views come in text order


def judgment_files(split: str) -> list[Path]:
    sides = SPLITS if split == "all" else (split,)
    return [NEWS / f"judgments-{side}.tsv" for side in sides]


def read_judgments(paths: Sequence[Path]) -> dict[Key, dict[str, str]]:
    """Key → judged row, from judgments files (tab-separated, header; '#' lines skipped)."""
    found: dict[Key, dict[str, str]] = {}
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            clean = {k.strip(): _clean(v or "") for k, v in row.items() if k}
            key = tuple(clean.get(c, "") for c in KEY_COLUMNS)
            found[key] = clean  # type: ignore[index]
    return found


def join_judgments(edges: list[Edge], judged: dict[Key, dict[str, str]]) -> None:
    """Attach each edge's judgment. A slot's ``type_ok`` is kept only while the edge's
    type is the one judged (a changed type needs judging again: left empty)."""
    for edge in edges:
        row = judged.get(edge.key)
        if row is None:
            continue
        judgment = dict(row)
        oks = [x.strip() for x in row.get("type_ok", "").split(",")]
        oks += [""] * (2 - len(oks))
        current = (edge.subject_type, edge.object_type)
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


def split_edges(split: str) -> tuple[dict[str, str], list[StatementView], list[Edge]]:
    texts = split_texts(split)
    views = build_statements(texts)
    edges = edges_of(views)
    join_judgments(edges, read_judgments(judgment_files(split)))
    return texts, views, edges


def cmd_edges(args: argparse.Namespace) -> int:
    _, _, edges = split_edges(args.split)
    chosen = [e for e in edges if not e.verdict] if args.unjudged else edges
    if args.sample is not None and args.sample < len(chosen):
        picked = set(random.Random(args.seed).sample(range(len(chosen)), args.sample))
        chosen = [e for i, e in enumerate(chosen) if i in picked]
    write_tsv(chosen, args.out)
    judged = sum(1 for e in edges if e.verdict)
    print(f"{len(chosen)} edges listed ({len(edges)} in {args.split}, {judged} judged)",
          file=sys.stderr)
    return 0


# -------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--split", choices=(*SPLITS, "all"), default="tune")
        return p

    p = command("edges", "TSV of the graph's edges with existing judgments (to judge)")
    p.add_argument("--unjudged", action="store_true", help="only edges with no verdict yet")
    p.add_argument("--sample", type=int, help="a seeded random sample of N edges")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--out", type=Path, help="write the TSV here (default: stdout)")
    p.set_defaults(run=cmd_edges)
    args = ap.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())

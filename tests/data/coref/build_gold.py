"""Turn the hand-annotated markup in ``gold_source.txt`` into ``gold.json``.

Markup: ``[[surface|cluster]]`` marks one mention; marks may nest
(``[[a senior [[Chinese|chinese]] official|official]]``). Documents are separated by
lines ``=== <doc id>``. Run ``python tests/data/coref/build_gold.py`` after editing the
source (and ``heldout_source.txt`` → ``heldout.json``, ``heldout2_source.txt`` →
``heldout2.json``, ``heldout3_source.txt`` → ``heldout3.json``, ``heldout4_source.txt`` →
``heldout4.json``); the JSON holds the plain text and, per cluster id, the mentions with offsets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOKEN = re.compile(r"\[\[|\|([a-z0-9_-]+)\]\]")


def parse(markup: str) -> tuple[str, dict[str, list[dict[str, object]]]]:
    """Plain text and clusters ({id: [{text, start, end}]}) of one marked-up document."""
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[int] = []
    clusters: dict[str, list[dict[str, object]]] = {}
    for m in TOKEN.finditer(markup):
        piece = markup[pos : m.start()]
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(0) == "[[":
            stack.append(length)
        else:
            start = stack.pop()
            text = "".join(out)[start:length]
            mention = {"text": text, "start": start, "end": length}
            clusters.setdefault(m.group(1), []).append(mention)
    out.append(markup[pos:])
    assert not stack, "unclosed mention"
    return "".join(out), clusters


def main() -> None:
    for name in ("gold", "heldout", "heldout2", "heldout3", "heldout4"):
        build(HERE / f"{name}_source.txt", HERE / f"{name}.json")


def build(source_path: Path, out_path: Path) -> None:
    """Write the JSON for one markup file."""
    source = source_path.read_text(encoding="utf-8")
    docs = []
    n = 0
    for block in re.split(r"^=== ", source, flags=re.M)[1:]:
        doc_id, _, body = block.partition("\n")
        text, clusters = parse(body.strip())
        docs.append({"id": doc_id.strip(), "text": text, "clusters": clusters})
        n += sum(len(ms) for ms in clusters.values())
    out_path.write_text(json.dumps(docs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out_path.name}: {len(docs)} documents, {n} mentions")


if __name__ == "__main__":
    main()

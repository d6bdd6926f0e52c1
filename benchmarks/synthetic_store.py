"""Synthetic kg stores at scale, in the project's RDF shape, for the view benchmarks.

Writes N-Quads text directly (one named graph per article, the layout of
``kg/rdf/mapping.py``: articles with headline and date, sentences, typed and labelled
entities with aliases and mentions, statements with arguments, confidence, sentence and
provenance, direct relation triples, metonymy links) and bulk-loads it into a pyoxigraph
store on disk. Going through ArticleGraph objects would be ~10x slower at 5M quads.

Entity popularity follows a power law (a few hubs such as "China" in many articles, a
long tail seen once), like news. Seeded: the same arguments give the same store.

    python3 benchmarks/synthetic_store.py --entities 20000 --relations 50000 OUT_DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCT_ID = "http://purl.org/dc/terms/identifier"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

TYPES = ("Person", "Organization", "Country", "Place", "Group", "Event", "Law", "Product",
         "Concept")
VERBS = ("accuse", "meet", "impose", "approve", "sanction", "criticise", "sign", "visit",
         "support", "reject", "warn", "fund", "sue", "join", "leave", "praise", "attack",
         "buy", "sell", "investigate", "elect", "appoint", "ban", "raise", "cut", "announce",
         "threaten", "welcome", "condemn", "negotiate with")
SYLLABLES = ("ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "is", "ber", "qu",
             "zen", "ul", "fa", "ro", "mar", "tin", "ex", "ya")


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # N-Quads string escapes are JSON's


def _name(rng: random.Random, kind: str, i: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    if kind == "Person":
        return f"{word} {''.join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()}"
    if kind == "Concept":
        return word.lower() + f" {i}"
    return f"{word} {kind.lower()} {i}"


def quads(
    entities: int, relations: int, per_article: int = 10, seed: int = 7,
    xss: str | None = None,
) -> Iterator[str]:
    """N-Quads lines of a store with ``entities`` entities and about ``relations``
    distinct relation edges (statements spread over ``relations / per_article``
    articles, dated over 2024-2025). ``xss``, if given, becomes the label of entity 0 and
    part of every 50th sentence (for the views' safety checks)."""
    rng = random.Random(seed)
    kinds = [TYPES[min(int(rng.expovariate(0.45)), len(TYPES) - 1)] for _ in range(entities)]
    names = [_name(rng, kinds[i], i) for i in range(entities)]
    if xss is not None and entities:
        names[0] = xss
    weights = [1.0 / (i + 1) ** 0.9 for i in range(entities)]
    cumulative = list(_accumulate(weights))
    articles = max(1, relations // per_article)
    start = dt.date(2024, 1, 1)
    seen: set[int] = set()
    for a in range(articles):
        art = f"<{ID}article/syn-{a}>"
        g = art
        yield f"{art} <{RDF_TYPE}> <{KG}Article> {g} ."
        yield f"{art} <{DCT_ID}> {_lit(f'syn-{a}')} {g} ."
        yield f"{art} <{SCHEMA}headline> {_lit(f'Story {a}: {names[a % entities]}')} {g} ."
        day = start + dt.timedelta(days=(a * 731) // articles)
        yield f'{art} <{SCHEMA}datePublished> "{day.isoformat()}"^^<{XSD}date> {g} .'
        typed: set[int] = set()
        for k in range(per_article):
            # the first statements of the run introduce every entity once
            if len(seen) < entities and rng.random() < 0.6:
                s = len(seen)
            else:
                s = _pick(rng, cumulative)
            o = _pick(rng, cumulative)
            while o == s:
                o = rng.randrange(entities)
            seen.add(s)
            seen.add(o)
            verb = VERBS[(s * 7 + o) % len(VERBS)]
            rel = f"<{ID}relation/{verb.replace(' ', '_')}>"
            sent = f"<{ID}article/syn-{a}/sentence/{k}>"
            text = f"{names[s]} said they would {verb} {names[o]} in story {a}, sentence {k}."
            if xss is not None and (a * per_article + k) % 50 == 0:
                text += " " + xss
            yield f"{sent} <{RDF_TYPE}> <{KG}Sentence> {g} ."
            yield f'{sent} <{KG}index> "{k}"^^<{XSD}integer> {g} .'
            yield f"{sent} <{KG}text> {_lit(text)} {g} ."
            yield f"{sent} <{PROV_FROM}> {art} {g} ."
            for e in (s, o):
                ent = f"<{ID}entity/syn/{e}>"
                if e not in typed:
                    typed.add(e)
                    yield f"{ent} <{RDF_TYPE}> <{KG}{kinds[e]}> {g} ."
                    yield f"{ent} <{RDFS_LABEL}> {_lit(names[e])} {g} ."
                    if e % 5 == 0:
                        yield f"{ent} <{SKOS_ALT}> {_lit('alias of ' + names[e])} {g} ."
                    if kinds[e] == "Place" and e % 3 == 0:
                        yield f"{ent} <{KG}metonymFor> <{ID}entity/syn/{e // 3}> {g} ."
                m = f"<{ID}article/syn-{a}/mention/{k}-{e}>"
                yield f"{ent} <{KG}mention> {m} {g} ."
                yield f"{m} <{KG}sentence> {sent} {g} ."
            st = f"<{ID}statement/syn-{a}-{k}>"
            negated = "true" if k % 17 == 0 else "false"
            yield f"{rel} <{RDF_TYPE}> <{KG}Relation> {g} ."
            yield f"{rel} <{RDFS_LABEL}> {_lit(verb)} {g} ."
            yield f"{st} <{RDF_TYPE}> <{KG}Statement> {g} ."
            yield f"{st} <{KG}predicate> {rel} {g} ."
            yield f'{st} <{KG}negated> "{negated}"^^<{XSD}boolean> {g} .'
            yield f'{st} <{KG}confidence> "0.8"^^<{XSD}decimal> {g} .'
            yield f"{st} <{KG}sentence> {sent} {g} ."
            yield f"{st} <{PROV_FROM}> {art} {g} ."
            for role, e in (("subject", s), ("object", o)):
                arg = f"<{ID}statement/syn-{a}-{k}/{role}>"
                yield f"{st} <{KG}{role}> {arg} {g} ."
                yield f"{arg} <{KG}entity> <{ID}entity/syn/{e}> {g} ."
            if negated == "false":
                yield f"<{ID}entity/syn/{s}> {rel} <{ID}entity/syn/{o}> {g} ."


def _accumulate(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    import bisect

    return min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def build(path: Path | None, entities: int, relations: int, **options: object) -> ox.Store:
    """A pyoxigraph store (on disk at ``path``, in memory for None) of :func:`quads`."""
    store = ox.Store(str(path)) if path is not None else ox.Store()
    data = "\n".join(quads(entities, relations, **options)).encode("utf-8")  # type: ignore[arg-type]
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.optimize() if path is not None else None
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder of the new store (must not exist)")
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=50_000)
    parser.add_argument("--per-article", type=int, default=10)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"error: {args.out} exists; give a new folder", file=sys.stderr)
        return 1
    began = time.perf_counter()
    store = build(args.out, args.entities, args.relations, per_article=args.per_article)
    print(f"{len(store)} quads in {time.perf_counter() - began:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

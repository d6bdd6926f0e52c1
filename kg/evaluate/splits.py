"""The frozen tune / held-out split of the CaRB dev sentences (issues 8 and 9).

Rule priors were once chosen while looking at all of dev, so a score on dev says how
well kg fits dev, not how well it generalises. From 2026-12-02 on, dev is cut into
blocks of :data:`BLOCK` consecutive sentences and a seeded half of the blocks is
**held out**: never looked at while writing or tuning rules, scored only to report.
Blocks (not single sentences) so that issue 9's pseudo-articles (consecutive dev
sentences read as one text) fall wholly on one side.

>>> tune, held = split(641)
>>> len(tune) + len(held), len(set(tune) & set(held))
(641, 0)
>>> held[:3] == sorted(held)[:3]
True
"""

from __future__ import annotations

import random

#: Consecutive sentences per block (a pseudo-article).
BLOCK = 10
#: The seed the split was drawn with; changing it unfreezes the held-out half.
SEED = 20261202


def blocks(n_lines: int) -> list[range]:
    """Line indices (0-based) of each block of a file of ``n_lines`` lines."""
    return [range(i, min(i + BLOCK, n_lines)) for i in range(0, n_lines, BLOCK)]


def held_out_blocks(n_lines: int) -> list[int]:
    """Indices of the held-out blocks, ascending: a seeded half of all blocks."""
    count = len(blocks(n_lines))
    return sorted(random.Random(SEED).sample(range(count), count // 2))


def split(n_lines: int) -> tuple[list[int], list[int]]:
    """(tune, held-out) line indices, 0-based and ascending."""
    held = set(held_out_blocks(n_lines))
    tune: list[int] = []
    out: list[int] = []
    for index, block in enumerate(blocks(n_lines)):
        (out if index in held else tune).extend(block)
    return tune, out


__all__ = ["BLOCK", "SEED", "blocks", "held_out_blocks", "split"]

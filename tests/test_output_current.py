"""The committed example outputs in ``output/`` are current and deterministic.

Rebuilds the example into a fresh folder and compares every committed text export
and the HTML byte for byte. If this fails after an intended change, regenerate with
``kg build examples/china-fentanyl-tariffs.txt --out output --quiet`` and commit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.pipeline import DEFAULT_EXPORTS, HTML_NAME, build

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "output"
FILES = [*DEFAULT_EXPORTS, HTML_NAME]
#: As in the README's regeneration command (the source path is recorded in the graph).
EXAMPLE_ARG = "examples/china-fentanyl-tariffs.txt"


def build_example(out: Path) -> None:
    """Build the example from the repository root, exactly as the README says."""
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        report = build([EXAMPLE_ARG], out=out)
    finally:
        os.chdir(cwd)
    assert not report.errors


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    build_example(out)
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_output_is_current(fresh: Path, name: str) -> None:
    committed = COMMITTED / name
    assert committed.is_file(), f"{committed} is missing; regenerate the example outputs"
    assert (fresh / name).read_bytes() == committed.read_bytes(), (
        f"{name} is stale: run kg build examples/china-fentanyl-tariffs.txt --out output --quiet"
    )


def test_build_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    build_example(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (fresh / name).read_bytes(), name

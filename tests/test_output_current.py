"""The committed example outputs in ``output/`` are current and deterministic.

Rebuilds the example into a fresh folder and compares every committed text export
and the HTML byte for byte. If this fails after an intended change, regenerate with
``kg build examples/china-fentanyl-tariffs.txt --out output --quiet`` and commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import DEFAULT_EXPORTS, HTML_NAME, build

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "output"
FILES = [*DEFAULT_EXPORTS, HTML_NAME]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    report = build([example_path], out=out)
    assert not report.errors
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_output_is_current(fresh: Path, name: str) -> None:
    committed = COMMITTED / name
    assert committed.is_file(), f"{committed} is missing; regenerate the example outputs"
    assert (fresh / name).read_bytes() == committed.read_bytes(), (
        f"{name} is stale: run kg build examples/china-fentanyl-tariffs.txt --out output --quiet"
    )


def test_build_is_deterministic(fresh: Path, tmp_path: Path, example_path: Path) -> None:
    build([example_path], out=tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (fresh / name).read_bytes(), name

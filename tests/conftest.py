"""Shared fixtures: the spaCy pipeline (loaded once) and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg import nlp as kg_nlp

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "china-fentanyl-tariffs.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default English pipeline (en_core_web_sm 3.8.0)."""
    return kg_nlp.load()


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE

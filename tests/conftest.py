"""Shared fixtures: the spaCy pipeline and Debian Chromium (each started once), paths to
shared data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


#: Headless Debian Chromium, nothing it would fetch on its own (updates, sync).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (its own browser download is unreachable)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian chromium is not on PATH; install it with: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()

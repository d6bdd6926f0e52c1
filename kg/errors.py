"""Errors that reach the user as one line: ``Error: <what> (<value>); <fix>``.

Library code raises a :class:`KgError` subclass; the CLI prints ``Error: {err}`` and
exits with status 1. Messages name the offending value and say how to fix it, so a
user never needs a traceback to understand a mistake of theirs.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg reports to a user."""


class InputError(KgError):
    """An input (file, folder, stdin, JSON line) cannot be read as an article."""


class ModelError(KgError):
    """The requested spaCy pipeline is not installed or cannot be loaded."""


class StoreError(KgError):
    """The RDF store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be run."""


class FormatError(KgError):
    """An unknown output or input format was asked for."""


class InputWarning(KgError):
    """Something in an input was repaired, not refused (a stray NUL byte dropped, a legacy
    encoding guessed). Ingest yields it beside the article; the CLI prints
    ``Warning: ...`` and the build goes on. Never raised."""


class OutputError(KgError):
    """An output path (folder, store, file) cannot be written."""


class DiskFullError(KgError):
    """An output file or the store could not be written because the disk (or the
    user's quota) is full. The message names the path and how to get around it
    (:func:`kg.fsio.disk_full` builds it)."""


class EntityNotFoundError(KgError):
    """No entity of the graph has the label (or alias) a user asked for."""

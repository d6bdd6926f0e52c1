"""The ``kg`` command line: thin wrappers that parse arguments and call kg functions.

Every command turns a :class:`kg.errors.KgError` into one line ``Error: ...`` on
stderr and exit status 1; no user mistake ends in a traceback.
"""

from __future__ import annotations

from kg.cli.common import app

# importing a command module registers its commands on ``app``; ``kg --help`` lists them
# in this order (builds first)
# isort: off
from kg.cli import writing  # noqa: F401
from kg.cli import reading  # noqa: F401
from kg.cli import tools  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()

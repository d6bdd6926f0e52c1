"""kg's version, in a module of its own so that any layer can name it (the HTML page's
generator tag) without importing the package's public facade, which sits on top.

Keep it equal to ``version`` in pyproject.toml (tests/test_cli_help.py checks it).
"""

__version__ = "0.1.0"

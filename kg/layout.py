"""Where kg writes by default: the output folder and the names of the files in it.

One definition for the CLI, the build pipeline and the docs. Light on purpose (no
imports beyond pathlib), so the CLI can read it before loading anything heavy.
"""

from __future__ import annotations

from pathlib import Path

#: The output folder of ``kg build`` when ``--out`` is not given.
DEFAULT_OUT = Path("output")
#: The store's folder inside the output folder (``output/store``).
STORE_NAME = "store"
#: Text exports written next to the HTML by ``kg build``; file name → export format.
DEFAULT_EXPORTS: dict[str, str] = {
    "graph.ttl": "turtle",
    "graph.trig": "trig",
    "graph.nq": "nquads",
    "graph.jsonld": "jsonld",
}
#: The HTML view inside the output folder.
HTML_NAME = "graph.html"


def default_store_path(out: str | Path) -> Path:
    """The store used when ``--store`` is not given: ``<out>/store``."""
    return Path(out) / STORE_NAME


__all__ = ["DEFAULT_EXPORTS", "DEFAULT_OUT", "HTML_NAME", "STORE_NAME", "default_store_path"]

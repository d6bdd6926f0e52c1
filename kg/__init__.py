"""kg: turn news articles into an RDF knowledge graph you can query and explore."""

from kg.errors import KgError

__version__ = "0.1.0"

__all__ = ["KgError", "__version__"]

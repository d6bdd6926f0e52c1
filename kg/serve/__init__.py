"""``kg serve``: the store as a read-only SPARQL 1.1 endpoint, with a query page.

:func:`create_app` builds the Starlette app (mount more routes with ``extra_routes``);
:func:`serve` runs it under uvicorn. See docs/serve.md.
"""

from kg.serve.app import Endpoint, Settings, create_app
from kg.serve.run import DEFAULT_HOST, DEFAULT_PORT, ServeError, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Endpoint", "ServeError", "Settings", "create_app",
           "serve"]

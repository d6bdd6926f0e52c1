"""Running the endpoint: checks on the bind address, then uvicorn.

:func:`check_bind` refuses to listen beyond this machine without a token: anybody who
can reach the port could otherwise read the whole graph (and keep the workers busy).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError
from kg.serve.app import Endpoint, Settings, create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServeError(KgError):
    """``kg serve`` was asked for something it refuses (a bind, a limit)."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-loopback ``host`` without a token, in one line naming the fix."""
    if not is_loopback(host) and not token:
        raise ServeError(
            f"--host {host} is reachable from other machines and needs a token; pass "
            "--token SECRET (clients then send Authorization: Bearer SECRET), or keep "
            f"--host {DEFAULT_HOST}")


def check_settings(settings: Settings, port: int) -> None:
    """One-line errors for limits that make no sense."""
    if not 0 <= port <= 65535:
        raise ServeError(f"port out of range ({port}); pass --port between 1 and 65535")
    if settings.timeout <= 0:
        raise ServeError(f"timeout must be more than 0 seconds ({settings.timeout:g}); "
                         "a served query always has a limit, e.g. --timeout 30")
    if settings.max_rows < 0:
        raise ServeError(f"max rows must be 0 or more ({settings.max_rows}); pass "
                         "--max-rows 0 for no cap")
    if settings.workers < 0:
        raise ServeError(f"workers must be 0 or more ({settings.workers}); pass --workers 0 "
                         "for one per core")
    if settings.max_memory_mb < 0:
        raise ServeError(f"memory limit must be 0 or more MB ({settings.max_memory_mb}); "
                         "pass --max-memory 0 for no limit")


def serve(
    store: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    settings: Settings | None = None,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve ``store`` on ``host:port`` until interrupted (Ctrl-C stops it cleanly).

    ``announce`` is given one line saying where the server listens, once the store is
    open and just before it starts listening."""
    import uvicorn

    settings = settings or Settings()
    check_bind(host, settings.token)
    check_settings(settings, port)
    endpoint = Endpoint(store, settings)  # a missing or locked store fails here
    try:
        app = create_app(endpoint)
        if announce is not None:
            shown = f"[{host}]" if ":" in host else host
            announce(f"kg serve: http://{shown}:{port}/ (SPARQL at /sparql), store {store}; "
                     "Ctrl-C stops")
        config = uvicorn.Config(app, host=host.strip("[]"), port=port, log_level="warning",
                                timeout_graceful_shutdown=2, access_log=False)
        uvicorn.Server(config).run()
    finally:
        endpoint.close()


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServeError", "check_bind", "check_settings",
           "is_loopback", "serve"]

"""Assertions shared by the CLI tests (imported like hand_parse: tests/ is on sys.path)."""

from __future__ import annotations

from typing import Any


def error_line(result: Any) -> str:
    """The single stderr line of a failed command (exit 1, no traceback)."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output
    return str(lines[0])

"""Every command's help shows an example; ``kg --help`` lists the commands."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app

COMMANDS = [
    "build", "query", "export", "render", "stats", "articles", "path", "communities",
    "remove", "openie",
]


def test_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
    assert "kg build examples/china-fentanyl-tariffs.txt" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: kg {command}" in result.output


def test_version_matches_the_package_metadata() -> None:
    import tomllib
    from pathlib import Path

    import kg
    from kg.version import __version__

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert kg.__version__ == __version__ == declared

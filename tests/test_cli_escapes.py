"""Error and warning lines never send a file name's control characters to the terminal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app


def test_error_line_escapes_control_characters_of_a_file_name(tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;pwned\x07\x1b[31mred.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = CliRunner().invoke(app, ["build", str(bad), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert "\x1b" not in line and "\x07" not in line
    assert line == (
        f"Error: not a text file ({tmp_path}/\\x1b]0;pwned\\x07\\x1b[31mred.txt); "
        "pass a text, Markdown, HTML, JSON Lines or CSV file, "
        "or a .zip or .tar archive of them"
    )

"""The README's Python example runs as written, and the public API is importable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import kg

REPO = Path(__file__).resolve().parents[1]


def test_public_names_resolve() -> None:
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_readme_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "README has a Python example"
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(block.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert "Donald Trump" in printed and "Joe Biden" in printed
    assert (tmp_path / "output" / "graph.html").is_file()

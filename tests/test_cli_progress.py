"""Multi-article builds show a progress bar on a terminal (articles built of the total,
time left), and none when piped or quiet."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = [
    "The mayor of Springfield opened a new bridge on Monday. Officials said it cost $4 million.",
    "Acme Corp hired 300 workers in Ohio. The company said demand had doubled since 2023.",
    "Rain flooded roads in Lisbon on Tuesday. Portugal's government sent emergency crews.",
]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for i, text in enumerate(ARTICLES):
        (tmp_path / "in" / f"a{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"a{i}.txt").write_text(text + "\n")
    return tmp_path


def run_in_terminal(args: list[str], cwd: Path) -> str:
    """Run ``kg`` with a pseudo-terminal as stdout/stderr; return everything it wrote."""
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args], stdout=child, stderr=child,
        stdin=subprocess.DEVNULL, cwd=cwd, env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_shown_on_a_terminal(folder: Path) -> None:
    output = run_in_terminal(["build", "in", "--out", "out", "--no-html"], folder)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)  # colours and cursor moves out
    assert "building" in plain and "3/3 articles" in plain and " left " in plain
    assert "Built 3 article(s)" in output


def test_no_progress_with_quiet(folder: Path) -> None:
    output = run_in_terminal(["build", "in", "--out", "out", "--quiet", "--no-html"], folder)
    assert "building" not in output and "articles" not in output
    assert "Built" not in output


def test_no_progress_when_piped(folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "in", "--out", "out", "--no-html"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=folder,
    )
    assert proc.returncode == 0, proc.stderr
    assert "building" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith("Built 3 article(s)")


def test_the_total_counts_only_what_the_build_parses(folder: Path) -> None:
    """``planned`` gets the articles this build will parse: not those kept unchanged."""
    from kg.pipeline import build

    totals: list[int] = []
    stored: list[str] = []
    options = {"out": folder / "out", "render": False, "exports": False, "workers": 0,
               "planned": totals.append, "progress": lambda a: stored.append(a.id)}
    build([folder / "in"], **options)
    (folder / "in" / "a9.txt").write_text("Oil prices rose in Asia on Friday.\n")
    build([folder / "in"], **options)
    assert totals == [3, 1] and len(stored) == 4

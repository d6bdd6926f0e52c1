"""Inputs: missing paths, folders (sorted, hidden skipped), stdin sniffing, empty input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import check_inputs, iter_articles, read_article
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"


def test_check_inputs_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "x.txt"
    with pytest.raises(InputError) as err:
        check_inputs([DATA / "storm.md", missing])
    assert str(err.value) == (
        f"input not found ({missing}); check the path, or pass - to read standard input"
    )


def test_check_inputs_accepts_files_folders_and_stdin() -> None:
    check_inputs([DATA / "storm.md", DATA / "folder", "-"])


def test_folder_recursive_sorted_hidden_skipped() -> None:
    folder = DATA / "folder"
    articles = list(iter_articles([folder]))
    assert [a.source for a in articles if isinstance(a, Article)] == [
        str(folder / "a.txt"), str(folder / "sub" / "b.txt"),
    ]
    assert len(articles) == 2


def test_stdin_text_read_once() -> None:
    stdin = io.StringIO("date 2025-03-13\nRain fell on Wednesday.\n\nRivers rose.\n")
    items = list(iter_articles(["-", "-"], stdin=stdin))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article)
    assert (article.source, article.date, article.text) == (
        "<stdin>", "2025-03-13", "Rain fell on Wednesday.\n\nRivers rose.",
    )


def test_stdin_bytes_detects_jsonl() -> None:
    data = b'{"text": "One."}\n{"text": "Two.", "id": "two"}\n'
    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [(a.text, a.source) for a in items if isinstance(a, Article)] == [
        ("One.", "<stdin>:1"), ("Two.", "<stdin>:2"),
    ]
    assert isinstance(items[1], Article) and items[1].id == "two"


def test_stdin_detects_html() -> None:
    html = (DATA / "storm.html").read_bytes()
    [article] = iter_articles(["-"], stdin=io.BytesIO(html))
    assert isinstance(article, Article)
    assert article.title == "Storm cuts power to thousands"
    assert article.text.startswith("A powerful storm hit")


def test_stdin_detects_markdown() -> None:
    [article] = iter_articles(["-"], stdin=io.StringIO("# Head\n\nSome **bold** [news](x).\n"))
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Head", "Some bold news.")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == (
        f"no article text found ({path}); the input is empty or holds only page boilerplate"
    )


def test_missing_path_in_batch_is_yielded(tmp_path: Path) -> None:
    items = list(iter_articles([tmp_path / "gone.txt", DATA / "folder" / "a.txt"]))
    assert isinstance(items[0], InputError) and isinstance(items[1], Article)


def test_directory_unreadable_as_file_is_reported(tmp_path: Path) -> None:
    from kg.ingest import read_articles

    [error] = read_articles(tmp_path)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"cannot read input ({tmp_path}); ")

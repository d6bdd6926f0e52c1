"""CSV and TSV inputs: one article per row under a header that names a ``text`` column
(the JSON Lines fields as columns), sources at the row's first line, quoted paragraphs
kept, rows without text and files without a text column named, quoting the reader
cannot follow one error that keeps the rows before it — never a silent merge of rows."""

from __future__ import annotations

import zipfile
from pathlib import Path

from kg.errors import InputError
from kg.ingest import iter_articles
from kg.model import Article
from kg.pipeline import source_order


def read(path: Path) -> list[object]:
    return list(iter_articles([path]))


def test_rows_are_articles_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "ID, Title ,text,url,date,publication\n"
        '7,Storm hits coast,"Rain fell on Dover.\n\nRivers rose, and roads closed.",'
        "https://x.org/a,2024-03-01,Daily\n"
        ",,Shell sold its Nigerian oil fields.,,,\n"
        "\n"
        "9,Empty,   ,,,\n", encoding="utf-8")
    items = read(path)
    first, second, error = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Rain fell on Dover.\n\nRivers rose, and roads closed."
    assert (first.title, first.url, first.date, first.source) == (
        "Storm hits coast", "https://x.org/a", "2024-03-01", f"{path}:2")
    assert second.source == f"{path}:5" and second.title is None
    assert str(error) == f"CSV row without article text ({path}:7); give each row a non-empty text"


def test_tsv_and_an_excel_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "news.tsv"
    tsv.write_text("title\ttext\nMarkets\tShares fell, then rose.\n", encoding="utf-8")
    (article,) = read(tsv)
    assert isinstance(article, Article) and article.text == "Shares fell, then rose."
    excel = tmp_path / "excel.csv"  # a byte-order mark and Windows-1252 quotes
    excel.write_bytes(b"\xef\xbb\xbftext\r\n\"Caf\xc3\xa9 owners said \"\"no\"\".\"\r\n")
    (article,) = read(excel)
    assert isinstance(article, Article) and article.text == 'Café owners said "no".'


def test_a_file_without_a_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "kaggle.csv"
    path.write_text("id,title,content\n1,A,Rain fell.\n", encoding="utf-8")
    assert [str(i) for i in read(path)] == [
        f"CSV without a text column ({path}: columns id, title, content); rename the column "
        'that holds the articles to "text"']


def test_bad_quoting_stops_the_file_and_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('text\nRain fell in Paris.\n"Snow fell" in Oslo.\nSun shone in Rome.\n',
                    encoding="utf-8")
    first, error = read(path)
    assert isinstance(first, Article) and first.text == "Rain fell in Paris."
    assert isinstance(error, InputError)
    assert str(error).startswith(f"invalid CSV ({path}:3: ")
    unterminated = tmp_path / "open.csv"
    unterminated.write_text('text\n"Rain fell.\nSnow fell.\nSun shone.\n', encoding="utf-8")
    (error,) = read(unterminated)  # not one article made of every row after the quote
    assert str(error).startswith(f"invalid CSV ({unterminated}:")


def test_long_fields_and_many_rows(tmp_path: Path) -> None:
    long = "Prices rose again in Asia. " * 6000  # 162,000 characters: over csv's default
    path = tmp_path / "big.csv"
    rows = "".join(f'"{long if i == 3 else f"Article {i} says Rome won."}"\n' for i in range(12))
    path.write_text("text\n" + rows, encoding="utf-8")
    items = read(path)
    assert all(isinstance(i, Article) for i in items) and len(items) == 12
    sources = [i.source for i in items if isinstance(i, Article)]
    assert sorted(reversed(sources), key=source_order) == sources  # row 10 after row 9


def test_a_csv_in_an_archive(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        z.writestr("2024/news.csv", "text\nRain fell.\nSnow fell.\n")
    items = read(tmp_path / "c.zip")
    assert [i.source for i in items if isinstance(i, Article)] == [
        f"{tmp_path / 'c.zip'}:2024/news.csv:2", f"{tmp_path / 'c.zip'}:2024/news.csv:3"]

"""Fault fuzz for tabular and packed inputs (the checks of ``test_fault_fuzz``): random
CSV and TSV files (stray quotes, delimiters and line breaks in cells, headers with and
without a text column), and random archives — zip, tar, gzip'd tar, gzip'd files — with
hostile member names, every kind of member content, nested archives, directories, and
archives cut short. Ingest yields only articles, errors and warnings (one line each);
what it yields parses, stores and exports; the CLI exits 0 or 1 with ``Error:`` lines,
never a traceback."""

from __future__ import annotations

import gzip
import io
import tarfile
import warnings
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from test_fault_fuzz import (
    DOCUMENT,
    JSONL,
    MARKDOWN,
    RAW_BYTES,
    TRIED,
    _report_tried,  # noqa: F401 - the autouse fixture: prints what was tried at the end
    budget,
    check_cli_folder,
    run_library,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own parsers

CELL = st.one_of(
    DOCUMENT,
    st.sampled_from(['"', '""', ",", "\n", "\r\n", "\t", 'a"b', "\x00", "\ufeff", "text", " "]),
    st.text(max_size=30),
)
HEADER = st.sampled_from(["text", "Text ", " TEXT", "title", "url", "date", "id", "body", "",
                          "\x00", '"text"', "text,title"])


@st.composite
def table(draw: st.DrawFn) -> tuple[bytes, str]:
    """A CSV or TSV file: a header, rows of random cells, quoted properly or not at all."""
    delimiter = draw(st.sampled_from([",", "\t"]))
    quoted = draw(st.booleans())

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quoted else value

    header = draw(st.lists(HEADER, max_size=5))
    rows = draw(st.lists(st.lists(CELL, max_size=6), max_size=5))
    lines = [delimiter.join(cell(h) for h in header)]
    lines += [delimiter.join(cell(c) for c in row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    return text.encode("utf-8"), ".csv" if delimiter == "," else ".tsv"


TABLE = table()
NAME = st.one_of(
    st.sampled_from(["a.txt", "dir/b.md", "../../etc/passwd", "/abs/c.txt", ".hidden.txt",
                     "__MACOSX/._a.txt", "n.jsonl", "t.csv", "x.html", "inner.zip", "g.ttl",
                     "d/", "deep/er/f.txt", "news.jsonl.gz", "./dot.txt", "a.txt"]),
    st.text("abcé/._-", min_size=1, max_size=12),
)
CONTENT = st.one_of(
    DOCUMENT.map(str.encode), MARKDOWN.map(str.encode), JSONL.map(str.encode),
    TABLE.map(lambda t: t[0]), RAW_BYTES,
)


@st.composite
def archive(draw: st.DrawFn) -> tuple[bytes, str]:
    """An archive of random members, sometimes cut short."""
    kind = draw(st.sampled_from([".zip", ".tar", ".tar.gz", ".txt.gz", ".jsonl.gz"]))
    members = draw(st.lists(st.tuples(NAME, CONTENT), max_size=4))
    buffer = io.BytesIO()
    if kind == ".zip":
        with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as z:
            warnings.simplefilter("ignore")  # duplicate names are the point
            for name, data in members:
                z.writestr(name, data)
    elif kind.startswith(".tar"):
        with tarfile.open(fileobj=buffer, mode="w:gz" if kind.endswith("gz") else "w") as t:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    else:
        buffer.write(gzip.compress(members[0][1] if members else b""))
    data = buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:  # a download cut short
        data = data[: draw(st.integers(0, len(data)))]
    return data, kind


ARCHIVE = archive()


@budget(40)
@given(file=TABLE)
def test_random_csv_and_tsv(nlp: Language, file: tuple[bytes, str]) -> None:
    TRIED["csv"] += 1
    run_library(nlp, *file)


@budget(40)
@given(file=ARCHIVE)
def test_random_archives(nlp: Language, file: tuple[bytes, str]) -> None:
    TRIED["archive"] += 1
    run_library(nlp, *file)


@budget(10)
@given(files=st.lists(st.one_of(ARCHIVE, TABLE), min_size=1, max_size=2))
def test_cli_build_archives_and_tables(nlp: Language, files: list[tuple[bytes, str]]) -> None:
    TRIED["cli_packed"] += 1
    check_cli_folder(files)

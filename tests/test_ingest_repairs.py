"""Repaired inputs (issue 7 b, g, h): warnings, not refusals, and binaries still refused.

* a stray NUL byte in a text file is dropped with an InputWarning;
* a file that is not UTF-8 and is read as a legacy encoding gives an InputWarning naming
  the file and the encoding;
* JSON Lines on stdin is detected from its first line, so bad lines give the same
  per-line errors as in a named ``.jsonl`` file instead of one plain-text article.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest

from kg.errors import InputError, InputWarning
from kg.ingest import iter_articles, read_article
from kg.ingest.decode import decode
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"
STORY = "Rain fell on Tuesday in the north of the country.\n\nRivers rose, officials said.\n"


def _kinds(items: list[Article | InputError | InputWarning]) -> list[str]:
    return [type(i).__name__ for i in items]


def test_stray_nul_dropped_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(STORY.replace("Tuesday", "Tues\x00day").encode() + b"\x00\x00")
    items = list(iter_articles([path]))
    assert _kinds(items) == ["InputWarning", "Article"]
    assert str(items[0]) == (
        f"stray NUL bytes dropped ({path}): 3 NUL byte(s) removed; "
        "check the file was saved as text"
    )
    article = items[1]
    assert isinstance(article, Article) and "Tuesday" in article.text
    assert "\x00" not in article.text


def test_few_nuls_in_short_text_dropped() -> None:
    result = decode(b"Rain\x00 fell.\x00\x00", "x.txt")
    assert result.text == "Rain fell." and len(result.warnings) == 1


def test_nul_in_bom_text_dropped() -> None:
    data = STORY.replace("Rivers", "Riv\x00ers").encode("utf-16")
    result = decode(data, "x.txt")
    assert result.text == STORY and len(result.warnings) == 1


def _png() -> bytes:
    """A small real PNG: signature, IHDR, one IDAT of compressed pixels, IEND."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(
            4, "big"
        )
    pixels = zlib.compress(bytes(range(256)) * 64)
    header = (16).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b""
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("story.txt", STORY * 40)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _png(),
        _zip(),
        gzip.compress((STORY * 40).encode()),
        (STORY * 5).encode("utf-16-le"),
        (STORY * 5).encode("utf-32-be"),
        b"%PDF-1.4\n" + zlib.compress(bytes(range(256)) * 20) + b"\n%%EOF\n",
        b"\x7fELF\x02\x01\x01" + bytes(200) + b"text" * 10,
        STORY.encode() + b"\x00" * 20,
    ],
    ids=["png", "zip", "gzip", "utf16-no-bom", "utf32-no-bom", "pdf", "elf", "many-nuls"],
)
def test_binaries_still_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    [item] = iter_articles([path])
    assert isinstance(item, InputError)
    assert str(item).startswith(f"not a text file ({path}); ")


def test_legacy_encoding_warned(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes((DATA / "legacy-cp1252.txt").read_bytes())
    items = list(iter_articles([path]))
    assert _kinds(items) == ["InputWarning", "Article"]
    assert str(items[0]) == (
        f"not UTF-8 ({path}): read as cp1252; re-save the file as UTF-8 to be sure"
    )
    assert read_article(path).text.startswith("The café’s owner")


def test_utf8_and_bom_files_give_no_warning(tmp_path: Path) -> None:
    for name, data in (("a.txt", STORY.encode()), ("b.txt", STORY.encode("utf-8-sig")),
                       ("c.txt", STORY.encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(data)
        assert _kinds(list(iter_articles([path]))) == ["Article"]


def test_stdin_nul_warned_as_stdin() -> None:
    items = list(iter_articles(["-"], stdin=io.BytesIO(STORY.encode() + b"\x00")))
    assert _kinds(items) == ["InputWarning", "Article"]
    assert str(items[0]).startswith("stray NUL bytes dropped (<stdin>): 1 NUL byte(s)")


def test_stdin_text_stream_nul_warned() -> None:
    items = list(iter_articles(["-"], stdin=io.StringIO(STORY + "\x00")))
    assert _kinds(items) == ["InputWarning", "Article"]


MALFORMED_JSONL = (
    '{"text": "Rain fell on Tuesday, officials said.", "id": "one"}\n'
    "\n"
    '{"text": "Rivers rose on Wednesday." \n'
    '{"title": "no text"}\n'
    '{"text": "Schools reopened on Thursday.", "id": "three"}\n'
)


def test_malformed_jsonl_on_stdin_reported_per_line() -> None:
    items = list(iter_articles(["-"], stdin=io.BytesIO(MALFORMED_JSONL.encode())))
    assert [a.id for a in items if isinstance(a, Article)] == ["one", "three"]
    assert [str(e) for e in items if isinstance(e, InputError)] == [
        'invalid JSON line (<stdin>:3); each line must be one JSON object with a "text" field',
        'JSON line without article text (<stdin>:4); give each line a non-empty "text" string',
    ]


def test_stdin_and_named_jsonl_agree(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(MALFORMED_JSONL)
    named = [str(i).replace(str(path), "<stdin>") if isinstance(i, InputError) else i.text
             for i in iter_articles([path])]
    piped = [str(i) if isinstance(i, InputError) else i.text
             for i in iter_articles(["-"], stdin=io.StringIO(MALFORMED_JSONL))]
    assert named == piped


def test_jsonl_text_with_unicode_line_separators_is_one_record(tmp_path: Path) -> None:
    """JSON allows raw U+2028/U+2029/U+0085 in strings; they do not end a JSON line."""
    body = "Rain fell\u2028on Tuesday.\u2029Rivers rose\x85again."
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"text": body, "id": "u"}, ensure_ascii=False) + "\n")
    items = list(iter_articles([path]))
    assert _kinds(items) == ["Article"]


def test_prose_starting_with_brace_still_text() -> None:
    [article] = iter_articles(["-"], stdin=io.StringIO("{Update} Rain fell on Tuesday.\n"))
    assert isinstance(article, Article) and article.text == "{Update} Rain fell on Tuesday."


def test_short_latin_text_named_cp1252() -> None:
    """charset-normalizer may name cp1250 for bytes cp1252 decodes the same way; the
    warning names the code page English news uses."""
    data = "Café owners said prices rose on Tuesday in the old town.\n".encode("cp1252")
    [warning] = decode(data, "old.txt").warnings
    assert str(warning).startswith("not UTF-8 (old.txt): read as cp1252; ")


@pytest.mark.parametrize(
    "line",
    ['{"text": "x", "id": ' + "9" * 5000 + "}", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"],
    ids=["huge-int", "deep-nesting"],
)
def test_unreadable_json_line_is_a_line_error(tmp_path: Path, line: str) -> None:
    """Valid JSON that json.loads still refuses (ValueError, RecursionError) is one bad line."""
    path = tmp_path / "b.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": "Rain fell on Tuesday."}) + "\n")
    items = list(iter_articles([path]))
    assert _kinds(items) == ["InputError", "Article"]
    assert str(items[0]).startswith(f"invalid JSON line ({path}:1); ")


def test_lone_surrogates_replaced() -> None:
    """JSON can escape a lone surrogate and a text stream can carry one; neither can be
    written as UTF-8, so ingest replaces them instead of failing on the id hash."""
    line = '{"text": "\\ud800 lone surrogate escape", "title": "T\\udfff"}\n'
    for stdin in (io.StringIO(line), io.BytesIO(line.encode())):
        [article] = iter_articles(["-"], stdin=stdin)
        assert isinstance(article, Article)
        assert article.text == "\ufffd lone surrogate escape" and article.title == "T\ufffd"
    [article] = iter_articles(["-"], stdin=io.StringIO("Rain \udc80fell on Tuesday."))
    assert isinstance(article, Article) and article.text == "Rain \ufffdfell on Tuesday."

"""Encodings: UTF-8 with/without BOM, Windows-1252 and Latin-1 detected, binaries refused.

Stray NULs and the legacy-encoding warning are covered in test_ingest_repairs.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_article
from kg.ingest.decode import decode_bytes

DATA = Path(__file__).parent / "data" / "ingest"


def test_windows_1252_file() -> None:
    article = read_article(DATA / "legacy-cp1252.txt")
    assert article.text == (
        "The café’s owner, José Martínez, said “we lost £5,000” — and the naïve plan failed."
        "\n\nPrices in München rose by 10 per cent."
    )


def test_utf8_bom_dropped_and_header_read() -> None:
    article = read_article(DATA / "bom-utf8.txt")
    assert article.date == "2024-10-02"
    assert article.text == "Rain fell on Tuesday.\n\nRivers rose."


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_decode_round_trip(encoding: str) -> None:
    text = "Señor Müller paid £40 for the café's crème brûlée, a reporter said."
    assert decode_bytes(text.encode(encoding), "x.txt") == text


def test_binary_refused() -> None:
    path = DATA / "binary.txt"
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == (
        f"not a text file ({path}); pass a text, Markdown, HTML, JSON Lines or CSV file, "
        "or a .zip or .tar archive of them"
    )


@pytest.mark.parametrize(
    "data",
    [b"a\x00b\x00c\x00d\x00", b"\x00", bytes(range(1, 32)) * 4, "Rain fell.".encode("utf-16-le")],
)
def test_control_bytes_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        decode_bytes(data, "x.bin")

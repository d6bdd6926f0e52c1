"""Bytes → str for article inputs: UTF-8 first, legacy encodings detected, binaries refused.

Why this order: nearly all modern text is UTF-8 (a BOM is honoured and dropped), and a
strict UTF-8 decode never succeeds by accident on Windows-1252 text with accented or
curly-quote bytes. Only when UTF-8 fails do we ask charset-normalizer. On short English
text it often ranks several single-byte code pages as equally clean (cp1250 before
cp1252, say); English news is overwhelmingly Windows-1252 or Latin-1, so among the
equally clean candidates we prefer those two.

Repairs are reported, not hidden: a guessed legacy encoding and stray NUL bytes (a
text file with a NUL or two from a bad copy or editor) give an
:class:`~kg.errors.InputWarning` beside the text. Real binaries (images, archives,
PDFs, UTF-16 without a BOM) hold many NULs or control characters and are refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from kg.errors import InputError, InputWarning

#: Preferred legacy encodings when charset-normalizer finds several equally clean ones.
PREFERRED_LEGACY: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Share of control characters (other than tab, newlines, form feed) that marks a binary.
_MAX_CONTROL_SHARE = 0.01
#: The control characters that count against a text: all below U+0020 but tab, line
#: feed, carriage return and form feed.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
#: Share of NUL bytes up to which they are taken as stray and dropped (at least
#: :data:`_STRAY_NULS` of them in a short text); beyond it the input is a binary or UTF-16.
_MAX_NUL_SHARE = 0.01
_STRAY_NULS = 3


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the warnings about what was repaired on the way."""

    text: str
    warnings: tuple[InputWarning, ...] = ()


def not_text_error(source: str) -> InputError:
    """The error for an input that is not text (an image, a PDF, a .7z archive...)."""
    return InputError(
        f"not a text file ({source}); pass a text, Markdown, HTML, JSON Lines or CSV file, "
        "or a .zip or .tar archive of them"
    )


def nul_warning(source: str, count: int) -> InputWarning:
    """The warning for ``count`` stray NUL bytes dropped from ``source``."""
    return InputWarning(
        f"stray NUL bytes dropped ({source}): {count} NUL byte(s) removed; "
        "check the file was saved as text"
    )


def legacy_warning(source: str, encoding: str) -> InputWarning:
    """The warning for an input that was not UTF-8 and was read as ``encoding``."""
    return InputWarning(
        f"not UTF-8 ({source}): read as {encoding}; re-save the file as UTF-8 to be sure"
    )


def decode_bytes(data: bytes, source: str) -> str:
    """The text of ``data`` read from ``source`` (see :func:`decode`), warnings dropped.

    >>> decode_bytes("The café’s owner said prices rose.".encode("cp1252"), "x.txt")
    'The café’s owner said prices rose.'
    """
    return decode(data, source).text


def decode(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source`` (named in errors and warnings) into text.

    A BOM decides the encoding; otherwise UTF-8, else the legacy encoding
    charset-normalizer finds (with a warning). Stray NULs are dropped (with a warning).
    Raises :class:`InputError` for binary data: too many NULs or control characters,
    or no text encoding found.

    >>> result = decode(b"Rain fell.\\x00", "x.txt")
    >>> result.text, str(result.warnings[0]).split(";")[0]
    ('Rain fell.', 'stray NUL bytes dropped (x.txt): 1 NUL byte(s) removed')
    """
    encoding = _bom_encoding(data)
    legacy: str | None = None
    if encoding is not None:
        text, nuls = _drop_nuls(_decode_as(data, encoding, source), source)
    else:
        nuls = _stray_nuls(data.count(b"\x00"), len(data), source)
        text, legacy = _decode_unmarked(data.replace(b"\x00", b""), source)
    _check_controls(text, source)
    warnings = [nul_warning(source, nuls)] if nuls else []
    if legacy is not None:
        warnings.append(legacy_warning(source, legacy))
    return Decoded(text, tuple(warnings))


def decode_str(text: str, source: str) -> Decoded:
    """Apply the checks of :func:`decode` to text that arrived already decoded (a text
    stream given as stdin): stray NULs dropped with a warning, binaries refused, and
    lone surrogates (undecodable bytes smuggled through ``surrogateescape``) replaced
    by U+FFFD, since no output could encode them."""
    text, nuls = _drop_nuls(re.sub("[\ud800-\udfff]", "\ufffd", text), source)
    _check_controls(text, source)
    return Decoded(text, (nul_warning(source, nuls),) if nuls else ())


def _bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _decode_as(data: bytes, encoding: str, source: str) -> str:
    """``data`` decoded strictly as ``encoding``; not text when that fails."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise not_text_error(source) from None


def _decode_unmarked(data: bytes, source: str) -> tuple[str, str | None]:
    """Text of BOM-less ``data`` and the legacy encoding used (None for UTF-8)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise not_text_error(source)
    least_chaos = min(m.chaos for m in matches)
    # A match stands for every code page that decodes the bytes the same way
    # (``could_be_from_charset``), so cp1252 may hide behind a cp1250 match.
    clean = [
        e for m in matches if m.chaos <= least_chaos + 0.01
        for e in [m.encoding, *m.could_be_from_charset]
    ]
    encoding = next((e for e in PREFERRED_LEGACY if e in clean), clean[0])
    return _decode_as(data, encoding, source), encoding


def _stray_nuls(count: int, size: int, source: str) -> int:
    """``count`` when that many NULs in ``size`` bytes or characters are stray ones.

    Text never holds NUL, so a few are damage worth repairing; many (UTF-16 without a
    BOM is every other byte, images and archives are full of them) mean the input is
    not text in an encoding we read, and it is refused.
    """
    limit = max(_STRAY_NULS, int(size * _MAX_NUL_SHARE))
    if count and (count > limit or 2 * count >= size):
        raise not_text_error(source)
    return count


def _drop_nuls(text: str, source: str) -> tuple[str, int]:
    """``text`` without its stray NUL characters, and how many were removed."""
    nuls = _stray_nuls(text.count("\x00"), len(text), source)
    return (text.replace("\x00", ""), nuls) if nuls else (text, 0)


def _check_controls(text: str, source: str) -> None:
    """Refuse ``text`` that is mostly control characters (a binary that happened to decode)."""
    if text and _CONTROLS.search(text):  # one scan in C; most texts have none
        if len(_CONTROLS.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
            raise not_text_error(source)

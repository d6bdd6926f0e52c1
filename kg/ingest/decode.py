"""Bytes → str for article inputs: UTF-8 first, legacy encodings detected, binaries refused.

Why this order: nearly all modern text is UTF-8 (a BOM is honoured and dropped), and a
strict UTF-8 decode never succeeds by accident on Windows-1252 text with accented or
curly-quote bytes. Only when UTF-8 fails do we ask charset-normalizer. On short English
text it often ranks several single-byte code pages as equally clean (cp1250 before
cp1252, say); English news is overwhelmingly Windows-1252 or Latin-1, so among the
equally clean candidates we prefer those two.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from kg.errors import InputError

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


def not_text_error(source: str) -> InputError:
    """The error for an input that is not text (an image, an archive, a PDF...)."""
    return InputError(
        f"not a text file ({source}); pass a text, Markdown, HTML or JSON Lines file"
    )


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` read from ``source`` (named in errors) into text.

    Raises :class:`InputError` for binary data: NUL bytes outside a UTF-16/32 BOM,
    no text encoding found, or too many control characters.

    >>> decode_bytes("café".encode("cp1252"), "x.txt")
    'café'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), source)
            except UnicodeDecodeError:
                raise not_text_error(source) from None
    if b"\x00" in data:
        raise not_text_error(source)
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise not_text_error(source)
    least_chaos = min(m.chaos for m in matches)
    clean = [m.encoding for m in matches if m.chaos <= least_chaos + 0.01]
    encoding = next((e for e in PREFERRED_LEGACY if e in clean), clean[0])
    try:
        return _checked(data.decode(encoding), source)
    except (UnicodeDecodeError, LookupError):
        raise not_text_error(source) from None


def _checked(text: str, source: str) -> str:
    """``text`` unless it is mostly control characters (a binary that happened to decode)."""
    if text:
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise not_text_error(source)
    return text

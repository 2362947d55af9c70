"""Bytes -> text, refusing what is not text: empty, binary, or not UTF-8/UTF-16.

We never fall back to latin-1: it decodes any garbage and would turn a wrong file into nonsense
claims instead of a clear refusal.
"""

from __future__ import annotations

import codecs

from kg.errors import ReaderError

# Control characters that never appear in text (tab, newline, CR, form feed are fine).
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, origin: str) -> str:
    """The text of ``data``; ReaderError naming ``origin`` when it is not usable text."""
    if not data.strip():
        raise ReaderError(origin, "the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReaderError(origin, f"not valid UTF-16 text ({exc.reason})") from None
    else:
        if b"\x00" in data:
            if _utf16_without_bom(data):
                raise ReaderError(
                    origin,
                    "contains NUL bytes: UTF-16 text without a byte-order mark? save it as UTF-8",
                )
            raise ReaderError(origin, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.start + 1].hex()
            raise ReaderError(
                origin,
                f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); save it as UTF-8",
            ) from None
    if not text.strip():
        raise ReaderError(origin, "the file holds only whitespace")
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    if controls > max(2, _MAX_CONTROL_SHARE * len(text)):
        raise ReaderError(origin, "binary file (mostly control characters), not text")
    return normalise_newlines(text)


def _utf16_without_bom(data: bytes) -> bool:
    """Most bytes at even or at odd offsets are NUL: ASCII text written as UTF-16."""
    head = data[:4096]
    half = max(1, len(head) // 2)
    return max(head[0::2].count(0), head[1::2].count(0)) >= 0.8 * half


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")

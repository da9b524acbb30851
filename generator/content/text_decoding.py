"""Bytes of an imported file to text: the encodings a copied news text comes in, and refusing what is no text."""

from __future__ import annotations

import unicodedata


class NotText(ValueError):
    """Bytes that are no text in any encoding the importer reads: refused, never imported as garbage."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and a warning ("" when clean): UTF-8 first, then cp1252, then Latin-1, which cannot fail.

    Raises NotText for what is no text at all: NUL bytes, a UTF-16 mark before bytes that are not
    UTF-16 (a binary file starting with the bytes ff fe), or many control or unassigned characters.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, warning = data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise NotText("it starts like UTF-16 text but is not UTF-16") from None
        # Any two bytes after the mark decode to some character: a text also has a space or a line break.
        if text and not any(c.isspace() for c in text):
            raise NotText("it starts like UTF-16 text but holds no space or line break")
    elif b"\x00" in data:
        raise NotText("it holds NUL bytes")
    else:
        text, warning = _decode_8bit(data)
    reason = _not_text(text)
    if reason:
        raise NotText(reason)
    return text, warning


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), f"not valid UTF-8 (at {where}); decoded as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def _not_text(text: str) -> str:
    """Why decoded bytes are not a text someone wrote ("" when they may be): a stray odd byte is
    allowed, a share of control, private or unassigned characters, or a long run without a space, is not."""
    odd = sum(1 for c in text if c not in "\t\n\r\f\v" and (c == "\ufffd" or unicodedata.category(c) in _NOT_WRITTEN))
    if odd > max(2, len(text) // 50):
        return f"{odd} of its {len(text)} characters are control, private or unassigned characters"
    body = text.strip()
    if len(body) > 40 and not any(c.isspace() for c in body):
        return f"its {len(body)} characters hold no space or line break"
    return ""


_NOT_WRITTEN = ("Cc", "Cs", "Co", "Cn")

"""Bytes -> str: find the encoding, refuse what is not text, normalise newlines.

UTF-8 is tried first because nearly every record is UTF-8 and strict decoding
is cheap; statistical detection (charset-normalizer) runs only when it fails,
and only over the encodings records of this genre come in, because on short
texts an unrestricted detector happily picks exotic code pages.
"""

from __future__ import annotations

import codecs
import re

from communique.errors import InputError

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy encodings of the languages diplomatic records come in (Western and
# Central European, Cyrillic, Greek, Turkish, Hebrew, Arabic, CJK), in order of
# preference when the detector scores several equally.
DETECTABLE = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "mac_roman",
)

# Labels that mean windows-1252 on the web (WHATWG Encoding Standard): pages
# declaring Latin-1 or ASCII are nearly always cp1252 (curly quotes, dashes).
_WEB_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))
# C0 control characters other than the white space text uses (tab, newlines, form feed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 1 << 20  # characters inspected for control characters

# Leading bytes of binary formats people pass by mistake, for a precise refusal.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text, or raise InputError saying why it is not text.

    ``declared`` is an encoding the container named (an HTTP ``charset``, an
    HTML ``<meta charset>``); it is trusted only if it decodes cleanly. A byte
    order mark wins over everything and is dropped. Newlines are left alone
    (see :func:`normalize_newlines`).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary file, not text: it is {what}; convert it to text first")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    source, f"not valid {codec.upper()} after its byte-order mark (byte {err.start + len(bom)})"
                ) from None
            return _check_text(text, source)
    if declared:
        try:
            return _check_text(data.decode(_WEB_LABELS.get(declared.strip().lower(), declared)), source)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise InputError(source, "binary file, not text (it contains NUL bytes)")
        try:
            return _check_text(data.decode(codec), source)
        except UnicodeDecodeError:
            raise InputError(source, "binary file, not text (it contains NUL bytes)") from None
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError as err:
        first_bad = err.start
    return _check_text(_decode_legacy(data, source, first_bad), source)


def normalize_newlines(text: str) -> str:
    r"""Universal newlines: ``\r\n`` and a lone ``\r`` become ``\n``.

    This is the one change the reader makes to decoded text; every offset of
    the analysis refers to the text after it.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes, source: str, first_bad: int) -> str:
    """Decode a file that is not UTF-8 with the encoding that explains it, if one does."""
    valid = _UTF8_MULTIBYTE.findall(data)
    if valid:
        non_ascii = len(data.translate(None, _ASCII))
        stray = non_ascii - sum(map(len, valid))
        if len(valid) >= stray:
            # Mostly good UTF-8 with a few bad bytes: a legacy code page would
            # turn every good sequence into mojibake, so no encoding explains it.
            raise InputError(
                source,
                f"not valid UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad}) and no single encoding "
                "explains it: the file seems to mix encodings",
            )
    from charset_normalizer import from_bytes  # imported late: only needed for non-UTF-8 input

    best = from_bytes(data, cp_isolation=list(DETECTABLE)).best()
    if best is None:
        if _looks_binary(data):
            raise InputError(source, "binary file, not text")
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad}) and no other encoding explains it",
        )
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit where UTF-16 puts them, else None."""
    head = data[:4096]
    if len(data) % 2 or len(head) < 16:  # too few bytes to tell UTF-16 from noise
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return controls > 0.01 * len(head)


def _check_text(text: str, source: str) -> str:
    """Refuse decoded 'text' that is really binary: many control characters."""
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample)) if sample else 0
    if controls > max(2, 0.01 * len(sample)) or controls >= max(1, 0.3 * len(sample)):  # the latter: a tiny file
        raise InputError(source, "binary file, not text (it is full of control characters)")
    return text

"""Turning the bytes of a saved or fetched article into text, whatever encoding it was written in."""

from __future__ import annotations

import codecs
import re


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
HIGH_BYTES = bytes(range(0x80, 0x100))
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252, and so do authors' tools.
WINDOWS_1252_ALIASES = {"ascii", "iso8859-1", "cp1252"}
# Text codecs that are not character sets a page could be written in.
NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "charmap"}
# Western text is mostly ASCII; a legacy file with more high bytes than this is likely another script.
WESTERN_HIGH_SHARE = 0.25
BINARY_SHARE = 0.05
# Control characters other than white space, C1 controls, and the replacement character.
_NOISE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _cp1252_for_stray_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252: files pasted together from two sources mix them."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("parallax-cp1252", _cp1252_for_stray_bytes)


def decode_bytes(data: bytes, *, declared: str = "") -> str:
    """Decode text bytes: BOMs and UTF-16 first, then UTF-8, the declared charset, Windows-1252, and detection."""
    encoding, skip = _unicode_encoding(data)
    if encoding:
        return data[skip:].decode(encoding, errors="replace").removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return _decode_legacy(data, declared)


def _unicode_encoding(data: bytes) -> tuple[str, int]:
    """The encoding a byte order mark or the NUL pattern of UTF-16 reveals, and the bytes to skip."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return _utf16_without_bom(data), 0


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in UTF-16 of Latin text; else ''."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return ""
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return ""


def _decode_legacy(data: bytes, declared: str) -> str:
    """Decode bytes that are not valid UTF-8."""
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="parallax-cp1252")
    codec = _codec_name(declared)
    if codec in WINDOWS_1252_ALIASES or (not codec and _western(data)):
        return data.decode("cp1252", errors="replace")
    if codec and not codec.startswith("utf"):
        try:
            return data.decode(codec, errors="replace")
        except (LookupError, ValueError):  # a codec that cannot decode bytes at all; detection decides
            pass
    # charset-normalizer misreads short Western text (Windows-1252 as Windows-1250), hence the checks above.
    from charset_normalizer import from_bytes  # only needed when the cheaper guesses failed

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("cp1252", errors="replace")


def _codec_name(label: str) -> str:
    """The codec a charset label names, or '' when it names none or one that is not a character set."""
    if not label:
        return ""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return ""
    # Python also knows codecs such as rot13, base64 and unicode_escape; a page that claims one is mislabelled.
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSETS:
        return ""
    return info.name


def _mostly_utf8(data: bytes) -> bool:
    """True when valid UTF-8 sequences are common next to the stray high bytes (which chance rarely forms)."""
    valid = len(UTF8_SEQUENCE.findall(data))
    if not valid:
        return False
    rest = UTF8_SEQUENCE.sub(b"", data)
    stray = len(rest) - len(rest.translate(None, HIGH_BYTES))
    return stray <= 4 * valid


def _western(data: bytes) -> bool:
    """Windows-1252 reads the bytes cleanly and they are mostly ASCII."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = len(data) - len(data.translate(None, HIGH_BYTES))
    return high <= WESTERN_HIGH_SHARE * len(data)


def looks_binary(text: str) -> bool:
    """True when decoded content holds NULs or too many control or replacement characters to be prose."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    return len(_NOISE.findall(sample)) > BINARY_SHARE * len(sample)

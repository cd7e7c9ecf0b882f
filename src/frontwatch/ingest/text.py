"""Plain-text input: bytes to str, refusing binary files and guessing legacy encodings."""

from __future__ import annotations

from charset_normalizer import from_bytes

from ..errors import InputError

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def decode_bytes(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM) or, failing that, the encoding charset-normalizer detects."""
    if not data.strip():
        raise InputError("empty input: nothing to analyse", origin)
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        raise InputError("looks like a binary file, not text; give a .txt, .html or .jsonl file", origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise InputError("not valid UTF-8 and its encoding could not be detected; convert it to UTF-8", origin)
    return str(best)

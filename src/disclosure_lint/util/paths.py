"""Paths as one line of output prints them."""

from __future__ import annotations

# Surrogates: bytes of a name that is not UTF-8 (os.fsdecode), which no output could encode.
_CONTROL = {**{i: f"\\x{i:02x}" for i in [*range(32), *range(0x7F, 0xA0)]},
            **{i: f"\\u{i:04x}" for i in range(0xD800, 0xE000)},
            ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def display_path(path: str) -> str:
    """A path as one line prints it: control characters and line separators escaped
    (``a\\nb.txt`` for a name with a newline), so that a file name never breaks the
    one-finding-per-line output; other characters (Chinese, backslashes) as they are."""
    if path.isprintable():
        return path
    return path.translate(_CONTROL)

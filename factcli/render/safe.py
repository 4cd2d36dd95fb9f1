"""Make untrusted text harmless for a terminal or a spreadsheet.

Fact files are shared between researchers; their text must never reach the
terminal as control sequences (screen clears, OSC 8 links, OSC 52 clipboard
writes) nor reorder a line with bidi overrides, and never start a formula in
a spreadsheet. Every control character is shown as a visible escape instead.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """Text with every control or bidi character replaced by a visible escape."""
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text.replace("\n", " ").replace("\t", " "))


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text

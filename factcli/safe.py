"""Make untrusted text harmless for a terminal or a spreadsheet.

Fact files are shared between researchers; their text must never reach the
terminal as control sequences (screen clears, OSC 8 links, OSC 52 clipboard
writes) nor reorder a line with bidi overrides, and never start a formula in
a spreadsheet. Every control character is shown as a visible escape instead.
Messages on stderr quote data the same way, and JSON escapes what would break
a JavaScript string or a log viewer while keeping ordinary non-ASCII readable.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: What ``json.dumps(ensure_ascii=False)`` leaves raw and must not: DEL, C1
#: controls, bidi controls, U+2028/U+2029 (line ends to JavaScript) and U+FEFF.
#: C0 controls are escaped by ``json`` itself.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """Text with every control or bidi character replaced by a visible escape."""
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text.replace("\n", " ").replace("\t", " "))


def printable(text: str) -> str:
    """One line of text with every control character, line break and tab as an escape."""
    return _CONTROL.sub(_escape, text.replace("\n", "\\x0a").replace("\t", "\\x09"))


#: The longest message (or value in one) shown whole; longer ones keep their
#: start and end, so a 900 KB key name cannot flood a terminal or a log.
MAX_MESSAGE_CHARS = 1000


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` if it is at most ``limit`` characters, else its start and end around a note."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]}...[{len(text) - 2 * keep} characters left out]...{text[-keep:]}"


def message(text: str) -> str:
    """One line for stderr: every control character and line break escaped, shortened.

    A newline in an argument or a path must not start a second line that reads
    as factcli's own ("factcli: ..."): each message is printed as one line.
    """
    return shorten(printable(text))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_dumps(value: Any, indent: int | None = None) -> str:
    """JSON that is safe to print and to embed in a web page, with non-ASCII text kept readable."""
    # allow_nan=False: output is always valid JSON, never NaN or Infinity.
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    # These characters can only occur inside JSON strings, so an escape is always valid.
    return _JSON_UNSAFE.sub(_json_escape, text)


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text

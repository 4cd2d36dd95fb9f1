"""Text folding shared by lookups, search and quote checks."""

from __future__ import annotations

import re
import unicodedata

#: Typographic quote marks and the keyboard marks people type for them.
QUOTE_MARKS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
}
_TYPOGRAPHIC = str.maketrans({**QUOTE_MARKS, "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise_quote(text: str) -> str:
    """Text as quote checks compare it: NFKC, plain quote marks, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)).strip()


def fold_char(char: str) -> str:
    """One character folded for matching: no accents, no case, plain quotes."""
    decomposed = unicodedata.normalize("NFKD", char.translate(_TYPOGRAPHIC))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Text folded for case-, accent- and punctuation-insensitive matching."""
    plain = text.translate(_TYPOGRAPHIC)
    if plain.isascii():
        # The same result as folding each character, at C speed: ASCII (once
        # typographic quotes are plain) has no accents or compatibility forms.
        return " ".join(_WORD.findall(plain.casefold()))
    return " ".join(_WORD.findall("".join(fold_char(c) for c in text)))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text (characters only, spacing kept) and each folded char's index in ``text``."""
    plain = text.translate(_TYPOGRAPHIC)
    if plain.isascii():
        # Each typographic mark becomes one plain character, and ASCII folds
        # one character to one, so every offset is its own index.
        return plain.casefold(), list(range(len(text)))
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), offsets

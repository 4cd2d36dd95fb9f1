"""What a search query asks for: words by their stem, "quoted phrases", and synonyms.

A query is a list of units, each a word or a quoted phrase; a field matches
when it holds every unit. A unit matches by stem (English Snowball, so
*weapons* finds *weapon* and *killed* finds *killing*), a lone word also as
the start of a longer one (*Anselm* finds *Anselmi*), and through the
thesaurus: a unit that is an entry of a synonym group also matches the
group's other entries, as they are written.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from factcli.errors import UsageError
from factcli.model.files import MAX_THESAURUS_BYTES, UnreadableFile, read_regular_file
from factcli.query.text import fold

#: A fact base's own synonym groups live in this file beside its sources.toml;
#: factcli has none of its own, so no base gets the synonyms of another.
THESAURUS_FILE_NAME = "thesaurus.toml"

_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The English stem of a folded word: weapons -> weapon, killed -> kill."""
    result: str = _stemmer().stemWord(word)
    return result


@functools.lru_cache(maxsize=1)
def _stemmer() -> Any:
    # The one language's module: the package's own import loads all 30-odd.
    from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]

    return EnglishStemmer()


class Alternative(NamedTuple):
    """One way a unit can be written: its folded words, matched by stem or exactly."""

    words: tuple[str, ...]
    by_stem: bool

    def matches_at(self, words: list[str], stems: list[str], at: int) -> bool:
        """True when the text's words from ``at`` on spell this alternative."""
        if at + len(self.words) > len(words):
            return False
        if not self.by_stem:
            return tuple(words[at : at + len(self.words)]) == self.words
        if len(self.words) == 1:
            wanted = self.words[0]
            return stems[at] == stem(wanted) or words[at].startswith(wanted)
        return all(stems[at + i] == stem(w) for i, w in enumerate(self.words))


class Unit(NamedTuple):
    """A word or phrase of the query, with the synonyms it also matches."""

    text: str
    alternatives: tuple[Alternative, ...]


class Query(NamedTuple):
    """A parsed search: every unit must match."""

    text: str
    units: tuple[Unit, ...]

    @property
    def phrase(self) -> str:
        """The query's folded words in order, which rank higher when found together."""
        return " ".join(w for u in self.units for w in u.alternatives[0].words)


Thesaurus = tuple[tuple[tuple[str, ...], ...], ...]


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


def _unit(text: str, words: tuple[str, ...], thesaurus: Thesaurus) -> Unit:
    own = Alternative(words, by_stem=True)
    alternatives = [own]
    for group in thesaurus:
        if any(_stems(entry) == _stems(words) for entry in group):
            alternatives += [Alternative(e, by_stem=False) for e in group if e != words]
    return Unit(text, tuple(dict.fromkeys(alternatives)))


def parse_query(text: str, thesaurus: Thesaurus = ()) -> Query:
    """The units of a query: "quoted phrases" and single words; UsageError if none."""
    pieces: list[tuple[str, tuple[str, ...]]] = []
    for match in _PHRASE.finditer(text):
        raw = match[1] if match[1] is not None else match[2]
        words = tuple(fold(raw).split())
        if not words:
            continue
        if match[1] is not None:
            pieces.append((f'"{raw}"', words))
        else:
            pieces.extend((w, (w,)) for w in words)
    if not pieces:
        raise UsageError("search needs at least one word to look for")
    every = tuple(w for _, words in pieces for w in words)
    # Typed without quotes, a thesaurus phrase (death toll) is still one unit.
    if len(pieces) > 1 and any(_stems(every) == _stems(e) for g in thesaurus for e in g):
        return Query(text, (_unit(text, every, thesaurus),))
    return Query(text, tuple(_unit(raw, words, thesaurus) for raw, words in pieces))


def read_thesaurus(path: Path) -> Thesaurus:
    """The synonym groups of one thesaurus file; UsageError naming the file if it is malformed."""
    import tomli

    try:
        data = tomli.loads(read_regular_file(path, MAX_THESAURUS_BYTES).decode("utf-8"))
    except (UnreadableFile, UnicodeDecodeError, tomli.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot read the thesaurus: {error}") from None
    groups = data.get("synonyms", [])
    if not isinstance(groups, list):
        raise UsageError(f"{path}: synonyms: expected [[synonyms]] tables")
    found = []
    for index, group in enumerate(groups):
        words = group.get("words") if isinstance(group, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise UsageError(f"{path}: synonyms[{index}].words: expected a list of strings")
        entries = tuple(dict.fromkeys(tuple(fold(w).split()) for w in words if fold(w)))
        if len(entries) > 1:
            found.append(entries)
    return tuple(found)


def thesaurus_for(facts_dir: Path | None) -> Thesaurus:
    """The synonym groups of ``facts_dir``'s own thesaurus.toml; none when it has none."""
    if facts_dir is not None and (own := facts_dir / THESAURUS_FILE_NAME).is_file():
        return read_thesaurus(own)
    return ()


def text_words(folded: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of folded text and the span of each."""
    found = list(_WORD.finditer(folded))
    return [m[0] for m in found], [m.span() for m in found]


def unit_spans(
    unit: Unit, words: list[str], stems: list[str], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Where in the text ``unit`` matches, as spans of the folded text."""
    found = []
    for at in range(len(words)):
        for alternative in unit.alternatives:
            if alternative.matches_at(words, stems, at):
                last = at + len(alternative.words) - 1
                found.append((spans[at][0], spans[last][1]))
                break
    return found


def fts_prefix(word: str) -> str:
    """A prefix every word sharing ``word``'s stem begins with, for an index pre-filter."""
    root = stem(word)
    shared = 0
    while shared < min(len(root), len(word)) and root[shared] == word[shared]:
        shared += 1
    return word[: max(shared, 1)]

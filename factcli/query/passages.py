"""Find the passages of the archived source texts that best match a remembered quote.

An author retypes a quote from memory: straight quote marks for curly ones, a
word wrong, a phrase left out. rapidfuzz finds, for each archived text, the
window that best matches (``partial_ratio``), and then the word-bounded span
around that window whose similarity to the query is highest (``ratio``), so a
left-out phrase is put back and the span ends where the quote ends.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from factcli.errors import FactsDirError, NotFoundError
from factcli.model.records import FactBase
from factcli.query.quotes import archived_file
from factcli.query.text import QUOTE_MARKS, normalise_quote

#: The lowest score (0-100) a passage needs to be offered.
MIN_SCORE = 70.0

# One character for one character, so an index into the matchable text is an
# index into the archived text: quote marks and dashes as typed on a keyboard,
# every kind of space a plain space.
_MATCHABLE = str.maketrans(
    {
        **QUOTE_MARKS,
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
    }
)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"\w+")


class ArchivedText(NamedTuple):
    """One archived article: the source citing it (None if none does), its file and text."""

    source_id: str | None
    archive: str
    text: str


class Passage(NamedTuple):
    """A span of an archived text: character offsets ``[start, end)`` and its exact words."""

    source_id: str | None
    archive: str
    start: int
    end: int
    text: str
    score: float


def matchable(text: str) -> str:
    """Text as passages are matched: plain quote marks and dashes, plain spaces, lower case.

    The result has exactly one character per character of ``text``.
    """
    plain = text.translate(_MATCHABLE)
    lower = plain.lower()
    if len(lower) == len(plain):
        return lower
    # A few characters grow when lower-cased (İ); those keep their case.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in plain)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise FactsDirError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise FactsDirError(f"{path}: cannot read: {error.strerror or error}") from None


def read_archive(
    facts: FactBase, archive_dir: Path, source_id: str | None = None
) -> tuple[list[ArchivedText], list[str]]:
    """The archived texts to search, and a message for each text missing or unreadable.

    Each source's ``archive`` file comes first, under the source's id. The
    folder's other ``.txt`` files follow under no id: an article not yet cited
    is where a new source's quotes come from. With ``source_id``, only that
    source's text.
    """
    if not archive_dir.is_dir():
        raise FactsDirError(f"{archive_dir}: archive directory does not exist")
    if source_id is not None:
        source = facts.sources.get(source_id)
        if source is None:
            raise NotFoundError(f"unknown source '{source_id}'")
        if source.archive is None:
            raise NotFoundError(f"source '{source_id}' has no 'archive' file")
        path = archived_file(archive_dir, source.archive)
        if path is None:
            raise NotFoundError(f"source '{source_id}': 'archive' must name a file in the folder")
        return [ArchivedText(source.id, source.archive, _read(path))], []
    candidates: list[tuple[str | None, str, Path]] = []
    missing: list[str] = []
    cited: set[str] = set()
    for source in facts.sources.values():
        if source.archive is None:
            continue
        cited.add(source.archive)
        path = archived_file(archive_dir, source.archive)
        if path is None:
            missing.append(f"source '{source.id}': 'archive' must name a file in the folder")
            continue
        if not path.is_file():
            missing.append(f"{path}: archived text of source '{source.id}' not found")
            continue
        candidates.append((source.id, source.archive, path))
    for path in sorted(archive_dir.iterdir()):
        if path.suffix == ".txt" and path.name not in cited and path.is_file():
            candidates.append((None, path.name, path))
    texts: list[ArchivedText] = []
    for cited_by, name, path in candidates:
        # One unreadable article in a big archive should not stop the search of the others.
        try:
            texts.append(ArchivedText(cited_by, name, _read(path)))
        except FactsDirError as error:
            missing.append(str(error))
    return texts, missing


def _query(text: str) -> str:
    return matchable(" ".join(text.split()))


def _boundaries(haystack: str, low: int, high: int) -> tuple[list[int], list[int]]:
    """Where a span may start and end between ``low`` and ``high``: at words or tokens."""
    starts: set[int] = set()
    ends: set[int] = set()
    for pattern in (_TOKEN, _WORD):
        for match in pattern.finditer(haystack, low, high):
            starts.add(match.start())
            ends.add(match.end())
    return sorted(starts), sorted(ends)


def _near(positions: list[int], centre: int, slack: int) -> list[int]:
    return [p for p in positions if abs(p - centre) <= slack]


def _best_span(query: str, haystack: str, low: int, high: int) -> tuple[float, int, int] | None:
    """The word-bounded span of ``haystack[low:high]`` most like ``query``, with its ratio."""
    if high - low > len(query):
        window = fuzz.partial_ratio_alignment(query, haystack[low:high])
        if window is None:
            return None
        centre_start, centre_end = low + window.dest_start, low + window.dest_end
    else:
        centre_start, centre_end = low, high
    # A left-out phrase makes the real passage longer than the window, by up to
    # about half the query; a span reaching further would score lower anyway.
    slack = len(query) // 2 + 10
    starts, ends = _boundaries(
        haystack, max(low, centre_start - slack), min(high, centre_end + slack)
    )
    starts = _near(starts, centre_start, slack)
    ends = _near(ends, centre_end, slack)
    best: tuple[float, int, int] | None = None
    for start in starts:
        for end in ends:
            if end <= start:
                continue
            score = fuzz.ratio(query, haystack[start:end])
            # Ties go to the shorter span, then the earlier one.
            if best is None or (score, start - end, -start) > (
                best[0],
                best[1] - best[2],
                -best[1],
            ):
                best = (score, start, end)
    return None if best is None else _balanced(query, haystack, *best)


def _balanced(
    query: str, haystack: str, score: float, start: int, end: int
) -> tuple[float, int, int]:
    """The span with its quotation closed (or opened) when the mark is right beside it."""
    if haystack.count('"', start, end) % 2 == 1:
        if haystack[end : end + 1] == '"':
            end += 1
        elif start > 0 and haystack[start - 1] == '"':
            start -= 1
        else:
            return score, start, end
        score = fuzz.ratio(query, haystack[start:end])
    return score, start, end


def _passages_in(query: str, item: ArchivedText, haystack: str, limit: int) -> list[Passage]:
    """Up to ``limit`` non-overlapping passages of one text, best first."""
    found: list[Passage] = []
    segments = [(0, len(haystack))]
    while segments and len(found) < limit:
        candidates = []
        for low, high in segments:
            if high - low >= max(1, len(query) // 2):
                span = _best_span(query, haystack, low, high)
                if span is not None:
                    candidates.append((span, (low, high)))
        if not candidates:
            break
        (score, start, end), segment = max(candidates, key=lambda c: (c[0][0], -c[0][1]))
        found.append(Passage(item.source_id, item.archive, start, end, item.text[start:end], score))
        segments.remove(segment)
        segments += [(segment[0], start), (end, segment[1])]
    return found


def find_passages(
    query: str, texts: Iterable[ArchivedText], limit: int = 5, min_score: float = MIN_SCORE
) -> list[Passage]:
    """The ``limit`` passages most like ``query`` across ``texts``, best first."""
    needle = _query(query)
    if not needle:
        return []
    items = list(texts)
    haystacks = [matchable(item.text) for item in items]
    # The whole-text best window ranks the texts; only the best few are searched closely.
    ranked = process.extract(
        needle, haystacks, scorer=fuzz.partial_ratio, limit=max(limit, 5), score_cutoff=min_score
    )
    passages: list[Passage] = []
    for _, _, index in ranked:
        passages += _passages_in(needle, items[index], haystacks[index], limit)
    kept = [p for p in passages if p.score >= min_score]
    kept.sort(key=lambda p: (-p.score, p.source_id or "\uffff", p.archive, p.start))
    return [p._replace(score=round(p.score, 1)) for p in kept[:limit]]


#: Below this, the closest passage is too unlike a failing quote to be its fix.
CLOSEST_SCORE = 50.0


def closest_passage(query: str, texts: Iterable[ArchivedText]) -> Passage | None:
    """The passage most like ``query``, unless even the best is unlike it."""
    found = find_passages(query, texts, limit=1, min_score=CLOSEST_SCORE)
    return found[0] if found else None


class DiffPart(NamedTuple):
    """A run of words the same in both texts (``=``), only in the old (``-``) or the new (``+``)."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Word by word, what changes ``old`` into ``new``; quote marks and spacing never differ."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        None, [normalise_quote(w) for w in old_words], [normalise_quote(w) for w in new_words]
    )
    parts: list[DiffPart] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("=", " ".join(new_words[b1:b2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("-", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("+", " ".join(new_words[b1:b2])))
    return parts


def _normalised_with_offsets(raw: str) -> tuple[str, list[int]]:
    """``normalise_quote`` of ``raw`` (but not stripped), and each character's index in ``raw``."""
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(raw):
        if char.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(index)
            in_space = True
            continue
        in_space = False
        for piece in normalise_quote(char) or char:
            chars.append(piece)
            offsets.append(index)
    return "".join(chars), offsets


def locate(quote: str, raw: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``raw``, as verify-quotes matches it (spacing and quote marks aside).

    The offsets are of ``raw`` itself, so ``raw[start:end]`` is the article's
    own text: its curly quotes, its line breaks.
    """
    needle = normalise_quote(quote)
    if not needle:
        return None
    if needle in raw:
        start = raw.index(needle)
        return start, start + len(needle)
    text, offsets = _normalised_with_offsets(raw)
    found = text.find(needle)
    if found < 0:
        return None
    return offsets[found], offsets[found + len(needle) - 1] + 1

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
from typing import NamedTuple

from rapidfuzz import fuzz, process

from factcli.query.archive import ArchivedText
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

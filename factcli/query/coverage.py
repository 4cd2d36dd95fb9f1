"""Coverage: which sentences of the archived articles the claims state.

Each source's archived text is split into sentences. A sentence some claim's
quote overlaps (as the claim walk gives them, a date's own quotes included)
is *cited* when the claims citing it state what it says, or the ledger
excuses the rest, and *partly stated* when words that carry a fact are left
unstated (``query.stated``). A sentence no quote touches is *not a fact* when
the ledger lists it, and *uncovered* otherwise. Quotes and sentences are
compared as quote checks compare them (``normalise_quote``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from factcli.errors import NotFoundError
from factcli.model.claims import walk
from factcli.model.ledger import LEDGER_KINDS, LedgerEntry
from factcli.model.records import FactBase
from factcli.query.stated import ClaimKey, carries_fact, stated_stems, unstated_words
from factcli.query.text import normalise_quote

#: Words ending in a full stop that do not end a sentence in these articles.
_ABBREVIATIONS = frozenset(
    {"u.s.", "u.n.", "u.k.", "e.u.", "jan.", "feb.", "aug.", "sep.", "sept.", "oct.", "nov."}
    | {"dec.", "gen.", "lt.", "col.", "brig.", "dr.", "mr.", "mrs.", "ms.", "st.", "no."}
)
#: A possible sentence end: . ! or ? (and closing quotes or brackets), spaces,
#: then what can open a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")


class Sentence(NamedTuple):
    """One sentence of a source's archived text, numbered from 1 within the source."""

    source: str
    number: int
    text: str  # as quote checks compare text: single spaces, plain quote marks


class CitedBy(NamedTuple):
    """A claim whose quote overlaps a sentence."""

    record_id: str
    record_kind: str
    where: str


class SentenceCoverage(NamedTuple):
    """A sentence and what accounts for it."""

    sentence: Sentence
    status: str  # "cited", "partly stated", "not a fact" or "uncovered"
    cited_by: tuple[CitedBy, ...]
    reason: str | None  # the ledger's reason: for "not a fact", or an excused remainder
    unstated: tuple[str, ...] = ()  # for "partly stated": the words no claim citing it states


class SourceCoverage(NamedTuple):
    """One source's sentences, each accounted for or not."""

    source: str
    sentences: tuple[SentenceCoverage, ...]

    def count(self, status: str) -> int:
        """How many sentences have ``status``."""
        return sum(1 for s in self.sentences if s.status == status)

    @property
    def share(self) -> float:
        """Stated sentences ("cited") as a share of the fact-bearing ones (all but the ledger's)."""
        facts = len(self.sentences) - self.count("not a fact")
        return self.count("cited") / facts if facts else 1.0


class CoverageReport(NamedTuple):
    """Coverage of every source asked for, and ledger entries that match no sentence."""

    sources: tuple[SourceCoverage, ...]
    stale: tuple[LedgerEntry, ...]

    @property
    def uncovered(self) -> int:
        """Sentences neither cited nor in the ledger, over every source."""
        return sum(s.count("uncovered") for s in self.sources)

    @property
    def partly_stated(self) -> int:
        """Cited sentences whose fact-bearing words no claim states, over every source."""
        return sum(s.count("partly stated") for s in self.sources)


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    # The word before the stop, found without copying the paragraph up to it:
    # a one-line article of a million sentences stays linear.
    word = paragraph[paragraph.rfind(" ", 0, match.start()) + 1 : match.start() + 1].casefold()
    # "U.N. General Assembly" and "Feb. 1" go on; a lone initial ("J.") too.
    return word not in _ABBREVIATIONS and not re.fullmatch(r"[a-z]\.", word)


def split_sentences(source: str, text: str) -> list[Sentence]:
    """The sentences of an article: each line is a paragraph, split after . ! or ?."""
    sentences: list[Sentence] = []
    for line in text.splitlines():
        paragraph = normalise_quote(line)
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if _is_boundary(paragraph, match):
                sentences.append(Sentence(source, 0, paragraph[start : match.start(1)]))
                start = match.end(1)
        if paragraph[start:]:
            sentences.append(Sentence(source, 0, paragraph[start:]))
    return [s._replace(number=n) for n, s in enumerate(sentences, start=1)]


Quoted = dict[str, list[tuple[str, CitedBy]]]


def _quoted_by_source(facts: FactBase) -> Quoted:
    """Every citation's quote (as quote checks compare it), by source, with its claim."""
    found: Quoted = {}
    for claim in walk(facts):
        for citation in claim.cite:
            quote = normalise_quote(citation.quote)
            if quote:
                cited_by = CitedBy(claim.record_id, claim.record_kind, claim.where)
                found.setdefault(citation.source, []).append((quote, cited_by))
    return found


def _cited_by(quotes: list[tuple[str, CitedBy]], sentences: list[Sentence]) -> list[set[CitedBy]]:
    """For each sentence, the claims whose quotes (of its source) overlap it."""
    # Sentences joined by single spaces are the source's text as quote checks see it.
    starts = []
    position = 0
    for sentence in sentences:
        starts.append(position)
        position += len(sentence.text) + 1
    joined = " ".join(s.text for s in sentences)
    found: list[set[CitedBy]] = [set() for _ in sentences]
    for quote, cited_by in quotes:
        at = joined.find(quote)
        while at != -1:
            # The sentences overlapping [at, end): from the one holding ``at`` (or
            # the next, if ``at`` is the space between two) to the one holding end - 1.
            first = bisect.bisect_right(starts, at) - 1
            if at >= starts[first] + len(sentences[first].text):
                first += 1
            last = bisect.bisect_right(starts, at + len(quote) - 1) - 1
            for number in range(first, last + 1):
                found[number].add(cited_by)
            at = joined.find(quote, at + 1)
    return found


def _cited(
    sentence: Sentence,
    claims: set[CitedBy],
    stated: dict[ClaimKey, frozenset[str]],
    excused: LedgerEntry | None,
) -> SentenceCoverage:
    """A sentence some quote touches: stated, excused, or partly stated with what is left."""
    order = tuple(sorted(claims, key=lambda c: (c.record_kind, c.record_id, c.where)))
    said = (stated.get((c.record_id, c.where), frozenset()) for c in order)
    left = unstated_words(sentence.text, said)
    if not carries_fact(left):
        return SentenceCoverage(sentence, "cited", order, None)
    if excused is not None:
        return SentenceCoverage(sentence, "cited", order, excused.reason, left)
    return SentenceCoverage(sentence, "partly stated", order, None, left)


def source_coverage(
    quoted: Quoted,
    source: str,
    text: str,
    ledger: Iterable[LedgerEntry],
    stated: dict[ClaimKey, frozenset[str]] | None = None,
) -> tuple[SourceCoverage, list[LedgerEntry]]:
    """One source's coverage, and the ledger entries for it that match or excuse nothing.

    ``quoted`` is ``_quoted_by_source`` of the fact base and ``stated`` its
    ``stated_stems``; without them every cited sentence counts as stated.
    """
    sentences = split_sentences(source, text)
    cited = _cited_by(quoted.get(source, []), sentences)
    entries = [e for e in ledger if e.source == source]
    reasons = {normalise_quote(e.sentence): e for e in entries if e.kind == "skip"}
    remainders = {normalise_quote(e.sentence): e for e in entries if e.kind == "remainder"}
    used: set[tuple[str, str]] = set()
    rows = []
    for sentence, claims in zip(sentences, cited, strict=True):
        entry = reasons.get(sentence.text)
        if entry is not None:
            used.add(("skip", sentence.text))
        if claims:
            found = _cited(sentence, claims, stated or {}, remainders.get(sentence.text))
            if found.unstated and found.status == "cited":
                used.add(("remainder", sentence.text))
            rows.append(found)
        elif entry is not None:
            rows.append(SentenceCoverage(sentence, "not a fact", (), entry.reason))
        else:
            rows.append(SentenceCoverage(sentence, "uncovered", (), None))
    stale = [e for text, e in reasons.items() if ("skip", text) not in used]
    stale += [e for text, e in remainders.items() if ("remainder", text) not in used]
    return SourceCoverage(source, tuple(rows)), stale


def coverage(
    facts: FactBase,
    texts: dict[str, str],
    ledger: Iterable[LedgerEntry],
    source: str | None = None,
) -> CoverageReport:
    """Coverage of every source with archived text in ``texts``, or of ``source`` alone."""
    entries = list(ledger)
    if source is not None and source not in facts.sources:
        raise NotFoundError(f"unknown source '{source}'")
    results: list[SourceCoverage] = []
    stale: list[LedgerEntry] = []
    quoted = _quoted_by_source(facts)  # one walk of the claims, not one per source
    stated = stated_stems(facts)
    for source_id in facts.sources:
        if source_id not in texts or source not in (None, source_id):
            continue
        found, unused = source_coverage(quoted, source_id, texts[source_id], entries, stated)
        results.append(found)
        stale += unused
    if source is None:
        stale += [e for e in entries if e.source not in texts]
    ordered = sorted(stale, key=lambda e: (LEDGER_KINDS.index(e.kind), e.position))
    return CoverageReport(tuple(results), tuple(ordered))

"""Ranked full-text search over every fact and quote.

Matching is on folded words (no case, no accents); every query word must
occur in a field for it to match, a word may match as a prefix, and the
whole query as a phrase ranks higher. Highlights point into the original
text, so what is shown is exactly what the fact file says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import NamedTuple

from factcli.errors import NotFoundError
from factcli.model.claims import NameOf, walk
from factcli.model.records import FactBase
from factcli.query.text import fold, fold_with_offsets

_FIELD_WEIGHT = {"title": 3.0, "name": 3.0, "said": 2.0, "quote": 1.0}
SNIPPET_CHARS = 120


class SearchHit(NamedTuple):
    """One matching field, with a snippet and the matched character spans in it."""

    record_id: str
    record_kind: str
    section: str
    field: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    sources: tuple[str, ...]
    score: float


class Document(NamedTuple):
    """One searchable field of a record, with the sources that back it."""

    record_id: str
    record_kind: str
    section: str
    field: str
    text: str
    sources: tuple[str, ...]
    #: ``fold(text)``, when the caller has it already (the index stores it).
    folded: str | None = None


def documents(facts: FactBase, name_of: NameOf | None = None) -> Iterator[Document]:
    """Every searchable field of the fact base (names of ids from ``name_of`` if given)."""
    for visit in facts.visits.values():
        for field_name in ("title", "summary"):
            yield Document(visit.id, "visit", "summary", field_name, getattr(visit, field_name), ())
    for entity in facts.entities.values():
        for name in (entity.name, *entity.aliases):
            yield Document(entity.id, entity.kind, "registry", "name", name, ())
    for source in facts.sources.values():
        if source.headline:
            yield Document(
                source.id, "source", "bibliography", "headline", source.headline, (source.id,)
            )
    name_of = name_of or facts.name_of
    for claim in walk(facts):
        section = claim.where
        cited = claim.evidence.source_ids
        for field_name, text in claim.named_fields(name_of):
            yield Document(claim.record_id, claim.record_kind, section, field_name, text, cited)
        for citation in claim.evidence.cite:
            yield Document(
                claim.record_id,
                claim.record_kind,
                section,
                "quote",
                citation.quote,
                (citation.source,),
            )


def _match_spans(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]] | None:
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        found = list(pattern.finditer(folded))
        if not found:
            return None
        spans.extend((offsets[m.start()], offsets[m.end() - 1] + 1) for m in found)
    return sorted(set(spans))


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(spans)
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return prefix + text[start:end] + suffix, inside


def query_terms(query: str) -> list[str]:
    """The folded words of a query; NotFoundError if it has none."""
    terms = fold(query).split()
    if not terms:
        raise NotFoundError("search needs at least one word")
    return terms


def search(facts: FactBase, query: str, limit: int = 20) -> list[SearchHit]:
    """The best-matching fields for a query, best first; NotFoundError if none match."""
    return rank(documents(facts), query, limit)


def rank(candidates: Iterable[Document], query: str, limit: int) -> list[SearchHit]:
    """The documents that match every query word, scored, best first, at most ``limit``.

    Scoring a document exactly (highlights mapped back into the original text,
    a snippet) costs far more than bounding its score from its folded words,
    and a common word can match thousands of fields. So every candidate gets
    the bound, and only those whose bound can still reach the top ``limit``
    are scored exactly: the answer is the one scoring them all would give.
    """
    terms = query_terms(query)
    phrase = " ".join(terms)
    patterns = [re.compile(r"\b" + re.escape(term)) for term in dict.fromkeys(terms)]
    bounded: list[tuple[float, int, Document, str]] = []
    for order, doc in enumerate(candidates):
        folded_text = fold(doc.text) if doc.folded is None else doc.folded
        matches = 0
        for pattern in patterns:
            count = len(pattern.findall(folded_text))
            if not count:
                break
            matches += count
        else:
            # Folded words hold the same matches as the spans below; mapping them
            # back to the original text can only merge some, so this is a bound.
            bound = _score(matches, phrase in folded_text, doc.field, folded_text)
            bounded.append((bound, order, doc, folded_text))
    bounded.sort(key=itemgetter(0), reverse=True)  # stable: equals keep their order
    hits: dict[tuple[str, str, str, str], tuple[SearchHit, int]] = {}
    last_bound = None
    for bound, order, doc, folded_text in bounded:
        # Checked once per distinct bound: templated text gives many equal ones.
        if bound != last_bound:
            if len(hits) >= limit and bound < _nth_best(hits, limit):
                break  # neither this one nor any after it can enter the top
            last_bound = bound
        spans = _match_spans(doc.text, patterns)
        if spans is None:
            continue
        score = _score(len(spans), phrase in folded_text, doc.field, folded_text)
        snippet, highlights = _snippet(doc.text, spans)
        key = (doc.record_id, doc.section, doc.field, snippet)
        kept = hits.get(key)
        # The same field found twice keeps its best score, and of equals the first found.
        if kept is None or (kept[0].score, -kept[1]) < (score, -order):
            hit = SearchHit(
                doc.record_id,
                doc.record_kind,
                doc.section,
                doc.field,
                snippet,
                highlights,
                doc.sources,
                score,
            )
            hits[key] = (hit, order)
    if not hits:
        raise NotFoundError(f"nothing matches {query!r}")
    ranked = sorted(
        (hit for hit, _ in hits.values()),
        key=lambda h: (-h.score, h.record_id, h.section, h.field, h.snippet),
    )
    return ranked[:limit]


def _score(matches: int, has_phrase: bool, field: str, folded_text: str) -> float:
    """More matches, the whole phrase, a weighty field and a short text score higher."""
    score = matches + (5.0 if has_phrase else 0.0)
    score *= _FIELD_WEIGHT.get(field, 1.5)
    return score / (1 + len(folded_text) / 400)  # a match in a short field says more


def _nth_best(hits: dict[tuple[str, str, str, str], tuple[SearchHit, int]], n: int) -> float:
    """The n-th highest score among the hits so far."""
    return sorted((hit.score for hit, _ in hits.values()), reverse=True)[n - 1]

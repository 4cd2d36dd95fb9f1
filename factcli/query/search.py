"""Ranked full-text search over every fact and quote.

Matching is on folded words (no case, no accents); every word or quoted
phrase of the query must occur in a field for it to match, by stem, as a
prefix, or as a synonym (see query/words.py), and the whole query as a
phrase ranks higher. Highlights point into the original
text, so what is shown is exactly what the fact file says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import NamedTuple

from factcli.errors import NotFoundError, UsageError
from factcli.model.claims import NameOf, walk
from factcli.model.records import FactBase
from factcli.query.text import fold, fold_with_offsets
from factcli.query.words import (
    Query,
    parse_query,
    stem,
    text_words,
    unit_spans,
)

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


def _match_spans(text: str, query: Query) -> list[tuple[int, int]] | None:
    """Spans of ``text`` where each unit matches; None unless every unit does."""
    folded, offsets = fold_with_offsets(text)
    words, word_spans = text_words(folded)
    stems = [stem(w) for w in words]
    spans: list[tuple[int, int]] = []
    for unit in query.units:
        found = unit_spans(unit, words, stems, word_spans)
        if not found:
            return None
        spans.extend((offsets[a], offsets[b - 1] + 1) for a, b in found)
    return sorted(set(spans))


def _count_matches(folded_text: str, query: Query) -> int:
    """How many matches every unit has in folded text, or 0 unless every unit matches."""
    words, word_spans = text_words(folded_text)
    stems = [stem(w) for w in words]
    total = 0
    for unit in query.units:
        count = len(unit_spans(unit, words, stems, word_spans))
        if not count:
            return 0
        total += count
    return total


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
    """The folded words of a query; UsageError if it has none."""
    terms = fold(query).split()
    if not terms:
        raise UsageError("search needs at least one word to look for")
    return terms


def as_query(query: Query | str) -> Query:
    """A parsed query; text is parsed without synonyms (parse it with a base's to use them)."""
    if isinstance(query, Query):
        return query
    return parse_query(query)


def search(facts: FactBase, query: Query | str, limit: int = 20) -> list[SearchHit]:
    """The best-matching fields for a query, best first; NotFoundError if none match."""
    return rank(documents(facts), query, limit)


#: Claims of visits and events come before registry and bibliography rows.
_REGISTRY_KINDS = frozenset({"person", "org", "source"})


def _tier(doc: Document) -> int:
    return 1 if doc.record_kind in _REGISTRY_KINDS else 0


def rank(candidates: Iterable[Document], query: Query | str, limit: int) -> list[SearchHit]:
    """The documents that match every unit of the query, scored, best first, at most ``limit``.

    Claims of visits and events rank above registry and bibliography rows;
    within each, by score. Scoring a document exactly (highlights mapped back
    into the original text, a snippet) costs far more than bounding its score
    from its folded words, and a common word can match thousands of fields.
    So every candidate gets the bound, and only those whose bound can still
    reach the top ``limit`` are scored exactly: the answer is the one scoring
    them all would give.
    """
    query = as_query(query)
    phrase = query.phrase
    bounded: list[tuple[tuple[int, float], int, Document, str]] = []
    for order, doc in enumerate(candidates):
        folded_text = fold(doc.text) if doc.folded is None else doc.folded
        matches = _count_matches(folded_text, query)
        if matches:
            # Folded words hold the same matches as the spans below; mapping them
            # back to the original text can only merge some, so this is a bound.
            most = _score(matches, phrase in folded_text, doc.field, folded_text)
            bounded.append(((-_tier(doc), most), order, doc, folded_text))
    bounded.sort(key=itemgetter(0), reverse=True)  # stable: equals keep their order
    hits: dict[tuple[str, str, str, str], tuple[SearchHit, int]] = {}
    last_bound: tuple[int, float] | None = None
    for bound, order, doc, folded_text in bounded:
        # Checked once per distinct bound: templated text gives many equal ones.
        if bound != last_bound:
            if len(hits) >= limit and bound < _nth_best(hits, limit):
                break  # neither this one nor any after it can enter the top
            last_bound = bound
        spans = _match_spans(doc.text, query)
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
        raise NotFoundError(f"nothing matches {query.text!r}")
    ranked = sorted(
        (hit for hit, _ in hits.values()),
        key=lambda h: (
            h.record_kind in _REGISTRY_KINDS,
            -h.score,
            h.record_id,
            h.section,
            h.field,
            h.snippet,
        ),
    )
    return ranked[:limit]


def _score(matches: int, has_phrase: bool, field: str, folded_text: str) -> float:
    """More matches, the whole phrase, a weighty field and a short text score higher."""
    score = matches + (5.0 if has_phrase else 0.0)
    score *= _FIELD_WEIGHT.get(field, 1.5)
    return score / (1 + len(folded_text) / 400)  # a match in a short field says more


def _nth_best(
    hits: dict[tuple[str, str, str, str], tuple[SearchHit, int]], n: int
) -> tuple[int, float]:
    """The n-th best (tier, score) among the hits so far."""
    keys = ((-int(hit.record_kind in _REGISTRY_KINDS), hit.score) for hit, _ in hits.values())
    return sorted(keys, reverse=True)[n - 1]

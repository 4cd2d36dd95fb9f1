"""Property-based tests: whatever the input, the loader returns records or problems."""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcli.errors import FactcliError
from factcli.index.store import file_key, file_parts
from factcli.model.loader import load_paths, read_fact_file
from factcli.model.records import FactBase
from factcli.query.search import Document, SearchHit, _snippet, query_terms, rank
from factcli.query.text import fold, fold_char, fold_with_offsets
from factcli.query.words import stem

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [
    "visit",
    "events",
    "sources",
    "people",
    "orgs",
    "id",
    "name",
    "title",
    "summary",
    "kind",
    "date",
    "start",
    "end",
    "places",
    "city",
    "country",
    "cite",
    "source",
    "quote",
    "basis",
    "reasoning",
    "value",
    "as_stated",
    "who",
    "role",
    "rank",
    "delegation",
    "counterparts",
    "statements",
    "speaker",
    "said",
    "aliases",
    "roles",
    "published",
    "publisher",
    "language",
]
scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["2022", "2022-07-10", "2021-06-20/..", "inferred", "stated", "x", "a-b"]),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=30,
)


def _load_text(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.toml"
        path.write_bytes(data)
        parsed = read_fact_file(path, "f.toml")
        assert parsed.document is not None or parsed.problems  # refused, and says why
        result = load_paths([(path, "f.toml")])
        assert isinstance(result.facts, FactBase)
        assert all(str(p).startswith("f.toml") for p in result.problems)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    _load_text(data)


@SETTINGS
@given(st.text(alphabet=st.sampled_from("[]{}=\".,\n abc123#'-"), max_size=200))
def test_toml_like_text(text: str) -> None:
    _load_text(text.encode())


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), documents, max_size=5))
def test_generated_toml_documents(document: dict[str, Any]) -> None:
    _load_text(tomli_w.dumps(document).encode())


citations = st.lists(
    st.fixed_dictionaries(
        {"source": st.sampled_from(["s1", "s2", "missing"]), "quote": st.text(max_size=10)}
    ),
    max_size=2,
)
dates = st.one_of(
    st.sampled_from(
        ["2022", "2022-07", "2022-07-10", "2022-13", "2022-07/2022-01", "../2022", "x"]
    ),
    st.fixed_dictionaries(
        {"value": st.sampled_from(["2021-06", "2021-06-20/..", "bad"])},
        optional={
            "basis": st.sampled_from(["stated", "inferred", "maybe"]),
            "reasoning": st.text(max_size=5),
        },
    ),
)
events = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["e1", "e2", "Bad Id"]),
        "title": st.text(max_size=8),
        "kind": st.just("k"),
        "summary": st.text(max_size=8),
        "date": dates,
        "cite": citations,
    },
    optional={
        "participants": st.lists(st.sampled_from(["p1", "nobody"]), max_size=2),
        "basis": st.sampled_from(["stated", "inferred"]),
    },
)
fact_files = st.fixed_dictionaries(
    {
        "sources": st.just([{"id": "s1", "publisher": "P", "language": "en", "published": "2022"}]),
        "people": st.just([{"id": "p1", "name": "Person One"}]),
    },
    optional={"events": st.lists(events, max_size=3)},
)


@SETTINGS
@given(fact_files)
def test_generated_fact_records(document: dict[str, Any]) -> None:
    with contextlib.suppress(FactcliError):  # the project's own error is the only allowed raise
        _load_text(tomli_w.dumps(document).encode())


_TEXT = st.text(
    alphabet=st.sampled_from("aZé É’‘“”„′″\u00a0ſﬁ-_.,!'\"\t\nß0İσς")
    | st.characters(codec="utf-8"),
    max_size=40,
)


@SETTINGS
@given(_TEXT)
def test_fast_folding_agrees_with_folding_each_character(text: str) -> None:
    """The ASCII fast paths of fold() must give what the per-character rule gives."""
    slow = " ".join(re.findall(r"\w+", "".join(fold_char(c) for c in text)))
    assert fold(text) == slow
    folded, offsets = fold_with_offsets(text)
    assert folded == "".join(fold_char(c) for c in text)
    assert len(offsets) == len(folded) and all(0 <= i < len(text) for i in offsets)


def _rank_every_document(docs: list[Document], query: str, limit: int) -> list[SearchHit]:
    """The plain definition of the ranking: score every document exactly, then sort.

    A query word matches a whole word of the text that has its stem or begins with it.
    """
    terms = query_terms(query)
    weights = {"title": 3.0, "name": 3.0, "said": 2.0, "quote": 1.0}
    hits: dict[tuple[str, str, str, str], SearchHit] = {}
    for doc in docs:
        folded, offsets = fold_with_offsets(doc.text)
        spans: set[tuple[int, int]] = set()
        for term in terms:
            found = [
                m
                for m in re.finditer(r"\w+", folded)
                if m[0].startswith(term) or stem(m[0]) == stem(term)
            ]
            if not found:
                break
            spans.update((offsets[m.start()], offsets[m.end() - 1] + 1) for m in found)
        else:
            words = fold(doc.text)
            score = len(spans) + (5.0 if " ".join(terms) in words else 0.0)
            score *= weights.get(doc.field, 1.5)
            score /= 1 + len(words) / 400
            snippet, highlights = _snippet(doc.text, sorted(spans))
            key = (doc.record_id, doc.section, doc.field, snippet)
            if key not in hits or hits[key].score < score:
                hits[key] = SearchHit(
                    doc.record_id, "visit", doc.section, doc.field, snippet, highlights, (), score
                )
    ordered = sorted(
        hits.values(), key=lambda h: (-h.score, h.record_id, h.section, h.field, h.snippet)
    )
    return ordered[:limit]


_WORDS = st.sampled_from(["fi", "ﬁre", "fire", "Fire", "énergie", "energy", "ener", "a", "ß", "ss"])
_DOC_TEXT = st.lists(_WORDS | _TEXT, min_size=1, max_size=12).map(" ".join)
_DOCS = st.lists(
    st.builds(
        Document,
        record_id=st.sampled_from(["v1", "v2", "v3"]),
        record_kind=st.just("visit"),
        section=st.sampled_from(["summary", "statements[0]"]),
        field=st.sampled_from(["title", "said", "quote", "note"]),
        text=_DOC_TEXT,
        sources=st.just(()),
        folded=st.none(),
    ),
    max_size=30,
)


@SETTINGS
@given(_DOCS, st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), st.integers(1, 8))
def test_search_ranks_as_scoring_every_document_would(
    docs: list[Document], query: str, limit: int
) -> None:
    """Scoring exactly only the documents whose bound can reach the top changes nothing."""
    try:
        expected = _rank_every_document(docs, query, limit)
    except FactcliError:
        expected = []
    try:
        found = rank(docs, query, limit)
    except FactcliError:
        found = []
    assert [(h.record_id, h.section, h.field, h.snippet, h.highlights, h.score) for h in found] == [
        (h.record_id, h.section, h.field, h.snippet, h.highlights, h.score) for h in expected
    ]
    # The index hands over the folded text it stores; the ranking must not change.
    prefolded = [doc._replace(folded=fold(doc.text)) for doc in docs]
    assert (rank(prefolded, query, limit) if found else []) == found


#: Characters that must never reach a terminal raw, nor a JavaScript string unescaped.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)


@SETTINGS
@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_json_is_the_exact_data_with_nothing_unsafe_raw(value: Any) -> None:
    from factcli.safe import json_dumps

    for indent in (None, 2):
        text = json_dumps(value, indent)
        assert json.loads(text) == value
        assert not _UNSAFE.search(text.replace("\n", ""))


@SETTINGS
@given(st.text())
def test_messages_never_carry_a_control_character(text: str) -> None:
    from factcli.errors import Problem
    from factcli.safe import message, printable

    assert not _UNSAFE.search(printable(text)) and "\n" not in printable(text)
    assert not _UNSAFE.search(message(text).replace("\n", "").replace("\t", ""))
    line = str(Problem(text, text, text, 3))
    assert "\n" not in line and not _UNSAFE.search(line.replace("\t", ""))


_SEGMENT = st.text(
    alphabet=st.characters(blacklist_characters="/\\\0", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=8,
).filter(lambda part: part not in (".", ".."))


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.sampled_from(["", "\udcff"]))
def test_the_index_orders_files_as_paths_do(parts: list[str], odd_byte: str) -> None:
    """The index sorts files folder by folder, exactly as a full load's paths sort them."""
    relative = "/".join(parts) + odd_byte + ".toml"
    assert file_parts(file_key(relative)) == PurePosixPath(relative).parts

"""Property-based tests: whatever the input, the loader returns records or problems."""

from __future__ import annotations

import contextlib
import re
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcli.errors import FactcliError
from factcli.model.loader import load_paths, read_fact_file
from factcli.model.records import FactBase
from factcli.query.text import fold, fold_char, fold_with_offsets

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

"""Every citation as a W3C Web Annotation (JSON-LD), for Hypothesis-style annotation tools.

Each citation of each claim (visits, events, people, organisations, sources)
becomes one annotation. Its target is the source's archived text, selected two
ways, as the Web Annotation Data Model recommends for robustness: a
``TextQuoteSelector`` (the exact words with some context before and after) and
a ``TextPositionSelector`` (character offsets). Both are taken from the raw
archived text, so where a quote in a fact file normalises spacing or quote
marks, ``exact`` is the article's own text. Its body names the claim (what it
says) and, as tags, the record, the claim's place in it and the source.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote as percent_encoded

from factcli.errors import FactcliError
from factcli.model.claims import walk
from factcli.model.records import FactBase
from factcli.query.quotes import load_archive, locate

#: Characters of context kept before and after the exact words.
CONTEXT = 32
CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"


class AnnotationError(FactcliError):
    """A citation whose quote cannot be found in its source's archived text."""


def _urn(*parts: str) -> str:
    return "urn:factcli:" + ":".join(percent_encoded(p, safe="") for p in parts)


def archive_urn(file_name: str) -> str:
    """The IRI naming one archived text: ``urn:factcli:archive:FILE``."""
    return _urn("archive", file_name)


def _read_texts(facts: FactBase, archive_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each source's text, and for each source without one, why."""
    if not archive_dir.is_dir():
        raise AnnotationError(f"{archive_dir}: archive directory does not exist")
    # A text that cannot be read is left out: its citations are reported as not found.
    texts, unreadable = load_archive(facts, archive_dir)
    return texts, {failure.owner_id: failure.reason for failure in unreadable}


def web_annotations(facts: FactBase, archive_dir: Path) -> list[dict[str, Any]]:
    """One Web Annotation per citation; raises AnnotationError naming quotes not found."""
    texts, why = _read_texts(facts, archive_dir)
    found: list[dict[str, Any]] = []
    missing: list[str] = []
    for claim in walk(facts):
        # The claim in words, registry ids as names: "who: Ye Win Oo; rank: Lt-Gen; ...".
        named = "; ".join(f"{k}: {v}" for k, v in claim.named_fields(facts.name_of))
        for number, citation in enumerate(claim.stored_cite):
            raw = texts.get(citation.source)
            span = locate(citation.quote, raw) if raw is not None else None
            source = facts.sources.get(citation.source)
            if raw is None or span is None or source is None or source.archive is None:
                reason = f" ({why[citation.source]})" if citation.source in why else ""
                missing.append(f"{claim.record_id} {claim.where}: {citation.source}{reason}")
                continue
            start, end = span
            found.append(
                {
                    "@context": CONTEXT_URL,
                    "id": _urn(
                        "annotation",
                        claim.record_kind,
                        claim.record_id,
                        claim.section,
                        str(claim.position),
                        str(number),
                    ),
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "describing",
                            "format": "text/plain",
                            "value": named or claim.text,
                        },
                        {"type": "TextualBody", "purpose": "tagging", "value": claim.record_id},
                        {
                            "type": "TextualBody",
                            "purpose": "tagging",
                            "value": f"{claim.record_id} {claim.where}",
                        },
                        {"type": "TextualBody", "purpose": "tagging", "value": source.id},
                    ],
                    "target": {
                        "source": archive_urn(source.archive),
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": raw[start:end],
                                "prefix": raw[max(0, start - CONTEXT) : start],
                                "suffix": raw[end : end + CONTEXT],
                            },
                            {"type": "TextPositionSelector", "start": start, "end": end},
                        ],
                    },
                }
            )
    if missing:
        shown = "; ".join(missing[:5]) + ("; ..." if len(missing) > 5 else "")
        raise AnnotationError(
            f"{len(missing)} quote(s) not found in the archived text (run verify-quotes): {shown}"
        )
    return found


def to_annotations(facts: FactBase, archive_dir: Path) -> str:
    """The annotations as one JSON-LD AnnotationCollection, every item on its first page."""
    items = web_annotations(facts, archive_dir)
    collection = {
        "@context": CONTEXT_URL,
        "type": "AnnotationCollection",
        "label": "factcli citations",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2, allow_nan=False) + "\n"

"""Answers for the people who write the facts: passages found, word diffs, TOML to paste."""

from __future__ import annotations

from typing import Any

from factcli.query.passages import DiffPart, Passage
from factcli.render.report import Report, Section

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_TOML_ESCAPES["\r"] = "\\r"


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string; control characters escaped, everything else as is."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_citation(passage: Passage) -> str:
    """A ready-to-paste citation: ``{ source = "...", quote = "..." }``, on one line.

    A passage from an article no source cites yet gets an empty source and a
    comment naming the file to give a new source as its ``archive``.
    """
    source = toml_string(passage.source_id or "")
    # Line breaks become spaces: quotes are matched up to whitespace, and a
    # one-line quote reads better in a fact file.
    words = " ".join(passage.text.split())
    line = f"{{ source = {source}, quote = {toml_string(words)} }}"
    if passage.source_id is None:
        line += f"  # no source has archive = {toml_string(passage.archive)} yet"
    return line


def passage_data(passage: Passage) -> dict[str, Any]:
    """One passage as JSON: its source, archived file, offsets, exact text and score."""
    return {
        "score": passage.score,
        "source": passage.source_id,
        "archive": passage.archive,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
    }


def passages_report(query: str, passages: list[Passage]) -> Report:
    """``factcli quote``: the best passages, best first, each with where it is."""
    section = Section(f"Passages like “{query}”", ["Score", "Source", "Chars", "Text"])
    data = [passage_data(p) for p in passages]
    for passage in passages:
        section.rows.append(
            [
                f"{passage.score:.1f}",
                passage.source_id or passage.archive,
                f"{passage.start}-{passage.end}",
                passage.text,
            ]
        )
    return Report(data, list(data), [section], title=f"{len(passages)} passage(s)")


def wdiff(parts: list[DiffPart]) -> str:
    """A word diff as one line, the way ``wdiff`` prints it: ``[-old-]{+new+}``."""
    shown = []
    for part in parts:
        if part.op == "-":
            shown.append(f"[-{part.text}-]")
        elif part.op == "+":
            shown.append(f"{{+{part.text}+}}")
        else:
            shown.append(part.text)
    return " ".join(shown)

"""Words for numbers of things, shared by messages and answers at every layer."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 visit``, ``3 visits``, ``2 people`` (with ``plural``): a count and its noun."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"

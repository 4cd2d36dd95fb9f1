"""Key paths: where in a fact file a value sits, as ``visit.delegation[2].name``.

On their own, apart from the format, so that code which only names places in
a file (building records, locating lines) does not import the validator.
"""

from __future__ import annotations

KeyPath = tuple[str | int, ...]


def format_path(path: KeyPath) -> str:
    """Render a key path as ``visit.delegation[2].name``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


#: Each top-level key of a fact file: the namespace its ids live in, the kind
#: of record, and whether it holds one table or an array of them.
RECORD_KEYS: tuple[tuple[str, str, str], ...] = (
    ("visit", "record", "visit"),
    ("events", "record", "event"),
    ("sources", "source", "source"),
    ("people", "entity", "person"),
    ("orgs", "entity", "org"),
)


#: The namespace each kind of record's id lives in.
NAMESPACE_OF_KIND = {kind: namespace for _, namespace, kind in RECORD_KEYS}

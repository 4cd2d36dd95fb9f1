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

"""factcli schema: the JSON Schema of a fact file, for editors and validators.

Golden file: tests/golden/commands/schema/ (regenerate: see ``golden.py``); the
same document is shipped as docs/fact-file.schema.json.
"""

from __future__ import annotations

from ..conftest import REPO
from .golden import check


def test_schema_is_the_shipped_schema() -> None:
    check("schema", "schema.json", ["schema"])
    shipped = (REPO / "docs" / "fact-file.schema.json").read_text(encoding="utf-8")
    assert (REPO / "tests" / "golden" / "commands" / "schema" / "schema.json").read_text(
        encoding="utf-8"
    ) == shipped

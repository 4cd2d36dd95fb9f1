"""factcli report: a document of visits and events, numbered sources, Markdown or HTML.

Golden files: tests/golden/commands/report/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

import pytest

from .golden import MINI_DIR, check


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_of_every_record(fmt: str) -> None:
    check("report", f"all.{fmt}", ["report", "-d", MINI_DIR, "--format", fmt])


def test_report_of_one_visit() -> None:
    args = ["report", "--visit", "2020-03-springfield", "-d", MINI_DIR, "--format", "markdown"]
    check("report", "visit.markdown", args)

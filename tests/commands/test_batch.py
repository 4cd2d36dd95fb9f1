"""factcli batch: one command per line of stdin, one line of JSON per command.

Golden files: tests/golden/commands/batch/ (regenerate: see ``golden.py``).
"""

from __future__ import annotations

from .golden import MINI_DIR, check

LINES = """\
show 2020-03-springfield --fields id,title
# a comment, and a blank line, get no answer

person quimby --fields id,name
search harvest -n 2 --fields record_id,snippet
visits --year 1999
show --format table 2020-03-springfield
no-such-command
"""


def test_batch_answers_each_line_in_order() -> None:
    check("batch", "mixed.jsonl", ["batch", "-d", MINI_DIR], stdin=LINES, code=1)

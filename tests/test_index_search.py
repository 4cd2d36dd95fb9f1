"""The index's full-text search never crashes the process, on the SQLite the project supports.

SQLite 3.40.1 (Debian 12's) writes past a buffer and aborts the whole process
("double free or corruption") when an FTS5 prefix query merges the rowids of
a term found only in rows below 0 with those of a term found only in rows
above. The index once gave name documents negative rowids; it met this at
100,000 visits. These tests hold the index to positive rowids, and run the
crash's pattern against the index's own schema and rowid layout in a child
process, where an abort fails the test instead of ending the test run.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

from factcli.index.opening import open_index
from factcli.index.store import index_path

from .conftest import MINI


def test_every_searchable_row_of_an_index_has_a_positive_rowid() -> None:
    access = open_index(MINI)
    assert access is not None
    access.close()
    path = index_path(MINI)
    assert path is not None
    with closing(sqlite3.connect(path)) as db:
        lowest, names = db.execute(
            "SELECT min(id), (SELECT count(*) FROM name_docs) FROM docs"
        ).fetchone()
    assert names > 0  # the mini base names people in its claims: name documents exist
    assert lowest > 0


#: Terms 'ab' (k name documents, just below the field documents) and 'aa' (m field
#: documents), every split of each total: the sizes at which the old layout aborted.
_PATTERN = textwrap.dedent(
    """
    import sqlite3, sys
    from pathlib import Path
    from factcli.index.writing import FIELD_DOCS_FROM, _add_docs, rebuild_schema

    for total in (64, 128, 256):
        for k in range(1, total - 9):
            m = total - 9 - (k - 1)
            db = sqlite3.connect(":memory:", isolation_level=None)
            rebuild_schema(db, Path(sys.argv[1]))
            rest = ("o", "s", "f", "", "visit")
            names = [(FIELD_DOCS_FROM - k + i, "ab", "ab", *rest) for i in range(k)]
            fields = [(FIELD_DOCS_FROM + i, "aa", "aa", *rest) for i in range(m)]
            _add_docs(db, names)
            _add_docs(db, fields)
            found = db.execute("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'a*'").fetchone()
            assert found[0] == k + m, (found, k, m)
            db.close()
    print("ok")
    """
)


def test_a_prefix_query_across_name_and_field_documents_does_not_abort(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PATTERN, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr[-2000:]

"""Commented templates for new fact files.

Every value to fill in is an empty string, which the format refuses, so a
template that is not filled in fails ``factcli validate`` at each such key,
and passes once every one holds a value.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path


class TemplateKind(str, enum.Enum):
    """The kinds of record a template exists for."""

    visit = "visit"
    event = "event"
    source = "source"
    person = "person"
    org = "org"


_CITE = """cite = [
  # A source id from a [[sources]] table, and its words copied verbatim.
  { source = "", quote = "" },
]"""

_TEMPLATES: dict[str, str] = {
    "visit": f"""# A visit. Fill in every "" below, delete the optional parts you do not
# need, then run `factcli validate`. docs/format.md explains every key.

[visit]
id = "{{id}}"
visitor = ""  # the registry id of who travelled (`factcli new person`), or an array of ids
title = ""    # a short title, e.g. "State visit"
summary = ""  # two or three plain sentences
start = ""    # an EDTF date: 2022-07-10, 2022-07, 2022-08/2022-09, 2021-06-20~ ...
# end = ""    # optional, EDTF

# The route: one table per stop, in the order travelled; a stop may have its own date.
[[visit.places]]
city = ""
country = ""
# role = "stop"  # one stop of a route; by default the first place is "main", the rest "side trip"
# date = ""   # optional, EDTF
{_CITE}

# Optional: one table per member of the delegation.
[[visit.delegation]]
who = ""      # a person or org id from the registry
role = ""     # their role, as the source gives it
# status = "expected"  # if the source only says they are likely to come
{_CITE}

# Optional: one table per person or organisation met.
[[visit.counterparts]]
who = ""
topics = [""]
# place = ""  # where they met, as the source names it; leave out if it does not say
# status = "planned"   # "planned", "expected" or "ruled out" if not reported as held
# according_to = ""    # who in the article says so, e.g. "state media"
{_CITE}
""",
    "event": f"""# A related event (a trip, a summit, a statement). Fill in every "",
# then run `factcli validate`. docs/format.md explains every key.

[[events]]
id = "{{id}}"
title = ""    # a short title
kind = ""     # e.g. "visit", "summit", "coup", "election", "statement"
date = ""     # an EDTF date
summary = ""  # one or two plain sentences
participants = [""]  # person or org ids from the registry
{_CITE}
""",
    "source": """# An article that claims cite. Fill in every "", then run `factcli validate`.

[[sources]]
id = "{id}"
publisher = ""
headline = ""   # as printed; delete the line if the archived text has none
published = ""  # an EDTF date
language = ""   # an ISO 639-1 code, e.g. "en"
# archive = ""  # optional: the file name of its text in the quote archive
""",
    "person": """# A person in the registry. Fill in every "", then run `factcli validate`.

[[people]]
id = "{id}"
name = ""
aliases = [""]  # every other spelling the sources use; delete if none
country = ""
# Each role as a source gives it, with the source id and its words verbatim.
roles = [
  { title = "", cite = [{ source = "", quote = "" }] },
]
""",
    "org": """# An organisation in the registry. Fill in every "", then run `factcli validate`.

[[orgs]]
id = "{id}"
name = ""
aliases = [""]  # every other spelling the sources use; delete if none
country = ""
""",
}

SCHEMA_FILE = "fact-file.schema.json"


def schema_line(target: Path) -> str | None:
    """A ``#:schema`` line pointing at the nearest schema copy above ``target``, if any."""
    folder = target.resolve().parent
    for candidate_folder in (folder, *folder.parents):
        for candidate in (candidate_folder / SCHEMA_FILE, candidate_folder / "docs" / SCHEMA_FILE):
            if candidate.is_file():
                relative = os.path.relpath(candidate, folder)
                return f"#:schema {Path(relative).as_posix()}"
    return None


def template(kind: TemplateKind, record_id: str, target: Path) -> str:
    """The template of a new ``kind`` record with this id, to be written at ``target``."""
    text = _TEMPLATES[kind.value].replace("{id}", record_id)
    line = schema_line(target)
    if line is None:
        line = f"# For checks as you type: `factcli schema > {SCHEMA_FILE}` beside this file."
    return f"{line}\n{text}"

"""The files of a new, empty fact base, as ``factcli init`` writes them.

Each registry file holds an empty list, so the new base validates as it is;
the coverage ledger and the thesaurus hold only comments that explain their
format. Nothing here names a person, place or source of any real base.
"""

from __future__ import annotations

from pathlib import Path

from factcli.model.templates import SCHEMA_FILE

#: Folders a new base starts with: one file per visit, and related events.
FOLDERS = ("visits", "events")

_SCHEMA = f"#:schema ./{SCHEMA_FILE}\n"

_SOURCES = (
    _SCHEMA
    + """# The articles this fact base cites: one [[sources]] table each, so that
# every claim can name its source by id. `factcli new source ID` writes one;
# paste it here IN PLACE OF the line `sources = []` below (TOML allows the
# empty list or tables, not both). This file marks the folder as a fact
# base: factcli answers from the nearest folder holding a sources.toml.
sources = []

# [[sources]]
# id = "wire-2024-05-01"
# publisher = "A news agency"
# published = "2024-05-01"
# language = "en"
# archive = "wire-2024-05-01.txt"   # its text, in the folder --archive names
"""
)

_PEOPLE = (
    _SCHEMA
    + """# The people the articles name: one [[people]] table each, with every
# spelling the articles use as an alias. `factcli new person ID` writes one;
# paste it here in place of the line `people = []`.
people = []
"""
)

_ORGS = (
    _SCHEMA
    + """# The organisations the articles name: one [[orgs]] table each.
# `factcli new org ID` writes one; paste it here in place of `orgs = []`.
orgs = []
"""
)

_LEDGER = """# The coverage ledger: sentences of the archived articles that carry no fact
# (a byline, a caption credit, page furniture), each listed once with the
# reason it is left out, so that `factcli coverage` stops showing it as
# uncovered. It is not a fact file: factcli reads it only for `coverage`.
#
# One table per sentence; all three keys are required:
#
# [[skip]]
# source = "wire-2024-05-01"        # the source id, from sources.toml
# sentence = "Reporting by A. Writer; Editing by B. Editor"
#                                   # the whole sentence, as `factcli coverage` splits it
# reason = "byline"                 # why it carries no fact
"""

_THESAURUS = """# This base's search thesaurus: words a search of this base treats as meaning
# the same thing. It applies to this base only; without it a search has no
# synonyms. It is not a fact file.
#
# A search for any entry of a group also finds the other entries of the
# group. Typed words are matched by their stem (weapons finds weapon); the
# other entries are matched as written, so list the forms that matter. An
# entry of several words is matched as a phrase.
#
# [[synonyms]]
# words = ["killed", "deaths", "death toll"]
"""

_TAPLO = """# Taplo / Even Better TOML settings for this fact base: every fact file names
# the JSON Schema beside it on its first line (#:schema), so an editor with
# Taplo checks a file as it is typed. `factcli schema > fact-file.schema.json`
# refreshes the schema after an upgrade of factcli.
include = ["**/*.toml"]
exclude = ["taplo.toml", "coverage.toml", "thesaurus.toml"]

[formatting]
# Quotes are copied verbatim and can be long: keep them on one line.
column_width = 200
align_entries = false
array_auto_expand = false
array_auto_collapse = false
"""

_README = """# A factcli fact base

Each claim here is backed by a verbatim quote from an archived article.

Add facts in this order, each from an archived article:

1. a source: `factcli new source ID`, pasted into `sources.toml`;
2. the people and organisations it names: `factcli new person ID` and
   `factcli new org ID`, pasted into `people.toml` and `orgs.toml`;
3. a visit: `factcli new visit ID -o visits/ID.toml`;
4. for each claim, its verbatim quote:
   `factcli quote "words as you remember them" --archive DIR --toml`.

The files:

- `sources.toml`: the articles; `people.toml` and `orgs.toml`: the registry.
- `visits/`: one file per visit
  (`factcli new visit 2024-05-capital -o visits/2024-05-capital.toml`).
- `events/`: related events (`factcli new event ID`).
- `coverage.toml`: sentences of the articles that carry no fact, and why.
- `thesaurus.toml`: this base's search synonyms.
- `fact-file.schema.json` and `taplo.toml`: checks as you type, in an editor with Taplo.

Check the base after every change:

    factcli validate
    factcli verify-quotes --archive path/to/archived/texts

To run both before every commit, keep this base in git, add factcli's hooks
to its `.pre-commit-config.yaml` and run `pre-commit install`:

    repos:
      - repo: FACTCLI-REPOSITORY-URL   # factcli's repository, or a local clone
        rev: main                      # the tag or commit of factcli to run
        hooks:
          - id: factcli-validate
          - id: factcli-verify-quotes
            args: [--archive, path/to/archived/texts]
"""


def scaffold_files(schema: str) -> dict[str, str]:
    """Every file of a new base, by its path relative to the base, with its text."""
    return {
        "sources.toml": _SOURCES,
        "people.toml": _PEOPLE,
        "orgs.toml": _ORGS,
        "coverage.toml": _LEDGER,
        "thesaurus.toml": _THESAURUS,
        "taplo.toml": _TAPLO,
        SCHEMA_FILE: schema,
        "README.md": _README,
    }


def existing_paths(base: Path, files: dict[str, str]) -> list[Path]:
    """The paths a new base would write that already exist (init never overwrites)."""
    wanted = [base / name for name in (*files, *FOLDERS)]
    return [path for path in wanted if path.exists() or path.is_symlink()]

"""``factcli info``: which fact base answers, how much it holds, where its index lives."""

from __future__ import annotations

from factcli.commands.common import (
    FactsDirOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    SkipInvalidOption,
    emit,
    facts_root,
    open_facts,
)
from factcli.model.location import bundled_facts_dir, discovered_facts_dir, named_by
from factcli.query.overview import base_counts
from factcli.query.words import THESAURUS_FILE_NAME
from factcli.render.formats import OutputFormat
from factcli.render.report import Report


def info(
    facts_dir: FactsDirOption = None,
    skip_invalid: SkipInvalidOption = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Which fact base answers (and why that one), how many records it has, where its index is."""
    from factcli.index.store import index_path

    root = facts_root(facts_dir)
    if facts_dir is not None:
        how = f"named by {named_by(facts_dir)}"
    elif root == discovered_facts_dir():
        how = "the nearest folder holding sources.toml, or its facts/ subfolder, from here up"
    else:
        how = "bundled with factcli"
    with open_facts(facts_dir, skip_invalid) as access:
        counts = base_counts(access.everything())
    index = index_path(root)
    own = root / THESAURUS_FILE_NAME
    thesaurus = [str(own)] if own.is_file() else []
    data = {
        "facts_dir": str(root),
        "found_by": how,
        "bundled": root.resolve() == bundled_facts_dir().resolve(),
        "counts": counts,
        "index": str(index) if index else None,
        "index_exists": bool(index and index.exists()),
        "thesaurus": thesaurus,
    }
    index_text = "off (FACTCLI_INDEX=off or FACTCLI_NO_INDEX is set)"
    if index is not None:
        index_text = f"{index}{'' if index.exists() else ' (built on the next query)'}"
    header: list[tuple[str, str]] = [
        ("Fact base", str(root)),
        ("Found as", how),
        *((name.replace("_", " ").capitalize(), str(n)) for name, n in counts.items()),
        ("Index", index_text),
        ("Thesaurus", "; ".join(thesaurus) or "none (no thesaurus.toml in the fact base)"),
    ]
    flat = [{"facts_dir": str(root), "found_by": how, **counts, "index": data["index"]}]
    emit(
        Report(data, flat, [], title="factcli info", header=list(header)),
        output_format,
        as_json,
        fields,
    )

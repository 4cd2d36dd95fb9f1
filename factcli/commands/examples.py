"""Two or three real examples at the end of every command's --help (each one is tested)."""

from __future__ import annotations

#: Each command's examples, as typed at a shell in a folder holding the articles' archive
#: as ``sources/`` (the tests run every one of them).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "visits": (
        "factcli visits",
        "factcli visits --since 2022 --person shoigu",
        "factcli visits --format csv --fields id,start,end,city",
    ),
    "show": (
        "factcli show 2022-07-moscow",
        "factcli show 2021-06-moscow --quotes",
        "factcli show 2022-08-lavrov-naypyidaw --format markdown",
    ),
    "person": (
        "factcli person shoigu",
        'factcli person "Thein Tun Oo" --json',
    ),
    "org": ("factcli org rosatom", "factcli org rosoboronexport --format markdown"),
    "search": (
        'factcli search "death toll"',
        "factcli search weapons -n 5",
        "factcli search '\"arms dealer\"' --json",
    ),
    "timeline": ("factcli timeline --since 2022-07", "factcli timeline --person lavrov"),
    "meetings": (
        "factcli meetings",
        "factcli meetings --person shoigu",
        "factcli meetings --since 2022 --format csv",
    ),
    "info": ("factcli info", "factcli info --json"),
    "sources": (
        "factcli sources",
        "factcli sources --visit 2021-06-moscow",
        "factcli sources --format bibtex > sources.bib",
    ),
    "conflicts": ("factcli conflicts", "factcli conflicts --format csv"),
    "report": (
        "factcli report --output visits.html",
        "factcli report --visit 2022-07-moscow -o moscow-2022.md",
        "factcli report --since 2022 --format markdown",
    ),
    "validate": ("factcli validate", "factcli validate --format json"),
    "verify-quotes": (
        "factcli verify-quotes --archive sources",
        "factcli verify-quotes --archive sources --json",
    ),
    "coverage": (
        "factcli coverage --archive sources",
        "factcli coverage --archive sources --json",
    ),
    "export": (
        "factcli export --format json --output facts.json",
        "factcli export --format sqlite --output facts.db",
        "factcli export --format annotations --archive sources --output citations.jsonld",
    ),
    "schema": ("factcli schema", "factcli schema > fact-file.schema.json"),
    "new": ("factcli new visit 2023-05-moscow", "factcli new person sergei-lavrov -o lavrov.toml"),
    "init": ("factcli init my-base", "factcli init"),
    "batch": (
        "printf '%s\\n' 'visits' 'person shoigu' | factcli batch",
        "factcli batch < lookups.txt > answers.jsonl",
    ),
    "quote": (
        "factcli quote 'described by the Russian embassy as private' --archive sources",
        "factcli quote 'met with Alexey Likhachev' --archive sources --toml",
    ),
    "diff": ("factcli diff", "factcli diff HEAD~1 HEAD --format markdown"),
}


def epilog(command: str) -> str | None:
    """The 'Examples:' block that ends ``command``'s --help, kept line by line."""
    examples = EXAMPLES.get(command)
    if not examples:
        return None
    # \b stops Click from re-wrapping the lines into one paragraph.
    return "Examples:\n\n\b\n" + "\n".join(f"  {e}" for e in examples)

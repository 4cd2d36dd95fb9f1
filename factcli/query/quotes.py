"""Check that every quote appears verbatim in the archived text of its source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factcli.errors import FactsDirError
from factcli.model.claims import walk
from factcli.model.records import FactBase
from factcli.query.text import normalise_quote

if TYPE_CHECKING:
    from factcli.query.passages import Passage


def archived_file(archive_dir: Path, name: str) -> Path | None:
    """The file ``name`` in the archive folder, or None if it would lie outside it.

    A fact base may come from anyone: its ``archive`` names must not read
    files elsewhere on the machine (``../../home/me/.ssh/id_rsa``).
    """
    folder = archive_dir.resolve()
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) and path != folder else None


class QuoteFailure(NamedTuple):
    """A quote (or verbatim field) not found where it should be."""

    owner_id: str
    where: str
    source_ids: tuple[str, ...]
    text: str
    reason: str
    #: The passage of a cited source most like the text, so the fix is one paste.
    closest: Passage | None = None


class QuoteReport(NamedTuple):
    """How many quotes were checked and which failed."""

    checked: int
    failures: tuple[QuoteFailure, ...]


def load_archive(facts: FactBase, archive_dir: Path) -> tuple[dict[str, str], list[QuoteFailure]]:
    """The archived text of each source, as read, and a failure per source without one."""
    if not archive_dir.is_dir():
        raise FactsDirError(f"{archive_dir}: archive directory does not exist")
    texts: dict[str, str] = {}
    failures: list[QuoteFailure] = []
    for source in facts.sources.values():
        if source.archive is None:
            failures.append(
                QuoteFailure(source.id, "sources", (source.id,), "", "source has no 'archive' file")
            )
            continue
        path = archived_file(archive_dir, source.archive)
        if path is None:
            failures.append(
                QuoteFailure(
                    source.id,
                    "sources",
                    (source.id,),
                    source.archive,
                    "'archive' must name a file inside the archive folder",
                )
            )
            continue
        try:
            texts[source.id] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            failures.append(
                QuoteFailure(
                    source.id, "sources", (source.id,), str(path), f"cannot read archive: {error}"
                )
            )
    return texts, failures


def verify_quotes(
    facts: FactBase, archive_dir: Path, step: Callable[[], None] | None = None
) -> QuoteReport:
    """Check every citation quote, and every 'said'/'wording' against its cited sources.

    ``step`` is called once per claim checked, for a progress bar.
    """
    raw, failures = load_archive(facts, archive_dir)
    texts = {source_id: normalise_quote(text) for source_id, text in raw.items()}
    checked = 0
    for claim in walk(facts):
        if step is not None:
            step()
        where = claim.where
        for citation in claim.evidence.cite:
            checked += 1
            archived = texts.get(citation.source)
            if archived is None:
                continue  # already reported as a source without archive text
            if normalise_quote(citation.quote) not in archived:
                failures.append(
                    QuoteFailure(
                        claim.record_id,
                        where,
                        (citation.source,),
                        citation.quote,
                        "quote not found in the source",
                    )
                )
        cited = claim.evidence.source_ids
        for field_name, text in claim.verbatim:
            checked += 1
            needle = normalise_quote(text)
            if not any(needle in texts.get(source_id, "") for source_id in cited):
                failures.append(
                    QuoteFailure(
                        claim.record_id,
                        f"{where}.{field_name}",
                        cited,
                        text,
                        f"'{field_name}' is not verbatim in any cited source",
                    )
                )
    return QuoteReport(checked, tuple(_with_closest(facts, raw, failures)))


def _with_closest(
    facts: FactBase, raw: dict[str, str], failures: list[QuoteFailure]
) -> list[QuoteFailure]:
    """Each failing quote with the closest passage: of the sources it cites, or of another.

    A quote cited to the wrong source is often verbatim in another one; that
    passage is offered when it matches better than anything the cited
    sources hold, and its source id shows which citation to fix.
    """
    # Failures "in sources" are archive files missing or unreadable, not quotes.
    quoted = [i for i, f in enumerate(failures) if f.where != "sources" and f.text]
    if not quoted:
        return failures  # rapidfuzz is imported only when there is something to look for
    from factcli.query.passages import ArchivedText, closest_passage

    # The texts as read (not normalised), so a passage is the article's own words.
    texts = {s: ArchivedText(s, facts.sources[s].archive or "", t) for s, t in raw.items()}
    updated = list(failures)
    for i in quoted:
        failure = failures[i]
        cited = [texts[s] for s in failure.source_ids if s in texts]
        best = closest_passage(failure.text, cited) if cited else None
        if best is None or best.score < 100:
            others = [t for s, t in texts.items() if s not in failure.source_ids]
            elsewhere = closest_passage(failure.text, others) if others else None
            if elsewhere is not None and (best is None or elsewhere.score > best.score):
                best = elsewhere
        updated[i] = failure._replace(closest=best)
    return updated

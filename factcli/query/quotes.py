"""The archived texts of the sources: reading them, and finding quotes verbatim in them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factcli.errors import FactsDirError, NotFoundError
from factcli.model.claims import walk
from factcli.model.records import FactBase
from factcli.query.archive import ArchivedText, read_article
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


def read_archive(
    facts: FactBase, archive_dir: Path, source_id: str | None = None
) -> tuple[list[ArchivedText], list[str]]:
    """The archived texts to search, and a message for each text missing or unreadable.

    Each source's ``archive`` file comes first, under the source's id. The
    folder's other ``.txt`` files follow under no id: an article not yet cited
    is where a new source's quotes come from. With ``source_id``, only that
    source's text.
    """
    if not archive_dir.is_dir():
        raise FactsDirError(f"{archive_dir}: archive directory does not exist")
    if source_id is not None:
        source = facts.sources.get(source_id)
        if source is None:
            raise NotFoundError(f"unknown source '{source_id}'")
        if source.archive is None:
            raise NotFoundError(f"source '{source_id}' has no 'archive' file")
        path = archived_file(archive_dir, source.archive)
        if path is None:
            raise NotFoundError(f"source '{source_id}': 'archive' must name a file in the folder")
        return [ArchivedText(source.id, source.archive, read_article(path))], []
    candidates: list[tuple[str | None, str, Path]] = []
    missing: list[str] = []
    cited: set[str] = set()
    for source in facts.sources.values():
        if source.archive is None:
            continue
        cited.add(source.archive)
        path = archived_file(archive_dir, source.archive)
        if path is None:
            missing.append(f"source '{source.id}': 'archive' must name a file in the folder")
            continue
        if not os.path.lexists(path):
            missing.append(f"{path}: archived text of source '{source.id}' not found")
            continue
        candidates.append((source.id, source.archive, path))
    for path in sorted(archive_dir.iterdir()):
        if path.suffix == ".txt" and path.name not in cited and not path.is_dir():
            candidates.append((None, path.name, path))
    texts: list[ArchivedText] = []
    for cited_by, name, path in candidates:
        # One unreadable article in a big archive should not stop the search of the others.
        try:
            texts.append(ArchivedText(cited_by, name, read_article(path)))
        except FactsDirError as error:
            missing.append(str(error))
    return texts, missing


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
            texts[source.id] = read_article(path)
        except FactsDirError as error:
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
        # Its date's citations too (and each alternative version's): every quote is checked once.
        for citation in claim.stored_cite:
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
    from factcli.query.passages import closest_passage

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


def _normalised_with_offsets(raw: str) -> tuple[str, list[int]]:
    """``normalise_quote`` of ``raw`` (but not stripped), and each character's index in ``raw``."""
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(raw):
        if char.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(index)
            in_space = True
            continue
        in_space = False
        for piece in normalise_quote(char) or char:
            chars.append(piece)
            offsets.append(index)
    return "".join(chars), offsets


def locate(quote: str, raw: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``raw``, as verify-quotes matches it (spacing and quote marks aside).

    The offsets are of ``raw`` itself, so ``raw[start:end]`` is the article's
    own text: its curly quotes, its line breaks.
    """
    needle = normalise_quote(quote)
    if not needle:
        return None
    if needle in raw:
        start = raw.index(needle)
        return start, start + len(needle)
    text, offsets = _normalised_with_offsets(raw)
    found = text.find(needle)
    if found < 0:
        return None
    return offsets[found], offsets[found + len(needle) - 1] + 1

"""The state of one run of factcli, in one object: what its options asked, what a batch shares.

A run begins in the program's callback (``cli.main_options``), which makes
the session current for the command it runs. ``batch`` hands its own session
to every line it runs, so the fact bases it opened stay open across lines and
each line's report goes to the batch instead of stdout.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcli.query.access import FactsAccess
    from factcli.render.report import Report


@dataclass
class Session:
    """What one run (or one batch of runs) has chosen and holds."""

    #: Whether long tables on a terminal may go through the pager (not ``--no-pager``).
    paging_allowed: bool = True
    #: Where reports go instead of stdout, while a batch runs a line.
    collector: Callable[[Report], None] | None = None
    #: Fact bases opened once and kept for every question, while a batch runs.
    held: dict[tuple[Path, bool], FactsAccess] | None = None
    #: Bundled fact bases the user was already told answer instead of theirs.
    noted_bundled: set[Path] = field(default_factory=set)

    @contextlib.contextmanager
    def holding_facts(self) -> Iterator[None]:
        """Within the block, each fact base is opened (and checked for changes) only once."""
        self.held = {}
        try:
            yield
        finally:
            held, self.held = self.held, None
            for access in held.values():
                access.close()

    @contextlib.contextmanager
    def collecting(self, collector: Callable[[Report], None]) -> Iterator[None]:
        """Within the block, every report a command emits goes to ``collector``, not stdout."""
        self.collector = collector
        try:
            yield
        finally:
            self.collector = None


_current: ContextVar[Session] = ContextVar("factcli_session")


def current() -> Session:
    """The session of the run in progress (a new one if none has begun, as in a library call)."""
    try:
        return _current.get()
    except LookupError:
        return begin(Session())


def begin(session: Session) -> Session:
    """Make ``session`` the current one, for the command about to run."""
    _current.set(session)
    return session

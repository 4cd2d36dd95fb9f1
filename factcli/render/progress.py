"""A progress bar on stderr for work that turns out to be slow (building the index).

Nothing is drawn, and Rich is not even imported, unless stderr is a terminal
and the work is still going after ``delay`` seconds: a warm query or a small
update never pays for it, and a pipe or a log file never sees it.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: How long work may run before a bar is worth showing.
DELAY_SECONDS = 0.5


class Ticker:
    """Counts finished steps; draws them as a bar once the work proves slow."""

    def __init__(
        self,
        total: int,
        description: str,
        *,
        stream: TextIO | None = None,
        delay: float = DELAY_SECONDS,
    ) -> None:
        """Expect ``total`` steps; draw on ``stream`` (stderr) if it is a terminal."""
        self.total = total
        self.description = description
        self.stream = stream if stream is not None else sys.stderr
        self.shown = self.stream.isatty()
        self.deadline = time.monotonic() + delay
        self.done = 0
        self._bar: tuple[Progress, TaskID] | None = None

    def advance(self) -> None:
        """One more step is finished."""
        self.done += 1
        if self._bar is not None:
            progress, task = self._bar
            progress.update(task, completed=self.done)
        elif self.shown and time.monotonic() >= self.deadline and self.done < self.total:
            self._bar = self._start()

    def _start(self) -> tuple[Progress, TaskID]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from factcli.render.console import make_console

        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=make_console(self.stream),
            transient=True,  # the answer, not the bar, is what stays on the screen
        )
        task = progress.add_task(self.description, total=self.total, completed=self.done)
        progress.start()
        return progress, task

    def close(self) -> None:
        """The work is over: take the bar off the screen."""
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None

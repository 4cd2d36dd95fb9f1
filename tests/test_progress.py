"""The build's progress bar: only on a terminal, only once the work proves slow."""

from __future__ import annotations

import io

from factcli.render.progress import Ticker


class Terminal(io.StringIO):
    """A stream that says it is a terminal, and keeps what was drawn on it."""

    def isatty(self) -> bool:
        return True


def run(ticker: Ticker, steps: int) -> None:
    for _ in range(steps):
        ticker.advance()
    ticker.close()


def test_slow_work_on_a_terminal_gets_a_bar_with_its_counts() -> None:
    screen = Terminal()
    run(Ticker(4, "Indexing the fact files", stream=screen, delay=0), 4)
    drawn = screen.getvalue()
    assert "Indexing the fact files" in drawn
    assert "/4" in drawn


def test_work_done_before_the_delay_draws_nothing() -> None:
    screen = Terminal()
    run(Ticker(4, "Indexing the fact files", stream=screen, delay=3600), 4)
    assert screen.getvalue() == ""


def test_a_pipe_or_file_never_gets_a_bar() -> None:
    log = io.StringIO()
    run(Ticker(4, "Indexing the fact files", stream=log, delay=0), 4)
    assert log.getvalue() == ""

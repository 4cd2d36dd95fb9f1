"""Reading fact files into index rows, on every core when there are many.

Reading a file (parse, check, build, turn into rows) needs nothing but the
file, so a first index of a large fact base reads files in worker processes
while the main process writes the rows of the files already read. Results
come back in the order of the paths, so the index is the same either way.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factcli.index.rows import FileRows, file_rows
from factcli.index.store import file_name
from factcli.model.build import Builder
from factcli.model.loader import read_fact_file
from factcli.model.records import FactBase

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 256


class FileReading(NamedTuple):
    """What one file adds to the index: its rows, or only how many problems it has."""

    problems: int
    rows: FileRows | None


def read_file(root: Path, path: str) -> FileReading:
    """Parse, check and build one file (``path``: its ``file_key``) into index rows."""
    display = str(root / file_name(path))
    parsed = read_fact_file(root / file_name(path), display)
    problems = len(parsed.problems)
    if parsed.document is None:
        return FileReading(problems, None)
    builder = Builder(FactBase(), track_references=False)
    problems += len(builder.add_file(parsed.document, display, parsed.problem))
    if problems:
        return FileReading(problems, None)
    return FileReading(0, file_rows(parsed.document, builder.facts))


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def read_files(root: Path, paths: list[str]) -> Iterator[FileReading]:
    """Each file's reading, in the order of ``paths``; in parallel when it pays."""
    workers = min(_cores(), 8)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        yield from (read_file(root, path) for path in paths)
        return
    # Imported here: a warm query never starts a worker and need not pay for these.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts workers at once with everything imported; elsewhere the default
    # (spawn) is the safe choice.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    from factcli.process import stop_workers, worker_started

    try:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=worker_started,  # workers die with this process, whatever kills it
            initargs=(os.getpid(),),
        )
    except (OSError, NotImplementedError):  # no semaphores or processes here: read in turn
        yield from (read_file(root, path) for path in paths)
        return
    size = max(8, min(64, len(paths) // (workers * 8)))
    chunks = iter([paths[start : start + size] for start in range(0, len(paths), size)])
    # A few chunks per worker in flight, no more: when writing is the slower
    # side, readings must not pile up in memory (at 100,000 files they would).
    try:
        pending: deque[Future[list[FileReading]]] = deque(
            pool.submit(_read_chunk, root, chunk) for chunk in islice(chunks, workers * 3)
        )
        while pending:
            readings = pending.popleft().result()
            pending.extend(pool.submit(_read_chunk, root, chunk) for chunk in islice(chunks, 1))
            yield from readings
    except BaseException:
        stop_workers(pool)  # Ctrl-C, SIGTERM or a failed write: stop now, not after the work
        raise
    finally:
        pool.shutdown(cancel_futures=True)  # if writing failed, read no further


def _read_chunk(root: Path, paths: list[str]) -> list[FileReading]:
    """The readings of several files, in one task: a task per file costs more than it reads."""
    return [read_file(root, path) for path in paths]

"""Measure factcli against its references, side by side in one run, as ratios.

Usage: python bench/run.py [--sizes 100,1000,10000,100000] [--runs 9] [--large-runs 5]
                           [--huge-runs 3]

Run it from a virtual environment where factcli is installed (``pip install .``).
Every figure is the median of ``--runs`` runs of a whole command in a new
process, so start-up counts, as it does for a user. References:

- hello: a Typer app with one command that prints a line (bench/hello.py);
- table-hello: a Typer app that imports rich.console and rich.table and prints
  one ten-row, five-column table (bench/table_hello.py), the floor for a table;
- one show: a single warm ``factcli show ID --json``, the reference for
  ``factcli batch`` running 1,000 mixed lookups (show, person, search);
- parse-all: tomli parsing every file of the fact base in one process
  (bench/parse_all.py), the floor for a first query on a new base;
- stat floor: a Typer app that stats every fact file of the base and prints a
  line (bench/stat_floor.py): the least any warm answer costs while the index
  is trusted only after a ``stat`` of every file;
- grep / jq: ``grep -rl`` over the files and ``jq`` over a JSON export, what a
  user would otherwise reach for.

Sizes of 10,000 visits and more use ``--large-runs`` runs (``--huge-runs`` from
100,000), cold builds included. A size whose corpus and index would not fit
on the disk is skipped with a note. Prints a Markdown table of medians,
ratios, targets and peak memory (the largest process's, in MB; target < 200), then
the size of each index beside its fact files (target: at most 2x).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from make_corpus import make_corpus  # noqa: E402 - a sibling script, not a package

_BESIDE = Path(sys.executable).parent / "factcli"
FACTCLI = str(_BESIDE) if _BESIDE.exists() else (shutil.which("factcli") or "factcli")
HELLO = [sys.executable, str(BENCH / "hello.py")]
TABLE_HELLO = [sys.executable, str(BENCH / "table_hello.py")]
#: Lookups in the batch measurement.
BATCH_LINES = 1000
#: Disk a size needs per visit: the TOML files, the index, and slack.
BYTES_PER_VISIT = 40_000
#: From this size on, no JSON export is written for jq (it would be gigabytes in memory).
NO_JQ_FROM = 100_000


class Failed(Exception):
    """A measured command exited with an error: the table says so instead of a time."""


@dataclass
class Timing:
    """The median wall time of several runs of one command, and its peak memory."""

    seconds: float
    peak_mb: float


def measure(
    command: Sequence[str],
    runs: int,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    stdin: Path | None = None,
) -> Timing:
    """Run ``command`` ``runs`` times (``before`` each), the median time and the peak RSS."""
    times: list[float] = []
    peak_kb = 0
    for _ in range(runs):
        if before is not None:
            before()
        with tempfile.TemporaryFile() as errors:
            source = stdin.open("rb") if stdin is not None else subprocess.DEVNULL
            started = time.perf_counter()
            process = subprocess.Popen(
                command, stdin=source, stdout=subprocess.DEVNULL, stderr=errors, env=env
            )
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - started)
            if stdin is not None:
                source.close()  # type: ignore[union-attr]
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                errors.seek(0)
                said = errors.read().decode(errors="replace").strip().splitlines()[-3:]
                raise Failed(f"exit {code}: {' '.join(command)}: {' / '.join(said)}")
        peak_kb = max(peak_kb, usage.ru_maxrss)
    return Timing(statistics.median(times), peak_kb / 1024)


@dataclass
class Row:
    """One line of the results table."""

    size: str
    what: str
    ours: Timing
    reference: str
    theirs: Timing
    target: str

    def markdown(self) -> str:
        """The row as a Markdown table line."""
        ratio = self.ours.seconds / self.theirs.seconds
        met = ""
        if self.target:
            met = "yes" if ratio <= float(self.target.rstrip("x")) else "no"
        return (
            f"| {self.size} | {self.what} | {self.ours.seconds * 1000:.0f} ms | {self.reference} "
            f"| {self.theirs.seconds * 1000:.0f} ms | {ratio:.2f}x | {self.target} | {met} "
            f"| {self.ours.peak_mb:.0f} MB |"
        )


def factcli_env(cache: Path) -> dict[str, str]:
    """The environment factcli runs in: its own cache folder, no colour, fixed width."""
    return {**os.environ, "FACTCLI_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "100"}


def shipped_rows(runs: int, cache: Path) -> list[Row]:
    """Start-up on the shipped facts, index warm, against hello-world Typer."""
    env = factcli_env(cache)
    subprocess.run([FACTCLI, "visits"], env=env, check=True, capture_output=True)
    hello = measure(HELLO, runs)
    table_hello = measure(TABLE_HELLO, runs)
    show = [FACTCLI, "show", "2022-07-moscow"]
    return [
        Row(
            "shipped",
            "show ID --json",
            measure([*show, "--json"], runs, env),
            "hello",
            hello,
            "1.3x",
        ),
        Row(
            "shipped",
            "show ID (table)",
            measure(show, runs, env),
            "table-hello",
            table_hello,
            "1.3x",
        ),
    ]


def batch_input(corpus: Path, path: Path) -> None:
    """Write 1,000 mixed lookups to ``path``: shows of visits, people by name, name searches.

    Each line asks something different, as a script working through a list
    would: every third line shows a visit, looks up a person by full name, or
    searches for a person's name.
    """
    import tomli

    visit_ids = sorted(p.stem for p in (corpus / "visits").rglob("*.toml"))
    names: list[str] = []
    for registry in sorted((corpus / "registry").glob("*.toml")):
        with registry.open("rb") as handle:
            names += [p["name"] for p in tomli.load(handle).get("people", [])]
    lines: list[str] = []
    for n in range(BATCH_LINES):
        step = n // 3
        if n % 3 == 0:
            lines.append(f"show {visit_ids[step * 7919 % len(visit_ids)]}")
        elif n % 3 == 1:
            lines.append(f'person "{names[step * 104729 % len(names)]}"')
        else:
            lines.append(f'search "{names[step * 7877 % len(names)]}" -n 5')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def index_size_note(label: str, corpus: Path, cache: Path) -> str:
    """How big the index is beside the fact files it is built from (target: at most 2x)."""
    facts = sum(path.stat().st_size for path in corpus.rglob("*.toml"))
    index = sum(path.stat().st_size for path in cache.iterdir() if path.is_file())
    return (
        f"{label} visits: the index is {index / 1e6:.0f} MB for {facts / 1e6:.0f} MB of fact "
        f"files, {index / facts:.1f}x (target: at most 2x)."
    )


def corpus_rows(size: int, runs: int, work: Path, notes: list[str]) -> Iterator[Row]:
    """Cold, after-one-change, warm and batch queries on a synthetic base of ``size`` visits.

    Adds a line on the index's size to ``notes``.
    """
    corpus = work / f"corpus-{size}"
    make_corpus(size, corpus)
    # Files in a real checkout are older than the index's two-second window
    # for timestamps too recent to trust.
    an_hour_ago = time.time() - 3600
    for path in corpus.rglob("*.toml"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    cache = work / f"cache-{size}"
    env = factcli_env(cache)
    visit_file = sorted((corpus / "visits").rglob("*.toml"))[0]
    visit_id = visit_file.stem
    year = visit_id[:4]
    show = [FACTCLI, "show", visit_id, "-d", str(corpus), "--json"]
    label = f"{size:,}"

    parse_all = measure([sys.executable, str(BENCH / "parse_all.py"), str(corpus)], runs)
    cold = measure(show, runs, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    edits = iter(range(10**6))

    def touch_one() -> None:
        with visit_file.open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {next(edits)}\n")

    changed = measure(show, runs, env, before=touch_one)
    subprocess.run(show, env=env, check=True, capture_output=True)
    hello = measure(HELLO, runs)
    stat_floor = measure([sys.executable, str(BENCH / "stat_floor.py"), str(corpus)], runs)
    grep = ["grep", "-rl", "atomic energy", str(corpus)]
    search = [FACTCLI, "search", "atomic energy", "-d", str(corpus), "--json"]
    warm_show = measure(show, runs, env)
    notes.append(index_size_note(label, corpus, cache))
    lines = work / f"batch-{size}.txt"
    batch_input(corpus, lines)
    batch = [FACTCLI, "batch", "-d", str(corpus)]
    yield Row(label, "cold: first show --json", cold, "parse-all", parse_all, "2.5x")
    yield Row(label, "show --json after 1 file changed", changed, "hello", hello, "")
    yield Row(label, "warm: show ID --json", warm_show, "hello", hello, "")
    yield Row(label, "warm: show ID --json", warm_show, "stat floor", stat_floor, "1.3x")
    warm_search = measure(search, runs, env)
    yield Row(label, "warm: search --json", warm_search, "hello", hello, "")
    yield Row(label, "warm: search --json", warm_search, "stat floor", stat_floor, "1.3x")
    visits = [FACTCLI, "visits", "--year", year, "-d", str(corpus), "--json"]
    yield Row(
        label,
        f"warm: visits --year {year} --json",
        measure(visits, runs, env),
        "hello",
        hello,
        "2.5x",
    )
    person = [FACTCLI, "person", "person-00007", "-d", str(corpus), "--json"]
    warm_person = measure(person, runs, env)
    yield Row(label, "warm: person NAME --json", warm_person, "hello", hello, "")
    yield Row(label, "warm: person NAME --json", warm_person, "stat floor", stat_floor, "1.3x")
    yield Row(
        label,
        f"batch: {BATCH_LINES:,} mixed lookups",
        measure(batch, runs, env, stdin=lines),
        "one show",
        warm_show,
        "3x",
    )
    if shutil.which("grep"):
        yield Row(label, "warm: search --json", warm_search, "grep -rl", measure(grep, runs), "")
    if shutil.which("jq") and size < NO_JQ_FROM:
        export = work / f"export-{size}.json"
        subprocess.run(
            [FACTCLI, "export", "-f", "json", "-o", str(export), "--force", "-d", str(corpus)],
            env=env,
            check=True,
            capture_output=True,
        )
        jq = ["jq", f'.visits[] | select(.id == "{visit_id}")', str(export)]
        yield Row(label, "warm: show ID --json", warm_show, "jq", measure(jq, runs), "")
        export.unlink()


def runs_for(size: int, options: argparse.Namespace) -> int:
    """How many runs a size gets: fewer for the large ones, where each run is slow."""
    if size >= 100_000:
        return int(options.huge_runs)
    return int(options.large_runs) if size >= 10_000 else int(options.runs)


def main(argv: list[str]) -> int:
    """Parse options, run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--large-runs", type=int, default=5, help="runs at 10,000 visits")
    parser.add_argument("--huge-runs", type=int, default=3, help="runs from 100,000 visits")
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",") if s]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; medians of "
        f"{options.runs} runs ({options.large_runs} at 10,000 visits, "
        f"{options.huge_runs} from 100,000)."
    )
    print()
    print(
        "| visits | measurement | factcli | reference | reference time | ratio | target | met "
        "| peak |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    notes: list[str] = []  # sizes skipped or stopped, and the size of each index
    with tempfile.TemporaryDirectory(prefix="factcli-bench-") as temp:
        work = Path(temp)
        for row in shipped_rows(options.runs, work / "cache-shipped"):
            print(row.markdown(), flush=True)
        for size in sizes:
            free = shutil.disk_usage(work).free
            if free < size * BYTES_PER_VISIT:
                notes.append(
                    f"{size:,} visits skipped: about {size * BYTES_PER_VISIT / 1e9:.1f} GB "
                    f"of disk needed, {free / 1e9:.1f} GB free."
                )
                continue
            try:
                for row in corpus_rows(size, runs_for(size, options), work, notes):
                    print(row.markdown(), flush=True)
            except Failed as failure:
                notes.append(f"{size:,} visits stopped: {failure}")
            finally:
                # The next size needs the disk.
                shutil.rmtree(work / f"corpus-{size}", ignore_errors=True)
                shutil.rmtree(work / f"cache-{size}", ignore_errors=True)
    for note in notes:
        print(f"\n{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""How ``coverage``, ``quote`` and ``verify-quotes`` grow with the size of one archived article.

Usage: python bench/archive.py [--sizes 1,2,4,8] [--runs 3]

Writes one synthetic article of each size in MB (paragraphs of a few
sentences, fixed seed) cited by one source, then runs each command on it in
a new process, as a user does. Prints a Markdown table of the median wall
time, its ratio to the 1 MB run (linear means the ratio equals the size),
the peak memory of the process and that peak over the article's size. The
targets: linear time, and memory a small multiple of the article on top of
the ~30 MB an empty run takes. Run it where factcli is installed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20221201
FILLER = (
    "the military chief visited Moscow on Monday and met the defence minister to discuss "
    "arms sales training energy cooperation while critics said the junta sought recognition"
)
WORDS = FILLER.split()
_BESIDE = Path(sys.executable).parent / "factcli"
FACTCLI = str(_BESIDE) if _BESIDE.exists() else (shutil.which("factcli") or "factcli")
COMMANDS = {
    "coverage --json": ["coverage", "--json"],
    "quote": ["quote", "defence minister discussed arms sales", "--json"],
    "verify-quotes": ["verify-quotes", "--json"],
}


def make_base(folder: Path, megabytes: int) -> None:
    """A fact base of one source whose archived article is ``megabytes`` MB."""
    rng = random.Random(SEED)
    archive = folder / "archive"
    archive.mkdir()
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000 - 1000:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    (archive / "article.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    facts = folder / "facts"
    facts.mkdir()
    (facts / "sources.toml").write_text(
        "[[sources]]\n"
        'id = "big"\n'
        'publisher = "Bench Daily"\n'
        'language = "en"\n'
        'archive = "article.txt"\n'
        'published = { value = "2022-07", basis = "inferred", reasoning = "synthetic" }\n',
        encoding="utf-8",
    )


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit code {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports kilobytes


def main(argv: list[str]) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    print(f"medians of {options.runs} runs\n")
    print("| command | article | time | time / 1 MB time | peak memory | peak / article |")
    print("|---|---|---|---|---|---|")
    reference: dict[str, float] = {}
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            make_base(folder, megabytes)
            where = ["-d", str(folder / "facts"), "--archive", str(folder / "archive")]
            for label, args in COMMANDS.items():
                runs = [measure([FACTCLI, *args, *where]) for _ in range(options.runs)]
                seconds = statistics.median(run[0] for run in runs)
                peak = max(run[1] for run in runs)
                reference.setdefault(label, seconds / megabytes)
                ratio = seconds / reference[label]
                print(
                    f"| {label} | {megabytes} MB | {seconds:.2f} s | {ratio:.1f} |"
                    f" {peak:.0f} MB | {peak / megabytes:.0f}x |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How fast ``factcli quote`` finds a retyped quote in a large archive.

Usage: python bench/quote.py [--articles 1000] [--runs 5]

Writes a synthetic archive of ``--articles`` articles of about 4,000
characters each (fixed seed) with one source citing the article that holds the
passage, then times ``factcli quote`` looking for that passage retyped (straight
quote marks, a word wrong, a phrase left out): the whole command in a new
process, as a user runs it, and the search alone in this process. The target is
under a second for 1,000 articles. Run it where factcli is installed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factcli.model.loader import load_directory
from factcli.query.passages import find_passages
from factcli.query.quotes import read_archive

SEED = 20220711
PASSAGE = (
    "Rosatom’s communications department told reporters that the two countries signed "
    "a Memorandum of Understanding that day concerning “cooperation in training and "
    "skills development in the field of nuclear energy.”"
)
QUERIES = {
    "short, verbatim": "the two countries signed a Memorandum of Understanding",
    "retyped": (
        "Rosatom's communications office told reporters that the two countries signed a "
        'Memorandum of Understanding concerning "cooperation in training and skills '
        'development in the field of nuclear energy."'
    ),
}
FILLER = (
    "the military chief visited Moscow on Monday and met the defence minister to discuss "
    "arms sales training energy cooperation while critics said the junta sought recognition "
    "and support amid sanctions protests and growing pressure from the region"
)
WORDS = FILLER.split()
_BESIDE = Path(sys.executable).parent / "factcli"
FACTCLI = str(_BESIDE) if _BESIDE.exists() else (shutil.which("factcli") or "factcli")


def make_archive(articles: int, folder: Path) -> None:
    """``articles`` synthetic articles, the passage planted in the middle one, and its source."""
    rng = random.Random(SEED)
    archive = folder / "archive"
    archive.mkdir()
    for number in range(articles):
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < 4000:
            words = [rng.choice(WORDS) for _ in range(rng.randint(10, 25))]
            sentences.append(" ".join(words).capitalize() + ".")
        if number == articles // 2:
            sentences.insert(len(sentences) // 2, PASSAGE)
        (archive / f"{number:05d}.txt").write_text("\n".join(sentences), encoding="utf-8")
    facts = folder / "facts"
    facts.mkdir()
    (facts / "sources.toml").write_text(
        "[[sources]]\n"
        'id = "planted"\n'
        'publisher = "Bench Daily"\n'
        'language = "en"\n'
        f'archive = "{articles // 2:05d}.txt"\n'
        'published = { value = "2022-07", basis = "inferred", reasoning = "synthetic" }\n',
        encoding="utf-8",
    )


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of ``command``, which must succeed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    """Print a Markdown table of medians for each query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        make_archive(options.articles, folder)
        facts = load_directory(folder / "facts").facts
        print(f"{options.articles:,} articles, medians of {options.runs} runs\n")
        print("| query | whole command | search in process | found |")
        print("|---|---|---|---|")
        for label, query in QUERIES.items():
            command = [FACTCLI, "quote", query, "-d", str(folder / "facts")]
            command += ["--archive", str(folder / "archive"), "--json"]
            whole = median_seconds(command, options.runs)
            times = []
            found = []
            for _ in range(options.runs):
                start = time.perf_counter()
                texts, _ = read_archive(facts, folder / "archive")
                found = find_passages(query, texts)
                times.append(time.perf_counter() - start)
            best = found[0] if found else None
            where = f"{best.source_id} {best.score:.1f}" if best else "nothing"
            print(
                f"| {label} | {whole * 1000:.0f} ms | "
                f"{statistics.median(times) * 1000:.0f} ms | {where} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

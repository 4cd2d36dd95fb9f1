"""Write a synthetic, valid fact base of COUNT visits for benchmarks.

Usage: python bench/make_corpus.py COUNT OUTDIR

The output is deterministic (fixed seed): the same COUNT gives the same files.
Each visit file is about 4 KB and carries what a real one does: places, a
delegation, counterparts with topics, agreements, activities, statements and
the sources it cites, every claim with a quote. People and organisations live
in registry files of 200 entries each. ``factcli validate`` accepts the result.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 20210622
ENTRIES_PER_REGISTRY_FILE = 200

CITIES = [
    ("Moscow", "Russia"),
    ("Vladivostok", "Russia"),
    ("Kaluga", "Russia"),
    ("Beijing", "China"),
    ("Shanghai", "China"),
    ("New Delhi", "India"),
    ("Bangkok", "Thailand"),
    ("Hanoi", "Vietnam"),
    ("Jakarta", "Indonesia"),
    ("Phnom Penh", "Cambodia"),
    ("Vientiane", "Laos"),
    ("Minsk", "Belarus"),
    ("Tehran", "Iran"),
    ("Pyongyang", "North Korea"),
    ("Dhaka", "Bangladesh"),
    ("Colombo", "Sri Lanka"),
]
GIVEN = "Aung Min Kyaw Zaw Thein Tun Win Myo Soe Htay Nyein Oo Lwin Hla Maung Than".split()
RUSSIAN = "Sergei Alexander Dmitry Nikolai Mikhail Andrei Oleg Viktor Yuri Igor".split()
FAMILY = "Shoigu Fomin Lavrov Ivanov Petrov Sokolov Volkov Morozov Orlov Belov".split()
RANKS = ["Gen", "Lt-Gen", "Maj-Gen", "Brig-Gen", "Col", "Admiral", ""]
ROLES = [
    "defence minister",
    "deputy defence minister",
    "air force chief",
    "navy chief",
    "junta spokesman",
    "foreign minister",
    "minister of investment",
    "military attaché",
    "adjutant-general",
    "joint secretary",
]
ORG_KINDS = [
    "Ministry of Defence",
    "State Atomic Energy Corporation",
    "Space Agency",
    "Arms Exporter",
    "Military Academy",
    "Chamber of Commerce",
    "Energy Company",
    "Shipyard",
    "Aviation Plant",
    "University",
]
TOPICS = [
    "military cooperation",
    "atomic energy",
    "arms purchases",
    "space cooperation",
    "trade and investment",
    "training of officers",
    "regional security",
    "energy supplies",
    "education exchanges",
    "technical assistance",
]
PUBLISHERS = [
    "Myanmar Now",
    "Nikkei Asia",
    "Al Jazeera",
    "Radio Free Asia",
    "Warsaw Institute",
    "The Irrawaddy",
    "Reuters",
    "TASS",
    "Frontier Myanmar",
    "Mizzima",
]
WORDS = (
    "the junta chief arrived for talks on defence and economic ties amid growing "
    "international pressure after the coup officials said the delegation met "
    "ministers and signed agreements on cooperation in energy training and trade "
    "state media reported the visit was described as official while critics called "
    "it an attempt to win legitimacy and weapons for a military accused of killing "
    "civilians protesters and activists"
).split()


def _sentence(rng: random.Random, low: int = 10, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _cite(source: str, quote: str) -> str:
    return f'cite = [{{ source = "{source}", quote = "{_quote(quote)}" }}]'


def _registry(rng: random.Random, people: int, orgs: int) -> tuple[list[str], list[str], list[str]]:
    """People ids, org ids, and one TOML block per registry entry."""
    person_ids: list[str] = []
    org_ids: list[str] = []
    blocks: list[str] = []
    for n in range(people):
        russian = rng.random() < 0.4
        given = rng.choice(RUSSIAN if russian else GIVEN)
        family = rng.choice(FAMILY if russian else GIVEN)
        name = f"{given} {family} {n}"
        pid = f"person-{n:05d}"
        person_ids.append(pid)
        role = rng.choice(ROLES)
        blocks.append(
            "[[people]]\n"
            f'id = "{pid}"\nname = "{name}"\naliases = ["{given[0]}. {family} {n}"]\n'
            f'country = "{"Russia" if russian else "Myanmar"}"\n'
            f'roles = [{{ title = "{role}", '
            f'cite = [{{ source = "registry-source", quote = "{role} {name}" }}] }}]\n'
        )
    for n in range(orgs):
        oid = f"org-{n:04d}"
        org_ids.append(oid)
        name = f"{rng.choice(ORG_KINDS)} No. {n}"
        blocks.append(f'[[orgs]]\nid = "{oid}"\nname = "{name}"\ncountry = "Russia"\n')
    return person_ids, org_ids, blocks


def _visit(rng: random.Random, number: int, people: list[str], orgs: list[str]) -> tuple[str, str]:
    """The id and TOML text of one visit file."""
    year = 2015 + number % 12
    month = rng.randint(1, 12)
    day = rng.randint(1, 22)
    city, country = rng.choice(CITIES)
    visit_id = f"{year}-{month:02d}-{city.lower().replace(' ', '-')}-{number:05d}"
    sources = [f"{visit_id}-src-{k}" for k in range(rng.randint(2, 3))]
    start = f"{year}-{month:02d}-{day:02d}"
    end = f"{year}-{month:02d}-{day + rng.randint(1, 5):02d}"
    lines = [
        "[visit]",
        f'id = "{visit_id}"',
        f'visitor = "{rng.choice(people)}"',
        f'title = "Visit to {city} number {number}"',
        f'summary = "{_sentence(rng, 25, 40)}"',
        f'start = "{start}"',
        f'end = "{end}"',
        "",
        "[[visit.places]]",
        f'city = "{city}"',
        f'country = "{country}"',
        _cite(rng.choice(sources), f"arrived in {city} {_sentence(rng, 4, 8)}"),
    ]
    for _ in range(rng.randint(1, 2)):
        lines += [
            "",
            "[[visit.characterisations]]",
            f'by = "{rng.choice(PUBLISHERS)}"',
            f'description = "{rng.choice(["official", "private", "working", "unannounced"])}"',
            _cite(rng.choice(sources), _sentence(rng)),
        ]
    for who in rng.sample(people, rng.randint(3, 6)):
        rank = rng.choice(RANKS)
        lines += ["", "[[visit.delegation]]", f'who = "{who}"']
        lines += [f'rank = "{rank}"'] if rank else []
        lines += [
            f'role = "{rng.choice(ROLES)}"',
            _cite(rng.choice(sources), _sentence(rng, 6, 12)),
        ]
    for who in rng.sample(people, rng.randint(1, 3)) + rng.sample(orgs, 1):
        topics = ", ".join(f'"{t}"' for t in rng.sample(TOPICS, rng.randint(1, 3)))
        lines += [
            "",
            "[[visit.counterparts]]",
            f'who = "{who}"',
            f'role = "{rng.choice(ROLES)}"',
            f"topics = [{topics}]",
            f'date = "{start}"',
            _cite(rng.choice(sources), _sentence(rng)),
        ]
    for _ in range(rng.randint(0, 2)):
        wording = _sentence(rng, 8, 14)
        lines += [
            "",
            "[[visit.agreements]]",
            f'title = "Agreement on {rng.choice(TOPICS)}"',
            f'parties = ["{rng.choice(orgs)}"]',
            f'wording = "{wording}"',
            _cite(rng.choice(sources), wording),
        ]
    for _ in range(rng.randint(1, 2)):
        lines += [
            "",
            "[[visit.activities]]",
            f'description = "{_sentence(rng, 6, 12)}"',
            f'attendees = ["{rng.choice(people)}"]',
            _cite(rng.choice(sources), _sentence(rng, 6, 12)),
        ]
    said = _sentence(rng, 10, 18)
    lines += [
        "",
        "[[visit.statements]]",
        f'speaker = "{rng.choice(people)}"',
        f'said = "{said}"',
        _cite(rng.choice(sources), said),
    ]
    for source in sources:
        lines += [
            "",
            "[[sources]]",
            f'id = "{source}"',
            f'publisher = "{rng.choice(PUBLISHERS)}"',
            f'headline = "{_sentence(rng, 6, 10)}"',
            f'published = "{end}"',
            'language = "en"',
        ]
    return visit_id, "\n".join(lines) + "\n"


def make_corpus(count: int, outdir: Path) -> None:
    """Write COUNT visit files and the registries they refer to under ``outdir``."""
    rng = random.Random(SEED)
    people = max(50, count // 5)
    orgs = max(20, count // 50)
    person_ids, org_ids, blocks = _registry(rng, people, orgs)
    registry_dir = outdir / "registry"
    registry_dir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(blocks), ENTRIES_PER_REGISTRY_FILE):
        chunk = blocks[start : start + ENTRIES_PER_REGISTRY_FILE]
        text = "\n".join(chunk)
        number = start // ENTRIES_PER_REGISTRY_FILE
        (registry_dir / f"registry-{number:03d}.toml").write_text(text, encoding="utf-8")
    (outdir / "registry-source.toml").write_text(
        '[[sources]]\nid = "registry-source"\npublisher = "Synthetic registry"\n'
        'published = "2020"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    for number in range(count):
        visit_id, text = _visit(rng, number, person_ids, org_ids)
        year_dir = outdir / "visits" / visit_id[:4]
        year_dir.mkdir(parents=True, exist_ok=True)
        (year_dir / f"{visit_id}.toml").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Parse COUNT and OUTDIR and write the corpus."""
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/make_corpus.py COUNT OUTDIR", file=sys.stderr)
        return 2
    make_corpus(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

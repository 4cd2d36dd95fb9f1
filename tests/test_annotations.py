"""``export --format annotations``: every citation as a W3C Web Annotation on the archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.claims import walk
from factcli.model.records import FactBase
from factcli.query.text import normalise_quote

from .conftest import ARCHIVE, MINI, MINI_ARCHIVE


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def export(tmp_path: Path, facts: Path | None, archive: Path) -> dict[str, Any]:
    target = tmp_path / "annotations.jsonld"
    args = ["export", "-f", "annotations", "-o", str(target), "--archive", str(archive)]
    if facts is not None:
        args += ["-d", str(facts)]
    code, out, err = invoke(*args)
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


def archived(annotation: dict[str, Any], archive: Path) -> str:
    source = annotation["target"]["source"]
    assert source.startswith("urn:factcli:archive:")
    return (archive / source.removeprefix("urn:factcli:archive:")).read_text(encoding="utf-8")


@pytest.mark.usefixtures("archive")
def test_every_selector_resolves_to_its_exact_text(tmp_path: Path, shipped: FactBase) -> None:
    document = export(tmp_path, None, ARCHIVE)
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    items = document["first"]["items"]
    # One annotation per citation of the base: an event's date, cited on its own, once.
    citations = [(c, cite) for c in walk(shipped) for cite in c.stored_cite]
    assert document["total"] == len(items) == len(citations)
    assert len({a["id"] for a in items}) == len(items)
    for annotation, (claim, citation) in zip(items, citations, strict=True):
        assert annotation["type"] == "Annotation"
        text = archived(annotation, ARCHIVE)
        quote, position = annotation["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert normalise_quote(quote["exact"]) == normalise_quote(citation.quote)
        tags = [b["value"] for b in annotation["body"] if b["purpose"] == "tagging"]
        assert tags == [claim.record_id, f"{claim.record_id} {claim.where}", citation.source]
        assert annotation["body"][0]["purpose"] == "describing" and annotation["body"][0]["value"]
    kinds = {a["id"].split(":")[3] for a in items}
    assert kinds == {"visit", "event", "person", "org", "source"}


def test_exact_is_the_articles_own_text_where_the_quote_normalises_it(
    tmp_path: Path, facts_copy: Path
) -> None:
    visit = facts_copy / "visits" / "2020-03-springfield.toml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(
        text.replace(
            '{ source = "alpha", quote = "The minister flew to Springfield" }',
            '{ source = "alpha", quote = "for the Harvest Fair. He met Mayor" }',
        ),
        encoding="utf-8",
    )
    items = export(tmp_path, facts_copy, MINI_ARCHIVE)["first"]["items"]
    delegate = next(a for a in items if "delegation" in a["id"])
    assert delegate["id"] == "urn:factcli:annotation:visit:2020-03-springfield:delegation:0:0"
    assert delegate["body"][0]["value"] == "who: The Minister; role: minister"
    quote, position = delegate["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "for the Harvest Fair.\nHe met Mayor",
        "prefix": "r flew to Springfield on Monday ",
        "suffix": " Jöe Quimby and signed a “friend",
    }
    assert archived(delegate, MINI_ARCHIVE)[position["start"] : position["end"]] == quote["exact"]


@pytest.mark.usefixtures("archive")
def test_annotations_need_the_archive_and_every_quote(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonld"
    code, _, err = invoke("export", "-f", "annotations", "-o", str(target), "-d", str(MINI))
    assert code == 2 and "--format annotations needs --archive" in err
    empty = tmp_path / "archive"
    empty.mkdir()
    (empty / "alpha.txt").write_text("nothing here", encoding="utf-8")
    code, _, err = invoke(
        "export", "-f", "annotations", "-o", str(target), "-d", str(MINI), "--archive", str(empty)
    )
    assert code == 1 and "quote(s) not found in the archived text (run verify-quotes)" in err
    assert not target.exists()


@pytest.mark.usefixtures("archive")
def test_installed_command_exports_annotations(tmp_path: Path) -> None:
    from .test_e2e import run

    target = tmp_path / "citations.jsonld"
    result = run("export", "-f", "annotations", "-o", str(target), "--archive", str(ARCHIVE))
    assert result.returncode == 0, result.stderr
    items = json.loads(target.read_text(encoding="utf-8"))["first"]["items"]
    for annotation in items:
        quote, position = annotation["target"]["selector"]
        text = archived(annotation, ARCHIVE)
        assert text[position["start"] : position["end"]] == quote["exact"]

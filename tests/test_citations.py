"""``sources --format csl-json`` and ``--format bibtex``: bibliographies other tools read.

CSL-JSON is validated against the CSL input schema (tests/csl-data.json, from
the Citation Style Language project's schema repository, MIT licence); BibTeX
is read back with bibtexparser, a maintained parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from typer.testing import CliRunner

from factcli.cli import app
from factcli.model.edtf import parse_edtf
from factcli.model.records import FactBase
from factcli.render.citations import bibtex, bibtex_text, csl_date, csl_json

from .conftest import MINI


def latex_decoding() -> LatexDecodingMiddleware:
    """bibtexparser's LaTeX decoding, knowing the LaTeX kernel's text-mode braces."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    braces = [MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")]
    context.add_context_category("braces", prepend=True, macros=braces)
    return LatexDecodingMiddleware(decoder=LatexNodes2Text(latex_context=context))


CSL_SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text(encoding="utf-8"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_csl_json_of_the_shipped_sources_is_valid_csl() -> None:
    code, out, err = invoke("sources", "--format", "csl-json")
    assert (code, err) == (0, "")
    items = json.loads(out)
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    assert [i["id"] for i in items] == [  # the bibliography's order: that of sources.toml
        "myanmar-now-2022-07",
        "nikkei-reuters-2022",
        "rfa-2021-06-23",
        "aljazeera-2022-eef",
        "warsaw-institute-2021-06-24",
    ]
    nikkei = items[1]
    assert nikkei["title"] == "Myanmar junta chief makes another visit to Russia"
    assert nikkei["container-title"] == nikkei["publisher"] == "Nikkei Asia"
    assert nikkei["custom"] == {"wire_service": "Reuters"}
    assert nikkei["note"].startswith("Wire service: Reuters. Publication date inferred: ")
    assert nikkei["issued"] == {"date-parts": [[2022, 8], [2022, 9]]}
    assert nikkei["language"] == "en"
    assert items[2]["author"] == [{"literal": "Joshua Lipes"}]  # RFA
    assert "title" not in items[0]  # Myanmar Now: no headline survives


def test_csl_dates_keep_their_uncertainty() -> None:
    cases = {
        "2021-06-23": {"date-parts": [[2021, 6, 23]]},
        "2022-07~": {"date-parts": [[2022, 7]], "circa": True},
        "2021?": {"date-parts": [[2021]], "circa": True},
        "2022-XX": {"date-parts": [[2022]]},
        "2022-08/2022-10%": {"date-parts": [[2022, 8], [2022, 10]], "circa": True},
        "2022-08/": {"date-parts": [[2022, 8]]},
        "../2022-08": {"date-parts": [[2022, 8]]},
        "20XX": {"literal": "20XX"},
    }
    for text, expected in cases.items():
        assert csl_date(parse_edtf(text)) == expected, text
        item = {"id": "x", "type": "article-newspaper", "issued": expected}
        jsonschema.Draft7Validator(CSL_SCHEMA).validate([item])


def test_bibtex_of_the_shipped_sources_parses(shipped: FactBase) -> None:
    code, out, err = invoke("sources", "--format", "bibtex")
    assert (code, err) == (0, "")
    library = bibtexparser.parse_string(out, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert list(entries) == list(shipped.sources)  # numbered [1], [2], ... as everywhere
    nikkei = entries["nikkei-reuters-2022"]
    assert nikkei.entry_type == "article"
    assert nikkei["title"] == "Myanmar junta chief makes another visit to Russia"
    assert nikkei["journal"] == "Nikkei Asia"
    assert nikkei["date"] == "2022-08/2022-09"
    assert nikkei["year"] == "2022"
    assert "month" not in nikkei.fields_dict  # August or September
    assert nikkei["note"].startswith("Wire service: Reuters.")
    rfa = entries["rfa-2021-06-23"]
    assert (rfa["author"], rfa["translator"], rfa["month"]) == (
        "Joshua Lipes",
        "Khin Maung Nyane",
        "jun",
    )
    assert (
        entries["aljazeera-2022-eef"]["title"]
        == "‘Friendly ties’: Myanmar’s top general to visit Russia"
    )


def test_bibtex_exact_entry_of_a_source(mini: FactBase) -> None:
    assert bibtex([mini.sources["beta"]]) == (
        "@article{beta,\n"
        "  title = {{Minister arrives}},\n"
        "  journal = {Beta Weekly},\n"
        "  publisher = {Beta Weekly},\n"
        "  date = {2020-03-03},\n"
        "  year = {2020},\n"
        "  month = mar,\n"
        "  language = {en},\n"
        "}\n"
    )


def test_bibtex_escapes_tex_and_control_characters(mini: FactBase) -> None:
    hostile = "Tom & Jerry's {Daily} 100% \\emph{x} $5 #1 a_b ~ \x1b[2J"
    source = mini.sources["beta"]._replace(
        publisher=hostile, url="https://example.org/a_b?q=1%20#x{y}"
    )
    text = bibtex([source])
    library = bibtexparser.parse_string(text, append_middleware=[latex_decoding()])
    assert library.failed_blocks == []
    entry = library.entries[0]
    assert entry["journal"] == "Tom & Jerry's {Daily} 100% \\emph{x} $5 #1 a_b ~ \\x1b[2J"
    # biblatex reads a url verbatim, so it is checked as parsed, not LaTeX-decoded.
    raw = bibtexparser.parse_string(text).entries[0]
    assert raw["url"] == "https://example.org/a_b?q=1%20#x%7By%7D"
    assert "\x1b" not in text
    assert bibtex_text("{") == "\\textbraceleft{}"  # no brace BibTeX would count
    # The JSON keeps the exact data, escaped by JSON.
    assert json.loads(csl_json([source]))[0]["publisher"] == hostile


def test_bibliography_formats_on_a_visit_and_with_other_options() -> None:
    code, out, _ = invoke(
        "sources", "-d", str(MINI), "--visit", "2020-03-springfield", "-f", "csl-json"
    )
    assert code == 0 and {i["id"] for i in json.loads(out)} <= {"alpha", "beta"}
    code, _, err = invoke("sources", "-f", "bibtex", "--fields", "id")
    assert code == 2 and "--fields works with" in err
    code, out, _ = invoke("sources", "-f", "bibtex", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "myanmar-now-2022-07"
    code, _, err = invoke("sources", "-f", "ris")
    assert code == 2


def test_installed_command_writes_both_bibliographies() -> None:
    from .test_e2e import run

    result = run("sources", "--format", "csl-json")
    assert result.returncode == 0, result.stderr
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(json.loads(result.stdout))
    result = run("sources", "--format", "bibtex")
    assert result.returncode == 0, result.stderr
    assert len(bibtexparser.parse_string(result.stdout).entries) == 5


HEADLINES = [
    "}, url = {https://evil.example}, journal = {Forged",
    "}}, date = {1999}, note = {",
    "{{{ unbalanced",
    "} \\} \\{ {",
    "@article{evil, title = {x}}",
    "100% \\ %} journal = {x",
]


def test_a_headline_cannot_reach_another_field(mini: FactBase) -> None:
    source = mini.sources["beta"]._replace(url="https://example.org/beta")
    expected = bibtexparser.parse_string(bibtex([source])).entries[0]
    for headline in HEADLINES:
        text = bibtex([source._replace(headline=headline)])
        assert text.count("{") - text.count("}") == 0
        library = bibtexparser.parse_string(text, append_middleware=[latex_decoding()])
        assert library.failed_blocks == [] and len(library.entries) == 1, headline
        entry = library.entries[0]
        assert entry["title"] == headline
        raw = bibtexparser.parse_string(text).entries[0]
        assert set(raw.fields_dict) == set(expected.fields_dict)
        for name in expected.fields_dict:
            if name != "title":
                assert raw[name] == expected[name], (headline, name)


def test_pybtex_reads_the_same_fields_whatever_the_headline(mini: FactBase) -> None:
    database = pytest.importorskip("pybtex.database")
    source = mini.sources["beta"]._replace(url="https://example.org/beta")
    expected = database.parse_string(bibtex([source]), "bibtex").entries["beta"].fields
    for headline in HEADLINES:
        text = bibtex([source._replace(headline=headline)])
        entries = database.parse_string(text, "bibtex").entries
        assert list(entries) == ["beta"], headline
        fields = entries["beta"].fields
        assert set(fields) == set(expected)
        assert all(fields[name] == expected[name] for name in expected if name != "title")

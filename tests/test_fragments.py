"""Text-fragment links (``#:~:text=``) from a source's url to the words quoted from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from factcli.cli import app
from factcli.render.fragments import text_fragment_url

from .conftest import MINI


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_fragment_urls() -> None:
    assert (
        text_fragment_url("https://a.example/x", "He met Mayor Jöe Quimby")
        == "https://a.example/x#:~:text=He%20met%20Mayor%20J%C3%B6e%20Quimby"
    )
    # '-', ',' and '&' would end a part of the directive: always encoded.
    assert (
        text_fragment_url("https://a.example/x#top", "Likhachev—the state-owned, A&B")
        == "https://a.example/x#top:~:text=Likhachev%E2%80%94the%20state%2Downed%2C%20A%26B"
    )
    long_quote = "one two three four five six seven eight nine"
    assert (
        text_fragment_url("http://a.example/", long_quote)
        == "http://a.example/#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine"
    )


def with_url(tmp_path: Path, url: str) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    sources = facts / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace('archive = "alpha.txt"', f'archive = "alpha.txt"\nurl = {json.dumps(url)}'),
        encoding="utf-8",
    )
    return facts


def test_markdown_footnote_links_each_quote_to_its_words(tmp_path: Path) -> None:
    facts = with_url(tmp_path, "https://example.org/alpha daily")
    code, out, _ = invoke("show", "2020-03-springfield", "-d", str(facts), "-f", "markdown")
    assert code == 0
    footnote = next(line for line in out.splitlines() if line.startswith("[^1]:"))
    assert footnote.startswith(
        "[^1]: Alpha Daily, “Minister at the Harvest Fair”, published March 2020\\*, "
        "archived text alpha.txt. <https://example.org/alpha%20daily> Quoted: "
        "[“flew to Springfield on Monday”]"
        "(<https://example.org/alpha%20daily#:~:text=flew%20to%20Springfield%20on%20Monday>); "
    )
    assert (
        '[“Analyst Ana Ruiz said: "It was a quiet trip."”](<https://example.org/alpha%20daily'
        "#:~:text=Analyst%20Ana%20Ruiz%20said%3A,was%20a%20quiet%20trip.%22>)" in footnote
    )
    beta = next(line for line in out.splitlines() if line.startswith("[^2]:"))
    assert "Quoted" not in beta and "http" not in beta  # beta has no url


def test_html_source_list_links_each_quote_to_its_words(tmp_path: Path) -> None:
    facts = with_url(tmp_path, 'https://example.org/a?x=1&q="y"')
    code, out, _ = invoke("report", "-d", str(facts), "--format", "html")
    assert code == 0
    assert (
        '<li><a href="https://example.org/a?x=1&amp;q=&quot;y&quot;'
        '#:~:text=flew%20to%20Springfield%20on%20Monday" rel="noreferrer">'
        "“flew to Springfield on Monday”</a></li>"
    ) in out
    code, out, _ = invoke("report", "-d", str(with_url(tmp_path / "js", "javascript:alert(1)")))
    assert code == 0 and "javascript:" not in out and ":~:text=" not in out

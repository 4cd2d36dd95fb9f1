"""``factcli diff``: the fact base at two git revisions, compared claim by claim."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

from .conftest import MINI
from .test_e2e import run


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose facts/ folder holds the mini fact base, committed."""
    shutil.copytree(MINI, tmp_path / "facts")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "mini facts")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def change_facts(facts: Path) -> None:
    """Edit one claim, add one, and delete a whole file (one event, one claim)."""
    visit = facts / "visits" / "2020-03-springfield.toml"
    edit(visit, "value = { exactly = 15 }", "value = { about = 15 }")
    edit(
        visit,
        "[[visit.statements]]",
        '[[visit.delegation]]\nwho = "ana-ruiz"\nrole = "analyst"\n'
        'cite = [{ source = "alpha", quote = "Analyst Ana Ruiz" }]\n\n[[visit.statements]]',
    )
    (facts / "events.toml").unlink()


def test_no_change_says_so(repo: Path) -> None:
    code, out, err = invoke("diff", "-d", str(repo / "facts"))
    assert (code, out, err) == (0, "No claim differs from HEAD to working tree.\n", "")


def test_working_tree_against_head_claim_by_claim(repo: Path) -> None:
    change_facts(repo / "facts")
    status = git(repo, "status", "--porcelain")
    index = (repo / ".git" / "index").stat().st_mtime_ns
    code, out, err = invoke("diff", "-d", str(repo / "facts"), "--format", "markdown")
    assert (code, err) == (0, "")
    assert out == (
        "# From HEAD to working tree: 1 claim(s) added, 1 removed, 1 changed\n"
        "\n"
        "- **From:** HEAD\n"
        "- **To:** working tree\n"
        "- **Claims:** 1 added, 1 removed, 1 changed\n"
        "- **Records:** 0 added, 1 removed, 0 changed\n"
        "\n"
        "## Records\n"
        "\n"
        "| Change | Kind | ID | Field | Old | New |\n"
        "|---|---|---|---|---|---|\n"
        "| removed | event | 2020-fair |  |  |  |\n"
        "\n"
        "## Claims\n"
        "\n"
        "| Change | Claim | Field | Old | New | Src |\n"
        "|---|---|---|---|---|---|\n"
        "| changed | 2020-03-springfield context\\[1\\] | value | exactly 15 | about 15 | beta |\n"
        "| added | 2020-03-springfield delegation\\[1\\] |  |  "
        "| who: Ana Ruiz; role: analyst | alpha |\n"
        "| removed | 2020-fair summary\\[0\\] |  | title: The Harvest Fair; "
        "summary: A fair in Springfield. |  | alpha |\n"
        "\n"
    )
    # Reading the revision touched neither the files, nor git's index.
    assert git(repo, "status", "--porcelain") == status
    assert (repo / ".git" / "index").stat().st_mtime_ns == index


def test_json_between_two_commits(repo: Path) -> None:
    change_facts(repo / "facts")
    git(repo, "commit", "-q", "-am", "edit")
    code, out, _ = invoke("diff", "HEAD~1", "HEAD", "-d", str(repo / "facts"), "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["from"], report["to"]) == ("HEAD~1", "HEAD")
    assert report["records"] == [
        {"change": "removed", "kind": "event", "id": "2020-fair", "changes": []}
    ]
    changed = report["claims"][0]
    assert changed == {
        "change": "changed",
        "record_id": "2020-03-springfield",
        "record_kind": "visit",
        "section": "context",
        "position": 1,
        "where": "context[1]",
        "text": "topic: attendance; note: Beta: 15 people attended.; value: about 15",
        "changes": [{"field": "value", "old": "exactly 15", "new": "about 15"}],
        "sources": ["beta"],
        "cite": [{"source": "beta", "quote": "Officials said 15 people attended."}],
    }
    assert [(c["change"], c["where"]) for c in report["claims"][1:]] == [
        ("added", "delegation[1]"),
        ("removed", "summary[0]"),
    ]
    code, out, _ = invoke("diff", "HEAD", "-d", str(repo / "facts"), "--json")
    assert code == 0 and json.loads(out)["claims"] == []


def test_a_citation_edit_and_a_moved_claim(repo: Path) -> None:
    visit = repo / "facts" / "visits" / "2020-03-springfield.toml"
    edit(visit, '"flew to Springfield on Monday"', '"The minister flew to Springfield on Monday"')
    code, out, _ = invoke("diff", "-d", str(repo / "facts"), "--json")
    assert code == 0
    [change] = json.loads(out)["claims"]
    assert change["where"] == "places[0]"
    assert change["changes"] == [
        {
            "field": "cite[0]",
            "old": "alpha: “flew to Springfield on Monday”",
            "new": "alpha: “The minister flew to Springfield on Monday”",
        }
    ]


def test_a_records_own_fields(repo: Path) -> None:
    """Fields without a citation of their own (a title, a headline) are compared per record."""
    facts = repo / "facts"
    edit(
        facts / "visits" / "2020-03-springfield.toml",
        'title = "Harvest Fair visit"',
        'title = "Fair"',
    )
    edit(facts / "sources.toml", 'headline = "Minister arrives"', 'headline = "Minister lands"')
    code, out, _ = invoke("diff", "-d", str(facts), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["claims"] == []
    assert report["records"] == [
        {
            "change": "changed",
            "kind": "visit",
            "id": "2020-03-springfield",
            "changes": [{"field": "title", "old": "Harvest Fair visit", "new": "Fair"}],
        },
        {
            "change": "changed",
            "kind": "source",
            "id": "beta",
            "changes": [{"field": "headline", "old": "Minister arrives", "new": "Minister lands"}],
        },
    ]


def test_problems_and_bad_revisions(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    facts = str(repo / "facts")
    code, out, err = invoke("diff", "no-such-rev", "-d", facts)
    assert (code, out) == (1, "") and err == "factcli: unknown revision 'no-such-rev'\n"
    code, _, err = invoke("diff", "--", "--output=x", "-d", facts)
    assert code != 0
    outside = tmp_path_factory.mktemp("outside") / "facts"
    shutil.copytree(MINI, outside)
    code, _, err = invoke("diff", "-d", str(outside))
    assert code == 1 and "not in a git repository" in err
    edit(repo / "facts" / "events.toml", 'kind = "fair"', "kind = 7")
    git(repo, "commit", "-q", "-am", "broken")
    code, _, err = invoke("diff", "HEAD~1", "HEAD", "-d", facts)
    assert code == 0
    assert err.startswith("skipped: HEAD:facts/events.toml:4: events[0].kind: expected a string")


def test_installed_diff_in_a_repository(repo: Path) -> None:
    change_facts(repo / "facts")
    result = run("diff", "-d", "facts", "--json", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert [c["change"] for c in json.loads(result.stdout)["claims"]] == [
        "changed",
        "added",
        "removed",
    ]


@pytest.mark.parametrize("revision", [":/mini facts", ":/^mini"])
def test_a_commit_named_by_its_message_is_a_revision(repo: Path, revision: str) -> None:
    git(repo, "rev-parse", "--verify", revision)  # git reads it as a revision
    code, out, err = invoke("diff", revision, "-d", str(repo / "facts"))
    assert (code, err) == (0, "")
    assert out == f"No claim differs from {revision} to working tree.\n"

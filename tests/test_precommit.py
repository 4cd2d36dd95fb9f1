"""factcli's pre-commit hooks, run by pre-commit itself on a fact-base repository.

``pre-commit try-repo`` installs factcli from this repository's last commit
into pre-commit's own environment, as a fact base's ``.pre-commit-config.yaml``
would, and runs the hooks of ``.pre-commit-hooks.yaml`` on a scratch git
repository holding the fixture fact base and its archive.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, MINI_ARCHIVE, REPO
from .test_diff import git

pytestmark = pytest.mark.slow

VISIT = Path("facts") / "visits" / "2020-03-springfield.toml"


@pytest.fixture(scope="module")
def factcli_commit() -> str:
    """The commit of this repository that pre-commit installs the hooks from."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout, so pre-commit cannot install from it")
    return done.stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache for this module: the hook environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def fact_repo(tmp_path: Path) -> Path:
    """A fact-base repository: the fixture facts and their archive, in one good commit."""
    repo = tmp_path / "base"
    shutil.copytree(MINI, repo / "facts")
    shutil.copytree(MINI_ARCHIVE, repo / "archive")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "good")
    return repo


def _try_repo(repo: Path, commit: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` with factcli's hooks at ``commit``, run in ``repo``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCLI_", "PRE_COMMIT"))}
    env |= {"PRE_COMMIT_HOME": str(home), "FACTCLI_ARCHIVE": "archive"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "--ref", commit, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _results(output: str) -> dict[str, str]:
    """Each hook's verdict, from pre-commit's ``name....Passed`` lines."""
    verdicts = {}
    for line in output.splitlines():
        if line.startswith("factcli ") and "..." in line:
            name, _, verdict = line.partition("...")
            verdicts[name] = verdict.strip(".").removeprefix("(no files to check)")
    return verdicts


def test_hooks_pass_a_good_commit_and_stop_a_broken_one(
    fact_repo: Path, factcli_commit: str, pre_commit_home: Path
) -> None:
    good = _try_repo(fact_repo, factcli_commit, pre_commit_home, "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert _results(good.stdout) == {
        "factcli validate": "Passed",
        "factcli verify-quotes": "Passed",
    }

    # A retyped quote: still a valid file, no longer verbatim.
    visit = fact_repo / VISIT
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("on 2 March 2020", "on 3 March 2020"), encoding="utf-8")
    git(fact_repo, "commit", "-q", "-am", "broken")
    broken = _try_repo(
        fact_repo, factcli_commit, pre_commit_home, "--from-ref", "HEAD~1", "--to-ref", "HEAD"
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert _results(broken.stdout) == {
        "factcli validate": "Passed",
        "factcli verify-quotes": "Failed",
    }
    assert "factcli: 14 quotes checked, 1 not found" in broken.stdout
    assert "2020-03-springfield" in broken.stdout


def test_readme_config_names_the_hooks_factcli_defines() -> None:
    """The README's ``.pre-commit-config.yaml`` snippet uses hooks and options that exist."""
    import yaml

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("`.pre-commit-config.yaml`:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    hooks = yaml.safe_load(snippet)["repos"][0]["hooks"]
    defined = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == [h["id"] for h in defined]
    verify = next(h for h in hooks if h["id"] == "factcli-verify-quotes")
    assert verify["args"][0] == "--archive"

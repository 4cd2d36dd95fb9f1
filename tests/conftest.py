"""Shared fixtures: paths to the shipped facts, the quote archive, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.testing import CliRunner

from factcli.model.loader import load_directory
from factcli.model.records import FactBase

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "facts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
MINI_ARCHIVE = FIXTURES / "archive"
ARCHIVE = Path(os.environ.get("FACTCLI_ARCHIVE", REPO.parent / "shared" / "sources"))
#: Set to 1 (.ci/run does) to make a missing article archive fail the tests that need it.
REQUIRE_ARCHIVE = "FACTCLI_REQUIRE_ARCHIVE"
# The installed command beside this interpreter (the test environment's own), else on PATH.
_BESIDE = Path(sys.executable).parent / "factcli"
FACTCLI = str(_BESIDE) if _BESIDE.exists() else (shutil.which("factcli") or "factcli")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In parallel, the modules with slow tests are handed out first, the quick ones after.

    With ``--dist loadfile`` a module is one piece of work: the longest (pre-commit
    installing its hooks, the shells, the browser) handed out last would keep one
    worker busy while the others have finished. A serial run keeps the files' order.
    """
    if hasattr(config, "workerinput"):  # an xdist worker
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def apt_install(switch: str, *packages: str) -> str:
    """Install Debian packages when the environment variable ``switch`` is 1; why not, or ''."""
    if os.environ.get(switch) != "1":
        return f"set {switch}=1 to let the tests install them"
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return "installing them needs apt-get and root"
    import fcntl

    # apt-get waits for another apt (dpkg's lock), rather than failing at once.
    apt_get = ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=300"]
    install = [*apt_get, "install", "-y", *packages]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Test workers run in parallel: one apt-get at a time, whichever worker or run asks.
    with open(Path(tempfile.gettempdir()) / "factcli-tests-apt.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for step in (install, [*apt_get, "update"], install):
            done = subprocess.run(step, capture_output=True, text=True, env=env, timeout=600)
            if step is install and done.returncode == 0:
                return ""
    return f"apt-get failed: {done.stderr.strip()[-300:]}"


def need_archive() -> Path:
    """The article archive; without one, skip the calling test saying why (or fail, in CI)."""
    if ARCHIVE.is_dir():
        return ARCHIVE
    why = (
        f"no article archive at {ARCHIVE}: this test checks quotes against the archived"
        " articles; put them there or set FACTCLI_ARCHIVE to their folder"
    )
    if os.environ.get(REQUIRE_ARCHIVE) == "1":
        pytest.fail(f"{why} ({REQUIRE_ARCHIVE}=1 makes the archive mandatory)", pytrace=False)
    pytest.skip(why)


@pytest.fixture
def archive() -> Path:
    """The article archive, for tests that need it (see ``need_archive``)."""
    return need_archive()


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run, so no test touches the user's own cache."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch, index_cache: Path) -> None:
    """Every test sees a fixed-width terminal without colour, and no facts dir from outside."""
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(index_cache))
    monkeypatch.delenv("FACTCLI_NO_INDEX", raising=False)
    monkeypatch.delenv("FACTCLI_INDEX", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FACTCLI_FACTS_DIR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(scope="session", autouse=True)
def click_command_built_once() -> Iterator[None]:
    """``CliRunner().invoke(app, ...)`` turns each Typer app into its Click command once.

    typer.testing builds the whole command again on every invoke (every command's
    options, from their type hints): most of an in-process test's time. A Click
    command is made to be invoked again and again; each app still gets its own.
    """
    build = getattr(typer.testing, "_get_command", None)
    if build is None:  # another Typer: build on every invoke, as it does
        yield
        return
    built: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

    def once(app: Any) -> Any:
        if app not in built:
            built[app] = build(app)
        return built[app]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", once)
        yield


@pytest.fixture
def runner() -> CliRunner:
    """A Typer test runner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture(scope="session")
def shipped() -> FactBase:
    """The shipped fact base, loaded once."""
    result = load_directory(FACTS)
    assert not result.problems, [str(p) for p in result.problems]
    return result.facts


@pytest.fixture(scope="session")
def mini() -> FactBase:
    """The small fixture fact base."""
    result = load_directory(MINI)
    assert not result.problems, [str(p) for p in result.problems]
    return result.facts


@pytest.fixture
def facts_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the mini fact base."""
    target = tmp_path / "facts"
    shutil.copytree(MINI, target)
    yield target

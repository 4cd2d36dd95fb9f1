"""What only a whole process shows: terminals, closed pipes, signals, child processes.

Each test runs the installed command, on a pseudo-terminal where a terminal
is needed; a hang fails the test through a timeout, never waits forever.
"""

from __future__ import annotations

import fcntl
import functools
import os
import pty
import resource
import shutil
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FACTCLI, FACTS

pytestmark = pytest.mark.slow


def on_terminal(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and everything shown, running factcli on a 24x100 pseudo-terminal."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [FACTCLI, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, **(env or {})},
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_a_report_is_not_dumped_as_html_on_a_terminal(tmp_path: Path) -> None:
    code, shown = on_terminal(["report", "-d", str(FACTS)])
    assert code == 2
    assert "<html" not in shown and "<!DOCTYPE" not in shown
    assert "--output report.html" in shown
    # Markdown reads well on a terminal, and HTML into a pipe or a file is what it is for.
    assert on_terminal(["report", "-f", "markdown", "-d", str(FACTS)])[0] == 0
    piped = subprocess.run(
        [FACTCLI, "report", "-d", str(FACTS)], capture_output=True, text=True, timeout=60
    )
    assert piped.returncode == 0 and piped.stdout.startswith("<!DOCTYPE html>")


CLOSED_PIPE_COMMANDS = [
    ["timeline"],
    ["timeline", "--format", "markdown"],
    ["visits", "--format", "jsonl"],
    ["show", "2022-07-moscow"],
    ["sources", "--format", "csv"],
    ["report"],
    ["export", "-f", "json", "-o", "-"],
]


def buffered() -> dict[str, str]:
    """The test's environment for output into a pipe as a user's shell gives it.

    Block-buffered, so the last of it is written when the process ends
    (PYTHONUNBUFFERED would hide that). Taken when the test runs, not at import:
    then the conftest's settings (FACTCLI_CACHE_DIR among them) are in place.
    """
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


@pytest.mark.parametrize("args", CLOSED_PIPE_COMMANDS, ids=" ".join)
def test_a_closed_pipe_is_not_an_error(args: list[str]) -> None:
    """As ``factcli timeline | head -1``, when head has gone before the answer is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [FACTCLI, *args, "-d", str(FACTS)],
            stdout=writer,
            stderr=subprocess.PIPE,
            env=buffered(),
            timeout=60,
        )
    finally:
        os.close(writer)
    assert (run.returncode, run.stderr) == (0, b"")


def test_head_dash_1_reads_one_line_and_all_is_well() -> None:
    process = subprocess.Popen(
        [FACTCLI, "timeline", "-d", str(FACTS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_a_closed_pipe_does_not_hide_a_real_error() -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = subprocess.run(
            [FACTCLI, "show", "no-such-visit", "-d", str(FACTS)],
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert run.returncode == 1 and b"no-such-visit" in run.stderr


def with_hook(tmp_path: Path, code: str) -> dict[str, str]:
    """An environment whose Python runs ``code`` at start-up (a sitecustomize module)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(code, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(hooks)}


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait until ``condition()`` holds; fail if the process ends first, or after a minute."""
    deadline = time.monotonic() + 60  # a hang fails the test, it does not stop the suite
    while not condition():
        assert process is None or process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "still waiting after a minute"
        time.sleep(0.02)


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The export stops just before it publishes the finished temporary file.
    env = with_hook(tmp_path, "import os, time\nos.fsync = lambda fd: time.sleep(600)\n")
    process = subprocess.Popen(
        [FACTCLI, "export", "-f", fmt, "-o", str(out / "all"), "-d", str(FACTS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: any(p.suffix == ".tmp" for p in out.iterdir()), process)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGTERM
    assert list(out.iterdir()) == [] and b"Traceback" not in err


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_full_disk_is_a_clean_error_and_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    """A file-size limit makes every write past 64 KiB fail, as a full disk would."""
    target = tmp_path / "all"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    run = subprocess.run(
        [FACTCLI, "export", "-f", fmt, "-o", str(target), "-d", str(FACTS)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"factcli: {target}: cannot write: ")
    assert "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


#: Index every base in two worker processes, and keep the workers busy for ten minutes.
SLOW_WORKERS = """
import os, time
from pathlib import Path
from factcli.index import reading
reading.PARALLEL_FROM = 1
reading._cores = lambda: 2
_main, _read = os.getpid(), reading.read_file
def slow(root, path):
    if os.getpid() != _main:
        Path(os.environ["WORKERS"], str(os.getpid())).touch()
        time.sleep(600)
    return _read(root, path)
reading.read_file = slow
"""


def gone(pid: int) -> bool:
    """Whether a process has ended (a zombie no one has reaped yet has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def building(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, list[int]]:
    """A first run on a copy of the shipped facts, stopped while its workers read."""
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    workers = tmp_path / "workers"
    workers.mkdir()
    env = {
        **with_hook(tmp_path, SLOW_WORKERS),
        "WORKERS": str(workers),
        "FACTCLI_CACHE_DIR": str(tmp_path / "cache"),
    }
    process = subprocess.Popen(
        [FACTCLI, "timeline", "-d", str(facts)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job
    )
    wait_for(lambda: any(workers.iterdir()), process)  # a worker is reading
    return process, facts, children(process.pid)


def children(parent: int) -> list[int]:
    """The processes whose parent is ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("how", "whole_job"),
    [
        (signal.SIGKILL, False),
        (signal.SIGTERM, False),
        (signal.SIGINT, False),
        (signal.SIGINT, True),  # Ctrl-C on a terminal reaches every process of the job
    ],
    ids=["SIGKILL", "SIGTERM", "SIGINT", "Ctrl-C"],
)
def test_a_build_stopped_leaves_no_process_and_no_half_index(
    tmp_path: Path, how: int, whole_job: bool
) -> None:
    process, facts, workers = building(tmp_path)
    if whole_job:
        os.killpg(process.pid, how)
    else:
        process.send_signal(how)
    # The pipeline ends: no worker holds its output open.
    out, err = process.communicate(timeout=60)
    assert out == b"" and b"Traceback" not in err
    assert process.returncode == (-how if how != signal.SIGINT else 130)
    assert len(workers) == 2
    for pid in workers:
        wait_for(functools.partial(gone, pid))  # killed with their parent
    # Nothing half-written: the next run answers as a full load, without a word of damage.
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(tmp_path / "cache")}
    again = subprocess.run(
        [FACTCLI, "timeline", "-d", str(facts)], capture_output=True, env=env, timeout=120
    )
    full = subprocess.run(
        [FACTCLI, "timeline", "-d", str(facts)],
        capture_output=True,
        env={**env, "FACTCLI_INDEX": "off"},
        timeout=120,
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, full.stdout, b"")

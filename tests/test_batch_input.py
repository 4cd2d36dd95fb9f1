"""What ``factcli batch`` reads is data: bytes of any kind, lines of any length, no options.

Each test feeds the installed command raw bytes on stdin, as a script would:
every line that is not blank or a comment gets exactly one line of output,
and nothing on a line can change the user's environment.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from .conftest import FACTCLI, MINI


def batch(data: bytes, home: Path) -> tuple[int, list[dict[str, Any]], str]:
    """Exit code, the answers and stderr of one batch on the mini base."""
    done = subprocess.run(
        [FACTCLI, "batch", "-d", str(MINI)],
        input=data,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(home), "SHELL": "/bin/bash"},
    )
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    return done.returncode, answers, done.stderr.decode("utf-8", "replace")


SOURCE_IDS = b"sources --fields id\n"


def test_program_options_on_a_line_are_refused_and_change_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    lines = [
        b"--install-completion visits",
        b"--show-completion visits",
        b"--version visits",
        b"-d " + str(MINI).encode() + b" sources --fields id",  # a facts folder may come first
    ]
    code, answers, stderr = batch(b"\n".join(lines) + b"\n" + SOURCE_IDS, home)
    assert code == 1 and "Traceback" not in stderr
    assert [a["line"] for a in answers] == [1, 2, 3, 4, 5]
    options = ["--install-completion", "--show-completion", "--version"]
    for answer, option in zip(answers[:3], options, strict=True):
        assert answer["exit_code"] == 2
        assert answer["error"].startswith(f"'{option}' cannot come before the command in a batch")
    assert answers[3]["result"] == answers[4]["result"] == [{"id": "alpha"}, {"id": "beta"}]
    assert list(home.iterdir()) == []  # no ~/.bashrc, no completion script


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    code, answers, _ = batch(b"\xef\xbb\xbf" + SOURCE_IDS, tmp_path)
    assert code == 0 and answers[0]["command"] == "sources --fields id"
    assert answers[0]["result"] == [{"id": "alpha"}, {"id": "beta"}]


def test_a_line_that_is_not_utf8_gets_its_own_error(tmp_path: Path) -> None:
    code, answers, stderr = batch(SOURCE_IDS + b"show \xff\xfe\n" + SOURCE_IDS, tmp_path)
    assert code == 1 and "Traceback" not in stderr
    assert [(a["line"], a["ok"]) for a in answers] == [(1, True), (2, False), (3, True)]
    assert answers[1]["error"] == "line is not UTF-8 text (byte 5 is not)"
    assert answers[1]["command"] == "show \ufffd\ufffd"


def test_an_overlong_line_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    long_line = b"search " + b"x" * 300_000 + b"\n"
    code, answers, _ = batch(long_line + SOURCE_IDS, tmp_path)
    assert code == 1
    assert [(a["line"], a["ok"]) for a in answers] == [(1, False), (2, True)]
    assert answers[0]["error"] == "line is 300007 bytes long; the limit is 65536"
    assert len(answers[0]["command"]) < 200


def test_a_dash_d_after_a_double_dash_is_a_word_not_a_folder(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    done = subprocess.run(
        [FACTCLI, "batch", "-d", str(missing)],
        input=b"search -- -dspringfield\n",
        capture_output=True,
        timeout=60,
    )
    (answer,) = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    # The batch's folder still applies: the word after -- names no folder.
    assert answer["error"] == f"{missing}: facts directory does not exist (named by --facts-dir)"

"""Signals where Python is least ready for them: while loading, and inside a finaliser.

A real SIGINT is sent by the process to itself at the moment a module is
imported; a SIGTERM is raised where Python can only print "Exception ignored".
Either way the run ends as the signal asks, without a traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FACTCLI, MINI
from .test_process import with_hook

pytestmark = pytest.mark.slow

#: Ctrl-C arrives the moment the module named by CTRL_C_AT starts loading.
CTRL_C_WHILE_LOADING = """
import os, signal, sys
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["CTRL_C_AT"]:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, CtrlC())
"""


@pytest.mark.parametrize("module", ["typer", "factcli.commands.query"])
def test_ctrl_c_while_the_command_line_loads_is_quiet(tmp_path: Path, module: str) -> None:
    env = {**with_hook(tmp_path, CTRL_C_WHILE_LOADING), "CTRL_C_AT": module}
    done = subprocess.run(
        [FACTCLI, "visits", "-d", str(MINI)], capture_output=True, text=True, timeout=60, env=env
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


#: A SIGTERM arrives while a finaliser runs, as it once did in the index's connection.
TERM_IN_A_FINALISER = """
from factcli import process
class Finalised:
    def __del__(self):
        raise process.Terminated()
def main():
    Finalised()
    print("answered")
    raise SystemExit(0)
process.run(main)
"""


def test_a_sigterm_inside_a_finaliser_is_not_lost() -> None:
    done = subprocess.run(
        [sys.executable, "-c", TERM_IN_A_FINALISER], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -signal.SIGTERM
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr


#: SIGTERM arrives just as the updated index is about to be sealed.
TERM_BEFORE_THE_SEAL = """
import os, signal
from factcli.index import opening
_seal = opening.seal
def seal(connection):
    os.kill(os.getpid(), signal.SIGTERM)
    _seal(connection)
opening.seal = seal
"""


def test_a_signal_during_an_update_leaves_an_index_the_next_run_uses(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    env = {**os.environ, "FACTCLI_CACHE_DIR": str(tmp_path / "cache")}
    command = [FACTCLI, "visits", "--json", "-d", str(facts)]
    expected = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    visit = facts / "visits" / "2020-03-springfield.toml"
    visit.write_text(visit.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # stale
    stopped = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**with_hook(tmp_path, TERM_BEFORE_THE_SEAL), **env},
    )
    assert stopped.returncode == -signal.SIGTERM and "Traceback" not in stopped.stderr
    after = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert (after.returncode, after.stdout, after.stderr) == (0, expected.stdout, "")

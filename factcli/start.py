"""The ``factcli`` command's entry point, which imports nothing until it runs.

Ctrl-C while the command line is still loading (importing Typer and Rich
takes a tenth of a second) ends the run quietly, with status 130 as after
any Ctrl-C, instead of a traceback from inside an import.
"""

from __future__ import annotations


def main() -> None:
    """Load the command line and run it."""
    try:
        from factcli.cli import main as run_command_line
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    run_command_line()

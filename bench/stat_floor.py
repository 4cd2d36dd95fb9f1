"""The floor of a warm answer: a Typer app that stats every fact file, then prints a line.

factcli's index is trusted only while every fact file's size and times are
as recorded, so each warm answer pays for start-up and one ``stat`` per file
at least. This is that least, with nothing else: the reference for warm
lookups at any size.
"""

import os
import sys

import typer

app = typer.Typer()


@app.command()
def hello(root: str) -> None:
    """Stat every .toml file under ``root`` and print how many there were."""
    count = 0
    for directory, _, names in os.walk(root):
        for name in names:
            if name.endswith(".toml"):
                os.stat(os.path.join(directory, name))
                count += 1
    print(count)


if __name__ == "__main__":
    app(sys.argv[1:])

"""The reference for start-up: a Typer app with one command that prints a line."""

import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a line."""
    print("hello")


if __name__ == "__main__":
    app()

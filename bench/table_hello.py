"""The reference for a table: a Typer app that prints one ten-row, five-column Rich table."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a ten-row, five-column table."""
    table = Table(title="Hello")
    for name in ("id", "date", "place", "who", "source"):
        table.add_column(name)
    for row in range(10):
        table.add_row(f"row-{row}", "2022-07-01", "Moscow", "Min Aung Hlaing", f"[{row}]")
    Console().print(table)


if __name__ == "__main__":
    app()

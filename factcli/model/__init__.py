"""The model layer: typed records, the fact-file format, and the loader (no typer, no rich)."""

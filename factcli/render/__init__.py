"""The presentation layer: reports built from query results, and their renderers."""

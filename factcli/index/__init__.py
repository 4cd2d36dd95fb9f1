"""A derived SQLite index of a facts directory, for fast answers at any size.

``opening.open_index`` is the way in. The modules are imported one by one, so
that a run which finds the index fresh never imports the TOML parser.
"""

"""One test file per command: what it prints, format by format, against golden files."""

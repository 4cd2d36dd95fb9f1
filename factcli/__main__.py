"""Run factcli as ``python -m factcli``."""

from factcli.start import main

main()

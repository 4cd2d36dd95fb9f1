"""factcli: answers about documented facts, every answer backed by a cited source."""

__version__ = "0.1.0"

"""The CLI's commands, grouped by what they do; each module only parses and delegates."""

#: Options of every command that may also be written before the command name.
FACTS_DIR_OPTIONS = ("--facts-dir", "-d")

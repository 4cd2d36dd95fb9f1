"""The CLI's commands, grouped by what they do; each module only parses and delegates."""

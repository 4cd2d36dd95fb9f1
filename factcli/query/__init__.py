"""The query layer: lookups, filters, search and checks over a loaded FactBase."""

"""Whole-fact-base exports, written atomically."""

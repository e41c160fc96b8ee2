"""Reporters: pure functions of the findings (and, for snippets, the sources)."""

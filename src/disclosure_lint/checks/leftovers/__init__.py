"""Leftovers (DL30x): placeholders and the template's instructions left in a published text;
each rule in a module of its own."""

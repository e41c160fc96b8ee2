"""Readers for formats that are not plain text: each module turns a file into a ``Source``
(see ``source.py``); ``source.READERS`` maps suffixes to them."""

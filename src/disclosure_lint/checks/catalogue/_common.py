"""Helpers shared by the catalogue rules (DL7xx)."""

from __future__ import annotations

from ...analysis.catalogue import Catalogue, Cell, catalogue_of
from ...document.model import Block, Document
from ..finding import Severity

PROFILES = frozenset({"catalogue"})

_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def severity(name: str) -> Severity | None:
    """A severity named in rules/catalogue.toml; None for "none" (not reported)."""
    return _SEVERITY.get(name)


def catalogue(doc: Document) -> Catalogue | None:
    """The document's catalogue, or None when it has no catalogue header (then the rules say
    nothing, whatever the profile)."""
    return catalogue_of(doc)


def header_block(doc: Document, cat: Catalogue) -> Block:
    """The whole header line, where findings about a missing column point."""
    h = cat.header
    return Block.single(doc.source.text[h.start:h.end], h.start, h.line)


def user_line(doc: Document, cell: Cell) -> int:
    """The line (or spreadsheet row) the user sees for a cell."""
    return doc.source.locate(cell.block.start)[0]


def quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"

"""The document model: documents, titles, headings, paragraphs, tables, signature blocks.

Every block keeps a map from its text back to offsets in ``Source.text``, so a rule can
point at any character it found, also in paragraphs joined from hard-wrapped lines.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .numbering import Marker
from .source import Source


def _seg_key(seg: tuple[int, int]) -> int:
    return seg[0]


@dataclass(slots=True)
class Block:
    """A run of text. ``segments`` holds (index in ``text``, source offset) pairs: text from
    ``segments[i][0]`` on comes from the source at ``segments[i][1]`` on."""

    text: str
    segments: list[tuple[int, int]]
    first_line: int  # 1-based line of the first character
    last_line: int

    @classmethod
    def single(cls, text: str, offset: int, line: int) -> "Block":
        return cls(text, [(0, offset)], line, line)

    def src(self, i: int) -> int:
        """Source offset of character ``i`` of ``text`` (``len(text)`` maps past the end)."""
        if i >= len(self.text) and self.text:
            return self.src(len(self.text) - 1) + 1
        k = max(bisect_right(self.segments, i, key=_seg_key) - 1, 0)
        base, off = self.segments[k]
        return off + (i - base)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets for ``text[i:j]`` (end exclusive)."""
        if j <= i:
            s = self.src(i)
            return s, s
        return self.src(i), self.src(j - 1) + 1

    @property
    def start(self) -> int:
        return self.src(0)

    @property
    def end(self) -> int:
        return self.src(len(self.text)) if self.text else self.segments[0][1]


@dataclass(slots=True)
class Paragraph(Block):
    pass


@dataclass(slots=True)
class Heading(Block):
    """A numbered heading. ``text`` is the whole line (marker included)."""

    marker: Marker | None = None
    title_end: int = 0  # end of the heading's own title within ``text``
    run_in: bool = False  # the line goes on with body text after the title sentence
    markdown_level: int = 0

    @property
    def layer(self) -> int:
        return self.marker.layer if self.marker else -1

    @property
    def number(self) -> int:
        return self.marker.number if self.marker else 0

    @property
    def title(self) -> str:
        start = self.marker.end if self.marker else 0
        return self.text[start:self.title_end].strip()

    @property
    def body(self) -> str:
        return self.text[self.title_end:]


@dataclass(slots=True)
class Table(Block):
    """Lines that belong to a statistics table (rows, labels, PDF fragments)."""

    lines: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Signature:
    issuer: Block | None = None
    date: Block | None = None


@dataclass(slots=True)
class Document:
    index: int  # 1-based
    source: Source
    start: int  # source offsets of the document's first and last character
    end: int
    first_line: int
    last_line: int
    marker: Block | None = None  # a "第N篇:" line that opens the document
    title: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    hard_wrapped: bool = False
    profile: str = "generic"
    lines: list[Block] = field(default_factory=list)  # every non-blank source line, in order
    #: The same document in last year's report (--previous), when one was given.
    previous: "Document | None" = None
    #: Derived data computed once per document and shared by rules (dates, tables, …),
    #: keyed by the module that computes it.
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def title_text(self) -> str:
        if self.title is not None:
            return self.title.text.strip()
        if self.marker is not None:
            return self.marker.text.strip()
        return ""

    @property
    def anchor(self) -> Block:
        """Where document-level findings point: the title, else the first line."""
        if self.title is not None:
            return self.title
        if self.marker is not None:
            return self.marker
        return self.lines[0] if self.lines else Block.single("", self.start, self.first_line)

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def text(self) -> str:
        return self.source.text[self.start:self.end]

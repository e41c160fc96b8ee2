"""Findings: what a rule reports, located in the original file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis.identity import Agency


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters [start, end) (offsets into the decoded file text)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """What a rule emits: offsets into the file text, before they are located."""

    start: int
    end: int
    message: str
    severity: Severity | None = None  # None: the rule's configured severity
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    index: int  # 1-based index of the document in the file
    title: str
    profile: str
    line: int
    agency: "Agency | None" = None  # who issued it (identity.agency)
    year: int | None = None  # the year it reports on


@dataclass(frozen=True, slots=True)
class Finding:
    """A located finding. Lines and columns are 1-based, columns count code points,
    and the end position is exclusive (the character after the span)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    document: DocumentRef | None = None
    fix: Fix | None = None
    start_offset: int = field(default=0, compare=False)
    end_offset: int = field(default=0, compare=False)
    #: 1-based page of the start (paged formats: PDF); None for other formats.
    page: int | None = None

    def sort_key(self) -> tuple:
        # Findings at the same place keep the order their rule emitted them in (stable sort).
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column)

    def to_dict(self) -> dict:
        doc = None
        if self.document is not None:
            doc = {
                "index": self.document.index,
                "title": self.document.title,
                "profile": self.document.profile,
                "line": self.document.line,
                "agency": self.document.agency.to_dict() if self.document.agency is not None else None,
                "year": self.document.year,
            }
        fix = None
        if self.fix is not None:
            fix = {
                "message": self.fix.message,
                "applicability": self.fix.applicability.value,
                "edits": [
                    {"start_offset": e.start, "end_offset": e.end, "content": e.content} for e in self.fix.edits
                ],
            }
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "document": doc,
            "fix": fix,
            "page": self.page,
        }

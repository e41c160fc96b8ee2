"""Helpers shared by the text-hygiene rules: character classes, the text units a rule scans
(paragraphs, headings, title and signature, never tables) and the two data packs."""

from __future__ import annotations

import functools
from typing import Any

from ...document.model import Block, Document, Heading, Table
from ...util import packs
from ...util.regexutil import lazy_re

IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IDEO_RX = lazy_re(f"[{IDEOGRAPH}]")
# Full-width and CJK punctuation (CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms
# without the full-width letters and digits, curly quotes, ellipsis and dash).
_CJK_PUNCT = frozenset(
    "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—·～－％＋＝／＜＞［］｛｝＃＆＊＠"
    + "".join(chr(c) for c in range(0x3000, 0x3040))
)


def is_ideograph(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def is_cjk(ch: str) -> bool:
    """A Chinese character or a full-width/Chinese punctuation mark."""
    return is_ideograph(ch) or ch in _CJK_PUNCT


def is_ascii_alnum(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def has_ideograph(text: str) -> bool:
    return _IDEO_RX.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Data packs


@packs.pack_model("punctuation")
def _punctuation_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Pair(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        name: str
        open: str = Field(min_length=1)
        close: str = Field(min_length=1)

    class PunctuationPack(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        halfwidth: str
        fullwidth: str
        pair: list[Pair]
        point_marks: str
        doubled_marks: str
        line_end: str

        @field_validator("fullwidth")
        @classmethod
        def _same_length(cls, v: str, info: Any) -> str:
            half = info.data.get("halfwidth", "")
            if len(v) != len(half) or not half.isascii():
                raise ValueError("halfwidth (ASCII) and fullwidth must list the same number of marks")
            return v

    return PunctuationPack


@packs.pack_model("repetition")
def _repetition_model() -> Any:
    from pydantic import BaseModel, ConfigDict, field_validator

    class RepetitionPack(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        allow: list[str]
        allow_unit_patterns: list[str]
        function_chars: list[str]
        function_allow: list[str]
        #: table labels: a phrase made of them only is a table's header run into the text
        phrase_allow_terms: list[str] = []
        #: "我县县政府": the self word, the level characters and the organs after them
        self_level_chars: list[str] = []
        self_level_before: list[str] = []
        self_level_organs: list[str] = []

        @field_validator("allow_unit_patterns")
        @classmethod
        def _regexes(cls, v: list[str]) -> list[str]:
            return [packs.check_regex(x) for x in v]

        @field_validator("function_chars")
        @classmethod
        def _chars(cls, v: list[str]) -> list[str]:
            for c in v:
                if len(c) != 1:
                    raise ValueError(f"function_chars holds single characters ({c!r})")
            return v

    return RepetitionPack


def punctuation() -> Any:
    return packs.load("punctuation", _punctuation_model)


def repetition() -> Any:
    return packs.load("repetition", _repetition_model)


@functools.cache
def halfwidth_map() -> dict[str, str]:
    """Half-width mark → its full-width form."""
    pack = punctuation()
    return dict(zip(pack.halfwidth, pack.fullwidth))


# ---------------------------------------------------------------------------------------------
# What the rules scan


def line_roles(doc: Document) -> dict[int, str]:
    """Role of each non-blank source line of the document: title, marker, heading,
    heading-run-in (a heading line that goes on with body text), paragraph, table, signature."""
    cached = doc.cache.get("text.roles")
    if cached is not None:
        return cached
    roles: dict[int, str] = {}

    def mark(b: Block | None, role: str) -> None:
        if b is None:
            return
        for ln in range(b.first_line, b.last_line + 1):
            roles.setdefault(ln, role)

    if doc.marker is not None:
        mark(doc.marker, "marker")
    if doc.title is not None and doc.title is not doc.marker:
        mark(doc.title, "title")
    if doc.signature is not None:
        mark(doc.signature.issuer, "signature")
        mark(doc.signature.date, "signature")
    for b in doc.blocks:
        if isinstance(b, Table):
            mark(b, "table")
        elif isinstance(b, Heading):
            mark(b, "heading-run-in" if b.run_in else "heading")
        else:
            mark(b, "paragraph")
    doc.cache["text.roles"] = roles
    return roles


_MD_LINE = lazy_re(r"[ \t\u3000]*(?:#{1,6}[ \t]|>|[-*+][ \t]|\|)")


def markdown_prefixed(doc: Document, block: Block) -> bool:
    """Whether the source line of ``block`` starts with Markdown syntax (#, >, -, |)."""
    src = doc.source
    line_start = src.line_starts[block.first_line - 1]
    return _MD_LINE.match(src.text, line_start) is not None


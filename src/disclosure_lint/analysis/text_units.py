"""The running text of a document: its units (title, headings, paragraphs, signature lines,
in order), and for comparing it with other reports its sentences of prose (tables and
headings left out), the text the national format mandates removed, numbers, spaces and
punctuation dropped (a sentence with only its figures or years changed is the same)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..document.model import Block, Document, Heading, Paragraph, Table
from ..util.regexutil import compile as rx_compile
from ..util.regexutil import lazy_re

_SENTENCE_END = lazy_re(r"[。；！？!?;\n]")
_DROP = lazy_re(r"[\s\d０-９〇○零一二三四五六七八九十百千万]*年度?|[\s\d０-９.,，。、；：:;“”\"'‘’（）()《》〈〉【】!！?？%％\-—…·]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # normalised
    block: Paragraph | Heading
    start: int  # in the block's text
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    title: str  # the heading's text ("一、总体情况"), "" before the first heading
    sentences: list[Sentence]

    @property
    def chars(self) -> int:
        return sum(len(s.text) for s in self.sentences)


@functools.cache
def _mandated() -> re.Pattern[str]:
    from .identity import pack

    return rx_compile("|".join(f"(?:{rx})" for rx in pack().mandated), re.M)


@functools.cache
def _legitimate() -> re.Pattern[str]:
    from .identity import pack

    return rx_compile("|".join(f"(?:{rx})" for rx in pack().legitimate))


@functools.cache
def _statistics() -> re.Pattern[str]:
    from .identity import pack

    terms = sorted(pack().statistics_terms, key=len, reverse=True)
    return rx_compile("|".join(re.escape(t) for t in terms))


@functools.cache
def _stock() -> re.Pattern[str] | None:
    from .identity import pack

    phrases = sorted(pack().stock_phrases, key=len, reverse=True)
    return rx_compile("|".join(re.escape(p) for p in phrases)) if phrases else None


def is_stock(sentence: str) -> bool:
    """A sentence with a political formulation every report writes (common phrasing)."""
    rx = _stock()
    return rx is not None and rx.search(sentence) is not None


def is_statistics(norm: str) -> bool:
    """Whether a normalised sentence is mostly the statistics tables' words (the format's
    restatement of its tables in prose), less than 40 % of it anything else."""
    rest = _statistics().sub("", norm)
    return len(rest) < 0.4 * len(norm)


def normalise(text: str) -> str:
    return _DROP.sub("", text)


def is_mandated(sentence: str) -> bool:
    return _mandated().search(sentence) is not None


def is_legitimate(sentence: str) -> bool:
    """A quotation (law, a titled document) or a forwarded notice."""
    return _legitimate().search(sentence) is not None


def sentences(block: Paragraph | Heading, min_chars: int) -> list[Sentence]:
    text = block.text
    lo = block.title_end if isinstance(block, Heading) else 0
    out = []
    start = lo
    for m in _SENTENCE_END.finditer(text + "\n", lo):
        raw = text[start:m.end()]
        stripped = raw.strip()
        if stripped and not is_mandated(stripped):
            norm = normalise(stripped)
            if len(norm) >= min_chars:
                out.append(Sentence(norm, block, start, min(m.end(), len(text))))
        start = m.end()
    return out


def sections(doc: Document, min_chars: int = 8) -> list[Section]:
    """The document's prose by top-level section (the headings of the highest layer)."""
    key = f"crossyear.sections.{min_chars}"
    cached = doc.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    heads = [b for b in doc.blocks if isinstance(b, Heading) and b.marker is not None]
    top = min((h.layer for h in heads), default=-1)
    out = [Section("", [])]
    for b in doc.blocks:
        if isinstance(b, Heading) and b.marker is not None and b.layer == top:
            out.append(Section(b.text[:b.title_end].strip(), sentences(b, min_chars)))
        elif isinstance(b, (Paragraph, Heading)):
            out[-1].sentences.extend(sentences(b, min_chars))
    out = [s for s in out if s.sentences]
    doc.cache[key] = out
    return out


@dataclass(slots=True, frozen=True)
class Window:
    """Consecutive sentences of a document's own text, at least ``min_chars`` long once
    normalised: the unit two documents are compared by (a copied passage starts at a
    sentence). ``first`` and ``last`` index ``own_sentences``."""

    text: str
    first: int
    last: int


def own_sentences(doc: Document) -> list[Sentence]:
    """The sentences of the document's prose that are its own: the mandated text, the
    statistics restated in prose (``is_statistics``), quoted law and titled documents,
    forwarded notices (``is_legitimate``) and the political formulations every report writes
    (``is_stock``) removed."""
    key = "crossyear.own"
    cached = doc.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out = [s for sec in sections(doc, 1) for s in sec.sentences
           if not is_statistics(s.text) and not is_legitimate(raw := s.block.text[s.start:s.end])
           and not is_stock(raw)]
    doc.cache[key] = out
    return out


def windows(doc: Document, min_chars: int) -> list[Window]:
    """A window from every sentence: it and the sentences after it until ``min_chars``
    characters (the shortest passage that can count as copied). A window is never longer
    than it must be, so a passage two documents share gives them the same windows. A window
    stays in the paragraph it starts in when that paragraph is long enough for one: the end
    of a paragraph does not run on into the next (a template after a report's own text gave
    every report a window of its own over the template); short paragraphs (lines of a PDF)
    are read on."""
    units = own_sentences(doc)
    lens = [len(u.text) for u in units]
    block_chars: dict[int, int] = {}
    for u, n in zip(units, lens):
        block_chars[id(u.block)] = block_chars.get(id(u.block), 0) + n
    out: list[Window] = []
    j, total = 0, 0
    for i in range(len(units)):
        if j < i:
            j, total = i, 0
        while j < len(units) and total < min_chars:
            total += lens[j]
            j += 1
        if total < min_chars:
            break
        start = units[i].block
        if units[j - 1].block is start or block_chars[id(start)] < min_chars:
            out.append(Window("".join(u.text for u in units[i:j]), i, j - 1))
        total -= lens[i]
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of running text: the title, a heading, a paragraph or a signature line."""

    block: Block
    kind: str  # title | heading | paragraph | signature


def _first_line(u: Unit) -> int:
    return u.block.first_line


def units(doc: Document) -> list[Unit]:
    """The document's text outside tables, in order: title, headings, paragraphs, signature.
    The "第N篇:" marker of a collection file is not part of the report and is left out."""
    cached = doc.cache.get("text.units")
    if cached is not None:
        return cached
    out: list[Unit] = []
    if doc.title is not None and doc.title is not doc.marker:
        out.append(Unit(doc.title, "title"))
    for b in doc.blocks:
        if isinstance(b, Table):
            continue
        out.append(Unit(b, "heading" if isinstance(b, Heading) else "paragraph"))
    if doc.signature is not None:
        for b in (doc.signature.issuer, doc.signature.date):
            if b is not None:
                out.append(Unit(b, "signature"))
    # Units are whole lines, so their first lines differ and order them; only on a tie
    # (never seen) is the start offset, which costs a look-up per unit, consulted.
    out.sort(key=_first_line)
    if any(a.block.first_line == b.block.first_line for a, b in zip(out, out[1:])):
        out.sort(key=lambda u: (u.block.first_line, u.block.start))
    doc.cache["text.units"] = out
    return out

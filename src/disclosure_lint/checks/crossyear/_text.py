"""Text of a report for comparing it with other reports: sentences of its prose (tables and
headings left out), the text the national format mandates removed, numbers, spaces and
punctuation dropped (a sentence with only its figures or years changed is the same)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...model import Document, Heading, Paragraph

_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
_DROP = re.compile(r"[\s\d０-９〇○零一二三四五六七八九十百千万]*年度?|[\s\d０-９.,，。、；：:;“”\"'‘’（）()《》〈〉【】!！?？%％\-—…·]+")


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
    from ...identity import pack

    return re.compile("|".join(f"(?:{rx})" for rx in pack().mandated), re.M)


@functools.cache
def _legitimate() -> re.Pattern[str]:
    from ...identity import pack

    return re.compile("|".join(f"(?:{rx})" for rx in pack().legitimate))


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

"""Organ names (发文机关) in titles, signature blocks and body text, shared by the issuer rules.

An organ name is [place name] + level + organ, e.g. 获嘉县工商局 = 获嘉 + 县 + 工商局, or a
bare organ (人力资源和社会保障局), or a place with its level alone (大屯镇, standing for its
government). The organ names, levels and the cue words that tell an organ the text names as
itself from one it cites are data in ``rules/organs.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..document.model import Block, Document
from ..util.regexutil import compile as rx_compile
from ..util.regexutil import lazy_re
from .issuer_data import organs

_CJK = lazy_re(r"[\u3400-\u9fff]")
_BOOK = lazy_re(r"《[^《》\n]{0,120}》")
_CLAUSE_BREAKS = frozenset("。；！？，,;!?：:\n")
_SENTENCE_BREAKS = frozenset("。；！？;!?\n")
#: A title's leading "关于" and year, skipped before its issuer.
_TITLE_LEAD = lazy_re(r"\s*(?:关于\s*)?(?:(?:19|20)\d{2}|[一二三四五六七八九〇○零]{4})?\s*(?:年度|年)?\s*")
#: Where a title's issuer ends: the subject of the title begins.
_TITLE_SUBJECT = lazy_re(r"政务|政府信息|信息公开|关于|年度|上半年|下半年|工作|总结|报告|活动|[0-9０-９\s（(《“\"]")
#: A title or signature that is nothing but a date or a year.
MAX_PLACE = 4


@dataclass(frozen=True, slots=True)
class Organ:
    """An organ name found in ``text[start:end]`` (the place name included)."""

    start: int
    end: int
    place: str  # "" when the name has no place name
    level: str | None  # 县, 市, 乡 …; None for a bare organ (人力资源和社会保障局)
    core: str | None  # 工商局, 人民政府 …; None for a place with its level alone (大屯镇)
    kind: str | None  # a kind id of rules/organs.toml

    @property
    def name(self) -> str:
        return f"{self.place}{self.level or ''}{self.core or ''}"

    @property
    def named(self) -> bool:
        """Whether the name says which organ it is (it has a place name)."""
        return bool(self.place)

    @property
    def rank_level(self) -> str | None:
        """The level with prefixes dropped: 自治县 → 县, 新区 → 区."""
        if self.level is None:
            return None
        return self.level if self.level == "街道" else self.level[-1]


@dataclass(frozen=True, slots=True)
class Matchers:
    kind_of: dict[str, str]  # organ name → kind id
    labels: dict[str, str]  # kind id → label
    departments: frozenset[str]  # kind ids of departments
    levels: tuple[str, ...]
    level_chars: frozenset[str]
    mention: re.Pattern[str]  # level + organ
    core: re.Pattern[str]  # an organ without its level (governments' 政府 left out)
    level_end: re.Pattern[str]  # a level at the end of a title's issuer
    self_after: re.Pattern[str]
    self_title: re.Pattern[str] | None
    self_group: re.Pattern[str]
    self_site: re.Pattern[str]
    pack: Any


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def matchers() -> Matchers:
    pack = organs()
    kind_of = {n: k.id for k in pack.kind for n in k.names}
    gov_plain = {n for k in pack.kind if k.id == "government" for n in k.names}
    levels = tuple(sorted(pack.levels, key=len, reverse=True))
    level_alt = _alt(list(levels))
    return Matchers(
        kind_of=kind_of,
        labels={k.id: k.label for k in pack.kind},
        departments=frozenset(k.id for k in pack.kind if k.department),
        levels=levels,
        level_chars=frozenset(lv[-1] for lv in levels),
        mention=rx_compile(f"(?P<level>{level_alt})(?P<core>{_alt(list(kind_of))})"),
        core=rx_compile(f"(?P<core>{_alt([n for n in kind_of if n not in gov_plain])})"),
        level_end=rx_compile(f"(?P<level>{level_alt})$"),
        self_after=rx_compile(f"[”\"’]?(?:{_alt(pack.self_after)})"),
        self_title=rx_compile(f"(?:{_alt(pack.self_titles)})") if pack.self_titles else None,
        self_group=rx_compile(f"[^，。；：“”\"\\n]{{0,12}}(?:{_alt(pack.self_groups)})"),
        self_site=rx_compile(f"[”\"’]?(?:{_alt(pack.self_sites)})"),
        pack=pack,
    )


def place_before(text: str, i: int, lo: int = 0) -> str:
    """The place name that ends at ``text[i]`` (read back over CJK characters that are not
    stop characters, at most four; a run of four keeps its last two)."""
    stops = _stops()
    levels = matchers().level_chars
    words = _stop_words()
    j = i
    while j > lo and i - j < MAX_PLACE and _CJK.match(text[j - 1]):
        if words and text[max(lo, j - 2):j] in words:
            break  # 2013年度平潭县: 度 ends a word that is no part of the name (平度市 keeps it)
        c = text[j - 1]
        if c in stops:
            # A level character right before the level is part of the name when a name
            # character precedes it (新乡市), not in a compound (各乡镇, 县市区).
            if not (c in levels and j == i and j - 2 >= lo and _CJK.match(text[j - 2])
                    and text[j - 2] not in stops):
                break
        j -= 1
    place = text[j:i]
    if len(place) >= MAX_PLACE:
        place = place[-2:]
    return place


@functools.cache
def _stops() -> frozenset[str]:
    return frozenset(organs().place_stops)


@functools.cache
def _stop_words() -> frozenset[str]:
    return frozenset(organs().place_stop_words)


def find_mentions(text: str, lo: int = 0, hi: int | None = None) -> Iterator[Organ]:
    """Every level + organ name in ``text[lo:hi]`` (县政府, 漯河市工商局 …)."""
    mt = matchers()
    hi = len(text) if hi is None else hi
    for m in mt.mention.finditer(text, lo, hi):
        place = place_before(text, m.start(), lo)
        core = m.group("core")
        yield Organ(m.start() - len(place), m.end(), place, m.group("level"), core, mt.kind_of[core])


def parse_issuer(text: str, lo: int, hi: int) -> Organ | None:
    """The organ named in ``text[lo:hi]`` (a title's head or a signature line), or None."""
    mt = matchers()
    for org in find_mentions(text, lo, len(text)):
        if org.start < hi:
            return org
        break
    m = mt.core.search(text, lo, hi)
    if m:
        place = place_before(text, m.start(), lo)
        return Organ(m.start() - len(place), m.end(), place, None, m.group("core"), mt.kind_of[m.group("core")])
    head = text[lo:hi].rstrip()
    m = mt.level_end.search(head)
    if m:
        place = place_before(text, lo + m.start(), lo)
        start = lo + m.start() - len(place)
        return Organ(start, lo + m.end(), place, m.group("level"), None, "government")
    return None


@dataclass(frozen=True, slots=True)
class Issuer:
    """What a title or a signature block says about the issuer.

    ``status`` is "named" (an organ with its place name, or some other issuer such as a
    school), "bare" (an organ without its place name: 乡, 县政府, 人力资源和社会保障局) or
    "none" (no issuer at all). ``start``/``end`` index the block's text (the issuer part)."""

    status: str
    start: int
    end: int
    organ: Organ | None
    text: str


def title_issuer(text: str) -> Issuer:
    """The issuer part of a title: what comes before its subject (政务公开…, 2013年…)."""
    lead = _TITLE_LEAD.match(text)
    lo = lead.end() if lead else 0
    m = _TITLE_SUBJECT.search(text, lo)
    hi = m.start() if m else len(text)
    head = text[lo:hi]
    if not _CJK.search(head):
        return Issuer("none", 0, len(text.rstrip()), None, "")
    organ = parse_issuer(text, lo, hi)
    if organ is not None:
        end = max(hi, organ.end)
        # Something other than a place name before the organ (××县, XX乡): a placeholder,
        # which leftover-placeholder reports; the title does have an issuer slot filled.
        named = organ.named or bool(text[lo:organ.start].strip())
        return Issuer("named" if named else "bare", lo, end, organ, text[lo:end])
    return Issuer("named", lo, hi, None, head)


def signature_issuer(text: str) -> Issuer:
    stripped = text.strip()
    if not _CJK.search(stripped):
        return Issuer("none", 0, len(text), None, "")
    lo = len(text) - len(text.lstrip())
    hi = lo + len(stripped)
    organ = parse_issuer(text, lo, hi)
    if organ is None:
        return Issuer("named", lo, hi, None, stripped)
    return Issuer("named" if organ.named else "bare", lo, hi, organ, stripped)


@dataclass(frozen=True, slots=True)
class DocIssuer:
    title: Issuer | None
    signature: Issuer | None

    @property
    def organ(self) -> Organ | None:
        """The organ to compare with: the title's when it names one with a kind, else the
        signature's; a named organ is preferred over a bare one."""
        candidates = [i.organ for i in (self.title, self.signature) if i is not None and i.organ is not None]
        for org in candidates:
            if org.named and org.kind is not None:
                return org
        for org in candidates:
            if org.kind is not None:
                return org
        return None


def doc_issuer(doc: Document) -> DocIssuer:
    key = "issuer.doc"
    if key not in doc.cache:
        title = title_issuer(doc.title.text) if doc.title is not None else None
        sig_block = doc.signature.issuer if doc.signature is not None else None
        signature = signature_issuer(sig_block.text) if sig_block is not None else None
        doc.cache[key] = DocIssuer(title, signature)
    result: DocIssuer = doc.cache[key]
    return result


def body_blocks(doc: Document) -> list[Block]:
    """The document's body: headings, paragraphs and tables (not the title or signature)."""
    return list(doc.blocks)


def book_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BOOK.finditer(text)]


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(s < i < e for s, e in spans)


def clause_start(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1] not in _CLAUSE_BREAKS:
        j -= 1
    return j


def clause_end(text: str, i: int) -> int:
    j = i
    while j < len(text) and text[j] not in _CLAUSE_BREAKS:
        j += 1
    return j


def sentence_bounds(text: str, i: int, j: int) -> tuple[int, int]:
    s = i
    while s > 0 and text[s - 1] not in _SENTENCE_BREAKS:
        s -= 1
    e = j
    while e < len(text) and text[e] not in _SENTENCE_BREAKS:
        e += 1
    return s, e


def is_self_reference(text: str, org: Organ, books: list[tuple[int, int]]) -> bool:
    """Whether the text names ``org`` as itself (the subject of its own work, its own
    leading group or website) rather than citing it."""
    if inside(books, org.start):
        return False
    mt = matchers()
    pack = mt.pack
    lead = text[max(0, org.start - 2):org.start]
    if (lead and lead[-1] in mt.level_chars) or lead.endswith(tuple(pack.plural_before)):
        return False  # 各乡镇政府, 全市各县分局: subordinate organs, not the text itself
    before = text[clause_start(text, org.start):org.start]
    if mt.self_title is not None and mt.self_title.match(text, org.end):
        # The author of a report: "特向社会公布2013年度平潭县地税局信息公开年度报告".
        return not any(w in before for w in pack.title_cite_before)
    if any(w in before for w in pack.cite_before):
        return False
    after = text[org.end:clause_end(text, org.end)]
    if any(w in after for w in pack.other_after):
        return False
    if mt.self_after.match(text, org.end):
        return True
    if mt.self_group.match(text, org.end):
        return True
    if mt.self_site.match(text, org.end) and any(v in before for v in pack.site_verbs):
        return True
    return False

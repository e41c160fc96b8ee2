"""Who issued a document and which year it reports on: the agency (the issuer of the title,
else of the signature, split into place and organ and normalised) and the report year. Used
to pair a report with the same agency's report of the year before, and by the outputs.

平潭综合实验区管委会办公室 is the organ 管委会办公室 of the place 平潭综合实验区; its key
(平潭综合实验区|管理委员会办公室) is the same as 平潭综合实验区管理委员会办公室's. The short
and long forms are data in ``rules/crossyear.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..document.model import Document
from ..util import packs
from ..util.regexutil import lazy_re

#: Rank of each level word (lower is higher): a full place name goes down the ranks
#: (福建省福州市闽侯县大屯镇), or stays at 市 for a county-level city (苏州市昆山市).
_RANK = {"省": 1, "自治区": 1, "市": 2, "州": 2, "盟": 2, "地区": 2, "自治州": 2, "县": 3, "区": 3, "旗": 3,
         "自治县": 3, "自治旗": 3, "新区": 3, "实验区": 3, "试验区": 3, "开发区": 3, "高新区": 3,
         "乡": 4, "镇": 4, "街道": 4}
#: One place of a name: a few characters of name and a level word (the first level word
#: reached: 闽侯县乡村振兴局 → 闽侯县, then 乡村振兴局 has no place).
_SEGMENT = lazy_re(r"(?P<name>[^\s\d]{1,8}?)(?P<level>" + "|".join(sorted(_RANK, key=len, reverse=True)) + ")")
#: The subject of a title, after its issuer (where an organ the issuer data does not know ends).
_TITLE_REST = lazy_re(r"(?:19|20)\d{2}|[一二三四五六七八九〇○零]{4}|年度|上半年|下半年|政府信息公开|政务公开|信息公开|关于|工作|报告|总结|[\s（(《“\"]")
#: How the name of an organ ends (局, 委员会, 中心 …): an organ the data does not know.
_ORGAN_END = lazy_re(r"(?:局|委员会|委|办公室|办|中心|院|所|处|室|队|站|会|馆|社|部|厅|署|团|司|公司|集团|学校|大学|学院|医院|管理处)$")
_PLACEHOLDER = lazy_re(r"[×xX＊*某]{2}|XX|ＸＸ|□")


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # as written: 平潭综合实验区管委会办公室
    place: str  # 平潭综合实验区 ("" when the issuer names no place)
    organ: str  # 管委会办公室 (the place with its level alone, 大屯镇: "")
    key: str  # normalised place|organ, equal for the same agency
    #: The places of ``place`` from the highest (淮安市, 洪泽区), normalised; with ``organ_key``
    #: what ``same_agency`` compares.
    places: tuple[str, ...] = ()
    organ_key: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "place": self.place, "organ": self.organ}


@packs.pack_model("crossyear")
def _model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    from ..util.packs import check_regex

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class SameName(Strict):
        short: str = Field(min_length=1)
        long: str = Field(min_length=1)

    class Pack(Strict):
        same_name: list[SameName]
        mandated: list[str]
        legitimate: list[str]
        not_places: list[str]
        statistics_terms: list[str]
        #: the political formulations every report opens with: common phrasing, not a copy
        stock_phrases: list[str] = []

        def model_post_init(self, _: Any) -> None:
            for rx in [*self.mandated, *self.legitimate]:
                check_regex(rx)

    return Pack


@functools.cache
def pack() -> Any:
    return packs.load("crossyear", _model)


@functools.cache
def _expand() -> tuple[re.Pattern[str], dict[str, str]]:
    # Every form maps to the long one; the long forms map to themselves, so that the
    # longest match wins (人民政府办公室 stays whole, 政府办公室 becomes it).
    pairs = {p.short: p.long for p in pack().same_name}
    pairs.update({long: long for long in list(pairs.values())})
    alt = "|".join(re.escape(s) for s in sorted(pairs, key=len, reverse=True))
    return re.compile(alt), pairs


def normalise(name: str) -> str:
    rx, pairs = _expand()
    name = re.sub(r"\s+|[（(][^）)]*[）)]", "", name)
    return rx.sub(lambda m: pairs[m.group(0)], name) if pairs else name


@functools.cache
def _not_places() -> re.Pattern[str]:
    words = pack().not_places
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")$")


def place_segments(name: str) -> list[str]:
    """The places at the start of ``name``, from the highest: 淮安市洪泽区人民政府 →
    [淮安市, 洪泽区]. A level word inside an organ's name is not a place: 闽侯县乡村振兴局
    → [闽侯县] (乡村振兴局 has no name before its 乡), 青山县城乡规划局 → [青山县] (城乡,
    社区 … are words, ``not_places`` in rules/crossyear.toml), 青山县城市管理局 → [青山县]
    (a 市 below a 县 goes up the ranks)."""
    out: list[str] = []
    pos, rank = 0, 0
    not_place = _not_places()
    while (m := _SEGMENT.match(name, pos)) is not None and m.end() <= len(name):
        seg, level, end = m.group(0), m.group("level"), m.end()
        # 新乡市, 苏州市, 通州区: after one character of name, 乡 and 州 are part of it when
        # a level word follows.
        nxt = _SEGMENT.match("名" + name[end:])
        if level in ("乡", "州") and len(m.group("name")) == 1 and nxt is not None and nxt.start("level") == 1:
            level = nxt.group("level")
            end += len(level)
            seg = name[pos:end]
        r = _RANK[level]
        if r < rank or (r == rank and r != 2) or not_place.search(seg):
            break
        out.append(seg)
        pos, rank = end, r
    return out


def split_agency(name: str, organ_start: int | None = None) -> tuple[str, str]:
    """(place, organ) of an issuer name: at ``organ_start`` when the organ is known, else
    after the places at its start (``place_segments``)."""
    if organ_start is not None and 0 <= organ_start <= len(name):
        return name[:organ_start], name[organ_start:]
    cut = sum(len(s) for s in place_segments(name))
    return name[:cut], name[cut:]


def same_agency(a: Agency, b: Agency) -> bool:
    """Whether two agencies are one: the same organ, and the same places or one's places the
    end of the other's (洪泽区人民政府 = 淮安市洪泽区人民政府, never 洪泽区 = 清江浦区)."""
    if a.organ_key != b.organ_key or not a.places or not b.places:
        return a.key == b.key
    short, long = sorted((a.places, b.places), key=len)
    return long[len(long) - len(short):] == short


def pairing_key(a: Agency) -> str:
    """What two agencies that may be one (``same_agency``) share: the organ and the lowest
    place."""
    return f"{a.places[-1]}|{a.organ_key}" if a.places else a.key


def agency(doc: Document) -> Agency | None:
    """The document's agency, or None when neither title nor signature names one (or the
    name is a placeholder: 某某局, ××县)."""
    key = "identity.agency"
    if key in doc.cache:
        return doc.cache[key]  # type: ignore[no-any-return]
    from .organs import doc_issuer

    found: Agency | None = None
    di = doc_issuer(doc)
    for iss in (di.title, di.signature):
        if iss is None or iss.status == "none" or not iss.text.strip():
            continue
        name = re.sub(r"\s+", "", iss.text)
        if _PLACEHOLDER.search(name) or len(name) < 2:
            continue
        organ_start = None
        government = iss.organ is not None and iss.organ.kind == "government"
        if iss.organ is not None and iss.organ.core is not None:
            organ_start = name.rfind(iss.organ.core)
            organ_start = None if organ_start < 0 else organ_start
        elif iss.organ is not None:
            unknown = _unknown_organ(doc, iss) if iss is di.title else ""
            if unknown:  # 青山县政务服务中心: the issuer data stopped at 政务
                name, government = name + unknown, False
            else:  # a place with its level alone: 大屯镇 (its government)
                organ_start = len(name)
        place, organ = split_agency(name, organ_start)
        places = tuple(normalise(p) for p in place_segments(place))
        # 大屯镇, 大屯镇政府 and 大屯镇人民政府 are one government; an organ the data knows
        # is keyed by its kind's name (上海市人民政府办公厅 = 上海市政府办公室).
        organ_key = "人民政府" if government else normalise(organ)
        if not government and iss.organ is not None and iss.organ.kind is not None and organ == iss.organ.core:
            from .organs import matchers

            organ_key = matchers().labels.get(iss.organ.kind, organ_key)
        found = Agency(name, place, organ, f"{normalise(place)}|{organ_key}", places, organ_key)
        break
    doc.cache[key] = found
    return found


def _unknown_organ(doc: Document, iss: Any) -> str:
    """The rest of an organ's name after a title's bare place, when the title goes on with
    one the issuer data does not know before its subject (青山县|政务服务中心|2023年…);
    "" when the place stands alone (大屯镇2022年…)."""
    title = doc.title.text if doc.title is not None else ""
    end = iss.end
    m = _TITLE_REST.search(title, end)
    rest = re.sub(r"\s+", "", title[end:m.start() if m else len(title)])
    return rest if 2 <= len(rest) <= 20 and _ORGAN_END.search(rest) else ""


def year(doc: Document) -> int | None:
    """The year the document reports on (``dates.report_year``)."""
    from .dates import report_year

    return report_year(doc)

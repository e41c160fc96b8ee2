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

from . import data
from .model import Document

#: Where a place name ends inside an issuer (the last level word before the organ).
_LEVEL_END = re.compile(r"(自治区|自治州|自治县|自治旗|新区|实验区|开发区|高新区|地区|街道|[省市州盟县区旗乡镇])")
_PLACEHOLDER = re.compile(r"[×xX＊*某]{2}|XX|ＸＸ|□")


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # as written: 平潭综合实验区管委会办公室
    place: str  # 平潭综合实验区 ("" when the issuer names no place)
    organ: str  # 管委会办公室 (the place with its level alone, 大屯镇: "")
    key: str  # normalised place|organ, equal for the same agency

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "place": self.place, "organ": self.organ}


@data.pack_model("crossyear")
def _model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    from .data import check_regex

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class SameName(Strict):
        short: str = Field(min_length=1)
        long: str = Field(min_length=1)

    class Pack(Strict):
        same_name: list[SameName]
        mandated: list[str]
        legitimate: list[str]

        def model_post_init(self, _: Any) -> None:
            for rx in [*self.mandated, *self.legitimate]:
                check_regex(rx)

    return Pack


@functools.cache
def pack() -> Any:
    return data.load("crossyear", _model)


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


def split_agency(name: str, organ_start: int | None = None) -> tuple[str, str]:
    """(place, organ) of an issuer name: at ``organ_start`` when the organ is known, else
    after the last level word that leaves an organ behind."""
    if organ_start is not None and 0 <= organ_start <= len(name):
        return name[:organ_start], name[organ_start:]
    cut = 0
    for m in _LEVEL_END.finditer(name):
        if m.end() < len(name):
            cut = m.end()
    return name[:cut], name[cut:]


def agency(doc: Document) -> Agency | None:
    """The document's agency, or None when neither title nor signature names one (or the
    name is a placeholder: 某某局, ××县)."""
    key = "identity.agency"
    if key in doc.cache:
        return doc.cache[key]  # type: ignore[no-any-return]
    from .checks.issuer._organs import doc_issuer

    found: Agency | None = None
    di = doc_issuer(doc)
    for iss in (di.title, di.signature):
        if iss is None or iss.status == "none" or not iss.text.strip():
            continue
        name = re.sub(r"\s+", "", iss.text)
        if _PLACEHOLDER.search(name) or len(name) < 2:
            continue
        organ_start = None
        if iss.organ is not None and iss.organ.core is not None:
            organ_start = name.rfind(iss.organ.core)
            organ_start = None if organ_start < 0 else organ_start
        elif iss.organ is not None:  # a place with its level alone: 大屯镇
            organ_start = len(name)
        place, organ = split_agency(name, organ_start)
        found = Agency(name, place, organ, f"{normalise(place)}|{normalise(organ)}")
        break
    doc.cache[key] = found
    return found


def year(doc: Document) -> int | None:
    """The year the document reports on (``dates.report_year``)."""
    from .dates import report_year

    return report_year(doc)

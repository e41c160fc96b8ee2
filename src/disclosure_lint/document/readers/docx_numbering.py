"""Word's automatic numbering (``word/numbering.xml``): the numbers Word shows but does not
store in the paragraph text ("一、", "（一）", "1.", "①").

python-docx does not compute them (python-openxml/python-docx#92), so this module walks the
counters the way Word does: ``w:numPr`` of the paragraph or of its style (``w:pStyle`` →
``w:basedOn``) → ``w:num`` (``w:lvlOverride/w:startOverride``) → ``w:abstractNum``
(``w:numStyleLink``) → ``w:lvl`` (``w:start``, ``w:numFmt``, ``w:lvlText`` with ``%1``…``%9``,
``w:lvlRestart``, ``w:isLgl``, ``w:suff``). Lists (``w:num``) that share an abstract
definition share its counters, as in Word, unless a ``w:startOverride`` restarts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Bullets drawn from the Symbol and Wingdings fonts are stored as private-use code points.
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf06e": "■", "\uf0d8": "➢",
                   "\uf0fc": "✓", "\uf076": "❖", "\uf0a8": "□", "\uf075": "◆", "\uf0b2": "◇"}
_CJK_END = "、，．。）)】〕」』：:．"


def _cn_counting(n: int, units: str = "十百千", digits: str = _CN, legal: bool = False) -> str:
    """一, 十, 十一, 二十, 一百零五, 一百一十, 一千二百; legal: 壹拾壹."""
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 10000:
        return str(n)
    out = ""
    zero = False
    for d, unit in ((n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")):
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零" if digits is _CN else digits[0]
            zero = False
        if unit == units[0] and d == 1 and n < 20 and not legal:
            out += unit  # 十一, not 一十一
        else:
            out += digits[d] + unit
    return out


def _letters(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    ch = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out if upper else out.lower()


def format_number(n: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` (unknown formats fall back to decimal)."""
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting", "ideographLegalTraditional_"):
        return _cn_counting(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCountingThousand"):
        return _cn_counting(n)
    if fmt == "chineseLegalSimplified":
        return _cn_counting(n, units="拾佰仟", digits=_LEGAL, legal=True)
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n, fmt == "upperRoman")
    if fmt == "none":
        return ""
    return str(n)


def _val(el: Any, name: str) -> str | None:
    child = el.find(W + name) if el is not None else None
    return None if child is None else child.get(W + "val")


def _int(s: str | None, default: int | None = None) -> int | None:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _on(el: Any, name: str) -> bool:
    child = el.find(W + name) if el is not None else None
    if child is None:
        return False
    return child.get(W + "val", "true").lower() not in ("0", "false", "off")


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None: after any shallower level
    legal: bool = False
    suffix: str = "tab"
    hidden: bool = False
    style: str | None = None

    @classmethod
    def parse(cls, lvl: Any) -> Level:
        rpr = lvl.find(W + "rPr")
        return cls(
            start=_int(_val(lvl, "start"), 0) or 0,
            fmt=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText") or "",
            restart=_int(_val(lvl, "lvlRestart")),
            legal=_on(lvl, "isLgl"),
            suffix=_val(lvl, "suff") or "tab",
            hidden=_on(rpr, "vanish"),
            style=_val(lvl, "pStyle"),
        )


class Numbering:
    """Counters of one document; call :meth:`label` for each paragraph in order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId → style id (w:numStyleLink)
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        if numbering is not None:
            for an in numbering.iter(W + "abstractNum"):
                aid = an.get(W + "abstractNumId", "")
                levels = {}
                for lvl in an.findall(W + "lvl"):
                    ilvl = _int(lvl.get(W + "ilvl"), 0) or 0
                    levels[ilvl] = Level.parse(lvl)
                self._abstract[aid] = levels
                link = _val(an, "numStyleLink")
                if link:
                    self._style_link[aid] = link
            for num in numbering.iter(W + "num"):
                nid = num.get(W + "numId", "")
                aid = _val(num, "abstractNumId") or ""
                starts: dict[int, int] = {}
                overrides: dict[int, Level] = {}
                for ov in num.findall(W + "lvlOverride"):
                    ilvl = _int(ov.get(W + "ilvl"), 0) or 0
                    s = _int(_val(ov, "startOverride"))
                    if s is not None:
                        starts[ilvl] = s
                    lvl = ov.find(W + "lvl")
                    if lvl is not None:
                        overrides[ilvl] = Level.parse(lvl)
                self._nums[nid] = (aid, starts, overrides)
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → numId, ilvl, basedOn
        self.style_names: dict[str, str] = {}  # id → name, lower case ("heading 1", "toc 1")
        self.default_style: str | None = None
        if styles is not None:
            for st in styles.iter(W + "style"):
                if st.get(W + "type", "paragraph") != "paragraph":
                    continue
                sid = st.get(W + "styleId", "")
                self.style_names[sid] = (_val(st, "name") or "").lower()
                ppr = st.find(W + "pPr")
                numpr = ppr.find(W + "numPr") if ppr is not None else None
                self._styles[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"), _val(st, "basedOn"))
                if st.get(W + "default", "").lower() in ("1", "true", "on"):
                    self.default_style = sid
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._pending: dict[str, dict[int, int]] = {}  # startOverride values not used yet

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None, str | None]:
        """(numId, ilvl, the style that carried them), following w:basedOn."""
        seen = set()
        ilvl = None
        while style and style not in seen and style in self._styles:
            seen.add(style)
            sid, slvl, based = self._styles[style]
            if ilvl is None and slvl is not None:
                ilvl = slvl
            if sid is not None:
                return sid, ilvl, style
            style = based
        return None, ilvl, None

    def _resolve(self, num_id: str) -> tuple[str, dict[int, int], dict[int, Level], dict[int, Level]] | None:
        if num_id not in self._nums:
            return None
        aid, starts, overrides = self._nums[num_id]
        levels = self._abstract.get(aid)
        if aid in self._style_link:  # the list is defined by a numbering style
            link_num, _, _ = self._style_numpr(self._style_link[aid])
            if link_num and link_num in self._nums:
                aid2 = self._nums[link_num][0]
                if aid2 in self._abstract and aid2 not in self._style_link:
                    aid, levels = aid2, self._abstract[aid2]
        if levels is None:
            return None
        return aid, starts, overrides, levels

    def label(self, ppr: Any | None) -> tuple[str, str] | None:
        """The (number, suffix) Word shows before a paragraph with properties ``ppr``, and
        advance the counters; None when the paragraph is not numbered."""
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl_s = _val(numpr, "ilvl")
        style = _val(ppr, "pStyle") if ppr is not None else None
        style = style or self.default_style
        carrier = None
        if num_id is None:
            num_id, s_ilvl, carrier = self._style_numpr(style)
            if ilvl_s is None:
                ilvl_s = s_ilvl
        if num_id is None or num_id == "0":
            return None
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        aid, starts, overrides, levels = resolved
        if ilvl_s is None and carrier is not None:  # the level that names the style
            ilvl_s = next((str(k) for k, lv in levels.items() if lv.style == carrier), None)
        ilvl = min(max(_int(ilvl_s, 0) or 0, 0), 8)

        def level(k: int) -> Level:
            return overrides.get(k) or levels.get(k) or Level()

        counters = self._counters.setdefault(aid, [None] * 9)
        pending = self._pending.setdefault(aid, {})
        if num_id not in self._used:  # a list that restarts: its first use of each level
            self._used.add(num_id)
            for k, s in starts.items():
                if 0 <= k < 9:
                    counters[k] = None
                    pending[k] = s
        lv = level(ilvl)
        cur = counters[ilvl]
        if ilvl in pending:
            counters[ilvl] = pending.pop(ilvl)
        else:
            counters[ilvl] = lv.start if cur is None else cur + 1
        for d in range(ilvl + 1, 9):
            restart = level(d).restart
            bound = d if restart is None else restart
            if ilvl < bound:
                counters[d] = None
        if lv.hidden:
            return None
        if lv.fmt == "bullet":
            text = "".join(_SYMBOL_BULLETS.get(ch, "•" if "\ue000" <= ch <= "\uf8ff" else ch) for ch in lv.text)
        else:
            text = lv.text
            for k in range(9):
                token = f"%{k + 1}"
                if token not in text:
                    continue
                value = counters[k]
                if value is None:
                    value = pending.get(k, level(k).start)
                fmt = "decimal" if lv.legal and k < ilvl else level(k).fmt
                text = text.replace(token, format_number(value, fmt))
        if not text:
            return None
        if lv.suffix == "space":
            suffix = " "
        elif lv.suffix == "nothing" or text[-1] in _CJK_END:
            suffix = ""
        else:
            suffix = " "  # a tab stop: shown as a gap
        return text, suffix

"""Labels and cell values normalised: spaces, brackets, punctuation and numbering taken out
of labels, numbers read from cells (1,234, 97万元)."""

from __future__ import annotations

import functools
import unicodedata

from ...util.regexutil import lazy_re

# ---------------------------------------------------------------------------------------
# Normalisation

_GLUED_NUMBER = lazy_re(r"(?<=[\u3400-\u9fff）)])\s*(\d+(?:\.\d+)?)$")  # "行政许可97"
_NUMBER = lazy_re(r"[+\-]?\d+(?:\.\d+)?")
_NUMBER_TOKEN = lazy_re(r"[+\-－]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-－]?\d+(?:\.\d+)?")
_BLANKS = frozenset({"", "-", "—", "–", "－", "/", "／", "——", "--", "空", "无"})
_PLAIN_BLANKS = frozenset({"-", "—", "－", "/", "／", "——", "--"})
_NUMBERING = lazy_re(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.．、](?!\d)|^\d{1,2}(?=[\u4e00-\u9fff])")
_CJK = lazy_re(r"[\u3400-\u9fff]")

# Label normalisation as ``str.translate`` tables (one C call instead of regex passes):
# whitespace is exactly what ``str.isspace`` (and the regex ``\s``) accepts, which
# tests/test_tables_perf.py checks against every code point.
_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
           "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_PUNCTUATION = "，,、；;：:。.．“”\"‘’'「」*#|!！?？《》<>"
_BRACKETS = str.maketrans("()［］[]", "（）（）（）")
_UNSPACE = {**_BRACKETS, **str.maketrans("", "", _SPACES)}  # brackets unified, spaces removed
_UNPUNCT = str.maketrans("", "", _PUNCTUATION)
_NORM = {**_UNSPACE, **_UNPUNCT}


@functools.lru_cache(maxsize=4096)
def _norm_cell(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().replace("－", "-")


_AMOUNT_UNIT = lazy_re(r"\s*(?:万元|元|万)\s*$")


@functools.lru_cache(maxsize=4096)
def _cell_value(text: str) -> float | None:
    t = _norm_cell(text).replace(",", "")
    if _NUMBER.fullmatch(t):
        return float(t)
    return None


@functools.lru_cache(maxsize=16384)
def norm(s: str) -> str:
    """Compare form of a label: brackets unified, spaces, punctuation, quotes removed."""
    return s.translate(_NORM)


@functools.lru_cache(maxsize=16384)
def norm_label(s: str) -> str:
    """``norm`` with numbering ("三、", "（一）", "1.") removed."""
    # Numbering is removed before punctuation: "1." needs its full stop.
    return _NUMBERING.sub("", s.translate(_UNSPACE)).translate(_UNPUNCT)


def _fmt(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")

from __future__ import annotations

from collections.abc import Iterator

from ...analysis.dates import ZERO, document_dates
from ...document.model import Document
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule

_NAMES = {"○": "○（圆圈符号）", "零": "零", "O": "字母O", "o": "字母o", "0": "数字0", "０": "全角数字０",
          "Ｏ": "全角字母Ｏ", "ｏ": "全角字母ｏ"}


class DateZeroCharacter(Rule):
    """Finds a Chinese-numeral date whose zero is not 〇 (U+3007): ○ (U+25CB, a drawing
    symbol that looks the same), 零, the letter O or o, or the digit 0 written in
    二○一○年, 二零一零年, 二O一O年. The fix replaces each with 〇.

    ## Why
    GB/T 15835-2011《出版物上数字用法》 writes the zero of a Chinese-numeral year as "〇"
    (二〇一〇年), and GB/T 9704-1999, under which such dates were written, did the same.
    "○" is a geometric symbol, not a numeral: search, sorting and text-to-speech do not read
    it as zero, and it shows up as a different character in other fonts.

    ## Example
    ```text
    人力资源和社会保障局
    二○一○年十一月二十六日
    ```

    ## Use instead
    ```text
    人力资源和社会保障局
    二〇一〇年十一月二十六日
    ```
    """

    code = "DL506"
    name = "date-zero-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for m in document_dates(doc).mentions:
            if m.style != "chinese" or not m.zeros:
                continue
            chars = "、".join(dict.fromkeys(_NAMES.get(c, c) for _, c in m.zeros))
            edits = []
            for i, _ in m.zeros:
                s, e = m.block.span(i, i + 1)
                edits.append(Edit(s, e, ZERO))
            fixed = "".join(ZERO if any(i == m.start + k for i, _ in m.zeros) else c
                            for k, c in enumerate(m.text))
            fix = Fix(f"改为“{fixed}”", tuple(edits), Applicability.SAFE)
            yield self.at(m.block, m.start, m.end,
                          f"日期“{m.text}”中的{chars}应写作“〇”：请改为“{fixed}”", fix=fix)

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ...analysis.text_units import units
from ...document.model import Block, Document
from ...util.regexutil import lazy_re
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule

# A number of one to three digits after the end of a sentence, at the end of a line.
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_END_DIGIT = lazy_re(r"[。！？；!?;…”’》）」』】][ \t]*([0-9０-９]{1,3})[ \t]*$")
# A line that is nothing but a page number: "3", "- 3 -", "—3—", "第3页", "第3页 共12页", "3/12".
_PAGE = lazy_re(
    r"[ \t\u3000]*(?:"
    r"(?:[-—–－~～][ \t]*)?[0-9０-９]{1,3}(?:[ \t]*[-—–－~～])?"
    r"|第[ \t]*[0-9]{1,3}[ \t]*页(?:[ \t]*[，,/]?[ \t]*共[ \t]*[0-9]{1,3}[ \t]*页)?"
    r"|[0-9]{1,3}[ \t]*/[ \t]*[0-9]{1,3}"
    r")[ \t\u3000]*"
)


def _line_pieces(block: Block) -> list[tuple[int, int]]:
    """(start, end) in ``block.text`` of the parts that come from one source line each."""
    starts = [s for s, _ in block.segments] + [len(block.text)]
    return [(starts[k], starts[k + 1]) for k in range(len(starts) - 1) if starts[k] < starts[k + 1]]


class StrayDigit(Rule):
    """Finds a footnote mark or page number left in the text: a number of one to three
    digits after the end of a sentence at the end of a line ("…认真学习《条例》。1"), and a
    line that holds nothing but a page number ("3", "- 3 -", "第3页", "3/12"), as left by
    copying text out of a PDF or a Word file with footnotes.

    Numbers that belong to the text are not reported: list items ("1." at a line start), a
    number that opens a sentence ("。12345热线…" goes on), numbers split over a wrapped line,
    and anything in a table. The fix (unsafe: the digit may be a real note reference that
    should become a proper note) deletes the number or the page-number line.

    ## Why
    A stray digit after a full stop is neither a sentence nor a note: a reader cannot tell
    what it refers to. Notes in an official document are written out (GB/T 9704-2012 7.3.6
    附注), and page numbers belong in the page layout (7.5 页码), not in the text that is
    published on a website under 《中华人民共和国政府信息公开条例》第二十三条.

    ## Example
    ```text
    我局及时组织干部职工认真学习《条例》。1
    与此同时，及时将政务公开内容公开发布。
    ```

    ## Use instead
    ```text
    我局及时组织干部职工认真学习《条例》。
    与此同时，及时将政务公开内容公开发布。
    ```
    """

    code = "DL404"
    name = "stray-digit"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # A lone number line is parsed as a one-line table (a row of numbers).
        for b in doc.tables:
            if len(b.lines) == 1 and _PAGE.fullmatch(b.lines[0].text) and b.lines[0].text.strip():
                yield self._page_line(doc, b.lines[0], 0, len(b.lines[0].text))
        yield from self._in_text(doc)

    def _page_line(self, doc: Document, block: Block, s: int, e: int) -> Diagnostic:
        src = doc.source
        offset = block.src(s)
        line, _ = src.locate(offset)  # the line the user sees (in an .html file: the file's line)
        # The line of the text itself: for a reader's text it is not the user's line number.
        i = bisect_right(src.line_starts, offset) - 1
        ls = src.line_starts[i]
        le = src.line_starts[i + 1] if i + 1 < len(src.line_starts) else len(src.text)
        fix = Fix("删去页码行", (Edit(ls, le, ""),), Applicability.UNSAFE)
        t = block.text[s:e].strip()
        return self.at(block, s, e, f"第{line}行“{t}”像是残留的页码：请删去", fix=fix)

    def _in_text(self, doc: Document) -> Iterator[Diagnostic]:
        for u in units(doc):
            if u.kind in ("title", "signature"):
                continue
            block = u.block
            text = block.text
            pieces = _line_pieces(block)
            for k, (s, e) in enumerate(pieces):
                piece = text[s:e]
                if u.kind == "paragraph" and _PAGE.fullmatch(piece) and piece.strip():
                    yield self._page_line(doc, block, s, e)
                    continue
                # _END_DIGIT needs a digit at the end: test that before scanning the line.
                if piece.rstrip(" \t\n")[-1:] not in _DIGITS:
                    continue
                m = _END_DIGIT.search(piece)
                if m is None:
                    continue
                nxt = text[e:e + 1]
                if nxt and nxt.isdigit():
                    continue  # a number wrapped over two lines
                i, j = s + m.start(1), s + m.end(1)
                cut_from = s + m.start(0) + 1  # the spaces before the digit go too
                start, _ = block.span(cut_from, j)
                _, end = block.span(i, j)
                fix = Fix(f"删去“{m.group(1)}”", (Edit(start, end, ""),), Applicability.UNSAFE)
                yield self.at(block, i, j, f"句末的“{m.group(1)}”像是残留的脚注或页码：请删去，或改为规范的注释",
                              fix=fix)

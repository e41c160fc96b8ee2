from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Applicability, Diagnostic, Edit, Fix, Severity
from ..rule import Rule
from ._breaks import breaks
from ._common import is_ascii_alnum, is_ideograph


def _word_run(text: str, limit: int = 6) -> str:
    """The first characters of ``text`` up to a punctuation mark (at most ``limit``)."""
    out = []
    for ch in text[:limit]:
        if not (is_ideograph(ch) or ch.isalnum()):
            break
        out.append(ch)
    return "".join(out) or text[:1]


class BrokenLine(Rule):
    """Finds a line break in the middle of a sentence or a word, in a document whose lines are
    otherwise whole paragraphs: a prose line that stops without any punctuation and a next
    line that goes on with the same sentence ("…保证群" / "众知情权，…"), or a title broken
    inside a word ("…5.15政务公" / "开日活动总结"). Reported once per break, from the end of
    the first line to the start of the next, with both line numbers.

    Not reported: headings, table lines, signature lines, list items and short label lines
    that end without punctuation; a next line that starts a heading, a list item ("一是",
    "1.", "（二）") or a quotation; titles laid out on two lines at a word boundary
    (GB/T 9704-2012 7.3.1 allows a title over several lines when words stay whole); and
    hard-wrapped PDF text, whose lines the document model joins back into paragraphs. A
    document in which most prose lines end without punctuation is left alone. The fix
    (unsafe: read the joined sentence first) removes the line break.

    ## Why
    A break inside a sentence is left over from copying text out of a PDF or a web page
    with fixed line widths. On a website it splits one sentence into two paragraphs and a
    title into two lines; GB/T 9704-2012 7.3.1 requires a title broken over lines to keep
    its words whole ("回行时，要做到词意完整"). 《中华人民共和国政府信息公开条例》第六条
    asks for information that is accurate (准确), and a reader cannot tell whether
    "保证群" and "众知情权" belong together.

    ## Example
    ```text
    我局在门户网站公开了机构设置、职责权限及办事指南等信息，保证群
    众知情权，方便群众办事。
    下一步，我局将继续做好政务公开工作。
    ```

    ## Use instead
    ```text
    我局在门户网站公开了机构设置、职责权限及办事指南等信息，保证群众知情权，方便群众办事。
    下一步，我局将继续做好政务公开工作。
    ```
    """

    code = "DL403"
    name = "broken-line"
    severity = Severity.WARNING
    fixable = True
    needs_segmentation = True  # only for titles laid out over several lines

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for br in breaks(doc):
            a, b = br.first_line, br.second_line
            left = _word_run(br.first.text.rstrip()[::-1])[::-1]
            right = _word_run(br.second.text.lstrip(" \t\u3000"))
            where = f"第{a}行与第{b}行之间" + ("（中间隔有空行）" if br.blank_lines else "")
            if br.in_title:
                msg = f"标题在{where}从词语中间断开（“{left}”/“{right}”）：请把标题合并为一行或在词语之间换行"
            else:
                msg = f"{where}断行，句子在“{left}”与“{right}”之间被拆开：请把两行合并为一段"
            joiner = " " if is_ascii_alnum(left[-1:]) and is_ascii_alnum(right[:1]) else ""
            fix = Fix("合并为一行", (Edit(br.start, br.end, joiner),), Applicability.UNSAFE)
            yield Diagnostic(br.start, br.end, msg, fix=fix)

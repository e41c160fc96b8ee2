from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ...document.readers import NO_TEXT_KIND, is_junk, text_layer_problem
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule

_CID = lazy_re(r"\(cid:\d+\)")
# What text_layer_problem counts for "cid" and "mojibake" (its junk characters): text
# without any of them has neither problem, and one search spares the counting.
_SUSPECT = lazy_re("\\(cid:|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\u024f\ue000-\uf8ff\ufffd]")

_WHAT = {
    "cid": "提取出的是“(cid:NN)”字形编号",
    "mojibake": "提取出的是乱码（控制字符、拉丁字母或私用区字符）",
}


class NeedsOcr(Rule):
    """Finds documents whose text cannot be checked because it never was text: a PDF
    without a usable text layer (a scan, or fonts without a Unicode map), and text files
    produced from such a PDF that hold `(cid:NN)` placeholders or mojibake instead of
    Chinese. One finding for the whole document replaces the hundred the other rules
    would raise about junk; the other rules see no text from such a PDF.

    ## Why
    Every other rule reads the report's text, so a report whose text layer is unusable
    cannot be checked at all. The public cannot search or copy it either, while
    《中华人民共和国政府信息公开条例》第二十四条 requires the disclosure platform to offer
    信息检索、查阅、下载, and GB/T 37668-2019 (互联网内容无障碍可访问性技术要求与测试方法)
    asks for text rather than pictures of text.

    ## Example
    ```text
    (cid:3542)(cid:2781)(cid:4410)(cid:1977)(cid:2301)(cid:3542)(cid:2781)(cid:4410)
    (cid:1977)(cid:2301)(cid:88)(cid:1203)(cid:3312)(cid:2671)(cid:4410)(cid:1977)
    ```

    ## Use instead
    ```text
    青山县人民政府2023年政府信息公开工作年度报告
    ```
    """

    code = "DL901"
    name = "needs-ocr"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.source.kind == NO_TEXT_KIND:
            yield self.at(doc.anchor, 0, 0,
                          "PDF 没有可用的文字层（扫描件，或字体缺少 Unicode 映射，提取出的是乱码）：无法检查内容，"
                          "请先做文字识别（OCR），或改用 Word/文本版本再检查")
            return
        if doc.source.kind not in ("text", "markdown"):
            return
        if not _SUSPECT.search(doc.source.text, doc.start, doc.end):
            return
        text = "\n".join(line.text for line in doc.lines)
        problem = text_layer_problem(text, pdf=False)
        if problem is None:
            return
        message = (f"文本{_WHAT[problem]}，不是可检查的中文：原 PDF 字体缺少 Unicode 映射，"
                   "请先做文字识别（OCR），或改用 Word/文本版本再检查")
        for line in doc.lines:
            if problem == "cid":
                m = _CID.search(line.text)
                if m:
                    yield self.at(line, m.start(), m.end(), message)
                    return
            else:
                k = next((k for k, ch in enumerate(line.text) if is_junk(ch)), None)
                if k is not None:
                    yield self.at(line, k, k + 1, message)
                    return
        yield self.at(doc.anchor, 0, 0, message)

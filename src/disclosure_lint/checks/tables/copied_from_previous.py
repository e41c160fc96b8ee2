from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...analysis.previous import previous_document
from ...document.model import Document, Paragraph
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import ANNUAL

_BOILERPLATE = lazy_re(
    r"统计期限|统计周期|本报告.{0,30}(编制|依据|根据|由.{0,10}组成)|年度报告格式|如对本报告有|电子版|可.{0,10}下载|"
    r"报告全文包括|六个方面|六部分|附相关指标统计表")
_DROP = lazy_re(r"[\s\d０-９，。、；：,.;:“”\"'‘’（）()《》!?！？%％-]+")


def _options() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")
        #: Paragraphs at least this similar to one of last year's count as copied.
        min_similarity: float = Field(0.9, ge=0.5, le=1.0)
        #: Report only when copied paragraphs make up at least this share of the text.
        min_share: float = Field(0.2, ge=0.0, le=1.0)
        #: Paragraphs shorter than this (characters, numbers and punctuation removed) are ignored.
        min_chars: int = Field(30, ge=1)

    return Options


def _norm(text: str) -> str:
    return _DROP.sub("", text)


class CopiedFromPrevious(Rule):
    """Finds an annual report that repeats last year's: paragraphs at least 90 % similar to a
    paragraph of last year's report (numbers, spaces and punctuation ignored, so a paragraph
    with only the figures updated counts as copied). One finding per document, at the title,
    with the share of the text copied and the lines of the copied paragraphs. Statutory
    boilerplate (the statistics period, "本报告依据…编制") and tables do not count, nor short
    paragraphs. Needs last year's report: `--previous PATH`, or the same file holding it
    under the same title with the year before.

    ## Why
    The annual-report format (国办公开办函〔2021〕30号) names "内容雷同、敷衍塞责" among the
    failings for which those responsible are held to account (《中华人民共和国政府信息公开条例》
    第四十七条); third-party evaluations found reports that repeat the previous year's almost
    word for word.

    ## Example
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为转变政府职能、建设法治政府的重要抓手，不断完善工作机制，拓展公开渠道。
    第二篇：某某局2023年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为转变政府职能、建设法治政府的重要抓手，不断完善工作机制，拓展公开渠道。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为转变政府职能、建设法治政府的重要抓手，不断完善工作机制，拓展公开渠道。
    第二篇：某某局2023年政府信息公开工作年度报告
    一、总体情况
    本年度本局围绕优化营商环境，集中公开涉企政策，上线政策问答专栏，对办件量最大的三个事项制作了图解。
    ```
    """

    code = "DL211"
    name = "copied-from-previous"
    severity = Severity.WARNING
    profiles = ANNUAL
    needs_previous = True
    options_model = staticmethod(_options)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prev = previous_document(doc)
        if prev is None:
            return
        opts = self.options
        mine = self._paragraphs(doc, opts.min_chars)
        theirs = self._paragraphs(prev, opts.min_chars)
        if not mine or not theirs:
            return
        from difflib import SequenceMatcher  # imported only when there is a previous report

        copied: list[tuple[Paragraph, str]] = []
        for para, text in mine:
            for _, old in theirs:
                if not 0.8 <= len(text) / max(len(old), 1) <= 1.25:
                    continue
                m = SequenceMatcher(None, text, old, autojunk=False)
                if m.real_quick_ratio() < opts.min_similarity or m.quick_ratio() < opts.min_similarity:
                    continue
                if m.ratio() >= opts.min_similarity:
                    copied.append((para, text))
                    break
        if not copied:
            return
        total = sum(len(t) for _, t in mine)
        share = sum(len(t) for _, t in copied) / total
        if share < opts.min_share:
            return
        lines = "、".join(str(p.first_line) for p, _ in copied[:12]) + ("等" if len(copied) > 12 else "")
        anchor = doc.anchor
        yield self.at(anchor, 0, len(anchor.text),
                      f"与上年报告雷同：{len(copied)}段文字与上年报告的段落相似度达"
                      f"{int(opts.min_similarity * 100)}%以上，约占正文的{share:.0%}（第{lines}行）："
                      f"请按本年度的实际工作重写")

    @staticmethod
    def _paragraphs(doc: Document, min_chars: int) -> list[tuple[Paragraph, str]]:
        out = []
        for b in doc.blocks:
            if not isinstance(b, Paragraph) or _BOILERPLATE.search(b.text):
                continue
            t = _norm(b.text)
            if len(t) >= min_chars:
                out.append((b, t))
        return out

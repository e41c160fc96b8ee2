from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...analysis.previous import previous_document
from ...analysis.text_units import sections
from ...document.model import Document
from ..finding import Diagnostic
from ..rule import Rule


def _options() -> Any:
    from pydantic import BaseModel, ConfigDict, Field

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True,
                                  alias_generator=lambda s: s.replace("_", "-"))
        #: Report when more than this share of the text repeats last year's.
        threshold: float = Field(0.5, ge=0.0, le=1.0)
        #: A sentence at least this similar (rapidfuzz ratio, 0–100) to one of last year's repeats it.
        min_similarity: float = Field(85.0, ge=50.0, le=100.0)
        #: Sentences shorter than this (characters, numbers and punctuation removed) are ignored.
        min_chars: int = Field(8, ge=1)

    return Options


class RepetitionRate(Rule):
    """Finds an annual report more than half of whose text repeats last year's report: the
    share of its sentences (by characters) that are at least 85 % similar to one of last
    year's, for the whole report and per section. Numbers, years, spaces and punctuation are
    ignored (a sentence with only the figures changed repeats), and so are headings, tables
    and the text the national format mandates (the fixed opening "本报告根据…编制", the
    statistics period, table labels; `rules/crossyear.toml`). One finding per document, at
    the title, with the rate and the sections above the threshold. Last year's report is the
    same agency's report of the year before found in the same run (a folder or a batch), or
    `--previous PATH`. Options: `threshold` (default 0.5), `min-similarity` (85), `min-chars` (8).

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 makes the annual report say what the organ did
    that year; the format (国办公开办函〔2021〕30号) names "内容雷同" among the failings for
    which those responsible are held to account, and third-party evaluations deduct points
    from a report that repeats more than half of last year's ("与上年度重复率大于50%的，扣分").

    ## Example
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为建设法治政府的重要抓手。全年主动公开政府信息120条。
    二、存在的主要问题及改进情况
    公开内容不够全面，解读形式单一。下一步将丰富解读形式，提升公开质量。
    第二篇：某某局2023年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为建设法治政府的重要抓手。全年主动公开政府信息135条。
    二、存在的主要问题及改进情况
    公开内容不够全面，解读形式单一。下一步将丰富解读形式，提升公开质量。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    第一篇：某某局2022年政府信息公开工作年度报告
    一、总体情况
    本局坚持以人民为中心的发展思想，把政务公开作为建设法治政府的重要抓手。全年主动公开政府信息120条。
    二、存在的主要问题及改进情况
    公开内容不够全面，解读形式单一。下一步将丰富解读形式，提升公开质量。
    第二篇：某某局2023年政府信息公开工作年度报告
    一、总体情况
    本年度本局围绕优化营商环境集中公开涉企政策，上线政策问答专栏。全年主动公开政府信息135条。
    二、存在的主要问题及改进情况
    去年提出的解读形式单一问题已通过图解和视频解读改进，但基层信息更新仍不及时。明年将建立月度更新台账。
    ```
    """

    code = "DL801"
    name = "repetition-rate"
    profiles = frozenset({"annual-report-2021", "annual-report-2007"})
    options_model = staticmethod(_options)
    needs_previous = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        prev = previous_document(doc)
        if prev is None:
            return
        opts = self.options
        mine = sections(doc, opts.min_chars)
        theirs = [s.text for sec in sections(prev, opts.min_chars) for s in sec.sentences]
        if not mine or not theirs:
            return
        from rapidfuzz import fuzz, process  # only with last year's report

        choices = list(dict.fromkeys(theirs))
        exact = set(choices)
        total = repeated = 0
        per_section: list[tuple[str, float]] = []
        for sec in mine:
            rep = 0
            for s in sec.sentences:
                if s.text in exact or process.extractOne(s.text, choices, scorer=fuzz.ratio,
                                                          score_cutoff=opts.min_similarity) is not None:
                    rep += len(s.text)
            total += sec.chars
            repeated += rep
            if sec.title and sec.chars:
                per_section.append((sec.title, rep / sec.chars))
        if not total:
            return
        rate = repeated / total
        if rate <= opts.threshold:
            return
        over = [f"{t} {r:.0%}" for t, r in per_section if r > opts.threshold]
        where = f"，其中{'，'.join(over[:8])}{'等' if len(over) > 8 else ''}" if over else ""
        anchor = doc.anchor
        yield self.at(anchor, 0, len(anchor.text),
                      f"与上年报告的重复率为{rate:.0%}，超过{opts.threshold:.0%}{where}："
                      f"请按本年度的实际工作重写")

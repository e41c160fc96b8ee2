from __future__ import annotations

from collections.abc import Iterator

from ...document import profiles
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._topics import locate_sections


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (n is small: a few sections)."""
    n = len(values)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: (best[k], -k))
    keep = set()
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


class SectionOrder(Rule):
    """Finds the sections of a 2021-format annual report out of their fixed order:
    一、总体情况, 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况,
    四、政府信息公开行政复议、行政诉讼情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.
    The fewest sections that must move are reported, at their headings.

    ## Why
    The national format (国办公开办函〔2021〕30号) fixes the six parts and their order so that
    reports can be read and compared side by side; 《中华人民共和国政府信息公开条例》第五十条
    (last paragraph) makes that format binding.

    ## Example
    ```text
    profile: annual-report-2021
    某区2023年政府信息公开工作年度报告
    一、总体情况
    本年度工作有序推进。
    二、收到和处理政府信息公开申请情况
    全年收到申请12件。
    三、主动公开政府信息情况
    全年主动公开信息125条。
    四、政府信息公开行政复议、行政诉讼情况
    未发生行政复议、行政诉讼。
    五、存在的主要问题及改进情况
    公开形式较为单一。
    六、其他需要报告的事项
    未收取信息处理费。
    ```

    ## Use instead
    ```text
    profile: annual-report-2021
    某区2023年政府信息公开工作年度报告
    一、总体情况
    本年度工作有序推进。
    二、主动公开政府信息情况
    全年主动公开信息125条。
    三、收到和处理政府信息公开申请情况
    全年收到申请12件。
    四、政府信息公开行政复议、行政诉讼情况
    未发生行政复议、行政诉讼。
    五、存在的主要问题及改进情况
    公开形式较为单一。
    六、其他需要报告的事项
    未收取信息处理费。
    ```
    """

    code = "DL102"
    name = "section-order"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        profile = profiles.get(doc.profile)
        if profile is None or not profile.ordered:
            return
        present = [m for m in locate_sections(doc) if m.block is not None and m.by_heading]
        positions = [m.block.start for m in present if m.block is not None]
        keep = _longest_increasing(positions)
        for i, m in enumerate(present):
            if i in keep or m.block is None:
                continue
            before = [present[k] for k in sorted(keep) if k > i]
            after = [present[k] for k in sorted(keep) if k < i]
            where = ""
            if after:
                where = f"应在“{after[-1].section.label}”之后"
            if before:
                where += ("、" if where else "应在") + f"“{before[0].section.label}”之前"
            block = m.block
            yield self.at(block, 0, len(block.text.rstrip()),
                          f"“{m.section.label}”位置不对，{where}（年度报告格式规定的顺序）：请调整章节顺序")

from __future__ import annotations

from collections.abc import Iterator

from ...document import profiles
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._topics import locate_sections
from .section_title_typo import near_misses


class RequiredSectionMissing(Rule):
    """Finds a required section or topic that a document lacks, per its profile
    (`rules/profiles.toml`). An annual report in the 2021 format must have its six
    sections as headings (总体情况, 主动公开, 收到和处理申请, 行政复议和行政诉讼, 存在的主要问题及
    改进情况, 其他需要报告的事项); a report under the 2007 regulation the items of its
    Art. 32, fees included. A work summary must cover organisation and leadership,
    proactive disclosure, applications, problems and next year's plan, under a heading or
    in a paragraph: matching is by meaning, with synonyms from the profile and word
    segmentation for short words. Event summaries are not held to a list. A heading that is
    a section's title in a usual variant ("六、其它需要报告的事项") or but for a character
    or two ("二、主动工开政府信息情况") counts as that section (section-title-typo reports the slip). One finding per missing topic, at the
    document's title.

    ## Why
    《中华人民共和国政府信息公开条例》第五十条 lists what an annual report must contain, and the
    2021 format (国办公开办函〔2021〕30号) says the contents "不能遗漏". Work summaries are
    held to the same topics, since the annual report is built from them. Under the 2007
    text, Art. 32 also requires 收费及减免.

    ## Example
    ```text
    profile: work-summary
    乡2023年政务公开工作总结
    一、加强组织领导
    成立政务公开工作领导小组，由乡长任组长。
    二、主动公开情况
    全年通过公开栏主动公开信息86条。
    ```

    ## Use instead
    ```text
    profile: work-summary
    乡2023年政务公开工作总结
    一、加强组织领导
    成立政务公开工作领导小组，由乡长任组长。
    二、主动公开情况
    全年通过公开栏主动公开信息86条。
    三、依申请公开情况
    全年未收到政府信息公开申请。
    四、存在的问题
    公开形式较为单一，更新不够及时。
    五、下一步工作计划
    明年将进一步规范公开内容。
    ```
    """

    code = "DL101"
    name = "required-section-missing"
    severity = Severity.ERROR
    needs_segmentation = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        profile = profiles.get(doc.profile)
        if profile is None:
            return
        anchor = doc.anchor
        # A heading that is a section's title in a usual variant ("其它需要报告的事项") or
        # with a slip of a character or two is that section (section-title-typo reports slips).
        mistyped = {nm.section for nm in near_misses(doc)}
        for match in locate_sections(doc):
            if match.block is not None or match.section.id in mistyped:
                continue
            s = match.section
            if profile.fixed_headings:
                msg = f"缺少“{s.label}”部分（{s.article}要求报告）：请按规定格式增加这一部分"
            else:
                msg = f"未涉及“{s.label}”（{s.article}）：请补充这方面的内容"
            severity = Severity(profile.severity)
            if doc.profile_from_body and severity is Severity.ERROR:
                severity = Severity.WARNING  # the kind was recognised, not named: less certain
            yield self.at(anchor, 0, len(anchor.text), msg, severity=severity)

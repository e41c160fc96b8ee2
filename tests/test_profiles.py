"""Which kind a document is: from its title, else from its body (the format's labels)."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint import lint_text
from disclosure_lint.document.parse import parse
from disclosure_lint.document.profiles import detect
from disclosure_lint.document.source import source_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "profiles"


def _doc(text: str):  # noqa: ANN202 - a Document
    return parse(source_from_text(text, "t.txt"))[0]


def test_an_untitled_report_is_recognised_from_its_body() -> None:
    doc = _doc((FIXTURES / "untitled-2021.txt").read_text(encoding="utf-8"))
    assert doc.title is None or "年度报告" not in doc.title.text
    assert detect(doc) == "annual-report-2021"
    assert doc.profile_from_body
    assert lint_text((FIXTURES / "untitled-2021.txt").read_text(encoding="utf-8"), "t.txt") == []


def test_a_section_missing_from_an_untitled_report_is_a_warning() -> None:
    found = lint_text((FIXTURES / "untitled-2021-no-six.txt").read_text(encoding="utf-8"), "t.txt")
    missing = [f for f in found if f.name == "required-section-missing"]
    assert [f.severity.value for f in missing] == ["warning"]
    assert "其他需要报告的事项" in missing[0].message


def test_a_titled_report_keeps_its_error() -> None:
    text = "青山县人民政府办公室2023年政府信息公开工作年度报告\n\n" + (
        FIXTURES / "untitled-2021-no-six.txt").read_text(encoding="utf-8")
    doc = _doc(text)
    assert detect(doc) == "annual-report-2021" and not doc.profile_from_body
    missing = [f for f in lint_text(text, "t.txt") if f.name == "required-section-missing"]
    assert [f.severity.value for f in missing] == ["error"]


def test_a_summary_that_mentions_the_report_stays_what_it_is() -> None:
    text = ("一、组织领导\n成立领导小组，按时编制发布政府信息公开工作年度报告。\n"
            "二、主动公开\n全年主动公开信息120条，收到和处理政府信息公开申请情况良好。\n")
    doc = _doc(text)
    assert detect(doc) == "generic" and not doc.profile_from_body


def test_a_2021_body_in_a_2016_text_is_not_taken_for_the_2021_format() -> None:
    body = (FIXTURES / "untitled-2021.txt").read_text(encoding="utf-8").replace("2023年", "2016年")
    assert detect(_doc(body)) != "annual-report-2021"


def test_work_summary_titles_and_topics_in_the_words_summaries_use() -> None:
    """Held-out round 3: "…工作总结及2024年工作打算", "…总结（经验交流）" are work summaries;
    "全年公开政务信息120条" covers 主动公开, "制定工作计划" is not next year's plan."""
    from disclosure_lint import lint_text

    for title in ("青山镇2023年政务公开工作总结及2024年工作打算", "青山镇2023年度政务公开工作总结（经验交流）"):
        assert detect(_doc(title + "\n一、组织领导\n成立领导小组。\n")) == "work-summary"
    text = ("青山镇2023年政务公开工作总结\n一、组织领导\n成立领导小组，任务分解到人。\n"
            "二、公开情况\n全年公开政务信息120条。\n三、依申请公开\n全年收到申请3件。\n"
            "四、存在的问题\n公开形式较为单一。\n年初制定工作计划，并按计划推进各项工作。\n")
    missing = [f.message for f in lint_text(text, "t.txt") if f.name == "required-section-missing"]
    assert len(missing) == 1 and "下一步工作计划" in missing[0]

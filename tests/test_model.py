"""The document model: headings, paragraphs, tables, titles and positions."""

from __future__ import annotations

from pathlib import Path

from disclosure_lint.document.model import Heading, Paragraph, Table
from disclosure_lint.document.parse import parse
from disclosure_lint.document.read import read_path
from disclosure_lint.document.source import source_from_text

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def test_numbered_sentence_inside_paragraph_is_not_a_heading() -> None:
    (doc,) = parse(source_from_text("总结\n一、存在的问题\n主要表现为:1.认识不够到位。2.工作力度不大。\n"))
    assert [h.title for h in doc.headings] == ["存在的问题"]
    assert isinstance(doc.blocks[-1], Paragraph)


def test_layers_and_halfwidth_variants() -> None:
    text = "标题\n一、甲\n(一)乙\n1.丙\n（1）丁\n第二部分 戊\n"
    (doc,) = parse(source_from_text(text))
    assert [(h.layer, h.number) for h in doc.headings] == [(1, 1), (2, 1), (3, 1), (4, 1), (0, 2)]


def test_run_in_heading() -> None:
    (doc,) = parse(source_from_text("标题\n(一)促进了依法行政。通过推行政务公开,提高了水平。\n"))
    (h,) = doc.headings
    assert h.run_in and h.title == "促进了依法行政。"


def test_positions_map_back_with_crlf() -> None:
    src = source_from_text("工作总结\r\n一、甲乙\r\n正文xxxx内容。\r\n")
    (doc,) = parse(src)
    para = doc.paragraphs[0]
    i = para.text.index("xxxx")
    start, end = para.span(i, i + 4)
    assert src.text[start:end] == "xxxx"
    assert src.locate(start) == (3, 3)


def test_hard_wrapped_pdf_text_is_reflowed() -> None:
    src = read_path(FIX / "real" / "004_shanghai-stcsm-2024-annual-report-pdftext.txt")
    (doc,) = parse(src)
    assert doc.hard_wrapped
    assert doc.title_text == "2024 年上海市科委政府信息公开工作年度报告"
    titles = [h.title for h in doc.headings if h.layer == 1]
    assert titles[:6] == ["总体情况", "工作机制保障", "主动公开工作情况", "政府信息公开申请情况", "政府信息管理",
                          "政府信息公开平台建设"]
    first = next(p for p in doc.paragraphs if p.text.startswith("上海市科委 2024 年深入贯彻"))
    assert (first.first_line, first.last_line) == (14, 21)
    assert first.text.endswith("涉及的行政诉讼数为0 件。")
    # a character from the paragraph's third line maps back to that line
    i = first.text.index("紧密围绕")
    assert src.locate(first.src(i))[0] == 16
    # table fragments ("2.其他法律行政法规禁", "（三）不") are table lines, not headings
    assert all(h.title not in ("其他法律行政法规禁", "不") for h in doc.headings)
    assert len(doc.tables) == 3


def test_markdown_converted_report() -> None:
    src = read_path(FIX / "real" / "003_shuyang-county-2025-annual-report-md-conversion.txt")
    (doc,) = parse(src)
    assert doc.title_text == "沐阳县人民政府 2025 年 政府信息公开工作年度报告"
    assert [h.number for h in doc.headings if h.layer == 1] == [1, 2, 3, 4, 5, 6]
    assert all(isinstance(b, Table) for b in doc.blocks if b.first_line in (96, 101, 106))
    assert doc.signature is not None and doc.signature.date is not None
    assert doc.signature.date.text == "2026年1月23日"


def test_signature_block() -> None:
    src = read_path(FIX / "seed.txt")
    docs = parse(src)
    sig = docs[2].signature
    assert sig is not None and sig.issuer is not None and sig.date is not None
    assert (sig.issuer.text, sig.date.text) == ("千山区人力资源和社会保障局", "2011年5月17日")
    assert isinstance(docs[3].blocks[0], Paragraph)
    assert isinstance(docs[3].headings[0], Heading)


def test_enumeration_false_friends() -> None:
    from disclosure_lint.api import lint_text
    from disclosure_lint.checks.registry import get
    from disclosure_lint.run.settings import Settings

    text = ("青山县情况\n一、情况\n第一、二季度完成目标，第三、四季度加快进度。唯一是…统一是…。"
            "3、4月份开展培训。5、6月份开展检查。\n")
    assert lint_text(text, config=Settings(rules=[get("enumeration-gap")])) == []


def test_arabic_signature_dates() -> None:
    for date in ("2013.5.6", "2013-05-06", "13年5月6日", "2013年5月6日"):
        (doc,) = parse(source_from_text(f"青山县政务公开工作总结\n一、情况\n内容。\n青山县人民政府办公室\n{date}\n"))
        assert doc.signature is not None and doc.signature.date is not None, date
        assert doc.signature.date.text == date
        assert doc.signature.issuer is not None and doc.signature.issuer.text == "青山县人民政府办公室"


def test_attachment_note_is_not_headings() -> None:
    text = ("青山县工作总结\n一、工作计划\n1.完善制度。\n2.加强培训。\n3.提升质量。\n"
            "附件：1.2023年工作台账\n2.申请办理情况统计表\n3.培训名单\n\n青山县人民政府办公室\n2023年12月28日\n")
    (doc,) = parse(source_from_text(text))
    assert [h.number for h in doc.headings] == [1, 1, 2, 3]
    assert [p.text for p in doc.paragraphs] == ["附件：1.2023年工作台账", "2.申请办理情况统计表", "3.培训名单"]


def test_a_bar_row_whose_label_comes_first_is_a_table_row() -> None:
    """"（二）部分公开（…） | 0 | 0 | 0 |": a web copy's table row without a leading bar is a
    row, not a heading, whatever its label (a held-out page in traditional script)."""
    from disclosure_lint.document.model import Heading, Table
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.source import source_from_text

    text = ("青山县2023年政府信息公开工作年度报告\n一、总体情况\n全年工作有序推进。\n"
            "(二)部分公開(區分處理的,只計這一情形) | 0 | 0 | 0 | 0 |\n"
            "2.其他法律行政法規禁止公開 | 0 | 0 | 0 |\n")
    doc = parse(source_from_text(text, "t.txt"))[0]
    assert [type(b).__name__ for b in doc.blocks] == ["Heading", "Paragraph", "Table"]
    assert not any(isinstance(b, Heading) and "公開" in b.text for b in doc.blocks)
    assert isinstance(doc.blocks[-1], Table)


def test_a_web_pages_navigation_above_the_breadcrumb_is_not_the_title() -> None:
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.source import source_from_text

    text = ("青山市人民政府\n\n青山市卫生健康委\n\n政府信息公开\n您现在的位置：首页>信息公开>年报\n\n"
            "青山市卫生健康委员会2023年政府信息公开工作年度报告\n\n一、总体情况\n全年工作有序推进。\n")
    doc = parse(source_from_text(text, "t.txt"))[0]
    assert doc.title is not None and doc.title.text == "青山市卫生健康委员会2023年政府信息公开工作年度报告"


def test_a_web_pages_fields_and_controls_are_not_the_documents_text() -> None:
    """发布时间：…, 字体：[大 中 小], 【打印】, 当前位置：…, a bare time stamp: held-out web copies
    gave broken-line, unbalanced-pair and placeholder findings on them."""
    from disclosure_lint import lint_text

    text = ("当前位置:首页 > 政府信息公开 > 年报 > 正文\n"
            "青山县教育局2023年政务公开工作总结\n"
            "发布时间 : 2024-01-20 16:25来源 : 青山县教育局\n"
            "发布日期:2024-01-08 11:36 浏览次数: 信息来源:青山县教育局 字体:[\n"
            "17.03.2015  14:46\n"
            "【字体:打印\n"
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），现将我局政务公开工作总结如下。\n"
            "一、组织领导\n成立政务公开工作领导小组，明确专人负责。\n"
            "二、主动公开\n全年主动公开政府信息120条。\n"
            "三、依申请公开\n全年收到政府信息公开申请3件，均按期答复。\n"
            "四、存在的问题\n公开形式较为单一。\n"
            "五、下一步工作计划\n2024年，我局将进一步规范公开内容。\n")
    assert [(f.line, f.name) for f in lint_text(text, "t.txt")] == []


def test_a_sites_control_line_is_not_the_title() -> None:
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.source import source_from_text

    text = "登录    注册\n\n无障碍浏览\n\n和平街道办事处2020年政府信息公开工作年度报告\n一、总体情况\n全年工作有序推进。\n"
    doc = parse(source_from_text(text, "t.txt"))[0]
    assert doc.title is not None and doc.title.text == "和平街道办事处2020年政府信息公开工作年度报告"


def test_held_out_round_5_page_fields_title_field_and_trail() -> None:
    """"- 标题: …年度报告" is the title without its label; a trail "> 政务公开 > 乡镇街道 > …"
    and fields without colons ("索 引 号 1133…", "组配分类 政府信息公开年报") are the page's."""
    from disclosure_lint.document.parse import parse
    from disclosure_lint.document.source import source_from_text

    doc = parse(source_from_text("- 索引号: 11370100MB28508779/2025-00042\n- 标题: 济南市退役军人事务局2024年政府信息"
                                 "公开工作年度报告\n一、总体情况\n全年工作有序推进。\n", "t.txt"))[0]
    assert doc.title is not None and doc.title.text == "济南市退役军人事务局2024年政府信息公开工作年度报告"
    doc = parse(source_from_text("当前位置: 首页\n> 政务公开 > 乡镇街道 > 下各镇 > 政府信息公开年报\n"
                                 "索 引 号 1133102400268125XW/2024-104757 公开方式 主动公开\n组配分类 政府信息公开年报\n\n"
                                 "2023年下各镇政府信息公开工作年度报告\n一、总体情况\n全年工作有序推进。\n", "t.txt"))[0]
    assert doc.title is not None and doc.title.text == "2023年下各镇政府信息公开工作年度报告"
    # markup is no trail
    doc = parse(source_from_text("青山县政务公开工作简报\n<!--[if gte mso 9]><xml></xml><![endif]-->\n", "t.txt"))[0]
    assert any("mso" in b.text for b in doc.blocks)

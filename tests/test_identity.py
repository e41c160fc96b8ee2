"""Who and when: a document's agency (issuer, normalised) and report year."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis import identity
from disclosure_lint.cli import main
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import source_from_text


def _doc(title: str, signature: str = "") -> object:
    text = f"{title}\n一、总体情况\n本年度公开信息。\n" + (f"\n{signature}\n2024年1月20日\n" if signature else "")
    return parse(source_from_text(text, "a.txt"))[0]


@pytest.mark.parametrize(("title", "place", "organ"), [
    ("平潭综合实验区管委会办公室2023年政府信息公开工作年度报告", "平潭综合实验区", "管委会办公室"),
    ("青山县人民政府办公室2023年政府信息公开工作年度报告", "青山县", "人民政府办公室"),
    ("北京市朝阳区人力资源和社会保障局2023年政府信息公开工作年度报告", "北京市朝阳区", "人力资源和社会保障局"),
    ("2023年度上海市交通委员会政府信息公开工作年度报告", "上海市", "交通委员会"),
    ("大屯镇2022年政府信息公开工作年度报告", "大屯镇", ""),
])
def test_agency_place_and_organ(title: str, place: str, organ: str) -> None:
    a = identity.agency(_doc(title))
    assert a is not None and (a.place, a.organ) == (place, organ)


def test_short_and_long_names_are_one_agency() -> None:
    keys = {identity.agency(_doc(t)).key for t in (  # type: ignore[union-attr]
        "平潭综合实验区管委会办公室2023年政府信息公开工作年度报告",
        "平潭综合实验区管理委员会办公室2024年政府信息公开工作年度报告")}
    assert len(keys) == 1
    a, b = (identity.agency(_doc(t)) for t in ("青山县政府办公室2023年政府信息公开工作年度报告",
                                             "青山县人民政府办公室2022年政府信息公开工作年度报告"))
    assert a is not None and b is not None and a.key == b.key
    other = identity.agency(_doc("青山县人民政府2023年政府信息公开工作年度报告"))
    assert other is not None and other.key != a.key


def test_signature_when_the_title_names_none_and_placeholders() -> None:
    a = identity.agency(_doc("2023年政府信息公开工作年度报告", "青山县民政局"))
    assert a is not None and a.name == "青山县民政局"
    assert identity.agency(_doc("2023年政府信息公开工作年度报告")) is None
    assert identity.agency(_doc("××县民政局2023年政府信息公开工作年度报告")) is None


def test_year() -> None:
    assert identity.year(_doc("青山县民政局2023年政府信息公开工作年度报告")) == 2023  # type: ignore[arg-type]


def test_json_document_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("平潭综合实验区管委会办公室2023年政府信息公开工作年度报告\n一、总体情况\n本年度公开信息xxxx。\n",
                 encoding="utf-8")
    r = CliRunner().invoke(main, ["--format", "json", "--select", "DL301", str(f)])
    doc = json.loads(r.stdout)[0]["document"]
    assert doc["agency"] == {"name": "平潭综合实验区管委会办公室", "place": "平潭综合实验区", "organ": "管委会办公室"}
    assert doc["year"] == 2023
def test_pack_loads() -> None:
    assert identity.pack().mandated and identity.pack().same_name


@pytest.mark.parametrize(("title", "place", "organ"), [
    # a level character inside an organ's name is the organ's
    ("闽侯县乡村振兴局2023年政府信息公开工作年度报告", "闽侯县", "乡村振兴局"),
    ("青山县乡镇企业局2023年政府信息公开工作年度报告", "青山县", "乡镇企业局"),
    ("青山县镇村建设服务中心2023年政府信息公开工作年度报告", "青山县", "镇村建设服务中心"),
    ("青山市街道管理办公室2023年政府信息公开工作年度报告", "青山市", "街道管理办公室"),
    ("青山县城乡规划服务中心2023年政府信息公开工作年度报告", "青山县", "城乡规划服务中心"),
    ("青山县城市管理综合执法大队2023年政府信息公开工作年度报告", "青山县", "城市管理综合执法大队"),
    ("萍乡市乡村振兴局2023年政府信息公开工作年度报告", "萍乡市", "乡村振兴局"),
    # an organ the issuer data does not know is not the bare place (the county government)
    ("青山县政务服务中心2023年政府信息公开工作年度报告", "青山县", "政务服务中心"),
    ("青山县政务服务和数据管理局2023年政府信息公开工作年度报告", "青山县", "政务服务和数据管理局"),
])
def test_level_words_inside_organ_names(title: str, place: str, organ: str) -> None:
    a = identity.agency(_doc(title))
    assert a is not None and (a.place, a.organ) == (place, organ)


@pytest.mark.parametrize(("name", "places"), [
    ("淮安市洪泽区人民政府", ["淮安市", "洪泽区"]),
    ("江苏省苏州市昆山市民政局", ["江苏省", "苏州市", "昆山市"]),
    ("北京市通州区民政局", ["北京市", "通州区"]),
    ("新乡市民政局", ["新乡市"]),
    ("青山市社区服务中心", ["青山市"]),
    ("青山县大屯镇人民政府", ["青山县", "大屯镇"]),
    ("北京市石景山区民政局", ["北京市", "石景山区"]),
    ("杭州市西湖区民政局", ["杭州市", "西湖区"]),
    ("华湖区教育局", ["华湖区"]),
    ("青山市农村社区服务中心", ["青山市"]),
])
def test_place_segments(name: str, places: list[str]) -> None:
    assert identity.place_segments(name) == places


def test_a_place_alone_is_its_government_and_unknown_organs_differ() -> None:
    keys = [identity.agency(_doc(t)).key for t in (  # type: ignore[union-attr]
        "大屯镇2022年政府信息公开工作年度报告", "大屯镇人民政府2023年政府信息公开工作年度报告",
        "大屯镇政府2023年政府信息公开工作年度报告")]
    assert len(set(keys)) == 1
    a, b = (identity.agency(_doc(t)) for t in ("青山县政务服务中心2023年政府信息公开工作年度报告",
                                             "青山县2023年政府信息公开工作年度报告"))
    assert a is not None and b is not None and not identity.same_agency(a, b)


def test_same_agency_with_and_without_the_city() -> None:
    def ag(title: str) -> identity.Agency:
        a = identity.agency(_doc(title + "2023年政府信息公开工作年度报告"))
        assert a is not None
        return a

    assert identity.same_agency(ag("洪泽区人民政府"), ag("淮安市洪泽区人民政府"))
    assert identity.same_agency(ag("淮安市洪泽区人民政府"), ag("洪泽区人民政府"))
    assert not identity.same_agency(ag("洪泽区人民政府"), ag("淮安市清江浦区人民政府"))
    assert not identity.same_agency(ag("洪泽区人民政府"), ag("洪泽区民政局"))
    assert not identity.same_agency(ag("苏州市吴中区人民政府"), ag("淮安市吴中区人民政府"))


@given(st.text(alphabet="青山县市区乡镇街道城社民政局人力资源和社会保障自治州新苏通", max_size=24))
@settings(max_examples=300, deadline=None)
def test_place_segments_are_a_prefix_of_the_name(name: str) -> None:
    parts = identity.place_segments(name)
    assert name.startswith("".join(parts))
    place, organ = identity.split_agency(name)
    assert place + organ == name and place == "".join(parts)

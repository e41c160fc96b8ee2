"""The review page (output/html/): the data embedded once as JSON and escaped, no external
resource, the overview's agencies × years (missing and unreadable reports), agency and year
from the document with the file name as fallback, and — when Chromium is installed — the
page's script in a real browser: the overview, the search, the filters and a report's view."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.analysis.identity import Agency, normalise, split_agency
from disclosure_lint.checks.finding import DocumentRef, Finding, Severity
from disclosure_lint.output import html
from disclosure_lint.output.html import data as page_data
from disclosure_lint.run import batch
from disclosure_lint.run.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EVIL = '<script>alert("x")</script>乡2013年政务公开总结 & </td></tr></table><img src=x onerror=alert(1)><!--'


class Tree(HTMLParser):
    """Start tags (with attributes), all text, and the text of each <script> by its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    return t


def embedded(page: str) -> dict:
    """The page's JSON, as a browser reads it (the text of the one application/json script)."""
    tree = parse(page)
    blocks = [text for a, text in tree.scripts if a.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def agency(name: str) -> Agency:
    place, organ = split_agency(name)
    return Agency(name, place, organ, f"{normalise(place)}|{normalise(organ)}")


def make_finding(path: str, line: int, code: str, sev: Severity, message: str, doc: DocumentRef | None,
                 name: str = "some-rule") -> Finding:
    return Finding(path, line, 1, line, 3, code, name, sev, message, doc)


def sample() -> tuple[list[Finding], dict[str, list[DocumentRef]]]:
    d1 = DocumentRef(1, EVIL, "work-summary", 1)
    d2 = DocumentRef(2, "某县人民政府2024年政府信息公开工作年度报告", "annual-report-2021", 40, agency("某县人民政府"), 2024)
    d3 = DocumentRef(1, "没有问题的报告", "generic", 1)
    findings = [
        make_finding("a.txt", 3, "DL301", Severity.ERROR, "“xxxx”是未替换的占位符，请填入实际内容", d1),
        make_finding("a.txt", 9, "DL311", Severity.WARNING, EVIL, d1, name="repeated-word"),
        make_finding("a.txt", 50, "DL301", Severity.ERROR, "“xx”是未替换的占位符", d2),
        make_finding("a.txt", 61, "DL405", Severity.INFO, "半角标点", d2, name="halfwidth-punctuation"),
        make_finding("b.txt", 1, "DL900", Severity.ERROR, "规则内部错误", None, name="internal-error"),
    ]
    return findings, {"a.txt": [d1, d2], "c.txt": [d3]}


def render(**context: object) -> str:
    findings, docs = sample()
    out = io.StringIO()
    html.write(out, findings, docs, files=3, **context)
    return out.getvalue()


def test_page_is_standalone_utf8_and_the_data_is_embedded_once_escaped() -> None:
    page = render()
    assert page.startswith("<!DOCTYPE html>")
    assert page[: page.index("</head>")].index('<meta charset="utf-8">') < 200
    tree = parse(page)
    # Two scripts: the data (JSON, never run) and ours; no element that a document injected.
    assert [t for t, _ in tree.tags].count("script") == 2
    assert [a.get("type") for a, _ in tree.scripts] == ["application/json", None]
    assert not any(t == "img" for t, _ in tree.tags)
    assert not any(k.startswith("on") for _, a in tree.tags for k in a)
    data_text = tree.scripts[0][1]
    assert "<" not in data_text  # neither </script> nor <!-- can end or change the data element
    assert "\\u003cscript>alert" in data_text
    # Chinese is written as characters, not as escapes.
    assert "某县人民政府2024年政府信息公开工作年度报告" in data_text
    d = embedded(page)
    assert EVIL in d["strings"] and d["reports"][0][2] == EVIL  # the text comes back intact
    assert len(d["findings"]) == 5
    assert d["fields"]["findings"][:3] == ["report", "rule", "severity"]


def test_line_separators_and_lone_surrogates_are_escaped() -> None:
    ref = DocumentRef(1, "报告\u2028标题\u2029", "generic", 1)
    out = io.StringIO()
    html.write(out, [make_finding("x\udcff.txt", 1, "DL301", Severity.ERROR, "a\u2028b", ref)], {"x\udcff.txt": [ref]})
    page = out.getvalue()
    page.encode("utf-8")  # writable as UTF-8
    assert "\u2028" not in page and "\u2029" not in page
    d = embedded(page)
    assert d["strings"] == ["a\u2028b"] and d["reports"][0][2] == "报告\u2028标题\u2029"
    assert d["files"][0][0] == "x\udcff.txt"


def test_no_external_resource() -> None:
    page = render()
    tree = parse(page)
    for tag, attrs in tree.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        for key in ("src", "href", "srcset", "action", "data"):
            assert key not in attrs, (tag, key)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert not re.findall(r"https?://[^\s\"'<>]+", page)
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    assert "default-src 'none'" in page  # the browser enforces it too


def test_generator_mark_is_kept(tmp_path: Path) -> None:
    from disclosure_lint.run.ownoutput import HTML_MARK, is_own_output

    assert HTML_MARK in render()[:4096]
    page = tmp_path / "review.html"
    page.write_text(render(), encoding="utf-8")
    assert is_own_output(str(page))  # a second run over the folder skips it


def test_reports_units_years_and_missing() -> None:
    def ref(name: str | None, year: int | None, title: str = "报告") -> DocumentRef:
        return DocumentRef(1, title, "annual-report-2021", 1, agency(name) if name else None, year)

    docs = {
        "edu-2023.txt": [ref("青山市教育局", 2023)], "edu-2024.txt": [ref("青山市教育局", 2024)],
        "fin-2023.txt": [ref("青山市财政局", 2023)],
        # Neither agency nor year in the document: both from the file's name.
        "青山市审计局2024年政府信息公开工作年度报告.txt": [ref(None, None)],
        "unknown.txt": [ref(None, None)],
    }
    errors = [("青山市卫生健康委员会2024年政府信息公开工作年度报告.docx", "损坏的 .docx")]
    d = html.page_data([], docs, files=list(docs), errors=errors)
    units = [u[0] for u in d["units"]]
    assert sorted(units) == ["青山市卫生健康委员会", "青山市审计局", "青山市教育局", "青山市财政局"]
    assert d["years"] == [2023, 2024]
    missing = {(units[u], y) for u, y in d["missing"]}
    # 财政局 has no 2024 report; 审计局 and 卫健委 none for 2023; the unreadable one is not missing.
    assert missing == {("青山市财政局", 2024), ("青山市审计局", 2023), ("青山市卫生健康委员会", 2023)}
    by_path = {d["files"][r[0]][0]: r for r in d["reports"]}
    audit = by_path["青山市审计局2024年政府信息公开工作年度报告.txt"]
    assert units[audit[5]] == "青山市审计局" and audit[6] == 2024 and audit[8] == page_data.FROM_FILE_NAME
    assert by_path["edu-2023.txt"][8] == page_data.FROM_DOCUMENT
    assert by_path["unknown.txt"][5] == -1  # no agency anywhere: not a row of its own
    bad = by_path["青山市卫生健康委员会2024年政府信息公开工作年度报告.docx"]
    assert bad[7] == page_data.UNREADABLE and d["files"][bad[0]][1] == "损坏的 .docx"
    assert d["meta"]["files"] == 6


def test_an_unreadable_file_named_after_a_place_joins_that_place_row() -> None:
    place = Agency("平潭综合实验区", "平潭综合实验区", "", "平潭综合实验区|")  # as identity.agency gives it
    docs = {"a.txt": [DocumentRef(1, "t", "generic", 1, place, 2023)]}
    d = html.page_data([], docs, files=list(docs), errors=[("平潭综合实验区2024年政府信息公开工作年度报告.pdf", "x")])
    assert d["units"] == [["平潭综合实验区", "平潭综合实验区", []]] and d["missing"] == []


def test_the_same_agency_written_short_and_long_is_one_row() -> None:
    docs = {"a.txt": [DocumentRef(1, "t", "generic", 1, agency("平潭综合实验区管委会办公室"), 2023)],
            "b.txt": [DocumentRef(1, "t", "generic", 1, agency("平潭综合实验区管理委员会办公室"), 2024)]}
    d = html.page_data([], docs, files=list(docs))
    assert len(d["units"]) == 1 and d["missing"] == []
    assert d["units"][0][2] == ["平潭综合实验区管理委员会办公室"]  # searched as well as the name shown


@pytest.mark.parametrize(("name", "agency_name", "year"), [
    ("某市教育局2023年政府信息公开工作年度报告.pdf", "某市教育局", 2023),
    ("reports/2024年青山县财政局政府信息公开工作年度报告.docx", "青山县财政局", 2024),
    ("青山县人民政府关于2022年度政府信息公开工作的报告.txt", "青山县人民政府", 2022),
    ("007_pingtan-dishuiju-2013-annual-report.txt", None, 2013),
    ("报告.txt", None, None),
])
def test_agency_and_year_from_a_file_name(name: str, agency_name: str | None, year: int | None) -> None:
    assert page_data.from_file_name(name) == page_data.NameYear(agency_name, year)


def test_table_findings_point_at_table_row_and_column() -> None:
    loc = page_data.table_location("申请情况表“商业企业”列勾稽关系不成立：1 + 2 ≠ 4", None, None)
    assert loc == ["申请情况表", "", "商业企业"]
    line = "| 行政许可 | 97 | 12 | 3 |"
    assert page_data.table_location("数字有误", line, line.index("12")) == ["", "行政许可", "#3"]
    assert page_data.table_location("请删去重复的词", "本机关全年主动公开信息", 3) is None
    assert page_data.table_location("词语重复", "\t本机关全年主动公开信息\t", 5) is None  # an indented paragraph


def test_big_runs_embed_only_the_text_around_findings() -> None:
    from disclosure_lint.document.source import source_from_text

    lines = [f"第{i}行" + "文字" * 100 for i in range(1, 200)]
    text = "\n".join(lines)
    src = source_from_text(text, "big.txt")
    start = text.index("第150行") + 100
    line, col = src.locate(start)
    ref = DocumentRef(1, "报告", "generic", 1)
    f = Finding("big.txt", line, col, line, col + 2, "DL301", "leftover-placeholder", Severity.ERROR, "占位符",
                ref, start_offset=start, end_offset=start + 2)
    whole = html.page_data([f], {"big.txt": [ref]}, sources={"big.txt": src})
    assert whole["texts"] == {"0": [[0, 1, text]]} and whole["meta"]["whole_text"] is True
    part = html.page_data([f], {"big.txt": [ref]}, sources={"big.txt": src}, full_text_limit=1000)
    [[offset, first_line, piece]] = part["texts"]["0"]
    assert first_line == 150 == line and piece == text[offset: offset + len(piece)]
    assert offset == start - page_data.CONTEXT and len(piece) == 2 * page_data.CONTEXT + 2
    assert part["findings"][0][9:11] == [start, start + 2]


def test_the_interface_language() -> None:
    zh, en = render(), render(language="en")
    assert '<html lang="zh-CN">' in zh and embedded(zh)["meta"]["lang"] == "zh"
    assert '<html lang="en">' in en and embedded(en)["meta"]["lang"] == "en"
    assert "<title>信息公开报告检查结果</title>" in zh and "<title>Disclosure report review</title>" in en


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=60), message=st.text(min_size=1, max_size=80), path=st.text(min_size=1, max_size=30))
def test_any_text_round_trips_through_the_data(title: str, message: str, path: str) -> None:
    ref = DocumentRef(1, title, "generic", 1)
    out = io.StringIO()
    html.write(out, [make_finding(path, 1, "DL301", Severity.ERROR, message, ref)], {path: [ref]})
    page = out.getvalue()
    page.encode("utf-8")
    tree = parse(page)
    assert [t for t, _ in tree.tags].count("script") == 2
    d = embedded(page)
    assert d["files"][0][0] == path and d["reports"][0][2] == title and d["strings"] == [message]
    # The file-name fallback and the table locator take any text.
    page_data.from_file_name(path + title)
    page_data.table_location(message, title, len(title) // 2)


def test_real_findings_from_the_seed_mark_their_spans() -> None:
    result = batch.lint_one(str(ROOT / "fixtures" / "seed.txt"), Settings.default(), keep_source=True)
    assert result.error is None and result.findings and result.source is not None
    out = io.StringIO()
    html.write(out, result.findings, {result.path: result.documents}, files=[result.path],
               sources={result.path: result.source})
    d = embedded(out.getvalue())
    assert len(d["findings"]) == len(result.findings) and d["meta"]["files"] == 1
    assert [r[2] for r in d["reports"]] == [doc.title for doc in result.documents]
    [[_, _, text]] = d["texts"]["0"]
    assert text == result.source.text
    placeholder = next(i for i, f in enumerate(result.findings) if f.code == "DL301")
    so, eo = d["findings"][placeholder][9:11]
    assert text[so:eo] == result.source.text[result.findings[placeholder].start_offset:
                                             result.findings[placeholder].end_offset] != ""


def test_source_date_epoch_fixes_the_generation_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    assert embedded(html.render([], {}, files=0))["meta"]["generated"] == "2026-01-01 00:00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert embedded(html.render([], {}, files=0))["meta"]["generated"] != "2026-01-01 00:00:00"


# --- In a real browser -----------------------------------------------------------------------

def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)")


def _browser(page: Path, query: str, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=5000", *extra,
               page.as_uri() + query]
        env = dict(os.environ, HOME=profile)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)


class Dom(Tree):
    """The rendered DOM, with the text of each element that has an id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if tag not in ("br", "meta", "input", "img", "hr", "link"):
            ident = dict(attrs).get("id")
            self._open.append((tag, ident))
            if ident:
                self.by_id[ident] = []

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        while self._open:
            t, _ = self._open.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        for _, ident in self._open:
            if ident:
                self.by_id[ident].append(data)

    def text_of(self, ident: str) -> str:
        return "".join(self.by_id.get(ident, []))


def _dom(page: Path, query: str = "") -> Dom:
    proc = _browser(page, query, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = Dom()
    dom.feed(proc.stdout)
    dom.close()
    assert dom.find("html", data_ready="1"), "the page's script did not finish"
    return dom


def city() -> tuple[list[Finding], dict[str, list[DocumentRef]], list[tuple[str, str]]]:
    """Five agencies over two years: 财政局 has no 2024 report, 卫健委's 2024 file is unreadable."""
    docs: dict[str, list[DocumentRef]] = {}
    findings = []
    for name in ("青山市教育局", "青山市财政局", "青山市卫生健康委员会", "绿水县人民政府", "绿水县民政局"):
        for year in (2023, 2024):
            if (name, year) in {("青山市财政局", 2024), ("青山市卫生健康委员会", 2024)}:
                continue
            path = f"{name}-{year}.txt"
            ref = DocumentRef(1, f"{name}{year}年政府信息公开工作年度报告", "annual-report-2021", 1, agency(name), year)
            docs[path] = [ref]
            if name == "青山市教育局":
                findings.append(make_finding(path, 3, "DL301", Severity.ERROR, "“xx”是未替换的占位符", ref,
                                             name="leftover-placeholder"))
            if name.startswith("绿水县") and year == 2024:
                findings.append(make_finding(path, 5, "DL311", Severity.WARNING, "词语重复", ref, name="repeated-word"))
            if name == "绿水县民政局" and year == 2024:  # another helper's rule: shown when present
                findings.append(make_finding(path, 8, "DL950", Severity.WARNING, "与绿水县人民政府-2024.txt雷同",
                                             ref, name="cross-agency-copy"))
    errors = [("青山市卫生健康委员会2024年政府信息公开工作年度报告.docx", "损坏的 .docx")]
    return findings, docs, errors


@pytest.fixture(scope="module")
def city_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "review.html"
    findings, docs, errors = city()
    assert "跨单位雷同" not in "".join(parse(html.render(findings[:1], docs)).text)  # only in the script's words
    with open(path, "w", encoding="utf-8") as out:
        html.write(out, findings, docs, files=list(docs), errors=errors)
    return path


def _grid_units(dom: Dom) -> list[str | None]:
    return [a.get("data-unit") for a in dom.find("tr") if "data-unit" in a]


@needs_chromium
def test_browser_overview_shows_the_missing_agencies_of_a_year(city_page: Path) -> None:
    dom = _dom(city_page)
    assert dom.find("div", id="app", data_view="overview")
    assert sorted(_grid_units(dom)) == sorted(["青山市教育局", "青山市财政局", "青山市卫生健康委员会", "绿水县人民政府",
                                               "绿水县民政局"])
    missing = dom.text_of("missing")
    assert "2024" in missing and "青山市财政局" in missing
    assert "青山市卫生健康委员会" not in missing  # it sent a file; the file could not be read
    assert [a.get("data-year") for a in dom.find("td", data_status="missing")] == ["2024"]
    assert [a.get("data-year") for a in dom.find("td", data_status="unreadable")] == ["2024"]
    tally = {a.get("data-year"): (a.get("data-submitted"), a.get("data-missing"), a.get("data-unreadable"))
             for a in dom.find("td") if "data-submitted" in a}
    assert tally == {"2023": ("5", "0", "0"), "2024": ("3", "1", "1")}
    assert "损坏的 .docx" in dom.text_of("unreadable")
    assert "无法检查的文件" in "".join(dom.text)
    assert "跨单位雷同" in "".join(dom.text) and "绿水县民政局 2024：与绿水县人民政府-2024.txt雷同" in dom.text_of("cross")


@needs_chromium
def test_browser_search_and_filters(city_page: Path) -> None:
    assert sorted(_grid_units(_dom(city_page, "?q=%E7%BB%BF%E6%B0%B4"))) == ["绿水县人民政府", "绿水县民政局"]  # 绿水
    assert _grid_units(_dom(city_page, "?q=%E6%95%99%E8%82%B2")) == ["青山市教育局"]  # 教育
    assert _grid_units(_dom(city_page, "?rule=DL301")) == ["青山市教育局"]
    assert _grid_units(_dom(city_page, "?rule=repeated-word")) != []  # a rule's name works as its code
    assert sorted(_grid_units(_dom(city_page, "?severity=warning"))) == ["绿水县人民政府", "绿水县民政局"]
    dom = _dom(city_page, "?region=%E7%BB%BF%E6%B0%B4%E5%8E%BF&severity=error")  # 绿水县, errors: none
    assert _grid_units(dom) == []
    assert "显示 0 / 5 个单位" in dom.text_of("shown")
    # The reports sort by a column; the rules table counts findings and reports per rule.
    dom = _dom(city_page, "?sort=year&dir=desc")
    years = [a["data-year"] for a in dom.find("tr") if "data-report" in a]
    assert len(years) == 9 and years == sorted(years, reverse=True) and years[0] == "2024"
    assert next(a for a in dom.find("th") if a.get("data-sort") == "year")["aria-sort"] == "descending"
    dom = _dom(city_page, "?sort=errors&dir=desc")
    assert [a["data-errors"] for a in dom.find("tr") if "data-report" in a][:3] == ["1", "1", "0"]
    assert [a["data-rule"] for a in dom.find("tr") if "data-rule" in a] == ["DL301", "DL311", "DL950"]


@needs_chromium
def test_browser_report_view_shows_its_findings_beside_its_text(tmp_path: Path) -> None:
    result = batch.lint_one(str(ROOT / "fixtures" / "seed.txt"), Settings.default(), keep_source=True)
    page = tmp_path / "seed.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, result.findings, {result.path: result.documents}, files=[result.path],
                   sources={result.path: result.source})
    d = embedded(page.read_text(encoding="utf-8"))
    second = [i for i, f in enumerate(d["findings"]) if f[0] == 1]
    assert second
    dom = _dom(page, f"#r=1&f={second[0]}")
    assert dom.find("div", id="app", data_view="report", data_report="1")
    items = [a for a in dom.find("li") if a.get("class") == "finding"]
    assert sorted(int(a["data-f"]) for a in items) == second
    # Each finding with a span has its mark in the text, and the one asked for is in view.
    marks = {a.get("id") for a in dom.find("mark") if a.get("id")}
    assert {f"m{i}" for i in second} <= marks
    assert dom.find("div", id="app", data_focused=str(second[0]))
    first_line = result.documents[1].line
    shown_lines = [int(a["data-line"]) for a in dom.find("div") if "data-line" in a]
    assert shown_lines[0] == first_line and shown_lines[-1] == result.documents[2].line - 1


@needs_chromium
def test_browser_pages_without_findings_and_with_an_unreadable_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    with open(empty, "w", encoding="utf-8") as out:
        html.write(out, [], {"ok.txt": [DocumentRef(1, "报告", "generic", 1, agency("青山市教育局"), 2024)]}, files=1)
    dom = _dom(empty)
    assert "没有发现问题" in dom.text_of("no-findings")
    assert _grid_units(dom) == ["青山市教育局"] and not dom.find("td", data_status="missing")

    broken = tmp_path / "broken.html"
    with open(broken, "w", encoding="utf-8") as out:
        html.write(out, [], {}, files=[], errors=["坏.docx: error: 损坏的 .docx", ("坏2.pdf", "PDF 已加密")],
                   language="en")
    dom = _dom(broken)
    assert "坏.docx" in dom.text_of("unreadable") and "PDF 已加密" in dom.text_of("unreadable")
    assert "Files that could not be checked" in "".join(dom.text)
    dom = _dom(broken, "#r=0")
    assert "损坏的 .docx" in dom.text_of("error")


@needs_chromium
def test_browser_screenshot(city_page: Path, tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    proc = _browser(city_page, "", f"--screenshot={png}", "--window-size=1280,1600", "--hide-scrollbars")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


@needs_chromium
def test_browser_a_page_of_3000_files_shows_the_missing_agencies_of_a_year(tmp_path: Path) -> None:
    # 430 agencies × 7 years, a few reports not published: the page opens and says which.
    places = [f"青山市第{i}区" for i in range(1, 44)]
    organs = ["教育局", "财政局", "民政局", "审计局", "统计局", "公安局", "司法局", "水利局", "商务局", "林业局"]
    gone = {("青山市第7区审计局", 2024), ("青山市第40区水利局", 2024), ("青山市第1区教育局", 2019)}
    docs, findings = {}, []
    for place in places:
        for organ in organs:
            for year in range(2019, 2026):
                if (place + organ, year) in gone:
                    continue
                path = f"{year}/{place}{organ}.txt"
                ref = DocumentRef(1, f"{place}{organ}{year}年政府信息公开工作年度报告", "annual-report-2021", 1,
                                  agency(place + organ), year)
                docs[path] = [ref]
                findings.append(make_finding(path, 3, "DL301", Severity.ERROR, "“xx”是未替换的占位符", ref))
    assert len(docs) == 3007
    page = tmp_path / "city.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, findings, docs, files=list(docs))
    dom = _dom(page)
    assert len(_grid_units(dom)) == 430
    by_year = {a.get("data-year") for a in dom.find("li") if "data-year" in a}
    assert by_year == {"2024", "2019"}
    missing = dom.text_of("missing")
    assert all(name in missing for name, _ in gone)
    assert sorted(a.get("data-year") for a in dom.find("td", data_status="missing")) == ["2019", "2024", "2024"]


@needs_chromium
def test_browser_no_cross_agency_section_without_that_rule(tmp_path: Path) -> None:
    findings, docs, errors = city()
    page = tmp_path / "plain.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, [f for f in findings if f.name != "cross-agency-copy"], docs, files=list(docs))
    dom = _dom(page, "?region=%E9%9D%92%E5%B1%B1")  # 青山: a region takes in the places under it
    assert "跨单位雷同" not in "".join(dom.text) and "cross" not in dom.by_id
    assert sorted(_grid_units(dom)) == ["青山市卫生健康委员会", "青山市教育局", "青山市财政局"]


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
    JSON messages ended by NUL on file descriptors 3 and 4), to type and click as a reviewer does."""

    def __init__(self, page: Path, size: str = "1280,800") -> None:
        assert CHROMIUM is not None
        self.profile = tempfile.TemporaryDirectory()
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: Chromium reads commands on 3 and writes on 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
               f"--window-size={size}", f"--user-data-dir={self.profile.name}", "--remote-debugging-pipe",
               "about:blank"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=fds, pass_fds=(3, 4),
                                     env=dict(os.environ, HOME=self.profile.name))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        target = self.send("Target.createTarget", url=page.as_uri())["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.wait("document.documentElement.getAttribute('data-ready') === '1'")

    def send(self, method: str, session: str | None = None, **params: object) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self._buf:
                chunk = os.read(self._from_chrome, 1 << 16)
                assert chunk, "Chromium closed the pipe"
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                return reply["result"]

    def js(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", self.session, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait(self, condition: str, seconds: float = 20) -> None:
        import time

        end = time.monotonic() + seconds
        # While the page loads there may be no document yet: an error is "not yet".
        while not self.js(f"(function () {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()"):
            assert time.monotonic() < end, f"timed out waiting for {condition}"
            time.sleep(0.05)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        self.profile.cleanup()


@needs_chromium
def test_browser_typing_a_unit_name_and_clicking_a_finding(tmp_path: Path) -> None:
    result = batch.lint_one(str(ROOT / "fixtures" / "seed.txt"), Settings.default(), keep_source=True)
    findings, docs, errors = city()
    page = tmp_path / "review.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, findings + result.findings, {**docs, result.path: result.documents},
                   files=[*docs, result.path], errors=errors, sources={result.path: result.source})
    b = Browser(page)
    try:
        units = "Array.from(document.querySelectorAll('#grid tr[data-unit]')).map(r => r.dataset.unit)"
        assert len(b.js(units)) > 5
        # Typing a unit's name narrows the overview to it.
        b.js("var q = document.getElementById('f-q'); q.value = '财政'; q.dispatchEvent(new Event('input'))")
        b.wait(f"{units}.length === 1")
        assert b.js(units) == ["青山市财政局"]
        # Choosing a rule keeps the units with its findings.
        b.js("var q = document.getElementById('f-q'); q.value = ''; q.dispatchEvent(new Event('input'))")
        b.wait(f"{units}.length > 1")
        b.js("var s = document.getElementById('f-rule'); s.value = 'DL301'; s.dispatchEvent(new Event('change'))")
        assert "青山市教育局" in b.js(units) and "青山市财政局" not in b.js(units)
        # So does a click on a rule in the rules table (a second click lets it go).
        b.js("document.querySelector('#rules tr[data-rule=\"DL311\"]').click()")
        assert {"绿水县人民政府", "绿水县民政局"} <= set(b.js(units)) and "青山市教育局" not in b.js(units)
        assert b.js("document.getElementById('f-rule').value") == "DL311"
        b.js("document.querySelector('#rules tr[data-rule=\"DL311\"]').click()")
        assert b.js("document.getElementById('f-rule').value") == "" and len(b.js(units)) > 5
        b.js("var s = document.getElementById('f-rule'); s.value = 'DL301'; s.dispatchEvent(new Event('change'))")
        # A report of the seed: clicking its last finding scrolls the text to the marked span.
        report = b.js("Array.from(document.querySelectorAll('#reports a')).find(a => a.textContent"
                      f" === {json.dumps(result.documents[0].title)}).getAttribute('href')")
        b.js(f"location.hash = {json.dumps(report)}")
        b.wait("document.getElementById('app').dataset.view === 'report'")
        n = b.js("document.querySelectorAll('li.finding').length")
        assert n == sum(1 for f in result.findings if f.document is not None and f.document.index == 1)
        b.js("var li = document.querySelectorAll('li.finding'); li[li.length - 1].click()")
        b.wait("document.getElementById('app').dataset.focused !== undefined")
        focused = b.js("document.getElementById('app').dataset.focused")
        inside = b.js(f"""(function () {{
            var m = document.getElementById('m{focused}'), box = document.getElementById('source');
            var a = m.getBoundingClientRect(), c = box.getBoundingClientRect();
            return m.classList.contains('current') && box.scrollTop > 0 && a.top >= c.top && a.bottom <= c.bottom;
        }})()""")
        assert inside
        # Back to the overview, the filters as they were.
        b.js("document.getElementById('back').click()")
        b.wait("document.getElementById('app').dataset.view === 'overview'")
        assert b.js("document.getElementById('f-rule').value") == "DL301"
        assert "青山市财政局" not in b.js(units)
    finally:
        b.close()


@needs_chromium
def test_browser_a_document_cannot_inject_markup(tmp_path: Path) -> None:
    from disclosure_lint.document.source import source_from_text

    findings, docs = sample()
    evil_unit = DocumentRef(1, EVIL, "generic", 1, Agency(EVIL, "<b>某县</b>", "局", "x|y"), 2024)
    text = "标题\n" + EVIL + "\n末行"
    src = source_from_text(text, "e<i>.txt")
    start = text.index("alert")
    f = Finding("e<i>.txt", 2, 10, 2, 15, "DL301", "x<u>", Severity.ERROR, EVIL, evil_unit, start_offset=start,
                end_offset=start + 5)
    page = tmp_path / "evil.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, [*findings, f], {**docs, "e<i>.txt": [evil_unit]}, sources={"e<i>.txt": src})
    report = next(i for i, r in enumerate(embedded(page.read_text(encoding="utf-8"))["reports"]) if r[5] >= 0 and r[2] == EVIL)
    for query in ("", "?q=%3Cb%3E", f"#r={report}"):
        dom = _dom(page, query)
        # The page itself uses none of these tags, and no attribute of its own is an event handler.
        assert not {t for t, _ in dom.tags} & {"img", "i", "u"}, query
        assert not any(k.startswith("on") for _, a in dom.tags for k in a), query
        assert [t for t, _ in dom.tags].count("script") == 2, query
        assert EVIL in "".join(dom.text), query


@needs_chromium
def test_browser_other_names_are_searched_and_crowded_cells_are_cut(tmp_path: Path) -> None:
    docs = {"a.txt": [DocumentRef(1, "t", "generic", 1, agency("平潭综合实验区管委会办公室"), 2023)],
            "b.txt": [DocumentRef(1, "t", "generic", 1, agency("平潭综合实验区管理委员会办公室"), 2024)]}
    docs.update({f"x{i}.txt": [DocumentRef(1, f"无名{i}", "generic", 1, None, 2024)] for i in range(8)})
    page = tmp_path / "names.html"
    with open(page, "w", encoding="utf-8") as out:
        html.write(out, [], docs, files=list(docs))
    dom = _dom(page, "?q=%E7%AE%A1%E7%90%86%E5%A7%94%E5%91%98%E4%BC%9A")  # 管理委员会: the name not shown
    assert _grid_units(dom) == ["平潭综合实验区管委会办公室"]
    dom = _dom(page)
    assert "+3" in "".join(dom.text)  # the row of no identified agency: 5 of its 8 reports, then +3
    assert len([a for a in dom.find("a") if (a.get("href") or "").startswith("#r=")]) >= 2 + 5

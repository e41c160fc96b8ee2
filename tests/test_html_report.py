"""The reviewers' HTML page (output/html.py): escaping, no external resources, content, and —
when Chromium is installed — that its script runs, sorts and filters in a real browser."""

from __future__ import annotations

import io
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

from disclosure_lint import batch
from disclosure_lint.engine import Settings
from disclosure_lint.finding import DocumentRef, Finding, Severity
from disclosure_lint.output import html

ROOT = Path(__file__).resolve().parent.parent
EVIL = '<script>alert("x")</script>乡2013年政务公开总结 & </td></tr></table><img src=x onerror=alert(1)>'


class Tree(HTMLParser):
    """Collects start tags (with attributes) and the text of every element with an id or class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.rows: list[dict[str, str | None]] = []
        self.cells: list[list[str]] = []
        self._in_findings = False
        self._cell: list[str] | None = None
        self._depth_script = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self._in_findings = a.get("id") == "findings"
        if self._in_findings and tag == "tr" and "data-severity" in a:
            self.rows.append(a)
            self.cells.append([])
        if self._in_findings and tag == "td" and self.rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells[-1].append("".join(self._cell))
            self._cell = None
        if tag == "table":
            self._in_findings = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    return t


def make_finding(path: str, line: int, code: str, sev: Severity, message: str, doc: DocumentRef | None,
                 name: str = "some-rule") -> Finding:
    return Finding(path, line, 1, line, 3, code, name, sev, message, doc)


def sample() -> tuple[list[Finding], dict[str, list[DocumentRef]]]:
    d1 = DocumentRef(1, EVIL, "work-summary", 1)
    d2 = DocumentRef(2, "某县人民政府2024年政府信息公开工作年度报告", "annual-report-2021", 40)
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


def test_page_is_standalone_utf8_and_escaped() -> None:
    page = render()
    assert page.startswith("<!DOCTYPE html>")
    head = page[: page.index("</head>")]
    assert head.index('<meta charset="utf-8">') < 200  # in the first bytes, before any text
    tree = parse(page)
    # Exactly one script (ours) and no element that a document injected.
    assert [t for t, _ in tree.tags].count("script") == 1
    assert not any(t == "img" for t, _ in tree.tags)
    assert not any(k.startswith("on") for _, a in tree.tags for k in a)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    # Chinese is written as characters, not as entities.
    assert "某县人民政府2024年政府信息公开工作年度报告" in page
    assert "未替换的占位符" in page
    # The document's text comes back intact as text.
    assert any(EVIL in cells[-1] for cells in tree.cells)


def test_no_external_resource() -> None:
    page = render()
    tree = parse(page)
    for tag, attrs in tree.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        for key in ("src", "href", "srcset", "action", "data"):
            assert key not in attrs, (tag, key)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    # The only URL is the SVG namespace name, which is never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in page  # the browser enforces it too


def test_content_documents_rules_and_counts() -> None:
    page = render(title="某县2024年报告检查", generated="2025-01-31 10:00:00")
    tree = parse(page)
    assert "<title>某县2024年报告检查</title>" in page
    assert "2025-01-31 10:00:00" in page
    assert len(tree.rows) == 5
    assert [r["data-severity"] for r in tree.rows] == ["error", "warning", "error", "info", "error"]
    # Every document is in the matrix, the one without findings too, and the file-level finding.
    matrix = page[page.index('id="documents"'): page.index("</table>", page.index('id="documents"'))]
    assert "没有问题的报告" in matrix and "c.txt" in matrix and "文件级问题" in matrix
    # One bar per rule and one per document with findings, in the charts.
    charts = page[page.index('class="charts"'): page.index("</section>")]
    assert charts.count('data-rule="DL301"') == 1
    assert charts.count("<rect") == 4 + 3  # DL301, DL311, DL405, DL900; a#1, a#2, b (file)
    assert ">2</text>" in charts  # DL301 has two findings
    # Filters list each rule once, with its count.
    assert page.count('<option value="DL301">') == 1
    assert "DL301 some-rule（2）" in page


def test_empty_run() -> None:
    out = io.StringIO()
    html.write(out, [], {"ok.txt": [DocumentRef(1, "报告", "generic", 1)]}, files=1)
    page = out.getvalue()
    assert "没有发现问题" in page
    assert parse(page).rows == []
    assert "报告" in page


def test_big_runs_are_capped_in_charts_and_matrix() -> None:
    docs = {f"d{i:04d}.txt": [DocumentRef(1, f"报告{i}", "generic", 1)] for i in range(html.MATRIX_DOC_LIMIT + 20)}
    findings = [make_finding(p, 1, f"DL{100 + i % 60}", Severity.WARNING, "问题", refs[0])
                for i, (p, refs) in enumerate(docs.items())]
    out = io.StringIO()
    html.write(out, findings, docs)
    page = out.getvalue()
    charts = page[page.index('class="charts"'): page.index("</section>")]
    assert charts.count("<rect") == 2 * (html.CHART_LIMIT + 1)
    assert "其余" in charts
    assert f"仅列出前 {html.MATRIX_DOC_LIMIT} 篇文档" in page
    assert len(parse(page).rows) == len(findings)  # the findings table is never cut


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=60), message=st.text(min_size=1, max_size=80), path=st.text(min_size=1, max_size=30))
def test_any_text_round_trips_as_text(title: str, message: str, path: str) -> None:
    # HTML cannot carry NUL, lone surrogates or most controls as text: the parser drops or
    # replaces them, so compare on text that a document can hold.
    clean = lambda s: "".join(c for c in s if c.isprintable() or c in "\n\t") or "x"  # noqa: E731
    title, message, path = clean(title), clean(message), clean(path)
    ref = DocumentRef(1, title, "generic", 1)
    out = io.StringIO()
    html.write(out, [make_finding(path, 1, "DL301", Severity.ERROR, message, ref)], {path: [ref]})
    tree = parse(out.getvalue())
    assert [t for t, _ in tree.tags].count("script") == 1
    assert len(tree.rows) == 1
    cells = tree.cells[0]
    assert cells[0] == path
    assert cells[-1].replace("\r\n", "\n").replace("\r", "\n") == message.replace("\r\n", "\n").replace("\r", "\n")


def test_real_findings_from_the_seed_with_excerpts() -> None:
    result = batch.lint_one(str(ROOT / "fixtures" / "seed.txt"), Settings.default(), keep_source=True)
    assert result.error is None and result.findings and result.source is not None
    out = io.StringIO()
    # As the CLI calls it: files is the list of paths, sources maps path → Source.
    html.write(out, result.findings, {result.path: result.documents}, files=[result.path],
               sources={result.path: result.source})
    page = out.getvalue()
    tree = parse(page)
    assert len(tree.rows) == len(result.findings)
    assert "· 1 个文件 ·" in page
    for d in result.documents:
        assert html._e(d.title) in page
    # Each finding shows its line with the span marked: the placeholders are what is marked.
    placeholder = next(f for f in result.findings if f.code == "DL301")
    marked = result.source.text[placeholder.start_offset:placeholder.end_offset]
    assert marked and f"<mark>{marked}</mark>" in page
    assert page.count('class="excerpt"') == len(result.findings)


def test_excerpt_is_escaped_and_windowed() -> None:
    from disclosure_lint.source import source_from_text

    text = "第一行\n" + "前" * 100 + "<script>alert(1)</script>xxxx" + "后" * 100 + "\n末行"
    src = source_from_text(text, "e.txt")
    start = text.index("xxxx")
    line, col = src.locate(start)
    f = Finding("e.txt", line, col, line, col + 4, "DL301", "leftover-placeholder", Severity.ERROR, "占位符",
                DocumentRef(1, "报告", "generic", 1), start_offset=start, end_offset=start + 4)
    out = io.StringIO()
    html.write(out, [f], {"e.txt": [f.document]}, sources={"e.txt": src})
    page = out.getvalue()
    excerpt = page[page.index('class="excerpt"'):]
    excerpt = excerpt[: excerpt.index("</div>")]
    assert "<mark>xxxx</mark>" in excerpt
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in excerpt and "<script>" not in excerpt
    assert excerpt.count("后") == 40 and "第一行" not in excerpt and "末行" not in excerpt
    assert excerpt.endswith("…") and "…" in excerpt[:40]


# --- In a real browser -----------------------------------------------------------------------

def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")


def _browser(page: Path, query: str, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, page.as_uri() + query]
        env = dict(os.environ, HOME=profile)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)


def _dom(page: Path, query: str = "") -> Tree:
    proc = _browser(page, query, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return parse(proc.stdout)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    with open(path, "w", encoding="utf-8") as out:
        findings, docs = sample()
        html.write(out, findings, docs, files=3)
    return path


@needs_chromium
def test_browser_runs_the_script_and_sorts(page_file: Path) -> None:
    tree = _dom(page_file)
    root = next(a for t, a in tree.tags if t == "html")
    assert root.get("data-ready") == "1"
    assert [t for t, _ in tree.tags].count("img") == 0  # the injected tag stayed text
    assert [r["data-rule"] for r in tree.rows] == ["DL301", "DL311", "DL301", "DL405", "DL900"]

    tree = _dom(page_file, "?sort=line&dir=desc")
    lines = [int(c[1]) for c in tree.cells]
    assert lines == sorted(lines, reverse=True) == [61, 50, 9, 3, 1]
    findings = next(a for t, a in tree.tags if t == "table" and a.get("id") == "findings")
    assert findings.get("data-sorted") == "line:desc"

    tree = _dom(page_file, "?sort=severity")  # ascending: info, warning, then the errors in order
    assert [r["data-severity"] for r in tree.rows] == ["info", "warning", "error", "error", "error"]


@needs_chromium
def test_browser_filters(page_file: Path) -> None:
    def visible(tree: Tree) -> list[str | None]:
        return [r["data-rule"] for r in tree.rows if "hidden" not in (r.get("class") or "")]

    assert visible(_dom(page_file, "?severity=error")) == ["DL301", "DL301", "DL900"]
    assert visible(_dom(page_file, "?rule=DL301&doc=a.txt%232")) == ["DL301"]
    tree = _dom(page_file, "?q=%E5%8D%8A%E8%A7%92")  # 半角
    assert visible(tree) == ["DL405"]
    assert "显示 1 / 5 条" in "".join(tree.text)


@needs_chromium
def test_browser_screenshot(page_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    proc = _browser(page_file, "", f"--screenshot={png}", "--window-size=1280,1600", "--hide-scrollbars")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_source_date_epoch_fixes_the_generation_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_lint.output import html

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    page = html.render([], {}, files=0)
    assert "2026-01-01 00:00:00" in page
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert "2026-01-01 00:00:00" not in html.render([], {}, files=0)

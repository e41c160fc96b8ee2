"""HTML: one standalone page for reviewers.

Documents × findings: a summary of each document, a matrix of findings per document and rule,
bar charts (inline SVG drawn here), and a table of every finding that sorts when a header is
clicked and filters by severity, rule, document and text. No external resource of any kind
(no CDN, no web font, no image file): the page works offline and from an e-mail attachment.

Everything that comes from a document (titles, messages, paths) is escaped; the inline script
carries no data (it reads the table from the DOM), so nothing a document says can end up in
JavaScript. The page's state can be set from the query string, e.g.
``report.html?sort=line&dir=desc&severity=error&rule=DL301&doc=2&q=占位符``; when the script has
run, ``<html>`` gets ``data-ready="1"``.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any, TextIO

from ...finding import DocumentRef, Finding, Severity
from .. import error_parts

#: Severity labels shown to reviewers (the value stays in data attributes and filters).
SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SEV_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SEV_COLOR = {Severity.ERROR: "#c62828", Severity.WARNING: "#b26a00", Severity.INFO: "#1565c0"}

#: At most this many bars per chart (the rest are summed in a last bar).
CHART_LIMIT = 30
#: At most this many rule columns in the documents × rules matrix.
MATRIX_RULE_LIMIT = 40
#: At most this many documents (rows) in the matrix.
MATRIX_DOC_LIMIT = 500


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _doc_key(path: str, index: int) -> str:
    return f"{path}#{index}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"


def _fit(text: str, width: float, size: float = 12.0) -> str:
    """``text`` cut (with "…") to about ``width`` pixels in a ``size`` px font: Chinese
    characters are a full em wide, others about 0.6 em."""
    from unicodedata import east_asian_width

    used = 0.0
    for i, c in enumerate(text):
        used += size if east_asian_width(c) in "WF" else size * 0.6
        if used > width:
            return text[: max(i - 1, 1)] + "…"
    return text


class _Doc:
    __slots__ = ("key", "path", "ref", "counts", "rules", "total")

    def __init__(self, key: str, path: str, ref: DocumentRef | None) -> None:
        self.key, self.path, self.ref = key, path, ref
        self.counts: Counter[Severity] = Counter()
        self.rules: Counter[str] = Counter()
        self.total = 0

    @property
    def label(self) -> str:
        if self.ref is None:
            return f"{self.path}（文件）"
        title = self.ref.title or "（无标题）"
        return f"{self.path} 第{self.ref.index}篇 {title}"

    @property
    def short_label(self) -> str:
        """Title first (what a reviewer recognises), then the file's name and the document's number."""
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        if self.ref is None:
            return f"（文件级）{name}"
        return f"{_short(self.ref.title or '（无标题）', 14)} · {_short(name, 16)}#{self.ref.index}"


def _collect(findings: list[Finding], documents: Mapping[str, list[DocumentRef]]
             ) -> tuple[dict[str, _Doc], dict[str, tuple[str, Severity, int]]]:
    docs: dict[str, _Doc] = {}
    for path, refs in documents.items():
        for ref in refs:
            key = _doc_key(path, ref.index)
            docs[key] = _Doc(key, path, ref)
    rules: dict[str, tuple[str, Severity, int]] = {}  # code → (name, highest severity, count)
    for f in findings:
        key = _doc_key(f.path, f.document.index) if f.document is not None else _doc_key(f.path, 0)
        d = docs.get(key)
        if d is None:
            d = docs[key] = _Doc(key, f.path, f.document)
        d.counts[f.severity] += 1
        d.rules[f.code] += 1
        d.total += 1
        name, sev, n = rules.get(f.code, (f.name, f.severity, 0))
        if f.severity.rank > sev.rank:
            sev = f.severity
        rules[f.code] = (name, sev, n + 1)
    return docs, rules


def _bar_chart(title: str, bars: list[tuple[str, int, str, dict[str, str]]], chart_id: str) -> str:
    """A horizontal bar chart as inline SVG. ``bars``: (label, value, colour, data attributes)."""
    if not bars:
        return f'<figure class="chart" id="{chart_id}"><figcaption>{_e(title)}</figcaption><p class="empty">无</p></figure>'
    label_w, bar_w, row_h, pad = 270, 260, 22, 6
    width = label_w + bar_w + 60
    height = pad * 2 + row_h * len(bars)
    top = max(v for _, v, _, _ in bars) or 1
    parts = [f'<figure class="chart" id="{chart_id}"><figcaption>{_e(title)}</figcaption>',
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(title)}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, (label, value, colour, attrs) in enumerate(bars):
        y = pad + i * row_h
        w = max(1, round(bar_w * value / top)) if value else 0
        data = "".join(f' data-{k}="{_e(v)}"' for k, v in attrs.items())
        parts.append(
            f'<g class="bar"{data}><title>{_e(attrs.get("label", label))}：{value}</title>'
            f'<text x="{label_w - 8}" y="{y + row_h - 7}" text-anchor="end">{_e(_fit(label, label_w - 14))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{colour}" rx="2"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + row_h - 7}">{value}</text></g>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _charts(docs: dict[str, _Doc], rules: dict[str, tuple[str, Severity, int]]) -> str:
    by_rule = sorted(rules.items(), key=lambda kv: (-kv[1][2], kv[0]))
    rule_bars = [(f"{code} {name}", n, _SEV_COLOR[sev], {"rule": code})
                 for code, (name, sev, n) in by_rule[:CHART_LIMIT]]
    rest = by_rule[CHART_LIMIT:]
    if rest:
        rule_bars.append((f"其余 {len(rest)} 条规则", sum(n for _, (_, _, n) in rest), "#777", {}))
    with_findings = sorted((d for d in docs.values() if d.total), key=lambda d: (-d.total, d.key))
    doc_bars = []
    for d in with_findings[:CHART_LIMIT]:
        colour = next((_SEV_COLOR[s] for s in _SEV_ORDER if d.counts[s]), "#777")
        doc_bars.append((d.short_label, d.total, colour, {"doc": d.key, "label": d.label}))
    rest_docs = with_findings[CHART_LIMIT:]
    if rest_docs:
        doc_bars.append((f"其余 {len(rest_docs)} 篇", sum(d.total for d in rest_docs), "#777", {}))
    return ('<section class="charts">'
            + _bar_chart("各规则问题数", rule_bars, "chart-rules")
            + _bar_chart("各文档问题数", doc_bars, "chart-docs")
            + "</section>")


def _documents_table(docs: dict[str, _Doc], rules: dict[str, tuple[str, Severity, int]]) -> str:
    codes = sorted(rules, key=lambda c: (-rules[c][2], c))[:MATRIX_RULE_LIMIT]
    codes.sort()
    rows = sorted(docs.values(), key=lambda d: (d.path, d.ref.index if d.ref else 0))
    shown = rows[:MATRIX_DOC_LIMIT]
    top = max((d.rules[c] for d in shown for c in codes), default=0) or 1
    head = ['<th data-type="text">文件</th>', '<th data-type="num">篇</th>', '<th data-type="text">标题</th>',
            '<th data-type="text">类型</th>', '<th data-type="num">行</th>']
    head += [f'<th data-type="num" class="sev-{s.value}">{SEVERITY_LABEL[s]}</th>' for s in _SEV_ORDER]
    head.append('<th data-type="num">合计</th>')
    head += [f'<th data-type="num" class="rule-col" title="{_e(code + " " + rules[code][0])}">{_e(code)}</th>'
             for code in codes]
    out = ['<table id="documents" class="sortable matrix"><thead><tr>', "".join(head), "</tr></thead><tbody>"]
    for d in shown:
        ref = d.ref
        cells = [f'<td class="path">{_e(d.path)}</td>',
                 f'<td data-v="{ref.index if ref else 0}">{ref.index if ref else "—"}</td>',
                 f'<td class="title">{_e(ref.title or "（无标题）") if ref else "（文件级问题）"}</td>',
                 f'<td>{_e(ref.profile) if ref else ""}</td>',
                 f'<td data-v="{ref.line if ref else 0}">{ref.line if ref else ""}</td>']
        cells += [f'<td data-v="{d.counts[s]}" class="n{" sev-" + s.value if d.counts[s] else ""}">'
                  f'{d.counts[s] or ""}</td>' for s in _SEV_ORDER]
        cells.append(f'<td data-v="{d.total}" class="n total">{d.total}</td>')
        for code in codes:
            n = d.rules[code]
            if n:
                alpha = 0.15 + 0.6 * n / top
                cells.append(f'<td data-v="{n}" class="n hit" data-doc="{_e(d.key)}" data-rule="{_e(code)}" '
                             f'style="background:rgba(198,40,40,{alpha:.2f})">{n}</td>')
            else:
                cells.append('<td data-v="0" class="n"></td>')
        out.append(f'<tr data-doc="{_e(d.key)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    notes = []
    if len(rows) > len(shown):
        notes.append(f"仅列出前 {len(shown)} 篇文档（共 {len(rows)} 篇）。")
    if len(rules) > len(codes):
        notes.append(f"矩阵仅列出问题最多的 {len(codes)} 条规则（共 {len(rules)} 条）。")
    if notes:
        out.append(f'<p class="note">{"".join(notes)}</p>')
    return "".join(out)


def _excerpt(source: Any, f: Finding, context: int = 40) -> str:
    """The finding's line around its span, escaped, with the span in ``<mark>``."""
    text = getattr(source, "text", None)
    if not isinstance(text, str):
        return ""
    start = max(0, min(f.start_offset, len(text)))
    end = max(start, min(f.end_offset, len(text)))
    if f.start_offset == 0 and f.end_offset == 0 and (f.line, f.column) != (1, 1):
        return ""  # no offsets recorded (a finding built by hand)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    end_shown = min(end, line_end, start + 200)
    lo = max(line_start, start - context)
    hi = min(line_end, end_shown + context)
    before, marked, after = text[lo:start], text[start:end_shown], text[end_shown:hi]
    mark = f"<mark>{_e(marked)}</mark>" if marked else '<mark class="point"></mark>'
    return (f'<div class="excerpt">{"…" if lo > line_start else ""}{_e(before)}{mark}{_e(after)}'
            f'{"…" if hi < line_end else ""}</div>')


def _findings_table(findings: list[Finding], docs: dict[str, _Doc], sources: Mapping[str, Any] | None = None) -> str:
    sources = sources or {}
    out = ['<table id="findings" class="sortable"><thead><tr>',
           '<th data-key="path" data-type="text">文件</th>',
           '<th data-key="line" data-type="num">行</th>',
           '<th data-key="column" data-type="num">列</th>',
           '<th data-key="doc" data-type="text">文档</th>',
           '<th data-key="severity" data-type="num">级别</th>',
           '<th data-key="code" data-type="text">规则</th>',
           '<th data-key="message" data-type="text">说明</th>',
           "</tr></thead><tbody>"]
    for i, f in enumerate(findings):
        key = _doc_key(f.path, f.document.index) if f.document is not None else _doc_key(f.path, 0)
        d = docs.get(key)
        doc_label = f"第{f.document.index}篇 {f.document.title}" if f.document is not None else "（文件）"
        fix = ""
        if f.fix is not None:
            fix = f'<div class="fix">可自动修复：{_e(f.fix.message)}</div>'
        src = sources.get(f.path)
        excerpt = _excerpt(src, f) if src is not None else ""
        # The path sorts by itself and then by position: its sort value carries the order.
        out.append(
            f'<tr data-severity="{f.severity.value}" data-rule="{_e(f.code)}" data-doc="{_e(key)}">'
            f'<td data-v="{i:08d}">{_e(f.path)}</td>'
            f'<td data-v="{f.line}" class="n">{f.line}</td>'
            f'<td data-v="{f.column}" class="n">{f.column}</td>'
            f'<td data-v="{_e(key)}" title="{_e(d.label if d else doc_label)}">{_e(_short(doc_label, 40))}</td>'
            f'<td data-v="{f.severity.rank}"><span class="badge sev-{f.severity.value}">'
            f'{SEVERITY_LABEL[f.severity]}</span></td>'
            f'<td data-v="{_e(f.code)}"><code>{_e(f.code)}</code> <span class="rule-name">{_e(f.name)}</span></td>'
            f'<td class="msg">{_e(f.message)}{excerpt}{fix}</td></tr>')
    out.append("</tbody></table>")
    if not findings:
        out.append('<p class="empty">没有发现问题。</p>')
    return "".join(out)


def _filters(docs: dict[str, _Doc], rules: dict[str, tuple[str, Severity, int]]) -> str:
    sev = ['<option value="">全部级别</option>'] + [
        f'<option value="{s.value}">{SEVERITY_LABEL[s]}（{s.value}）</option>' for s in _SEV_ORDER]
    rule = ['<option value="">全部规则</option>'] + [
        f'<option value="{_e(code)}">{_e(code)} {_e(name)}（{n}）</option>'
        for code, (name, _, n) in sorted(rules.items())]
    doc = ['<option value="">全部文档</option>'] + [
        f'<option value="{_e(d.key)}">{_e(_short(d.label, 60))}（{d.total}）</option>'
        for d in sorted(docs.values(), key=lambda d: (d.path, d.ref.index if d.ref else 0)) if d.total]
    return ('<form id="filters">'
            f'<label>级别 <select id="f-severity">{"".join(sev)}</select></label> '
            f'<label>规则 <select id="f-rule">{"".join(rule)}</select></label> '
            f'<label>文档 <select id="f-doc">{"".join(doc)}</select></label> '
            '<label>搜索 <input id="f-q" type="search" placeholder="说明、文件或标题中的文字"></label> '
            '<button type="button" id="f-reset">清除筛选</button> '
            '<span id="shown" aria-live="polite"></span></form>')


def _asset(name: str) -> str:
    """A file of the page (its CSS and script), shipped in the package beside this module."""
    from importlib.resources import files

    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _generated_now() -> _dt.datetime:
    """The page's date: now, or SOURCE_DATE_EPOCH (the reproducible-builds convention) when set,
    so that two runs over the same files can give the same page."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).replace(tzinfo=None)
    return _dt.datetime.now().replace(microsecond=0)


def render(findings: Iterable[Finding], documents: Mapping[str, list[DocumentRef]] | None = None,
           **context: Any) -> str:
    """The page as a string. ``context``: ``files`` (the number of files linted, or their
    paths), ``sources`` (path → Source: each finding then shows its line with the span
    marked), ``title``, ``version``, ``errors`` (strings: files that could not be read),
    ``generated`` (a datetime or string). Other keys are ignored."""
    from ..._version import __version__

    findings = list(findings)
    documents = documents or {}
    docs, rules = _collect(findings, documents)
    counts = Counter(f.severity for f in findings)
    paths = set(documents) | {f.path for f in findings}
    files = context.get("files")  # a count, or the paths linted (the CLI passes the paths)
    if isinstance(files, int):
        n_files = files
    elif files is not None and not isinstance(files, (str, bytes)):
        n_files = len(set(files) | paths)
    else:
        n_files = len(paths)
    sources = context.get("sources") or {}
    title = str(context.get("title") or "信息公开报告检查结果")
    generated = context.get("generated") or _generated_now()
    if isinstance(generated, _dt.datetime):
        generated = generated.isoformat(sep=" ")
    version = context.get("version") or __version__
    errors = [(f"{path}：{reason}" if path else reason)
              for path, reason in map(error_parts, context.get("errors") or ())]
    n_docs = sum(1 for d in docs.values() if d.ref is not None)

    summary = "".join(
        f'<div class="sev-{s.value}"><b>{counts[s]}</b>{SEVERITY_LABEL[s]}</div>' for s in _SEV_ORDER)
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="disclosure-lint {_e(version)}">',  # ownoutput.py skips the page
        # No request of any kind may leave the page: a reviewer opens it offline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(title)}</title><style>{_asset('page.css')}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">disclosure-lint {_e(version)} · 生成于 {_e(generated)} · '
        f"{n_files} 个文件 · {n_docs} 篇文档 · {len(findings)} 个问题</p>",
        f'<div class="summary"><div><b>{len(findings)}</b>问题合计</div>{summary}'
        f"<div><b>{len(rules)}</b>涉及规则</div></div>",
    ]
    if errors:
        parts.append('<h2>无法检查的文件</h2><ul class="errors">'
                     + "".join(f"<li>{_e(e)}</li>" for e in errors) + "</ul>")
    parts += [
        "<h2>统计图</h2>", _charts(docs, rules),
        "<h2>文档 × 规则</h2>",
        '<p class="note">每行一篇文档；规则列中的数字是该文档中该规则的问题数，点击数字可只看这些问题。点击表头排序。</p>',
        '<div class="matrix-wrap">', _documents_table(docs, rules), "</div>",
        "<h2>问题清单</h2>", _filters(docs, rules), _findings_table(findings, docs, sources),
        f"<script>{_asset('page.js')}</script></body></html>\n",
    ]
    return "".join(parts)


def write(out: TextIO, findings: list[Finding], documents: Mapping[str, list[DocumentRef]] | None = None,
          **context: Any) -> None:
    """Write the page to ``out`` (open it with encoding="utf-8")."""
    out.write(render(findings, documents, **context))

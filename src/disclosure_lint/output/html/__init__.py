"""HTML: the review page, one self-contained file for an auditor reviewing many agencies' reports.

The run's data is embedded once as JSON (``<script type="application/json" id="dl-data">``,
built by ``data.py``) and the page's own script (``page.js``, plain JavaScript, no library)
renders from it on demand: first an overview of agencies × years with submitted, missing and
unreadable reports and their findings, searchable by unit name and filtered by rule,
severity and region; then, on a click, one report's findings beside its text, the spans
marked. No request of any kind leaves the page (no CDN, no font, no image; the
Content-Security-Policy forbids them): it works offline and from an e-mail attachment.

Nothing a document says reaches markup or code: the JSON carries no ``<`` (escaped as
``\\u003c``) and the script inserts every text as text. The page's state can be set from the
address: ``review.html?q=教育&region=某市&rule=DL301&severity=error#r=12`` (``#r=`` opens a
report). When the script has run, ``<html>`` gets ``data-ready="1"``.

The CSS and the script are package data beside this module (shipped in the wheel).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from typing import Any, TextIO

from ...checks.finding import DocumentRef, Finding, Severity
from .. import error_parts
from . import data as _data

#: Severity labels shown to reviewers, by interface language.
SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
#: The name of the rule whose findings the overview lists under 跨单位雷同 (when present).
CROSS_AGENCY_RULE = "cross-agency-copy"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


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


def page_data(findings: Iterable[Finding], documents: Mapping[str, list[DocumentRef]] | None = None,
              **context: Any) -> dict[str, Any]:
    """The data the page embeds (see ``render`` for ``context``)."""
    from ..._version import __version__
    from ..i18n import language

    findings = list(findings)
    documents = documents or {}
    lang = context.get("language") or language()
    en = lang == "en"
    files = context.get("files")  # a count, or the paths linted (the CLI passes the paths)
    paths: list[str] = []
    if files is not None and not isinstance(files, (int, str, bytes)):
        paths = [str(p) for p in files]
    errors = [error_parts(e) for e in context.get("errors") or ()]
    generated = context.get("generated") or _generated_now()
    if isinstance(generated, _dt.datetime):
        generated = generated.isoformat(sep=" ")
    title = str(context.get("title") or ("Disclosure report review" if en else "信息公开报告检查结果"))
    meta = {"title": title, "version": str(context.get("version") or __version__), "generated": str(generated),
            "lang": "en" if en else "zh", "cross_rule": CROSS_AGENCY_RULE}
    d = _data.build(findings, documents, context.get("sources") or {}, errors, paths, meta,
                    full_text_limit=context.get("full_text_limit", _data.FULL_TEXT_LIMIT), taken=context.get("taken"))
    n_files = files if isinstance(files, int) else len(d["files"])
    d["meta"]["files"] = n_files
    return d


def render(findings: Iterable[Finding], documents: Mapping[str, list[DocumentRef]] | None = None,
           **context: Any) -> str:
    """The page as a string. ``context``: ``files`` (the number of files linted, or their
    paths), ``sources`` (path → Source: the report view shows the text with the findings
    marked), ``title``, ``version``, ``errors`` (files that could not be read: FileErrors or
    ``path: error: reason`` strings), ``generated`` (a datetime or string), ``language``
    (``"zh"``/``"en"``; default: the interface language), ``full_text_limit``, ``taken``
    (path → ``data.FileText``: what a streamed run took of texts it did not keep). Other
    keys are ignored."""
    return "".join(_pieces(page_data(findings, documents, **context)))


def _pieces(d: dict[str, Any]) -> Iterator[str]:
    meta = d["meta"]
    en = meta["lang"] == "en"
    loading = "Loading…" if en else "正在载入…"
    noscript = ("This page needs JavaScript to show the review." if en
                else "本页需要启用 JavaScript 才能显示检查结果。")
    yield from [
        "<!DOCTYPE html>\n",
        f'<html lang="{"en" if en else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="disclosure-lint {_e(meta["version"])}">',  # ownoutput.py skips the page
        # No request of any kind may leave the page: a reviewer opens it offline.
        ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"),
        f"<title>{_e(meta['title'])}</title><style>{_asset('page.css')}</style></head><body>",
        f'<div id="app"><h1>{_e(meta["title"])}</h1><p id="loading">{loading}</p>',
        f"<noscript><p>{noscript}</p></noscript></div>",
        '<script type="application/json" id="dl-data">',
    ]
    yield from _data.dump_pieces(d)
    yield f"</script><script>{_asset('page.js')}</script></body></html>\n"


def write(out: TextIO, findings: list[Finding], documents: Mapping[str, list[DocumentRef]] | None = None,
          **context: Any) -> None:
    """Write the page to ``out`` (open it with encoding="utf-8"), piece by piece."""
    out.writelines(_pieces(page_data(findings, documents, **context)))

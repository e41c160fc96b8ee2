"""Fuzzing every reader with hypothesis: random files of each kind are linted from disk the
way the command line lints them (``batch.lint_one``); an internal error (an exception the
reader or a rule did not turn into a clear InputError, or a DL900 finding) is a failure.

    python benchmarks/fuzz_readers.py [--minutes 10] [--only text,docx,html,csv] [--seed N]

Kinds: text (.txt and .md, in UTF-8, GB18030 or UTF-16, built from a report's phrases,
markers, numbers and random characters), docx (python-docx documents of random paragraphs
and tables, some cells merged), html (tag soup: tables, nesting, unclosed tags, entities,
comments), csv (catalogue rows with quotes, separators and line breaks inside fields).
The time is shared equally between the kinds. Prints, per kind, examples run, files
refused with a clear line, internal errors (with the first few messages); exits 1 if any.
It is not a test (tests/test_properties.py is the quick version): run it by hand, alone.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint.run.batch import lint_one  # noqa: E402
from disclosure_lint.run.engine import INTERNAL_ERROR_CODE
from disclosure_lint.run.settings import Settings  # noqa: E402

PHRASES = [
    "青山县人民政府办公室", "2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项", "（一）", "（二）", "1.", "2、", "第一条", "本年新制作数量", "本年新公开数量",
    "对外公开总数量", "规范性文件", "行政许可", "行政处罚", "自然人", "法人或其他组织", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计", "予以公开", "部分公开", "不予公开", "维持", "纠正",
    "尚未审结", "截至2023年12月31日", "2024年1月20日", "共计", "件", "条", "个", "万元", "%", "。", "，",
    "；", "：", "、", "\t", "  ", "\u3000", "|", "---", "#", "**", "<!-- disclosure-lint-disable -->",
    "<!-- disclosure-lint-enable DL311 -->", "XX", "××", "〔2023〕1号", "①", "Ⅰ", "的的", "工作工作",
]
CHARS = st.characters(codec="utf-8")  # any code point but surrogates (they cannot be in a file)
NUMBER = st.integers(min_value=-5, max_value=10**9).map(str)
FRAGMENT = st.one_of(st.sampled_from(PHRASES), NUMBER, st.text(CHARS, max_size=8),
                     st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=12))
LINE = st.lists(FRAGMENT, max_size=12).map("".join)
LINES = st.lists(LINE, min_size=1, max_size=60)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])


def text_file() -> st.SearchStrategy[tuple[str, bytes]]:
    def build(lines: list[str], nl: str, enc: str, suffix: str) -> tuple[str, bytes]:
        text = nl.join(lines)
        return suffix, text.encode(enc, "replace") if enc == "gb18030" else text.encode(enc)

    return st.builds(build, LINES, NEWLINE, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]),
                     st.sampled_from([".txt", ".md"]))


CELL = st.one_of(st.sampled_from(PHRASES), NUMBER, st.just(""), st.text(CHARS, max_size=6))


def docx_file() -> st.SearchStrategy[tuple[str, bytes]]:
    block = st.one_of(
        st.tuples(st.just("p"), LINE, st.sampled_from([None, "Heading 1", "Heading 2", "List Number", "Title"])),
        st.tuples(st.just("t"), st.lists(st.lists(CELL, min_size=1, max_size=7), min_size=1, max_size=8),
                  st.lists(st.tuples(st.integers(0, 7), st.integers(0, 6), st.integers(0, 7), st.integers(0, 6)),
                           max_size=2)),
    )

    def build(blocks: list[tuple]) -> tuple[str, bytes]:
        import docx

        d = docx.Document()
        for b in blocks:
            if b[0] == "p":
                text = "".join(ch for ch in b[1] if ch == "\t" or ch == "\n" or ord(ch) >= 32)
                try:
                    d.add_paragraph(text, style=b[2])
                except (KeyError, ValueError):
                    d.add_paragraph(text)
            else:
                rows = b[1]
                cols = max(len(r) for r in rows)
                table = d.add_table(rows=len(rows), cols=cols)
                for i, row in enumerate(rows):
                    for j, value in enumerate(row):
                        table.cell(i, j).text = "".join(ch for ch in value if ord(ch) >= 32)
                for r0, c0, r1, c1 in b[2]:  # merged cells (python-docx refuses some shapes)
                    try:
                        table.cell(min(r0, len(rows) - 1), min(c0, cols - 1)).merge(
                            table.cell(min(r1, len(rows) - 1), min(c1, cols - 1)))
                    except Exception:  # noqa: BLE001 - an impossible merge: leave the cells
                        pass
        buf = io.BytesIO()
        d.save(buf)
        return ".docx", buf.getvalue()

    return st.lists(block, min_size=1, max_size=12).map(build)


TAG = st.sampled_from(["p", "div", "table", "tr", "td", "th", "tbody", "span", "b", "font", "br", "h1", "h2", "li",
                       "ul", "ol", "script", "style", "pre", "a", "img", "thead", "caption", "center"])


def html_file() -> st.SearchStrategy[tuple[str, bytes]]:
    token = st.one_of(
        TAG.map(lambda t: f"<{t}>"), TAG.map(lambda t: f"</{t}>"),
        st.tuples(TAG, st.sampled_from(['colspan="2"', 'rowspan="3"', 'colspan="0"', 'rowspan="-1"',
                                        'colspan="99999"', 'style="display:none"', 'class="x"', ""])).map(
            lambda t: f"<{t[0]} {t[1]}>"),
        st.sampled_from(["&nbsp;", "&#12288;", "&#xD800;", "&#0;", "&amp;", "&lt;", "&#x1F600;", "<!--", "-->",
                         "<!DOCTYPE html>", "<meta charset=\"gbk\">", "<meta charset=\"utf-8\">", "<![CDATA[", "\n"]),
        FRAGMENT,
    )

    def build(tokens: list[str], enc: str) -> tuple[str, bytes]:
        return ".html", "".join(tokens).encode(enc, "replace")

    return st.builds(build, st.lists(token, min_size=1, max_size=120), st.sampled_from(["utf-8", "gb18030"]))


def csv_file() -> st.SearchStrategy[tuple[str, bytes]]:
    header = ["索引号", "名称", "发布机构", "成文日期", "公开方式"]
    field = st.one_of(CELL, st.sampled_from(["2023-01-05", "2023年1月5日", "11530000-01-2023-0001", '"', ",",
                                             "\n", "\t", "=1+1", ""]))

    def build(rows: list[list[str]], with_header: bool, sep: str, enc: str) -> tuple[str, bytes]:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=sep)
        if with_header:
            w.writerow(header)
        for r in rows:
            w.writerow(r)
        return (".csv" if sep == "," else ".tsv"), buf.getvalue().encode(enc, "replace")

    return st.builds(build, st.lists(st.lists(field, max_size=7), max_size=40), st.booleans(),
                     st.sampled_from([",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))


warnings.filterwarnings("ignore", message="Generating overly large repr")

KINDS = {"text": text_file, "docx": docx_file, "html": html_file, "csv": csv_file}


def fuzz(kind: str, seconds: float, folder: Path, seed: int | None) -> dict:
    strategy = KINDS[kind]()
    lint_settings = Settings.default()
    stats: Counter[str] = Counter()
    failures: list[str] = []
    deadline = time.monotonic() + seconds
    path_of = {s: folder / f"fuzz{s}" for s in (".txt", ".md", ".docx", ".html", ".csv", ".tsv")}

    # Batches of 100 examples, generation only (nothing fails, so nothing to shrink or replay),
    # until the time is up.
    @settings(max_examples=100, deadline=None, database=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(case: tuple[str, bytes]) -> None:
        if time.monotonic() > deadline:
            return
        suffix, data = case
        path = path_of[suffix]
        path.write_bytes(data)
        result = lint_one(str(path), lint_settings)
        stats["examples"] += 1
        if result.error is not None:
            if result.error.startswith("internal error"):
                stats["internal errors"] += 1
                if len(failures) < 5:
                    failures.append(f"{suffix}: {result.error}\n{result.detail or ''}")
            else:
                stats["refused"] += 1
                stats[f"refused: {result.error[:60]}"] += 1
            return
        stats["findings"] += len(result.findings)
        for f in result.findings:
            if f.code == INTERNAL_ERROR_CODE:
                stats["internal errors"] += 1
                if len(failures) < 5:
                    failures.append(f"{suffix}: {f.message}")

    if seed is not None:
        one = __import__("hypothesis").seed(seed)(one)
    t0 = time.monotonic()
    while time.monotonic() < deadline:
        one()
    stats["seconds"] = round(time.monotonic() - t0)
    return {"stats": stats, "failures": failures}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--only", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    kinds = [k.strip() for k in args.only.split(",") if k.strip()]
    per_kind = args.minutes * 60 / len(kinds)
    total_errors = 0
    with tempfile.TemporaryDirectory(prefix="fuzz-readers-") as tmp:
        for kind in kinds:
            out = fuzz(kind, per_kind, Path(tmp), args.seed)
            s = out["stats"]
            total_errors += s["internal errors"]
            refused = sorted(((n, k) for k, n in s.items() if k.startswith("refused: ")), reverse=True)[:3]
            print(f"{kind:5} {s['examples']:7d} examples in {s['seconds']:4d} s; refused {s['refused']:6d}; "
                  f"findings {s['findings']:8d}; internal errors {s['internal errors']}", flush=True)
            for n, k in refused:
                print(f"      {n:6d} × {k.removeprefix('refused: ')}")
            for f in out["failures"]:
                print("  FAIL " + f.replace("\n", "\n       "))
    print(f"internal errors: {total_errors}")
    return 1 if total_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

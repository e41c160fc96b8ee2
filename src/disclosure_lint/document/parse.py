"""Source text → documents: split a file into its documents, find each one's title,
headings, paragraphs, tables and signature block, and undo the hard wrapping of PDF text.

Why this module is long: it is one pass over a file's lines, whose steps (where a document
starts, what a line is, which lines join) decide on each other's results; split apart, each
piece would need the others' state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..util.regexutil import compile as rx_compile
from ..util.regexutil import lazy_re
from .flat import cells_run_together, is_flattened, table_pieces
from .flat import pieces as flat_pieces
from .model import Block, Document, Heading, Paragraph, Signature, Table
from .numbering import Marker, marker_span, parse_marker
from .source import Source

# "第一篇:…" opens a document in a file that holds several.
_DOC_MARKER = lazy_re(r"第([一二三四五六七八九十百]+|\d+)篇\s*[:：]?\s*")
# A web page's breadcrumb: what stands above it is the site's navigation.
_BREADCRUMB = lazy_re(r"(?:您现在的位置|您当前的位置|当前位置|所在位置|首页\s*[>＞»/])")
_TITLE_WORDS = lazy_re(
    r"(总结|报告|年报|情况|要点|计划|打算|思路|方案|通知|意见|目录|汇报|公告|通报|规定|办法|指南|纪要)\s*"
    r"(?:[（(][^（）()]{1,8}[）)]\s*)?$"  # a note after it: （经验交流）, （征求意见稿）
)
_SENTENCE_END = "。！？；!?;…"
_LINE_END_OK = "。！？；：!?;:…”’」』）)】》"
_MD_PREFIX = lazy_re(r"(#{1,6})\s+|[-*+]\s+(?=\S)|>\s*")
_ORGAN_END = lazy_re(
    r"(局|委|厅|办|政府|委员会|办公室|中心|院|所|处|站|部|署|乡|镇|街道|办事处|公司|分局|管委会|领导小组)$"
)
_DATE_LINE = lazy_re(
    r"^[（(]?\s*("
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[一二三四五六七八九〇○零OoＯ0]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
    r"|\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r")\s*[）)]?$"
)
_TABLE_ROW = lazy_re(r"^\s*\|.*|^\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NUMERIC_ROW = lazy_re(r"^[\s\d.,，\-—|/%％]+$")
_HAS_CJK = lazy_re(r"[\u3400-\u9fff]")
_SPACES = lazy_re(r"\s+")
_CELLS_RUN_TOGETHER = lazy_re(r"\d[.．]")  # "无2.没有现成信息": two cells on one line
_TITLE_STOP = lazy_re(r"[。！？!?；;]")

def visual_width(s: str) -> int:
    """Display width: CJK characters count two columns. (Computed from the UTF-8 length,
    which is 3 bytes for CJK and 1 for ASCII: a C-speed approximation.)"""
    n = len(s)
    return n + (len(s.encode("utf-8", "surrogatepass")) - n) // 2


_NORM_PAIRS = (("(", "（"), (")", "）"), ('"', "“"), ("'", "‘"), (":", "："), (",", "，"), ("”", "“"))


# Each line is normalised once per parse; the cache only serves lines seen in earlier reports
# (the 2021 format's fixed table labels).
@functools.lru_cache(maxsize=4096)
def _norm_label(s: str) -> str:
    s = _SPACES.sub("", s)
    # str.replace per mark: much faster than str.translate on CJK text.
    for a, b in _NORM_PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


@functools.cache
def _table_labels() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from ..util import packs

    pack = packs.load("tables")
    headers = tuple(_norm_label(x) for x in pack.header_labels)
    labels = tuple(sorted({_norm_label(x) for x in pack.labels}, key=lambda w: (-len(w), w)))
    return headers, labels


@functools.cache
def _label_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A header label at the start; a row label (longest first) at the start."""
    headers, labels = _table_labels()
    header_rx = rx_compile("|".join(re.escape(h) for h in headers))
    label_rx = rx_compile("|".join(re.escape(x) for x in labels))
    return header_rx, label_rx


@functools.cache
def _label_prefixes() -> frozenset[str]:
    """Every prefix of every table label."""
    _, labels = _table_labels()
    return frozenset(label[:k] for label in labels for k in range(1, len(label) + 1))


def _label_prefix(text: str) -> int:
    """Length of the longest common prefix of ``text`` with any table label."""
    prefixes = _label_prefixes()
    n = 0
    while n < len(text) and text[:n + 1] in prefixes:
        n += 1
    return n


def _table_shape(content: str, stripped: str) -> bool | None:
    """Whether the line is shaped like a table row (tabs, bars, numbers only); None when
    that depends on whether it holds a table label (``_is_label_row``)."""
    if "。" in content and "\t" not in content and "|" not in content and "-" not in content:
        return False  # a sentence (the fast answer for prose: none of the tests below can pass)
    if "\t" in content and "\t" in stripped and content.count("\t") >= 2:
        return True
    # A Markdown row or rule: it has a bar, or a rule's dashes.
    if ("|" in content or "-" in content) and _TABLE_ROW.match(content):
        return True
    if content.count("|") >= 2:
        # "（二）部分公开（…） | 0 | 0 | 0 |": a row whose label cell has no bar before it; the
        # cells after the label decide (numbers or empty), whatever the label says
        cells = content.split("|")[1:]
        if sum(1 for c in cells if not c.strip() or _NUMERIC_ROW.match(c)) >= 2:
            return True
    if _NUMERIC_ROW.match(stripped) and any(ch.isdigit() for ch in stripped):
        return not _DATE_LINE.match(stripped)  # "2013.5.6" closing a letter is a date
    if "。" in stripped:
        return False
    return None


def _is_label_row(label: str) -> bool:
    """A header label, or a row label followed by numbers only ("行政许可 97", "规章 0 0 0");
    ``label``: the line without its marker, normalised."""
    header_rx, label_rx = _label_regexes()
    if header_rx.match(label):
        return True
    m = label_rx.match(label)
    if m:
        rest = label[m.end():]
        return bool(rest) and bool(_NUMERIC_ROW.match(rest))
    return False


def _is_table_fragment(stripped: str, has_marker: bool, label: str) -> bool:
    """Inside a table region: a short line without a sentence, or a label fragment."""
    if "。" in stripped or visual_width(stripped) > 44:
        return False
    if not has_marker or not label:
        return True
    if _CELLS_RUN_TOGETHER.search(label):
        return True
    return _label_prefix(label) >= min(2, len(label))


class _Line:
    __slots__ = ("start", "end", "text", "lineno", "kind", "md_level", "content_start", "content", "block",
                 "marker", "piece", "flat_table")

    def __init__(self, start: int, end: int, text: str, lineno: int) -> None:
        self.start, self.end, self.text, self.lineno = start, end, text, lineno
        self.kind = "text" if text.strip() else "blank"
        self.md_level = 0
        self.content_start = 0  # offset within text after indentation and markdown prefixes
        self.content = text  # text[content_start:]
        self.block: Block | None = None  # its entry of Document.lines
        self.marker: Marker | None = None  # a heading's marker (set by _classify)
        self.piece = False  # a piece of a flattened line (see flat.py)
        self.flat_table = ""  # why a table line's cells cannot be told apart (they ran together)


def parse(source: Source) -> list[Document]:
    """Split ``source`` into documents and build each one's model."""
    text = source.text
    lines = [_Line(s, e, text[s:e], i) for i, (s, e) in enumerate(source.lines(), 1)]
    if source.kind == "catalogue":
        return [_catalogue(source, lines)]
    lines = _unflatten(lines)
    markdown = source.kind == "markdown"
    for ln in lines:
        first = ln.text[:1]
        # Most lines start with their text: nothing to strip.
        if first in _PREFIX_FIRST or first.isspace():
            _prepare(ln, markdown)
        if ln.kind == "text" and _is_page_chrome(ln.text):
            ln.kind = "comment"  # a web page's own fields and controls, not the document's text
        elif ln.kind == "text" and ("：" in ln.content[:8] or ":" in ln.content[:8]):
            tf = _TITLE_FIELD.match(ln.content)
            if tf is not None and tf.end() < len(ln.content.rstrip()):
                ln.content_start += tf.end()
                ln.content = ln.content[tf.end():]
    groups: list[tuple[_Line | None, list[_Line]]] = []
    current: list[_Line] = []
    marker: _Line | None = None
    for ln in lines:
        if ln.kind != "blank" and ln.content.startswith("第") and _is_doc_marker(ln.content):
            if current or marker is not None:
                groups.append((marker, current))
            marker, current = ln, []
        else:
            current.append(ln)
    groups.append((marker, current))
    docs = []
    for marker, body in groups:
        if marker is None and not any(ln.kind != "blank" for ln in body):
            continue
        docs.append(_build(source, len(docs) + 1, marker, body))
    if not docs:
        docs.append(_build(source, 1, None, lines))
    for d in docs:
        d.siblings = docs
    return docs


def _unflatten(lines: list[_Line]) -> list[_Line]:
    """A page flattened to a few very long lines, cut back into its lines (flat.py); other
    text is returned as it is."""
    widths = [visual_width(ln.text) for ln in lines if ln.kind != "blank"]
    if not is_flattened(widths):
        return lines
    out: list[_Line] = []
    for ln in lines:
        if ln.kind == "blank" or visual_width(ln.text) < 200:
            out.append(ln)
            continue
        spans = list(flat_pieces(ln.text))
        flags = table_pieces([ln.text[s:e] for s, e in spans])
        for (s, e), is_table in zip(spans, flags):
            piece = _Line(ln.start + s, ln.start + e, ln.text[s:e], ln.lineno)
            piece.piece, piece.flat_table = True, _FLAT_TABLE if is_table else ""
            out.append(piece)
    return out


_FLAT_TABLE = "网页转存时表格的单元格连在一起，无法逐格核对"
_RUN_TOGETHER = "表格的单元格连在一起（没有分隔），无法逐格核对"
# A heading over a statistics table ("七、…政府信息公开情况统计表").
_TABLE_HEADING = lazy_re(r"统计表|情况表|统计数据")
_GLUED_NUMBER = lazy_re(r"[\u3400-\u9fff]\d+[\u3400-\u9fff]")


def _catalogue(source: Source, lines: list[_Line]) -> Document:
    """A catalogue is one document of rows: no titles, headings or paragraphs to find (the
    catalogue rules read the rows from ``lines``)."""
    nonblank = [ln for ln in lines if ln.kind != "blank"]
    return Document(index=1, source=source, start=0, end=len(source.text), first_line=1,
                    last_line=lines[-1].lineno if lines else 1, lines=[_block(ln) for ln in nonblank],
                    profile="catalogue")


def _is_doc_marker(content: str) -> bool:
    m = _DOC_MARKER.match(content)
    if not m:
        return False
    if content[m.end(1) + 1:m.end()].strip() or not content[m.end():].strip():
        return True  # "第一篇:" or a line of its own
    return visual_width(content) <= 60 and "。" not in content


_MD_COMMENT = lazy_re(r"\s*<!--.*?-->\s*$")
# What a line that _prepare changes can start with (besides white space).
_PREFIX_FIRST = frozenset("#-*+><")


def _prepare(ln: _Line, markdown: bool) -> None:
    text = ln.text
    if markdown and ln.kind != "blank" and _MD_COMMENT.match(text):
        ln.kind = "comment"  # not published text (and the home of suppression directives)
        return
    i = len(text) - len(text.lstrip(" \t\u3000"))
    # Markdown heading marks also turn up in .txt files converted from Markdown.
    m = _MD_PREFIX.match(text, i)
    if m and (markdown or m.group(1)):
        if m.group(1):
            ln.md_level = len(m.group(1))
        i = m.end()
    # Bold markers around a heading ("**一、总体情况**") are not part of the text.
    while text.startswith("**", i):
        i += 2
    ln.content_start = i
    ln.content = text[i:]


# A web page's fields and controls around an article: 发布时间：…, 浏览次数：…, 字体：[大 中 小],
# 【打印】【关闭】, 当前位置：首页 > …, or a bare time stamp ("17.03.2015  14:46"; a date
# alone may be the signing date).
_PAGE_FIELD = lazy_re(
    r"(?:发布时间|发布日期|发布来源|信息来源|文章来源|来\s*源|浏览次数|阅读次数|访问次数|点击数|点击量|字\s*体(?:大小)?|字\s*号"
    r"|当前位置|您现在的位置|您当前的位置|所在位置|责任编辑|分享到"
    r"|索引号|发布机构|公开方式|组配分类|主题分类|体裁分类|文件编号|发文日期|公开范围|公开时限)\s*[:：]"
    r"|[【\[]\s*(?:打印|关闭|收藏|字体)")
# The same fields set as a table without colons ("索 引 号 1133…", "组配分类 政府信息公开年报").
_FIELD_NO_COLON = lazy_re(r"(?:索\s*引\s*号|组配分类|主题分类|公开方式|发布机构|成文日期|发文日期)[ \t\u3000]+\S")
_TIME_STAMP = lazy_re(r"\s*\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*")


# A line of a site's controls only ("登录    注册", "无障碍浏览", "简体 | 繁體 | English").
_CONTROLS_ONLY = lazy_re(
    r"(?:(?:登录|注册|无障碍浏览|无障碍|长者模式|关怀版|适老化|简体|繁體|繁体|English|网站地图|设为首页|加入收藏"
    r"|手机版|移动版|智能问答|站内搜索|搜索|打印本页|关闭窗口|返回顶部)[\s|/·丨]*)+")


def _is_page_chrome(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 150 or "。" in t:
        return False
    # the shapes chrome takes: a field's colon or bracket, a trail's ">", a time stamp's digit,
    # or a short line of controls — most lines have none and need no pattern
    if len(t) > 40 and not t[:1].isdigit() and not any(ch in t for ch in ":：【[>＞›»"):
        return _FIELD_NO_COLON.match(t) is not None
    return (_FIELD_NO_COLON.match(t) is not None or _PAGE_FIELD.search(t) is not None
            or _TIME_STAMP.fullmatch(t) is not None or _CONTROLS_ONLY.fullmatch(t) is not None
            or _is_breadcrumb_trail(t))


def _is_breadcrumb_trail(t: str) -> bool:
    """"> 政务公开 > 乡镇街道 > 下各镇 > 政府信息公开年报": short steps between ">" (or › »)."""
    if "<" in t:
        return False  # markup ("<!--[if gte mso 9]><xml>"), not a trail
    steps = [x.strip() for x in re.split(r"[>＞›»]", t)]
    inner = [x for x in steps if x]
    return (len(steps) >= 3 and len(inner) >= 2
            and all(len(x) <= 20 and _HAS_CJK.search(x) is not None for x in inner))


# A title given as a page's field ("- 标题: 济南市退役军人事务局2024年…年度报告"): the title is
# what follows the label.
_TITLE_FIELD = lazy_re(r"[-*·•]?\s*(?:标\s*题|题\s*目|文章标题)\s*[:：]\s*")


def _block(ln: _Line, start_in_line: int = 0) -> Block:
    """The rest of a line from ``start_in_line`` on."""
    return Block(ln.text[start_in_line:], [(0, ln.start + start_in_line)], ln.lineno, ln.lineno)


def _content_block(ln: _Line) -> Block:
    return Block(ln.content, [(0, ln.start + ln.content_start)], ln.lineno, ln.lineno)


def _line_block(ln: _Line) -> Block:
    """The line's block in Document.lines (a table shares it in its ``lines``)."""
    ln.block = _content_block(ln)
    return ln.block


def _title_block(lines: list[_Line]) -> tuple[list[_Line], bool]:
    """The lines that make up a title at the start of ``lines`` (may be empty)."""
    nonblank = [ln for ln in lines if ln.kind != "blank"][:8]
    if not any(ln.kind != "comment" for ln in nonblank):
        return [], False
    picked: list[_Line] = []
    for ln in nonblank:
        c = ln.content.strip().strip("*").strip()
        if _BREADCRUMB.match(c) or _is_breadcrumb_trail(c):
            picked = []  # a web page's navigation above the breadcrumb is no title
            continue
        if ln.kind == "comment" or not c:
            continue
        if not picked and len(c) <= 3 and not _TITLE_WORDS.search(c):
            continue  # "正文", a page label before the title
        if parse_marker(c) is not None or any(p in c for p in "。；;"):
            break
        if c.endswith((":", "：")) or _DATE_LINE.match(c):
            break
        if visual_width("".join(p.content for p in picked) + c) > 110:
            break
        picked.append(ln)
        if _TITLE_WORDS.search(c) or ln.md_level == 1:
            return picked, True
    return [], False


def _build(source: Source, index: int, marker: _Line | None, body: list[_Line]) -> Document:
    all_lines = ([marker] if marker else []) + body
    nonblank = [ln for ln in all_lines if ln.kind not in ("blank", "comment")]
    start = all_lines[0].start if all_lines else 0
    end = all_lines[-1].end if all_lines else 0
    doc = Document(
        index=index,
        source=source,
        start=start,
        end=end,
        first_line=all_lines[0].lineno if all_lines else 1,
        last_line=all_lines[-1].lineno if all_lines else 1,
        lines=[_line_block(ln) for ln in nonblank],
    )
    if marker is not None:
        m = _DOC_MARKER.match(marker.content)
        assert m is not None
        doc.marker = _block(marker, marker.content_start + m.end())
        marker.kind = "marker"

    # Title: the first lines, if they look like one; else the marker's own text.
    title_lines, found = _title_block(body)
    if found:
        for ln in title_lines:
            ln.kind = "title"
        doc.title = Block(*_join([(ln, ln.content_start) for ln in title_lines], strip_stars=True))
    elif doc.marker is not None and doc.marker.text.strip():
        doc.title = doc.marker

    doc.flattened = any(ln.piece for ln in body)
    _classify(body)
    _find_signature(doc, body)
    doc.hard_wrapped = not doc.flattened and _is_hard_wrapped(body)
    doc.blocks = list(_blocks(body, doc.hard_wrapped, source))
    return doc


_Joined = tuple[str, list[tuple[int, int]], int, int]


def _join(parts: list[tuple[_Line, int]], strip_stars: bool = False) -> _Joined:
    """Text, segments, first and last line of the lines joined (each from its offset on):
    the fields of a Block."""
    if len(parts) == 1 and not strip_stars:  # most paragraphs are one line
        ln, off = parts[0]
        return ln.text[off:], [(0, ln.start + off)], ln.lineno, ln.lineno
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    n = 0
    for ln, off in parts:
        piece = ln.text[off:]
        if strip_stars:
            stripped = piece.rstrip()
            while stripped.endswith("**"):
                stripped = stripped[:-2].rstrip()
            piece = stripped
        segments.append((n, ln.start + off))
        pieces.append(piece)
        n += len(piece)
    return "".join(pieces), segments, parts[0][0].lineno, parts[-1][0].lineno


def _label_heading(label: str, in_table: bool) -> bool:
    """A numbered line that is really a table label ("### 一、本年新收政府信息公开申请数量");
    ``label``: the line after its marker, normalised."""
    if not label:
        return False
    _, labels = _table_labels()
    if label in labels and (len(label) >= 6 or in_table):
        return True
    return in_table and (_label_prefix(label) >= min(4, len(label)) or bool(_CELLS_RUN_TOGETHER.search(label)))


_ATTACHMENTS = lazy_re(r"附\s*件\s*[：:]")


def _classify(body: list[_Line]) -> None:
    """Mark headings and table lines."""
    in_table = False
    in_attachments = False
    under_table_heading = False  # below a heading that names a statistics table
    for ln in body:
        if ln.kind in ("blank", "title", "marker", "comment"):
            continue
        content = ln.content
        if (under_table_heading or in_table) and not ln.flat_table and "。" not in content:
            stripped_ = content.strip()
            # Cells without any separator: no bar, tab or gap between them (those are read).
            if (not any(c.isspace() or c == "|" for c in stripped_)
                    and _GLUED_NUMBER.search(stripped_) and cells_run_together(stripped_)):
                # "1、政府网站公开数条12602、政府公报…": cells without separators, not a heading.
                ln.flat_table = _RUN_TOGETHER
        # The attachment note (附件说明, GB/T 9704-2012 7.3.4): "附件：1.…" and the numbered
        # names under it are a list of attachments, not headings.
        if content[:1] == "附" and _ATTACHMENTS.match(content):
            in_attachments = True
            continue
        if ln.flat_table:
            ln.kind, in_table, in_attachments = "table", True, False
            continue
        if content[:1] == "|":  # a Markdown table row (no marker): what the tests below say, at once
            ln.kind, in_table, in_attachments = "table", True, False
            continue
        span = marker_span(content)  # (layer, end) of its marker
        if in_attachments:
            if span is not None and span[0] == 3 and "。" not in content and visual_width(content) <= 80:
                continue
            in_attachments = False
        stripped = content.strip()
        # The stripped line's marker: the same unless the line has white space around it.
        same = len(stripped) == len(content)
        sspan = span if same else marker_span(stripped)
        label = None  # the stripped line after its marker, normalised (when needed)
        table = _table_shape(content, stripped)
        if table is None:
            label = _norm_label(stripped[sspan[1]:] if sspan else stripped)
            table = _is_label_row(label)
        # A marker holds no "。", so a line with one has no label after its marker.
        if not table and span is not None and "。" not in content:
            after = label if same and label is not None else _norm_label(content[span[1]:])
            table = _label_heading(after, in_table)
        if table:
            ln.kind, in_table = "table", True
            continue
        if in_table:
            if span is None or span[0] >= 2:
                if sspan is not None and label is None:
                    label = _norm_label(stripped[sspan[1]:])
                if _is_table_fragment(stripped, sspan is not None, label or ""):
                    ln.kind = "table"
                    continue
            in_table = False
        if span is not None and _HAS_CJK.search(content, span[1], span[1] + 30):
            ln.kind, ln.marker = "heading", parse_marker(content)
            under_table_heading = span[0] <= 1 and bool(_TABLE_HEADING.search(content)) or (
                under_table_heading and span[0] > 1)


def _find_signature(doc: Document, body: list[_Line]) -> None:
    rest = [ln for ln in body if ln.kind == "text"]
    # Trailing template junk ("$txy$") may follow the signature.
    while (rest and not _HAS_CJK.search(rest[-1].content) and len(rest[-1].content.strip()) <= 20
           and not _DATE_LINE.match(rest[-1].content.strip())):
        rest.pop()
    if not rest:
        return
    last = rest[-1]
    if not _DATE_LINE.match(last.content.strip()):
        return
    sig = Signature(date=_content_block(last))
    last.kind = "signature"
    if len(rest) >= 2:
        prev = rest[-2]
        c = prev.content.strip()
        if c and len(c) <= 30 and not any(p in c for p in "。，,；;：:") and _ORGAN_END.search(c):
            sig.issuer = _content_block(prev)
            prev.kind = "signature"
    doc.signature = sig


def _is_hard_wrapped(body: list[_Line]) -> bool:
    text_lines = [ln for ln in body if ln.kind == "text"]
    if len(text_lines) < 5:
        return False
    widths = sorted(visual_width(ln.content.rstrip()) for ln in text_lines)
    p90 = widths[int(len(widths) * 0.9) - 1] if len(widths) >= 10 else widths[-1]
    if p90 < 20 or p90 > 200:
        return False
    wrapped = sum(
        1
        for ln in text_lines
        if visual_width(ln.content.rstrip()) >= 0.8 * p90 and ln.content.rstrip()[-1:] not in _LINE_END_OK
    )
    return wrapped >= 4 and wrapped >= 0.4 * len(text_lines)


def _blocks(body: list[_Line], wrapped: bool, source: Source) -> Iterable[Block]:
    width = 0
    if wrapped:
        ws = sorted(visual_width(ln.content.rstrip()) for ln in body if ln.kind == "text")
        width = ws[int(len(ws) * 0.9) - 1] if len(ws) >= 10 else ws[-1]
    i = 0
    n = len(body)
    while i < n:
        ln = body[i]
        if ln.kind in ("blank", "title", "marker", "signature", "comment"):
            i += 1
            continue
        if ln.kind == "table":
            j = i
            parts = []
            while j < n and body[j].kind in ("table", "blank"):
                if body[j].kind == "table":
                    parts.append(body[j])
                j += 1
            yield Table(*_join([(p, p.content_start) for p in parts]),
                        lines=[p.block or _content_block(p) for p in parts],
                        unreadable=next((p.flat_table for p in parts if p.flat_table), ""))
            i = j
            continue
        if ln.kind == "heading":
            parts = [(ln, ln.content_start)]
            j = i + 1
            # A wrapped heading: a full-width heading line continued by a short line.
            if wrapped and j < n and body[j].kind == "text":
                nxt = body[j].content.strip()
                if (visual_width(ln.content.rstrip()) >= 0.9 * width and ln.content.rstrip()[-1:] not in _LINE_END_OK
                        and visual_width(nxt) < 0.5 * width and not any(p in nxt[:-1] for p in _SENTENCE_END)):
                    parts.append((body[j], body[j].content_start))
                    j += 1
            yield _heading(_join(parts, strip_stars=True), ln.marker, ln.md_level, source)
            i = j
            continue
        # Prose.
        parts = [(ln, ln.content_start)]
        j = i + 1
        if wrapped:
            cur = ln
            while j < n and body[j].kind in ("text", "comment") and not _ends_paragraph(cur, width):
                if body[j].kind == "text":
                    cur = body[j]
                    parts.append((cur, cur.content_start))
                j += 1
        yield Paragraph(*_join(parts))
        i = j


def _ends_paragraph(ln: _Line, width: int) -> bool:
    c = ln.content.rstrip()
    return not c or c[-1] in _LINE_END_OK or visual_width(c) < 0.75 * width


def _heading(joined: _Joined, marker: Marker | None, md_level: int, source: Source) -> Heading:
    """``marker``: the first line's (the same as the joined text's: the heading text that
    follows the marker is kept when trailing white space and "**" are cut)."""
    text, segments, first_line, last_line = joined
    title_end = len(text)
    run_in = False
    start = marker.end if marker else 0
    m = _TITLE_STOP.search(text, start)
    if m:
        title_end = m.start() + 1
        run_in = bool(text[title_end:].strip())
    heading = Heading(text, segments, first_line, last_line, marker=marker, title_end=title_end,
                      run_in=run_in, markdown_level=md_level)
    if marker and source.generated and source.is_generated(*heading.span(marker.start, marker.end)):
        heading.auto_number = True
    return heading

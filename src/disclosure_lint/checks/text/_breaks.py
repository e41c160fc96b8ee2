"""Line breaks inside a sentence or a word, in documents that are not hard-wrapped.

Shared by broken-line (which reports them) and unbalanced-pair (which checks a quotation or
a parenthesis across such a break as one paragraph, so a broken line is reported once).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...analysis.text_units import Unit, units
from ...document.model import Block, Document
from ...document.numbering import parse_marker
from ...util.regexutil import lazy_re
from ._common import is_ideograph, line_roles, markdown_prefixed, punctuation

#: A prose line is at least this many characters long (shorter lines are labels).
MIN_PROSE = 15
#: Share of a document's other prose lines that must end in punctuation for a line that
#: does not to count as broken (a document written without final punctuation is left alone).
MIN_ENDED_SHARE = 0.5

_CLAUSE = lazy_re(r"[，,、；;：:。！？!?]")
_ENUM_START = lazy_re(
    r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十百千\d]+[，,、:：]|首先|其次|再次|最后|[①-⑳]"
    r"|[\u4e00-\u9fff]{1,6}[:：])"  # a label line: "地址：…", "注：…"
)
_STRAY_DIGIT_END = lazy_re(r"[。！？；!?;…”’》）」』】]\s*[0-9０-９]{1,3}$")
# A page's field line, complete by itself: a short label and a date, number or code
# ("发布日期：2020-01-31", "索引号：000014349/2020-00012", "浏览次数：128").
_FIELD_LINE = lazy_re(r"[\u4e00-\u9fff]{2,6}[：:]\s*[0-9０-９A-Za-z年月日时分秒.\-/：:〔〕\[\]（）() ]{1,40}")
# A page's field line that ends in a date or a time ("发布来源：…网站 发布时间：2025-01-24 16:55:49").
_TIMESTAMP_END = lazy_re(r"[：:]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$")
_URL_END = lazy_re(r"(?:https?://|www\.)\S*$|[\w.+-]+@[\w.-]+$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Break:
    first: Block  # the line that stops short (a doc.lines block)
    second: Block  # the line that goes on
    blank_lines: int
    in_title: bool
    start: int  # source offset after the first line's last character
    end: int  # source offset of the second line's first character

    @property
    def first_line(self) -> int:
        return self.first.last_line

    @property
    def second_line(self) -> int:
        return self.second.first_line


def _word_goes_on(left: str, right: str) -> bool:
    """Whether the segmenter puts the junction of ``left`` and ``right`` inside a word."""
    from ...util import segment

    window_l, window_r = left[-12:], right[:12]
    return len(window_l) not in segment.boundaries(window_l + window_r)


def _ok_end(ch: str, ends: str) -> bool:
    return ch in ends or not (is_ideograph(ch) or ch.isalnum() or opens_pair(ch))


@functools.cache
def _pairs() -> tuple[dict[str, int], dict[str, int]]:
    """The paired marks of the punctuation pack (unbalanced-pair's): opening and closing
    mark → the pair's number."""
    opens: dict[str, int] = {}
    closes: dict[str, int] = {}
    for k, pair in enumerate(punctuation().pair):
        opens.update(dict.fromkeys(pair.open, k))
        closes.update(dict.fromkeys(pair.close, k))
    return opens, closes


def opens_pair(ch: str) -> bool:
    """A line that stops right after an opening mark has not ended ("按照《" / "中华人民共和国…》")."""
    return ch in _pairs()[0]


def left_open(text: str) -> bool:
    """Whether ``text`` stops inside a bracket or a title mark it opened ("…条例》(以下简称")."""
    opens, closes = _pairs()
    depth = [0] * (max([*opens.values(), *closes.values()], default=-1) + 1)
    for ch in text:
        if ch in opens:
            depth[opens[ch]] += 1
        elif ch in closes and depth[closes[ch]] > 0:
            depth[closes[ch]] -= 1
    return any(depth)


def _suspect(text: str, ends: str) -> bool:
    """A prose line (long, with a clause mark) that stops without punctuation, or any line
    that stops after an opening mark."""
    if opens_pair(text[-1]):
        return True
    return len(text) >= MIN_PROSE and not _ok_end(text[-1], ends) and _CLAUSE.search(text) is not None


_PROSE = ("paragraph", "heading-run-in")


def breaks(doc: Document, *, titles: bool = True) -> list[Break]:
    """Every line break inside a sentence or a word (empty for hard-wrapped documents).
    ``titles=False`` leaves out breaks inside a title: only those need the word segmenter,
    so a caller that does not want them (unbalanced-pair) never loads it."""
    key = "text.breaks" if titles else "text.breaks.body"
    cached = doc.cache.get(key)
    if cached is None:
        body = doc.cache.get("text.breaks.body")
        if body is None:
            body = doc.cache["text.breaks.body"] = _scan(doc, body=True, titles=False)
        cached = body
        if titles:
            in_titles = _scan(doc, body=False, titles=True)
            cached = sorted(body + in_titles, key=_start) if in_titles else body
            doc.cache[key] = cached
    return cached


def _start(br: Break) -> int:
    return br.start


def _scan(doc: Document, *, body: bool, titles: bool) -> list[Break]:
    out: list[Break] = []
    if doc.hard_wrapped or len(doc.lines) < 2:
        return out
    roles = line_roles(doc)
    ends = punctuation().line_end
    lines = doc.lines
    # The roles first: they rule out most pairs of lines (table rows, headings) at once.
    last_roles = [roles.get(ln.last_line) for ln in lines]
    first_roles = [roles.get(ln.first_line) for ln in lines]
    pairs = [k for k, (ra, rb) in enumerate(zip(last_roles, first_roles[1:]))
             if (rb == "paragraph" and ra in _PROSE) or (ra == "title" and rb == "title")]
    if not pairs:
        return out
    body_ok = False
    if body:
        # The document's convention: lines that are not suspects themselves end in punctuation.
        prose = [ln.text.rstrip() for ln, role in zip(lines, first_roles)
                 if role in _PROSE and not markdown_prefixed(doc, ln)]
        settled = [t for t in prose if t and not _suspect(t, ends)]
        body_ok = sum(1 for t in settled if t[-1] in ends) >= MIN_ENDED_SHARE * len(settled)
    for k in pairs:
        a, b = lines[k], lines[k + 1]
        if a.last_line == b.first_line:
            continue  # pieces of one flattened line: no line break between them
        in_title = last_roles[k] == "title" and first_roles[k + 1] == "title"
        if (in_title and not titles) or (not in_title and not body_ok):
            continue
        at, bt = a.text.rstrip(), b.text.lstrip(" \t\u3000")
        if not at or not bt:
            continue
        if in_title:
            if _ok_end(at[-1], ends) or not (is_ideograph(bt[0]) or bt[0].isalnum()):
                continue
            if not _word_goes_on(at, bt):
                continue
        else:
            # a line left inside a pair it opened, closed by the next, goes on in it
            # ("按照《" / "中华…》", "(以下简称《条例》" / ")和…")
            opened = (opens_pair(at[-1]) or (left_open(at) and not left_open(at + bt))) and parse_marker(bt) is None
            if not opened:
                if not _suspect(at, ends) or not (is_ideograph(bt[0]) or bt[0].isalnum()):
                    continue
                if bt.rstrip()[-1] not in ends:
                    continue  # the next line is no complete ending either: a list, not a sentence
            if markdown_prefixed(doc, a) or markdown_prefixed(doc, b):
                continue
            if parse_marker(bt) is not None or _ENUM_START.match(bt) or _URL_END.search(at):
                continue
            if _STRAY_DIGIT_END.search(at):  # a footnote digit (stray-digit), not a break
                continue
            if _FIELD_LINE.fullmatch(at.lstrip(" \t\u3000")) or _TIMESTAMP_END.search(at):
                continue
        start = a.src(len(at) - 1) + 1
        end = b.src(len(b.text) - len(bt))
        out.append(Break(a, b, b.first_line - a.last_line - 1, in_title, start, end))
    return out


def joined_units(doc: Document) -> list[list[Unit]]:
    """The document's units, with those joined by a break in one group."""
    cached = doc.cache.get("text.joined")
    if cached is not None:
        return cached
    seams = {(br.first_line, br.second_line) for br in breaks(doc, titles=False)}
    groups: list[list[Unit]] = []
    for u in units(doc):
        if groups and (groups[-1][-1].block.last_line, u.block.first_line) in seams:
            groups[-1].append(u)
        else:
            groups.append([u])
    doc.cache["text.joined"] = groups
    return groups

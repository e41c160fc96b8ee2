""".html reader: the article of a government portal page, one line per block element.

* Decoding: an encoding given with ``--encoding``; else a byte-order mark; else the
  ``<meta charset>`` / ``http-equiv`` declaration (GB2312 and GBK read as GB18030, their
  superset); else UTF-8, then GB18030. The bytes are decoded before parsing.
* Parsing with the standard library's ``html.parser`` into a small tolerant tree (no
  dependency). ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``iframe``,
  ``select`` and ``button`` are skipped, and so are ``nav``, ``aside``, ``header`` and
  ``footer`` outside an ``article`` or ``main``.
* The article is the element that holds most Chinese text in its own paragraphs (the
  readability heuristic: a block's text counts for its parent fully and its grandparent
  by half), which on portal pages is the ``<div id="zoom">`` / ``TRS_Editor`` body. When the
  article does not contain its title, the nearest heading before it (``h1``–``h3`` or an
  element whose class or id says "title") is put first.
* Text: one line per block element and ``<br>``; a table row is one line with its cells
  separated by a TAB; white space collapses as in a browser, and a line break between two
  Chinese characters disappears.
* Positions: (line, column) of the character in the HTML file; a character the reader made
  (a TAB between cells) points at the character before it.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from ...util.regexutil import lazy_re
from ..source import InputError, Source, decode
from . import read_bytes

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select", "button",
         "textarea", "head", "map", "canvas", "audio", "video"}
_SKIP_OUTSIDE_ARTICLE = {"nav", "aside", "header", "footer", "menu"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr", "keygen", "frame"}
_BLOCK = {"address", "article", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
          "thead", "tfoot", "tr", "ul", "caption", "aside", "body", "html", "td", "th", "title", "option"}
_CLOSES_P = _BLOCK - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "li", "dd", "dt", "option", "body",
                      "html", "title"}
_TITLE_ATTR = lazy_re(r"title|biaoti|(?:^|[\s_-])bt(?:$|[\s_-])", re.IGNORECASE)
_CJK = lazy_re(r"[\u3400-\u9fff\uf900-\ufaff]")
_META_CHARSET = lazy_re(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "utf8": "utf-8", "unicode": "utf-8",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_WS = " \t\n\r\f"
_MAX_DEPTH = 200
#: More elements than this and the page is refused as too complex: a portal page, tables
#: included, has a few thousand; a million unclosed tags would cost minutes and GBs.
MAX_ELEMENTS = 200_000
_CELL = "\x00"  # the TAB between table cells, until white space is collapsed


class _Node:
    __slots__ = ("attrs", "children", "offset", "parent", "score", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None, offset: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | _Text] = []
        self.parent = parent
        self.offset = offset
        self.score = 0.0

    def iter(self) -> Iterator[_Node]:
        """This element and every element below it, in document order."""
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))

    def contains(self, other: _Node) -> bool:
        n: _Node | None = other
        while n is not None:
            if n is self:
                return True
            n = n.parent
        return False


class _Text:
    __slots__ = ("offsets", "text")

    def __init__(self) -> None:
        self.text: list[str] = []
        self.offsets = array("l")


class _TooComplex(Exception):
    pass


class _TreeBuilder(HTMLParser):
    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = line_starts
        self.root = _Node("#root", {}, None, 0)
        self.stack: list[_Node] = [self.root]
        self.skip_depth = 0
        self.skip_tag = ""
        self.title_text = ""
        self.elements = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[min(line, len(self._line_starts)) - 1] + col

    @property
    def _top(self) -> _Node:
        return self.stack[-1]

    def _in(self, tags: set[str]) -> bool:
        return any(n.tag in tags for n in self.stack)

    def _close(self, tag: str, stop: set[str] | None = None) -> None:
        """Pop up to and including the innermost open ``tag`` (not past ``stop``)."""
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                del self.stack[i:]
                return
            if stop and t in stop:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _TooComplex
        if self.skip_depth and self.skip_tag == "head" and (tag in _BLOCK or tag in ("body", "a", "span")):
            self.skip_depth = 0  # an unclosed <head>
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in _SKIP or (tag in _SKIP_OUTSIDE_ARTICLE and not self._in({"article", "main"})):
            if tag not in _VOID:
                self.skip_depth, self.skip_tag = 1, tag
            return
        # Implied end tags, as browsers do for the common cases.
        if tag in _CLOSES_P:
            self._close("p", {"td", "th", "table", "li", "div"})
        if tag in ("td", "th"):
            self._close("td", {"tr", "table"})
            self._close("th", {"tr", "table"})
        elif tag == "tr":
            self._close("tr", {"table"})
        elif tag == "li":
            self._close("li", {"ul", "ol"})
        elif tag in ("dd", "dt"):
            self._close("dd", {"dl"})
            self._close("dt", {"dl"})
        node = _Node(tag, {k: v or "" for k, v in attrs if k in ("id", "class")}, self._top, self._offset())
        self._top.children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:  # deeper elements are flattened
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skip_depth and self._top.tag == tag:
            self.stack.pop()
        elif tag not in _VOID and self.skip_depth and self.skip_tag == tag:
            self.skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag in _VOID:
            return
        self._close(tag)

    def _add(self, text: str, first: int, per_char: bool) -> None:
        if self.skip_depth or not text:
            return
        kids = self._top.children
        if not kids or not isinstance(kids[-1], _Text):
            kids.append(_Text())
        run = kids[-1]
        assert isinstance(run, _Text)
        run.text.append(text)
        if per_char:
            run.offsets.extend(range(first, first + len(text)))
        else:
            run.offsets.extend([first] * len(text))

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset(), True)

    def handle_entityref(self, name: str) -> None:
        self._add(unescape(f"&{name};") if unescape(f"&{name};") != f"&{name};" else f"&{name}", self._offset(),
                  False)

    def handle_charref(self, name: str) -> None:
        try:
            ch = chr(int(name[1:], 16) if name[:1] in ("x", "X") else int(name))
        except (ValueError, OverflowError):
            ch = "\ufffd"
        if not ch or ord(ch) in (0,) or 0xD800 <= ord(ch) <= 0xDFFF:
            ch = "\ufffd"
        self._add(ch, self._offset(), False)


def _charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    return _ALIASES.get(name, name)


def decode_html(data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    if encoding:
        return decode(data, encoding)
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return decode(data)
    declared = _charset(data)
    if declared:
        import codecs

        try:
            codecs.lookup(declared)
            return data.decode(declared), declared, False
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    return decode(data)


def _scores(root: _Node) -> None:
    """Readability-style score: a block's own Chinese characters count for the block,
    its parent, and half for its grandparent."""
    nodes = list(root.iter())
    # Each element's own Chinese characters plus those of its inline children (their text
    # belongs to this block), counted children first: once per element, not once per
    # ancestor (200 nested unclosed <b> made that quadratic).
    own: dict[int, int] = {}
    for node in reversed(nodes):
        n = 0
        for c in node.children:
            if isinstance(c, _Text):
                n += len(_CJK.findall("".join(c.text)))
            elif c.tag not in _BLOCK:
                n += own[id(c)]
        own[id(node)] = n
    for node in nodes:
        n = own[id(node)]
        if not n:
            continue
        node.score += n
        if node.parent is not None and node.tag not in ("td", "th", "li"):
            node.parent.score += n
            if node.parent.parent is not None:
                node.parent.parent.score += n / 2


class _Lines:
    """Collects characters with their offsets in the HTML into lines."""

    def __init__(self) -> None:
        self.lines: list[tuple[list[str], list[int]]] = []
        self.chars: list[str] = []
        self.offs: list[int] = []

    def put(self, text: str, offsets: array[int] | list[int]) -> None:
        self.chars.extend(text)
        self.offs.extend(offsets)

    def tab(self) -> None:
        self.chars.append(_CELL)
        self.offs.append(-1)

    def newline(self) -> None:
        if self.chars:
            self.lines.append((self.chars, self.offs))
        self.chars, self.offs = [], []


def _emit(node: _Node, out: _Lines, in_cell: bool = False) -> None:
    if node.tag == "br":
        if in_cell:
            out.put(" ", [-1])
        else:
            out.newline()
        return
    if node.tag == "tr":
        if not in_cell:
            out.newline()
        first = True
        for c in node.children:
            if isinstance(c, _Node) and c.tag in ("td", "th"):
                if not first:
                    out.tab() if not in_cell else out.put(" ", [-1])
                first = False
                _emit_children(c, out, True)
        if not in_cell:
            out.newline()
        return
    block = node.tag in _BLOCK and not in_cell
    if block:
        out.newline()
    _emit_children(node, out, in_cell)
    if block:
        out.newline()


def _emit_children(node: _Node, out: _Lines, in_cell: bool) -> None:
    for c in node.children:
        if isinstance(c, _Text):
            out.put("".join(c.text), c.offsets)
        elif c.tag in ("table", "tbody", "thead", "tfoot"):
            for row in _rows(c):
                _emit(row, out, in_cell)
        else:
            _emit(c, out, in_cell)


def _rows(table: _Node) -> Iterator[_Node]:
    for c in table.children:
        if isinstance(c, _Node):
            if c.tag == "tr":
                yield c
            elif c.tag in ("tbody", "thead", "tfoot"):
                yield from _rows(c)


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def _collapse(chars: list[str], offs: list[int]) -> tuple[str, list[int]]:
    """White space as a browser shows it; a line break between Chinese characters goes."""
    text = "".join(chars)
    out: list[str] = []
    o: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _WS:
            j = i
            while j < n and text[j] in _WS:
                j += 1
            before = out[-1] if out else ""
            after = text[j] if j < n else ""
            newline = "\n" in text[i:j] or "\r" in text[i:j]
            if (out and after and before != "\t" and after != _CELL
                    and not (newline and (_is_cjk(before) or _is_cjk(after)))):
                out.append(" ")
                o.append(offs[i])
            i = j
            continue
        if ch == _CELL:
            while out and out[-1] in " \xa0\u3000":
                out.pop()
                o.pop()
            out.append("\t")
            o.append(offs[i])
            i += 1
            while i < n and text[i] in _WS + "\xa0\u3000":
                i += 1
            continue
        out.append(ch)
        o.append(offs[i])
        i += 1
    # Strip the line's edges (indentation with &nbsp; or full-width spaces).
    s, e = 0, len(out)
    while s < e and out[s] in " \xa0\u3000" and "\t" not in out[s]:
        s += 1
    while e > s and out[e - 1] in " \xa0\u3000":
        e -= 1
    line = "".join(out[s:e]).replace("\xa0", " ")
    return line, o[s:e]


def _title_before(root: _Node, article: _Node) -> _Node | None:
    """The nearest heading before ``article`` in document order."""
    best = None
    for node in root.iter():
        if node is article:
            break
        if node.contains(article):
            continue
        attrs = " ".join(node.attrs.values())
        titled = node.tag in ("h1", "h2", "h3") or (node.tag not in ("body", "html") and _TITLE_ATTR.search(attrs))
        if titled and len(_CJK.findall(_plain(node))) >= 4:
            best = node
    return best


def _plain(node: _Node) -> str:
    parts = []
    for c in node.children:
        parts.append("".join(c.text) if isinstance(c, _Text) else _plain(c))
    return "".join(parts)


def _has_heading(node: _Node) -> bool:
    return any(n.tag in ("h1", "h2", "h3") or (n is not node and _TITLE_ATTR.search(" ".join(n.attrs.values())))
               for n in node.iter())


def read_html(path: Path, encoding: str | None = None) -> Source:
    """Read an .html/.htm page (``encoding`` forces the decoding)."""
    data = read_bytes(Path(path), "HTML page")
    text, enc, bom = decode_html(data, encoding)
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    if controls > max(8, len(sample) // 100):
        raise InputError("binary file (control characters), not an HTML page")
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    builder = _TreeBuilder(line_starts)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:  # html.parser on badly broken markup
        raise InputError(f"cannot parse the HTML ({exc})") from None
    except _TooComplex:
        raise InputError(f"HTML page too complex (more than {MAX_ELEMENTS:,} elements)") from None
    try:
        return _build(builder.root, path, enc, bom, line_starts)
    except RecursionError:
        raise InputError("HTML nested too deeply") from None


def _build(root: _Node, path: Path, enc: str, bom: bool, line_starts: list[int]) -> Source:
    _scores(root)
    best = root
    for node in root.iter():  # the highest score; on a tie, the deepest element
        if node.score >= best.score and node.score > 0:
            best = node
    out = _Lines()
    if best is not root and not _has_heading(best):
        title = _title_before(root, best)
        if title is not None:
            _emit(title, out)
    _emit(best, out)
    out.newline()
    lines: list[str] = []
    offsets = array("l")
    for chars, offs in out.lines:
        line, o = _collapse(chars, offs)
        if not line.strip():
            continue
        lines.append(line)
        offsets.extend(o)
        offsets.append(-1)  # the newline
    built = "".join(line + "\n" for line in lines)
    if not built.strip():
        raise InputError("no text in the HTML page")
    # Characters the reader made point at the character before them.
    last = offsets[0] if offsets[0] >= 0 else next((x for x in offsets if x >= 0), 0)
    for i, x in enumerate(offsets):
        if x < 0:
            offsets[i] = last
        else:
            last = x
    return Source(path=str(path), text=built, encoding=enc, bom=bom, kind="html",
                  locator=_locator(offsets, line_starts), writable=False)


def _locator(offsets: array[int], line_starts: list[int]) -> Callable[[int], tuple[int, int]]:
    def locate(offset: int) -> tuple[int, int]:
        if not len(offsets):
            return 1, 1
        extra = 0
        if offset >= len(offsets):
            offset, extra = len(offsets) - 1, 1
        o = offsets[offset] + extra
        i = bisect_right(line_starts, o) - 1
        return i + 1, o - line_starts[i] + 1

    return locate

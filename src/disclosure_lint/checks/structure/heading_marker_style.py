from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...document.model import Document, Heading
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Edit, Fix, Severity
from ..rule import Rule

_L1_PUNCT = lazy_re(r"[一二三四五六七八九十百]+\s*([，,.．：:])")
_L3_PUNCT = lazy_re(r"\d+\s*([、，,])")
_AFTER_BRACKET = lazy_re(r"[）)]\s*([、，,.．：:])")


class HeadingMarkerStyle(Rule):
    """Finds heading markers written differently from GB/T 9704-2012: "一." / "一，" for
    "一、", "1、" for "1.", punctuation after "（一）" or "（1）" ("（一）、"), and round brackets
    of mixed widths in one document ("(一)" beside "（二）", or "(一）"). Each kind is
    reported once per document, with the count and a safe fix for every occurrence. A layer
    whose markers mix forms ("1、" beside "4．") is a warning, at the first marker of the
    rarer form; a layer that keeps to one form other than the standard's ("1、" throughout,
    which the standard allows as "可以用") is only an info. A document that writes all its
    brackets half-width is consistent and is left to the punctuation rules.

    ## Why
    GB/T 9704-2012 7.3.3 fixes the markers "一、" "（一）" "1." "（1）", and no punctuation
    follows "（一）" or "（1）". Mixed forms are the mark of text pasted from several drafts.

    ## Example
    ```text
    一.主动公开情况
    （一）、规范性文件
    全年制发规范性文件3件。
    (二)政策解读
    全年发布解读12篇。
    ```

    ## Use instead
    ```text
    一、主动公开情况
    （一）规范性文件
    全年制发规范性文件3件。
    （二）政策解读
    全年发布解读12篇。
    ```
    """

    code = "DL115"
    name = "heading-marker-style"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        groups: dict[str, list[tuple[Heading, int, int, str]]] = {}
        bracketed: list[Heading] = []
        # Per layer 1 and 3: the punctuation of every marker, in order ("、", "．" …).
        forms: dict[str, list[tuple[str, Heading]]] = {"l1": [], "l3": []}
        for h in doc.headings:
            m = h.marker
            if m is None or h.auto_number:
                continue
            seg = h.text[m.start:m.end]
            if m.layer == 1:
                forms["l1"].append((seg.strip()[-1:], h))
                pm = _L1_PUNCT.match(seg)
                if pm:
                    groups.setdefault("l1", []).append((h, m.start + pm.start(1), m.start + pm.end(1), "、"))
            elif m.layer == 3:
                forms["l3"].append((seg.strip()[-1:], h))
                pm = _L3_PUNCT.match(seg)
                if pm:
                    groups.setdefault("l3", []).append((h, m.start + pm.start(1), m.start + pm.end(1), "."))
            elif m.layer in (2, 4):
                bracketed.append(h)
                pm = _AFTER_BRACKET.search(seg)
                if pm:
                    groups.setdefault("after", []).append((h, m.start + pm.start(1), m.start + pm.end(1), ""))
        messages = {
            "l1": "第一层序号应写作“{n}、”，不写“{raw}”",
            "l3": "第三层序号应写作“{n}.”，不写“{raw}”",
            "after": "“{raw}”：“（一）”“（1）”后不加标点",
        }
        for kind, items in groups.items():
            edits = tuple(Edit(*hh.span(ss, ee), rr) for hh, ss, ee, rr in items)
            fix = Fix("改为标准序号写法", edits)
            used = Counter(p for p, _ in forms.get(kind, ()))
            if len(used) > 1:
                # Mixed forms in one layer: at the first marker of the rarer form.
                ok = "、" if kind == "l1" else ".．"
                rare = min(used, key=lambda p: (used[p], p in ok,
                                                next(i for i, (q, _) in enumerate(forms[kind]) if q == p)))
                h = next(hh for p, hh in forms[kind] if p == rare)
                m = h.marker
                assert m is not None
                shown = "与".join(f"“{p}”（{n}处）" for p, n in used.most_common())
                standard = "一、" if kind == "l1" else "1."
                layer = "第一层" if kind == "l1" else "第三层"
                msg = f"{layer}序号混用{shown}：请统一写作“{standard}”"
                yield self.at(h, m.start, m.end, msg, fix=fix)
                continue
            h, s, e, repl = items[0]
            m = h.marker
            assert m is not None
            raw = h.text[m.start:e].strip()
            msg = messages[kind].format(n=raw[:-1].strip().rstrip("（(").strip(), raw=raw)
            if len(items) > 1:
                msg += f"（本文共{len(items)}处）"
            # One form throughout: the standard says the markers "可以用" these, so a
            # consistent other form is a note, not a warning.
            severity = Severity.INFO if kind in forms else None
            yield self.at(h, s, e, msg, severity=severity, fix=fix)
        yield from self._widths(bracketed)

    def _widths(self, bracketed: list[Heading]) -> Iterator[Diagnostic]:
        full = [h for h in bracketed if h.marker and h.marker.width == "full"]
        other = [h for h in bracketed if h.marker and h.marker.width != "full"]
        mixed_inside = [h for h in other if h.marker and h.marker.width == "mixed"]
        if not other or (not full and not mixed_inside):
            return
        first = other[0]
        m = first.marker
        assert m is not None
        edits = []
        for h in other:
            hm = h.marker
            assert hm is not None
            for i in range(hm.start, hm.end):
                ch = h.text[i]
                if ch in "()":
                    edits.append(Edit(*h.span(i, i + 1), "（" if ch == "(" else "）"))
        msg = (f"序号括号全角、半角混用（全角{len(full)}处，半角或混用{len(other)}处）："
               f"统一使用全角括号，如“{first.text[m.start:m.end].strip().replace('(', '（').replace(')', '）')}”")
        yield self.at(first, m.start, m.end, msg, fix=Fix("统一为全角括号", tuple(edits)))

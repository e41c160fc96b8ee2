from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ...analysis.catalogue import Cell, index_formats
from ...document.model import Document
from ...util.regexutil import compile as rx_compile
from ...util.regexutil import lazy_re
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue, quote


def _options_model() -> Any:
    from pydantic import BaseModel, ConfigDict, field_validator

    from ...util.packs import check_regex

    class CatalogueIndexFormatOptions(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        #: Accepted formats, by id in rules/catalogue.toml: "national" (9-character
        #: organisation code) and "uscc" (18-character unified social credit code).
        formats: list[str] = ["national", "uscc"]
        #: A local scheme: a regular expression the whole 索引号 must match (a group named
        #: "year" gives its year to catalogue-index-year). Accepted besides ``formats``.
        pattern: str | None = None

        @field_validator("formats")
        @classmethod
        def _known(cls, v: list[str]) -> list[str]:
            known = index_formats()
            for f in v:
                if f not in known:
                    raise ValueError(f"unknown 索引号 format {f!r} (one of: {', '.join(known)})")
            return v

        @field_validator("pattern")
        @classmethod
        def _regex(cls, v: str | None) -> str | None:
            return v if v is None else check_regex(v)

    return CatalogueIndexFormatOptions


_FULLWIDTH = lazy_re(r"[／－—–０-９Ａ-Ｚａ-ｚ]")
_ORG_CODE_DASH = lazy_re(r"^[0-9A-Z]{6,8}(-)[0-9A-Z]/")
_PARTS = lazy_re(r"^(?P<prefix>[0-9A-Z]+)/(?P<year>(?:19|20)\d{2})-(?P<serial>\d+)$")
_SPACE = lazy_re(r"\s")
_PREFIX = lazy_re(r"^([^/]+)/")


@functools.cache
def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    return rx_compile(pattern) if pattern else None


class CatalogueIndexFormat(Rule):
    """Finds a 索引号 that is not in the national form "前段码/后段码": the publisher's 9-character
    organisation code (without its "-") or its 18-character unified social credit code, "/",
    the 4-digit year, "-" and a 5-digit serial (`000014349/2019-00007`,
    `11330781751901053P/2024-00439`). It names the usual slips: a "-" kept in the organisation
    code, full-width "／" or "－", spaces, lower-case letters, a serial of the wrong length.
    It also finds an entry whose 前段码 differs from the one the same 发布机构 uses everywhere
    else in the catalogue.

    Catalogues numbered by a local scheme: set
    `[tool.disclosure-lint.rule-options.catalogue-index-format] pattern = '^…$'` (and
    `formats = []` to accept only it).

    ## Why
    《政府信息公开目录系统实施指引（试行）》: 索引号 is "每条信息唯一不变的标识", a 20-character string
    "前段码/后段码" — 前段码 the publishing agency's 组织机构代码 without "-", 后段码 the 4-digit year and
    a 5-digit serial. 条例 第十二条 requires the 索引 in the catalogue. Organisation codes were
    replaced by unified social credit codes after 2015, which many catalogues now use.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,生成日期
    01424668-5/2021-63,关于做好2021年防汛工作的通知,2021-05-10
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,生成日期
    014246685/2021-00063,关于做好2021年防汛工作的通知,2021-05-10
    ```
    """

    code = "DL702"
    name = "catalogue-index-format"
    severity = Severity.WARNING
    profiles = PROFILES
    options_model = staticmethod(_options_model)

    def _accepted(self, text: str) -> bool:
        formats = index_formats()
        if any(formats[f][1].match(text) for f in self.options.formats if f in formats):
            return True
        rx = _compiled(self.options.pattern)
        return bool(rx and rx.fullmatch(text))

    def _expected(self) -> str:
        formats = index_formats()
        parts = [f"“{formats[f][0]}”" for f in self.options.formats if f in formats]
        if self.options.pattern:
            parts.append(f"配置的格式 {self.options.pattern}")
        return "或".join(parts) if parts else "配置的格式"

    def _problem(self, cell: Cell) -> tuple[int, int, str]:
        t = cell.text
        m = _SPACE.search(t)
        if m:
            return m.start(), m.end(), f"索引号“{quote(t)}”中有空格：请删去"
        m = _FULLWIDTH.search(t)
        if m:
            return m.start(), m.end(), f"索引号“{quote(t)}”中有全角字符“{m.group(0)}”：请改为半角"
        m = _ORG_CODE_DASH.match(t)
        if m:
            return m.start(1), m.end(1), f"索引号“{quote(t)}”的前段码保留了组织机构代码中的“-”：应去掉“-”"
        if t != t.upper() and self._accepted(t.upper()):
            return 0, len(t), f"索引号“{quote(t)}”中的字母应大写"
        m = _PARTS.match(t)
        if m and set(self.options.formats) >= {"national"} and not self.options.pattern:
            prefix, serial = m.group("prefix"), m.group("serial")
            if len(serial) != 5 and len(prefix) in (9, 18):
                return (m.start("serial"), m.end("serial"),
                        f"索引号“{quote(t)}”的流水号“{serial}”应为5位数字")
            if len(prefix) not in (9, 18):
                return (m.start("prefix"), m.end("prefix"),
                        f"索引号“{quote(t)}”的前段码有{len(prefix)}位：应为9位组织机构代码或18位统一社会信用代码")
        return 0, len(t), f"索引号“{quote(t)}”格式不对：应为{self._expected()}"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None or not cat.has("index"):
            return
        good: list[tuple[Cell, Cell | None]] = []
        for row in cat.rows:
            cell = cat.cell(row, "index")
            if cell is None or cell.empty:
                continue  # catalogue-missing-field
            if self._accepted(cell.text):
                good.append((cell, cat.cell(row, "publisher")))
                continue
            i, j, msg = self._problem(cell)
            yield self.at(cell.block, i, j, msg)
        yield from self._prefixes(good)

    def _prefixes(self, good: list[tuple[Cell, Cell | None]]) -> Iterator[Diagnostic]:
        """Within one 发布机构, a 前段码 used by a small minority of its entries."""
        groups: dict[str, list[tuple[Cell, str]]] = defaultdict(list)
        for cell, publisher in good:
            m = _PREFIX.match(cell.text)
            if m is None:
                continue
            key = publisher.text if publisher is not None and not publisher.empty else ""
            groups[key].append((cell, m.group(1)))
        for publisher, items in groups.items():
            if not publisher or len(items) < 4:
                continue
            counts = Counter(p for _, p in items)
            main, n = counts.most_common(1)[0]
            if n < 0.75 * len(items):
                continue
            for cell, prefix in items:
                if prefix != main:
                    yield self.at(cell.block, 0, len(prefix),
                                  f"前段码“{prefix}”与“{quote(publisher, 20)}”其他条目的“{main}”不同："
                                  f"同一发布机构的索引号前段码应一致")

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...analysis.catalogue import field_id_for, field_spec, pack
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule
from ._common import PROFILES, catalogue, header_block, severity


def _options_model() -> Any:
    from pydantic import BaseModel, ConfigDict, field_validator

    class CatalogueMissingFieldOptions(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        #: Fields every entry must have, by name or synonym ("索引号", "名称", "内容概述",
        #: "生成日期", "发布机构", "文号", …). None: 条例 第十二条's four.
        required_fields: list[str] | None = None

        @field_validator("required_fields")
        @classmethod
        def _known(cls, v: list[str] | None) -> list[str] | None:
            if v is None:
                return v
            for name in v:
                if field_id_for(name) is None:
                    labels = "、".join(f.label for f in pack().field)
                    raise ValueError(f"unknown catalogue field {name!r} (one of: {labels} or a synonym)")
            return v

    return CatalogueMissingFieldOptions


class CatalogueMissingField(Rule):
    """Finds a catalogue (政府信息公开目录) without a column the regulation requires — 索引号, 名称,
    内容概述, 生成日期 (a 成文日期 or 产生日期 column counts as 生成日期) — and entries whose cell
    for a required field is empty ("", "-", "/", "无" …). Column names and their synonyms are in
    `rules/catalogue.toml`.

    A missing column is reported once, at the header row; an empty cell at the cell. A missing
    内容概述 column is only a warning: the national 实施指引 makes it optional and many catalogues
    (www.gov.cn's among them) show it on each entry's own page. Ask for more fields, e.g. 发布机构
    or 文号, with `[tool.disclosure-lint.rule-options.catalogue-missing-field] required_fields =
    ["索引号", "名称", "内容概述", "生成日期", "发布机构"]`.

    ## Why
    《中华人民共和国政府信息公开条例》(2019) 第十二条: "政府信息公开目录包括政府信息的索引、名称、
    内容概述、生成日期等内容". 《政府信息公开目录系统实施指引（试行）》 makes 索引号 and 名称
    mandatory (必选项) for every entry.

    ## Example
    ```text
    profile: catalogue
    索引号,名称,内容概述,生成日期
    000014349/2019-00007,,规范市场监管执法,2019-01-27
    ```

    ## Use instead
    ```text
    profile: catalogue
    索引号,名称,内容概述,生成日期
    000014349/2019-00007,国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见,规范市场监管执法,2019-01-27
    ```
    """

    code = "DL701"
    name = "catalogue-missing-field"
    severity = Severity.ERROR
    profiles = PROFILES
    options_model = staticmethod(_options_model)

    def _required(self) -> list[str]:
        names = self.options.required_fields
        if names is None:
            return list(pack().required)
        out: list[str] = []
        for n in names:
            fid = field_id_for(n)
            if fid is not None and fid not in out:
                out.append(fid)
        return out

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        cat = catalogue(doc)
        if cat is None:
            return
        required = self._required()
        header = None
        for fid in required:
            spec = field_spec(fid)
            if cat.has(fid):
                continue
            sev = severity(spec.missing)
            if sev is None:
                continue
            header = header or header_block(doc, cat)
            names = "、".join(f"“{n}”" for n in spec.names[:3])
            if fid == "summary":
                msg = (f"目录没有“{spec.label}”栏：《中华人民共和国政府信息公开条例》第十二条要求目录包括内容概述，"
                       f"请增加该栏（或确认每条信息的页面上有内容概述）")
            else:
                msg = f"目录缺少“{spec.label}”栏（表头应有{names}等）：请增加该栏"
            yield self.at(header, 0, len(header.text), msg, severity=sev)
        present = [fid for fid in required if cat.has(fid)]
        for row in cat.rows:
            for fid in present:
                spec = field_spec(fid)
                sev = severity(spec.empty)
                if sev is None:
                    continue
                cell = cat.cell(row, fid)
                if cell is None or not cell.empty:
                    continue
                yield self.at(cell.block, 0, len(cell.text), f"本条目的“{spec.label}”为空：请填写", severity=sev)

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...analysis.issuer_data import agency_terms
from ...analysis.organs import book_spans, clause_end, clause_start, doc_issuer, inside, matchers, sentence_bounds
from ...document.model import Document
from ...util.regexutil import compile as rx_compile
from ..finding import Diagnostic, Severity
from ..rule import Rule


@functools.cache
def _terms() -> tuple[re.Pattern[str], dict[str, tuple[str, frozenset[str]]]]:
    """One alternation of every term, and term → (owner kind, kinds that may use it)."""
    owner: dict[str, tuple[str, frozenset[str]]] = {}
    for dep in agency_terms().department:
        for term in dep.terms:
            owner[term] = (dep.kind, frozenset([dep.kind, *dep.also]))
    alt = "|".join(re.escape(t) for t in sorted(owner, key=len, reverse=True))
    return rx_compile(alt), owner


class ForeignAgencyTerm(Rule):
    """Finds, in a department's own report, work that belongs to another department's remit
    ("依法制定了旅游执法的操作程序" in a human-resources bureau's summary).

    The issuer is the
    organ of the title, else of the signature; governments (whose reports cover every
    department) are not checked. A term is quiet when it is cited rather than claimed:
    inside 《》, after 配合 / 协助 / 会同 / 联合 … or before 转交 / 申请 / 咨询 … in the same
    clause ("涉及不动产登记的申请已转交相关部门"), or in a sentence that names the department
    it belongs to (县公安局户籍管理…, 县医保局对…). One finding per
    term and document, at its first claimed use. The departments and their terms are data
    in `rules/agency-terms.toml`.

    ## Why
    The report states what the organ itself did (《中华人民共和国政府信息公开条例》第五十条:
    "行政机关主动公开政府信息的情况" …). Another department's work in it is the mark of a
    report copied from that department and not adapted, the "内容雷同" that the 2021 format
    (国办公开办函〔2021〕30号) holds offices to account for.

    ## Example
    ```text
    青山县人力资源和社会保障局2010年政务公开工作总结

    我局设立了监督举报电话，依法制定了旅游执法的操作程序，进一步规范执法行为。
    ```

    ## Use instead
    ```text
    青山县人力资源和社会保障局2010年政务公开工作总结

    我局设立了监督举报电话，依法制定了劳动保障监察的操作程序，并配合县文化和旅游局开展旅游执法检查。
    ```
    """

    code = "DL604"
    name = "foreign-agency-term"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        org = doc_issuer(doc).organ
        mt = matchers()
        if org is None or org.kind is None or org.kind not in mt.departments:
            return
        rx, owner = _terms()
        pack = agency_terms()
        seen: set[str] = set()
        for block in doc.blocks:
            text = block.text
            books: list[tuple[int, int]] | None = None
            for m in rx.finditer(text):
                term = m.group(0)
                kind, users = owner[term]
                if term in seen or org.kind in users:
                    continue
                if books is None:
                    books = book_spans(text)
                if inside(books, m.start()):
                    continue
                before = text[clause_start(text, m.start()):m.start()]
                after = text[m.end():clause_end(text, m.end())]
                if any(v in before for v in pack.cite_before) or any(v in after for v in pack.cite_after):
                    continue
                s, e = sentence_bounds(text, m.start(), m.end())
                sentence = text[s:e]
                if any(mt.kind_of[c.group("core")] == kind for c in mt.core.finditer(sentence)):
                    continue
                seen.add(term)
                yield self.at(block, m.start(), m.end(),
                              f"“{term}”属于{mt.labels[kind]}的职责，不应出现在{org.name}的报告中："
                              "请核对是否误抄了其他部门的内容")

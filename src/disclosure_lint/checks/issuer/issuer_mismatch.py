from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ...analysis.organs import Organ, book_spans, doc_issuer, find_mentions, is_self_reference
from ...document.model import Block, Document
from ..finding import Diagnostic, Severity
from ..rule import Rule


def _same_place(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def conflicts(ref: Organ, other: Organ) -> bool:
    """Whether ``other`` (an organ of the same kind) cannot be the same organ as ``ref``:
    another level (县 against 市), or another place name at any level."""
    if other.kind != ref.kind:
        return False
    if ref.rank_level and other.rank_level and ref.rank_level != other.rank_level:
        return True
    return bool(ref.place and other.place and not _same_place(ref.place, other.place))


class IssuerMismatch(Rule):
    """Finds a document whose text calls itself by another organ's name than its title or
    signature (the title says 获嘉县工商局, the body "漯河市工商局党组高度重视").

    The seed's document 5 says "市工商局党组高度重视" and "成立了“漯河市工商局政务公开工作
    领导小组”" of itself under a 获嘉县 title. Only organs of the same kind are
    compared (a 工商局 with a 工商局 or 市场监管局), and only where the text names the organ
    as itself: as the subject of its own work (X局党组…, X局成立…, X局高度重视…), in
    the name of its own leading group, or as the owner of the website it built. An organ
    the text cites (in 《》, after 按照 / 根据 / 配合 / 向, or acting on 我局) is not a
    mismatch, and neither is a consistent misspelling (an OCR error repeated throughout
    names one organ). A name with a level but no place (市工商局, 省政府) usually means the
    superior organ; it is reported only when the text also calls itself by a conflicting
    full name at that level (漯河市工商局). Also compares the signature with the title. One finding per
    conflicting name, at its first self-reference; the organs are in
    `rules/organs.toml`.

    ## Why
    《中华人民共和国政府信息公开条例》第四十九条 makes each organ publish its own report, and
    《党政机关公文处理工作条例》第九条 lists the 发文机关署名 among a 公文's elements. A
    report that is another organ's text under a new title (copied and not adapted) misstates
    who did the work; the 2021 format (国办公开办函〔2021〕30号) names "内容雷同" reports as
    a failure for which the responsible staff are accountable.

    ## Example
    ```text
    获嘉县工商局政务公开工作总结

    为推进政务公开，漯河市工商局党组高度重视，专门召开党组会议进行部署。
    ```

    ## Use instead
    ```text
    获嘉县工商局政务公开工作总结

    为推进政务公开，获嘉县工商局党组高度重视，专门召开党组会议进行部署。按照漯河市工商局的部署，我局开展了自查。
    ```
    """

    code = "DL602"
    name = "issuer-mismatch"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        issuer = doc_issuer(doc)
        ref = issuer.organ
        if ref is None or not ref.named or ref.kind is None:
            return
        t, sig = issuer.title, issuer.signature
        # The signature against the title.
        if (t is not None and sig is not None and t.organ is not None and sig.organ is not None
                and t.organ.named and sig.organ.named and t.organ.kind and sig.organ.kind
                and doc.signature is not None and doc.signature.issuer is not None):
            a, b = t.organ, sig.organ
            # A government's annual report is compiled and published by its office
            # (《条例》第四十九条): "青山县人民政府" signed "青山县人民政府办公室" is right.
            office_for_government = {a.kind, b.kind} == {"government", "government-office"}
            if office_for_government:
                mismatch = conflicts(a, dataclasses.replace(b, kind=a.kind))
            else:
                mismatch = a.kind != b.kind or conflicts(a, b)
            if mismatch:
                yield self.at(doc.signature.issuer, b.start, b.end,
                              f"落款“{b.name}”与标题中的发文机关“{a.name}”不一致：请核对发文机关")
        # Self-references that conflict with the reference organ, in order.
        found: list[tuple[Block, Organ]] = []
        names: set[str] = set()
        for block in doc.blocks:
            text = block.text
            books: list[tuple[int, int]] | None = None
            for org in find_mentions(text):
                if org.kind != ref.kind or org.name in names or not conflicts(ref, org):
                    continue
                if books is None:
                    books = book_spans(text)
                if is_self_reference(text, org, books):
                    names.add(org.name)
                    found.append((block, org))
        # A bare level (市工商局, 省政府) often means the superior organ; it is reported only
        # when the text also names itself with a conflicting place name at that level.
        named_levels = {org.rank_level for _, org in found if org.named}
        where = "标题" if t is not None and t.organ is ref else "落款"
        for block, org in found:
            if not org.named and org.rank_level not in named_levels:
                continue
            yield self.at(block, org.start, org.end,
                          f"正文以“{org.name}”自称，与{where}中的发文机关“{ref.name}”不一致：请核对发文机关")

from __future__ import annotations

from collections.abc import Iterator

from ...analysis.organs import doc_issuer
from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule


class IssuerMissing(Rule):
    """Finds a title that does not say which organ issued the document: no organ, or one
    without its place name ("乡政务公开年度总结", "县政府2013年工作总结").

    "人力资源和社会保障局2010年工作总结" lacks the place name too. A title without any organ
    ("2010年政务公开工作总结") is accepted when the signature block (发文机关署名) names the
    organ in full; it is reported when there is no signature or the signature lacks the
    place name too (seed document 4 is signed "人力资源和社会保障局": which one?). A title
    whose organ lost its place name is reported even when the signature is complete: the
    name was cut from the title. One finding per document, at the title.

    ## Why
    《党政机关公文处理工作条例》第九条 lists the 标题 and the 发文机关署名 among the elements
    of a 公文, and GB/T 9704-2012《党政机关公文格式》7.3.5 places the 发文机关署名 under the
    text. Under 《中华人民共和国政府信息公开条例》第四十九条 each organ publishes its own
    report; a report that does not say whose it is cannot be told from the neighbouring
    township's.

    ## Example
    ```text
    乡2013年政务公开总结

    2013年，我乡认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。
    ```

    ## Use instead
    ```text
    大屯乡人民政府2013年政务公开工作总结

    2013年，我乡认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。
    ```
    """

    code = "DL601"
    name = "issuer-missing"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.title is None:
            return
        title = doc.title
        issuer = doc_issuer(doc)
        t, sig = issuer.title, issuer.signature
        assert t is not None
        if t.status == "named":
            return
        signed = sig is not None and sig.status == "named"
        if t.status == "bare":
            what = t.text.strip()
            hint = f"（落款为“{sig.text}”）" if signed and sig is not None else ""
            yield self.at(title, t.start, t.end,
                          f"标题中的发文机关“{what}”缺少地名{hint}：请写出发文机关全称")
            return
        # No organ in the title at all: the signature may name it.
        if signed:
            return
        if sig is not None and sig.status == "bare":
            message = f"标题未写发文机关，落款“{sig.text}”也缺少地名：请在标题中写出发文机关全称"
        else:
            message = "标题未写发文机关，文末也没有署名：请在标题中写出发文机关全称"
        end = len(title.text.rstrip())
        start = len(title.text) - len(title.text.lstrip())
        yield self.at(title, start, end, message)

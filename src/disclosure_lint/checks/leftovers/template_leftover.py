from __future__ import annotations

from typing import Any

from ...document.model import Block, Document
from ..finding import Severity
from ..kinds import ExistenceRule


class TemplateLeftover(ExistenceRule):
    """Finds markup and template tokens that a website, a CMS or Word left in the text:
    `$txy$`-style variables, `{{…}}`, `<%…%>`, HTML entities such as `&nbsp;`, Office
    conditional comments (`<!--[if gte mso 9]>`) and HTML tags in plain text. In Markdown,
    HTML tags and comments are part of the format and are not reported.

    ## Why
    What is published must be the report's text (《中华人民共和国政府信息公开条例》第五十条;
    the 2021 format asks for "内容准确"). Template tokens show that a page was published
    without a proofread, and they break the text for readers and screen readers.

    ## Example
    ```text
    现将有关情况报告如下：&nbsp;&nbsp;全年主动公开信息125条。$txy$
    ```

    ## Use instead
    ```text
    现将有关情况报告如下：全年主动公开信息125条。
    ```
    """

    code = "DL302"
    name = "template-leftover"
    severity = Severity.ERROR
    also_catalogue = True
    pack = "placeholders"
    key = "template"

    def skip(self, doc: Document, block: Block) -> bool:
        return doc.source.kind == "markdown" and block.text.lstrip().startswith("<!--")

    def keep(self, doc: Document, item: Any) -> bool:
        return doc.source.kind != "markdown" or item.id not in ("html-tag", "office-conditional")

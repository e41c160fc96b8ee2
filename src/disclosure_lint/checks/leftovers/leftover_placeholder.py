from __future__ import annotations

from ..finding import Severity
from ..kinds import ExistenceRule


class LeftoverPlaceholder(ExistenceRule):
    """Finds placeholders left in the text: xxxx, XX, ××, ＸＸ, 某某, ○○ standing for a number,
    X月X日, 20XX年, an empty 〔 〕号, fill-in blanks, and drafting notes such as 此处填写,
    待补充 and TODO. One finding per placeholder, at the placeholder. The patterns are data
    in `rules/placeholders.toml`.

    ## Why
    A published report must state the facts it reports: 《中华人民共和国政府信息公开条例》
    第五十条 lists what the annual report contains, and the 2021 format
    (国办公开办函〔2021〕30号) holds offices responsible for reports that are
    "发布内容不准确不全面" or "敷衍塞责". A placeholder is the plainest case of both.
    A Chinese-numeral date such as 二○○七年 is not a placeholder (see date-zero-character).

    ## Example
    ```text
    截止到xxxx年xx月xx日，通过网站公开信息XX条，由某某科室负责。
    ```

    ## Use instead
    ```text
    截至2023年12月31日，通过网站公开信息125条，由办公室负责。
    ```
    """

    code = "DL301"
    name = "leftover-placeholder"
    severity = Severity.ERROR
    also_catalogue = True
    pack = "placeholders"
    key = "placeholder"

from __future__ import annotations

from collections.abc import Iterator

from ...document.model import Document
from ..finding import Diagnostic, Severity
from ..rule import Rule


class UnusedSuppression(Rule):
    """Finds suppression comments that suppress nothing: a `<!-- disclosure-lint-disable … -->`
    (or `-disable-line`, `-disable-next-line`, `-disable-file`) whose rules report nothing in
    its scope, a rule named in it that matched no finding, an unknown rule name, and an
    `<!-- disclosure-lint-enable … -->` with no open `disable` to end.

    Suppression comments work in Markdown (.md) and HTML sources. Plain text has no comment
    syntax (an HTML comment in a .txt file would be printed with the report), so for .txt
    files use `per-file-ignores` in the config, or a baseline (`--write-baseline`,
    `--baseline`). Rules are named by code (`DL115`), code prefix (`DL1`) or name
    (`heading-marker-style`); no rule means every rule. `disable` … `enable` covers the
    lines in between (to the end of the file when no `enable` follows), `disable-line` its
    own line, `disable-next-line` the line after the comment, `disable-file` the whole file.

    Rules only see the document model, so this rule's `check` finds nothing by itself: the
    engine reports unused suppressions after all other rules have run
    (`disclosure_lint.run.suppress.apply`). Select or ignore it like any other rule; a rule that
    is not selected in a run is never reported as unused, since the run cannot tell.

    ## Why
    A stale suppression hides the next real defect on its line: once the text it excused is
    corrected, the comment must go, as with ruff's RUF100. The reports are public documents
    under 《中华人民共和国政府信息公开条例》第五十条, so every exemption should be deliberate.

    ## Example
    ```text
    file: example.md
    # 青山县政务公开工作情况

    <!-- disclosure-lint-disable-next-line -->
    一、主动公开

    全年公开信息1260条。
    ```

    ## Use instead
    ```text
    file: example.md
    # 青山县政务公开工作情况

    一、主动公开

    全年公开信息1260条。
    ```
    """

    code = "DL902"
    name = "unused-suppression"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # Reported by the engine (suppress.apply), which sees every rule's findings.
        return iter(())

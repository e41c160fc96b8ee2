"""The rule base class. A rule is one class in one module of ``checks/``: its code, name,
default severity and docstring are its identity and its documentation.

Docstring layout (Markdown, like ruff's doc comments)::

    One paragraph: what the rule finds.

    ## Why
    The article or clause that requires it.

    ## Example
    ```text
    a bad example (may start with lines "profile: work-summary" and "file: example.md")
    ```

    ## Use instead
    ```text
    the good version, which must give no finding
    ```
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..util.regexutil import lazy_re
from .finding import Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from ..document.model import Block, Document


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    profile: str | None = None
    path: str | None = None  # the file name the example is linted as ("example.md")


@dataclass(frozen=True, slots=True)
class RuleDoc:
    summary: str
    what: str
    why: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    body: str  # the whole docstring, as Markdown


_SECTION = lazy_re(r"^## +(.+?)\s*$", re.M)
_FENCE = lazy_re(r"```text\n(.*?)```", re.S)


def parse_doc(doc: str) -> RuleDoc:
    doc = inspect.cleandoc(doc or "")
    parts = _SECTION.split(doc)
    what = parts[0].strip()
    sections = {parts[i].lower(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}

    def examples(key: str) -> tuple[Example, ...]:
        out = []
        for block in _FENCE.findall(sections.get(key, "")):
            header: dict[str, str] = {}
            while m := re.match(r"(profile|file):\s*(\S+)\n", block):
                header[m.group(1)] = m.group(2)
                block = block[m.end():]
            out.append(Example(block, header.get("profile"), header.get("file")))
        return tuple(out)

    summary = what.split("\n\n")[0].replace("\n", " ").strip()
    return RuleDoc(summary, what, sections.get("why", ""), examples("example"), examples("use instead"), doc)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    #: Profiles the rule applies to; None means every profile of a document (reports and
    #: summaries), not catalogues, which are tables of metadata.
    profiles: ClassVar[frozenset[str] | None] = None
    #: With ``profiles`` None: run on catalogues too (placeholders are defects anywhere).
    also_catalogue: ClassVar[bool] = False
    #: Rules that are off unless selected explicitly.
    default_enabled: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    #: Whether the rule compares a document with last year's (``doc.previous``): in a batch,
    #: such rules run again on the documents paired with another file's report.
    needs_previous: ClassVar[bool] = False
    #: Whether the rule compares a document with other agencies' documents of the batch
    #: (``doc.others``): the batch then sketches every document and runs the rule again on
    #: the candidates it finds in other files.
    needs_batch: ClassVar[bool] = False
    #: Whether the rule may call the word segmenter (rjieba, imported on first use).
    needs_segmentation: ClassVar[bool] = False

    #: A function returning the pydantic model of the rule's options, or None. Options are
    #: set in config under [tool.disclosure-lint.rule-options.<rule-name>].
    options_model: ClassVar[Callable[[], Any] | None] = None

    def __init__(self, options: Any = None) -> None:
        self._options = options

    @property
    def options(self) -> Any:
        """The rule's options: the configured ones, else the model's defaults (read from
        ``packs.json``, generated at build time, so pydantic is not imported for them)."""
        if self._options is None and self.options_model is not None:
            from ..util.packs import model_defaults

            self._options = model_defaults(self.name, self.options_model)
        return self._options

    def check(self, doc: "Document") -> Iterator[Diagnostic]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def doc(cls) -> RuleDoc:
        return parse_doc(cls.__doc__ or "")

    @classmethod
    def applies_to(cls, profile: str) -> bool:
        if cls.profiles is None:
            return profile != "catalogue" or cls.also_catalogue
        return profile in cls.profiles

    # Helpers for rules.
    @staticmethod
    def at(block: "Block", i: int, j: int, message: str, *, severity: Severity | None = None,
           fix: Fix | None = None) -> Diagnostic:
        """A diagnostic for ``block.text[i:j]``."""
        start, end = block.span(i, j)
        return Diagnostic(start, end, message, severity, fix)

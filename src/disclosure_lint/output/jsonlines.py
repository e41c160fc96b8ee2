"""JSON Lines: one finding per line, the same object as in the JSON output (``Finding.to_dict``).

Nothing is written for a run without findings, so ``wc -l`` counts findings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..finding import Finding


def write(out: TextIO, findings: Iterable[Finding], **_: Any) -> None:
    out.writelines(json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n" for f in findings)

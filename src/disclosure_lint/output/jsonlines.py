"""JSON Lines: one finding per line, the same object as in the JSON output (``Finding.to_dict``).

Nothing is written for a run without findings, so ``wc -l`` counts findings (and unreadable
files, as DL903 ``unreadable-file`` entries).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..checks.finding import Finding
from . import with_errors


def write(out: TextIO, findings: Iterable[Finding], *, errors: Iterable[Any] = (), **_: Any) -> None:
    out.writelines(json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
                   for f in with_errors(findings, errors))

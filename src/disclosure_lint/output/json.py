"""JSON: an array of finding objects (schema in the README; kept stable); a file that could not
be read is an object of the same shape, code DL903 ``unreadable-file``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..checks.finding import Finding
from . import with_errors


def write(out: TextIO, findings: Iterable[Finding], *, errors: Iterable[Any] = (), **_: Any) -> None:
    """The same text as ``json.dump(list, indent=2)``, written one finding at a time: no list
    of every finding's dict is built (a batch of thousands of files)."""
    first = True
    for f in with_errors(findings, errors):
        # JSON escapes line breaks inside strings, so every line break here is the layout's
        item = json.dumps(f.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + item)
        first = False
    out.write("[]\n" if first else "\n]\n")

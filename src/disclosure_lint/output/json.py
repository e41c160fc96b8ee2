"""JSON: an array of finding objects (schema in the README; kept stable); a file that could not
be read is an object of the same shape, code DL903 ``unreadable-file``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..finding import Finding
from . import with_errors


def write(out: TextIO, findings: Iterable[Finding], *, errors: Iterable[Any] = (), **_: Any) -> None:
    json.dump([f.to_dict() for f in with_errors(findings, errors)], out, ensure_ascii=False, indent=2)
    out.write("\n")

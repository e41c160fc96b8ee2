"""JSON: an array of finding objects (schema in the README; kept stable)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..finding import Finding


def write(out: TextIO, findings: Iterable[Finding], **_: Any) -> None:
    json.dump([f.to_dict() for f in findings], out, ensure_ascii=False, indent=2)
    out.write("\n")

"""A big batch's first-pass findings (and texts, for the HTML page), kept in a temporary file until the cross-file stages
(last year's reports, other agencies' copies) are done: those stages read the documents'
references and sketches only, and the findings of 10,000 files (~7 KB each) would
otherwise all be in memory before the first one is reported."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

#: Batches of more files than this spill their findings (a smaller one gains nothing from it:
#: pickling and reading back cost ~0.5 ms a file).
SPILL_FILES = 500


class Spill:
    """Each result's findings (and digests) moved to a temporary file by ``put``, given back
    by ``results``. Where no temporary file can be made, they stay in memory."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None
        try:
            self.file = tempfile.TemporaryFile(prefix="disclosure-lint-")  # noqa: SIM115 - closed in results
        except OSError:
            self.file = None
        self.offsets: list[int | None] = []  # None: kept in memory
        self.full = self.file is None

    def put(self, result: Any) -> None:
        offset = None
        if not self.full and self.file is not None:
            try:
                offset = self.file.tell()
                pickle.dump((result.findings, result.digests, result.text), self.file,
                            protocol=pickle.HIGHEST_PROTOCOL)
                result.findings, result.digests, result.text = [], {}, None
            except OSError:  # a full disk: this one and the rest stay in memory
                self.full, offset = True, None
        self.offsets.append(offset)

    def results(self, held: list[Any]) -> Iterator[Any]:
        """``held`` (the results ``put`` was given, in order) with their findings back, one at
        a time; each is let go of (``held[k] = None``) once given, so memory stays flat."""
        try:
            for k, result in enumerate(held):
                offset = self.offsets[k] if k < len(self.offsets) else None
                if offset is not None and self.file is not None:
                    self.file.seek(offset)
                    result.findings, result.digests, result.text = pickle.load(self.file)  # our own file
                held[k] = None
                yield result
        finally:
            if self.file is not None:
                self.file.close()

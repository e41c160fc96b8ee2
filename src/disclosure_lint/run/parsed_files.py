"""Other files read and parsed once for a stage of a batch, not once per document that needs
them: the copy stage compares each document with other agencies' documents of other files,
and the same file is a candidate of many documents (300 varied reports: 943 reads of 159
files). The documents keep their derived data (their own sentences), so each is analysed
once too. Bounded (least recently used first out) so that a batch of thousands of files
holds a few megabytes, and emptied when the stage ends; a file changed since it was parsed
(its modification time or size) is read anew."""

from __future__ import annotations

import os
from collections import OrderedDict

from ..document.model import Document
from ..document.parse import parse
from ..document.read import read_path
from ..document.source import InputError

#: Files kept: ~65 KB each once parsed and analysed (measured on the honest corpus).
CAPACITY = 128


class ParsedFiles:
    """Path → its parsed documents (none for a file that cannot be read any more)."""

    __slots__ = ("capacity", "_docs")

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._docs: OrderedDict[tuple[str, str | None], tuple[tuple[int, int], list[Document]]] = OrderedDict()

    def get(self, path: str, encoding: str | None) -> list[Document]:
        key = (path, encoding)
        try:
            st = os.stat(path)
        except OSError:
            self._docs.pop(key, None)
            return []
        stamp = (st.st_mtime_ns, st.st_size)
        kept = self._docs.get(key)
        if kept is not None and kept[0] == stamp:
            self._docs.move_to_end(key)
            return kept[1]
        try:
            docs = parse(read_path(path, encoding))
        except InputError:
            docs = []
        self._docs[key] = (stamp, docs)
        self._docs.move_to_end(key)
        if len(self._docs) > self.capacity:
            self._docs.popitem(last=False)
        return docs

    def clear(self) -> None:
        self._docs.clear()

    def __len__(self) -> int:
        return len(self._docs)

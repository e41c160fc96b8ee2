"""Last year's report of a document: the one given (--previous, or paired in a batch), else a
document of the same file titled with the year before."""

from __future__ import annotations

import re

from ..document import profiles
from ..document.model import Document


def previous_document(doc: Document) -> Document | None:
    """Last year's report: ``doc.previous`` (``--previous``), else a document in the same file
    whose title is this one's with the year before (a file that holds several years' reports)."""
    if doc.previous is not None:
        return doc.previous
    title = re.sub(r"\s+", "", doc.title_text)
    year = profiles.title_year(title)
    if year is None:
        return None
    want = title.replace(str(year), str(year - 1), 1)
    if want == title or len(doc.siblings) < 2:
        return None
    # One title index per file, shared by its documents (a lookup, not a scan per document).
    first = doc.siblings[0]
    index = first.cache.get("file:tables:titles")
    if index is None:
        index = {}
        for other in doc.siblings:
            index.setdefault(re.sub(r"\s+", "", other.title_text), other)
        first.cache["file:tables:titles"] = index
    found = index.get(want)
    if found is None or found is doc:
        return None
    if found.profile == "generic":
        found.profile = doc.profile
    return found

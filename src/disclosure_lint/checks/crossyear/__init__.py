"""Rules across documents: a report against last year's, and against other agencies'."""

from __future__ import annotations

from ..rule import Rule
from .cross_agency_copy import CrossAgencyCopy
from .repetition_rate import RepetitionRate

RULES: list[type[Rule]] = [
    RepetitionRate,  # DL801
    CrossAgencyCopy,  # DL802
]

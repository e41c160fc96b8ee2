"""Rules of the dates pack (DL5xx): dates and the reporting period. Each rule is a module of
its own; the shared parser is ``disclosure_lint.analysis.dates``."""

from __future__ import annotations

from ..rule import Rule
from .bare_year import BareYear
from .date_after_signing import DateAfterSigning
from .date_format import DateFormat
from .date_invalid import DateInvalid
from .date_zero_character import DateZeroCharacter
from .late_publication import LatePublication
from .plan_year_mismatch import PlanYearMismatch
from .year_mismatch import YearMismatch

RULES: list[type[Rule]] = [
    DateInvalid,  # DL501
    YearMismatch,  # DL502
    PlanYearMismatch,  # DL503
    DateAfterSigning,  # DL504
    LatePublication,  # DL505
    DateZeroCharacter,  # DL506
    DateFormat,  # DL507
    BareYear,  # DL508
]

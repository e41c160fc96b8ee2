"""Rules of the tables pack; each rule in a module of its own, listed here."""

from __future__ import annotations

from ..rule import Rule
from .breakdown_total import BreakdownTotal
from .carry_over_mismatch import CarryOverMismatch
from .copied_from_previous import CopiedFromPrevious
from .fee_not_reported import FeeNotReported
from .prose_table_mismatch import ProseTableMismatch
from .table_balance import TableBalance
from .table_label import TableLabel
from .table_result_total import TableResultTotal
from .table_review_total import TableReviewTotal
from .table_row_total import TableRowTotal
from .table_unreadable import TableUnreadable
from .table_value import TableValue
from .valid_count_drift import ValidCountDrift

RULES: list[type[Rule]] = [
    TableBalance,  # DL201
    TableRowTotal,  # DL202
    TableResultTotal,  # DL203
    TableReviewTotal,  # DL204
    TableValue,  # DL205
    TableLabel,  # DL206
    ProseTableMismatch,  # DL207
    FeeNotReported,  # DL208
    BreakdownTotal,  # DL209
    CarryOverMismatch,  # DL210
    CopiedFromPrevious,  # DL211
    ValidCountDrift,  # DL212
    TableUnreadable,  # DL220
]

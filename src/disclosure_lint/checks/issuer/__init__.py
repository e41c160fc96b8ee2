"""Rules of the issuer pack; each rule in a module of its own, listed here."""

from __future__ import annotations

from ..rule import Rule
from .admin_level_mismatch import AdminLevelMismatch
from .foreign_agency_term import ForeignAgencyTerm
from .foreign_locality import ForeignLocality
from .issuer_mismatch import IssuerMismatch
from .issuer_missing import IssuerMissing
from .law_title import LawTitle
from .level_scope_mismatch import LevelScopeMismatch

RULES: list[type[Rule]] = [
    IssuerMissing,  # DL601
    IssuerMismatch,  # DL602
    AdminLevelMismatch,  # DL603
    ForeignAgencyTerm,  # DL604
    LawTitle,  # DL605
    LevelScopeMismatch,  # DL606
    ForeignLocality,  # DL607
]

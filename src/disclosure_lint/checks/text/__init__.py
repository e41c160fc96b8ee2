"""Rules of the text pack (text hygiene: doubled words, punctuation, broken lines, stray
digits); each rule in a module of its own, listed here."""

from __future__ import annotations

from ...rule import Rule
from .broken_line import BrokenLine

RULES: list[type[Rule]] = [
    BrokenLine,  # DL403
]

"""Rules of the text pack (text hygiene: doubled words, punctuation, broken lines, stray
digits); each rule in a module of its own, listed here."""

from __future__ import annotations

from ..rule import Rule
from .broken_line import BrokenLine
from .confused_word import ConfusedWord
from .halfwidth_punctuation import HalfwidthPunctuation
from .repeated_punctuation import RepeatedPunctuation
from .repeated_word import RepeatedWord
from .stray_digit import StrayDigit
from .unbalanced_pair import UnbalancedPair

RULES: list[type[Rule]] = [
    RepeatedWord,  # DL311
    ConfusedWord,  # DL312
    RepeatedPunctuation,  # DL401
    UnbalancedPair,  # DL402
    BrokenLine,  # DL403
    StrayDigit,  # DL404
    HalfwidthPunctuation,  # DL405
]

"""Rules of the issuer pack; each rule in a module of its own, listed here."""

from __future__ import annotations

from ...rule import Rule

RULES: list[type[Rule]] = []

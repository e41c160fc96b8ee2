"""Pattern-list rules (checks/kinds.py): the needles a pack entry lists keep their promise —
every match of the entry's pattern contains one of them — so the scanner's pre-filter
changes no finding."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from helpers import render
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.checks import kinds, scan
from disclosure_lint.checks.leftovers.leftover_placeholder import LeftoverPlaceholder
from disclosure_lint.checks.leftovers.template_leftover import TemplateLeftover
from disclosure_lint.checks.text.confused_word import ConfusedWord
from disclosure_lint.run.engine import Settings, lint_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_FILES = sorted(p for p in (ROOT / "fixtures").rglob("*")
                       if p.is_file() and p.suffix in (".txt", ".md", ".docx", ".pdf", ".csv", ".tsv"))
RULES = (LeftoverPlaceholder, TemplateLeftover, ConfusedWord)
#: (pack, list, the field that stands for a needle when an entry lists none)
LISTS = (("placeholders", "placeholder", None), ("placeholders", "template", None), ("confusables", "entry", "wrong"))


@functools.cache
def _entries() -> list[tuple[str, Any, tuple[str, ...]]]:
    import regex

    out = []
    for pack, key, default in LISTS:
        for item in kinds.entries(pack, key):
            needles = tuple(getattr(item, "needles", ()) or ()) or ((getattr(item, default),) if default else ())
            out.append((f"{pack}.{key}.{item.id}", regex.compile(item.pattern), needles))
    return out


def _broken_promises(text: str) -> list[str]:
    out = []
    for name, rx, needles in _entries():
        for line in text.split("\n"):
            for m in rx.finditer(line):
                if m.end() > m.start() and not any(n in m.group(0) for n in needles):
                    out.append(f"{name}: {m.group(0)!r} holds none of {needles}")
    return out


def test_every_entry_lists_needles() -> None:
    # An entry without them is correct but makes its rule read every line.
    assert all(needles for _, _, needles in _entries())


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in FIXTURE_FILES if p.suffix in (".txt", ".md")]
    for pack, key, _ in LISTS:
        for item in kinds.entries(pack, key):
            texts += [getattr(item, f, "") or "" for f in ("bad", "good", "description")]
    for rule in RULES:
        doc = rule.doc()
        texts += [e.text for e in doc.bad + doc.good]
    return texts


def test_needles_keep_their_promise_on_the_fixtures_and_examples() -> None:
    broken = [b for t in _texts() for b in _broken_promises(t)]
    assert broken == []


def _alphabet() -> str:
    # The characters the patterns name, and the ones around them in reports.
    chars = {c for pack, key, _ in LISTS for item in kinds.entries(pack, key) for c in item.pattern
             if not c.isspace() or c == " "}
    return "".join(sorted(chars | set(" \u3000\t，。的年月日号一二二〇○0123456789")))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_needles_keep_their_promise_on_random_text(data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet=_alphabet(), max_size=40))
    assert _broken_promises(text) == []


@pytest.fixture
def no_prefilter(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Every rule given every block, as before the scanner."""
    for rule in RULES:
        monkeypatch.setattr(rule, "needles", classmethod(lambda cls: None))
    scan.scanner.cache_clear()
    yield
    scan.scanner.cache_clear()


def _findings() -> dict[str, list[str]]:
    settings_ = Settings(rules=list(RULES))
    return {p.relative_to(ROOT).as_posix(): render(lint_file(str(p), settings_)[0]) for p in FIXTURE_FILES}


def test_the_prefilter_changes_no_finding(request: pytest.FixtureRequest) -> None:
    scan.scanner.cache_clear()
    with_scanner = _findings()
    request.getfixturevalue("no_prefilter")
    assert scan.scanner(tuple(RULES)).every == (True, True, True)
    without = _findings()
    assert with_scanner == without
    assert sum(map(len, with_scanner.values())) > 50  # the fixtures do hold such findings

"""The one-pass scanner (checks/scan.py): each rule gets exactly the occurrences of its
needles that a plain search finds, whatever the other rules look for."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.checks import scan
from disclosure_lint.checks.finding import Diagnostic
from disclosure_lint.document.model import Block
from disclosure_lint.document.parse import parse
from disclosure_lint.document.source import source_from_text


def naive(text: str, needles: Sequence[tuple[str, int]]) -> list[tuple[int, int, int]]:
    """Every occurrence of every needle, overlapping ones too, by str.find."""
    out = []
    for needle, key in needles:
        i = text.find(needle)
        while i != -1:
            out.append((i, i + len(needle), key))
            i = text.find(needle, i + 1)
    return sorted(out)


def rule(code: str, needles: Sequence[tuple[str, int]] | None, kind: str = "lines") -> type[scan.ScanningRule]:
    class Probe(scan.ScanningRule):
        scans = kind

        @classmethod
        def needles(cls) -> Sequence[tuple[str, int]] | None:
            return needles

        def check(self, doc: object) -> Iterator[Diagnostic]:
            return iter(())

    Probe.code, Probe.name = code, f"probe-{code.lower()}"
    return Probe


def pairs(found: list[scan.Found]) -> list[tuple[Block, list[scan.Hit]]]:
    return [(f.block, list(f.hits)) for f in found]


def doc_of(text: str):  # noqa: ANN201 - a parsed Document
    return parse(source_from_text(text, "t.txt"))[0]


def test_a_rule_gets_exactly_what_str_find_finds() -> None:
    text = "截止2023年底，按照统一布署，截止目前共制订规范性文件；布署布署。"
    needles = [("截止", 0), ("布署", 1), ("制订", 2)]
    s = scan.Scanner([rule("DL991", needles)])
    assert s.find(text) == [naive(text, needles)]


def test_overlapping_needles_of_two_rules() -> None:
    text = "某某某单位xxXX年"
    a = [("某某", 0), ("xx", 1)]
    b = [("某", 7), ("某某某", 8), ("xX", 9)]
    s = scan.Scanner([rule("DL991", a), rule("DL992", b)])
    assert s.find(text) == [naive(text, a), naive(text, b)]
    assert s.find(text)[0] == [(0, 2, 0), (1, 3, 0), (5, 7, 1)]


def test_the_same_needle_for_two_rules() -> None:
    s = scan.Scanner([rule("DL991", [("截止", 0)]), rule("DL992", [("截止", 5)])])
    assert s.find("到截止") == [[(1, 3, 0)], [(1, 3, 5)]]


def test_empty_text_and_no_needles() -> None:
    s = scan.Scanner([rule("DL991", [("截止", 0)]), rule("DL992", ())])
    assert s.find("") == [[], []]
    assert scan.Scanner([rule("DL993", ())]).find("截止") == [[]]
    assert scan.Scanner([]).find("截止") == []


def test_a_needle_with_a_line_break_is_refused() -> None:
    with pytest.raises(ValueError, match="DL991"):
        scan.Scanner([rule("DL991", [("a\nb", 0)])])
    with pytest.raises(ValueError, match="DL991"):
        scan.Scanner([rule("DL991", [("", 0)])])


def test_blocks_get_their_own_hits_at_their_own_offsets() -> None:
    blocks = [Block.single(t, 0, i + 1) for i, t in enumerate(["甲截止乙", "", "无", "截止截止"])]
    r1, r2 = rule("DL991", [("截止", 0)]), rule("DL992", None)
    found = scan.Scanner([r1, r2]).scan(blocks)
    assert [(b.text, [(h.start, h.end) for h in hs]) for b, hs in pairs(found[0])] == [
        ("甲截止乙", [(1, 3)]), ("截止截止", [(0, 2), (2, 4)])]
    # without needles: every block, none with a hit
    assert [(b.text, hs) for b, hs in pairs(found[1])] == [("甲截止乙", []), ("", []), ("无", []), ("截止截止", [])]


def test_prepared_rules_share_one_scan_and_agree_with_a_rule_run_alone() -> None:
    text = "青山县人民政府2023年政务公开工作总结\n截止目前，按照统一布署推进。\n某某科室负责，布署有力。\n"
    r1, r2 = rule("DL991", [("布署", 0)]), rule("DL992", [("截止", 0), ("某某", 1)])
    r3 = rule("DL993", [("推进", 0)], "units")
    alone = {r: scan.hits(doc_of(text), r) for r in (r1, r2, r3)}
    doc = doc_of(text)
    scan.prepare(doc, [r1, r2, r3])
    for r in (r1, r2, r3):
        assert scan.hits(doc, r) == alone[r]
    assert [(f.block.text, [h.key for h in f.hits]) for f in alone[r2]] == [
        ("截止目前，按照统一布署推进。", [0]), ("某某科室负责，布署有力。", [1])]
    assert set(doc.cache["scan:lines"]) == {r1, r2}
    # a rule the engine did not prepare for is scanned on its own, the others' hits kept
    r4 = rule("DL994", [("有力", 0)])
    assert [f.block.text for f in scan.hits(doc, r4)] == ["某某科室负责，布署有力。"]
    assert set(doc.cache["scan:lines"]) == {r1, r2, r4}


_CHARS = "截止至布署某xX○〇 \n，。的"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60),
       st.lists(st.lists(st.text(alphabet=_CHARS.replace("\n", ""), min_size=1, max_size=4), max_size=5),
                min_size=1, max_size=3))
def test_matches_equal_a_naive_search(text: str, needle_lists: list[list[str]]) -> None:
    rules = [rule(f"DL99{i}", [(n, k) for k, n in enumerate(ns)]) for i, ns in enumerate(needle_lists)]
    s = scan.Scanner(rules)
    assert s.find(text) == [naive(text, r.needles() or ()) for r in rules]
    # split into blocks: the same hits, each block's at its own offsets
    parts = text.split("\n")
    blocks = [Block.single(p, 0, i + 1) for i, p in enumerate(parts)]
    for r, found in zip(rules, s.scan(blocks)):
        want = [(p, naive(p, r.needles() or ())) for p in parts]
        got = [(b.text, [(h.start, h.end, h.key) for h in hs]) for b, hs in pairs(found)]
        assert got == [w for w in want if w[1]]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    r1, r2 = rule("DL991", [("截止", 0), ("\ud7ff", 1), ("🙂", 2)]), rule("DL992", [("x", 0)], "units")
    doc = doc_of(text or " ")
    scan.prepare(doc, [r1, r2])
    for r in (r1, r2):
        for f in scan.hits(doc, r):
            assert f.complete
            for h in f.hits:
                assert 0 <= h.start < h.end <= len(f.block.text)


def _media_regex():  # noqa: ANN202 - the pre-filter foreign-locality had before the scanner
    import re

    from disclosure_lint.analysis.issuer_data import localities
    from disclosure_lint.checks.issuer.foreign_locality import _STRONG_AFTER

    pack = localities()
    after = "|".join(re.escape(x) for x in sorted(pack.media_after, key=len, reverse=True))
    before = "|".join(re.escape(x) for x in sorted(pack.media_before, key=len, reverse=True))
    plain = "|".join(re.escape(w) for w in _STRONG_AFTER)
    return re.compile(rf"《(?:{before})|(?:{after})》|{plain}")


_MEDIA = "《》今日定安日报电视台广播融媒体中心网报i看 县"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_MEDIA, max_size=20), min_size=1, max_size=6))
def test_foreign_locality_reads_the_blocks_its_regex_read(lines: list[str]) -> None:
    from disclosure_lint.checks.issuer.foreign_locality import ForeignLocality

    doc = doc_of("平潭县地方税务局2013年政府信息公开工作年度报告\n" + "\n\n".join(lines) + "\n")
    rx = _media_regex()
    assert [f.block for f in scan.hits(doc, ForeignLocality)] == [b for b in doc.blocks if rx.search(b.text)]


def test_foreign_locality_reads_the_blocks_its_regex_read_in_the_fixtures() -> None:
    from pathlib import Path

    from disclosure_lint.checks.issuer.foreign_locality import ForeignLocality

    rx = _media_regex()
    read = 0
    for p in sorted((Path(__file__).resolve().parent.parent / "fixtures").rglob("*.txt")):
        for doc in parse(source_from_text(p.read_text(encoding="utf-8"), p.name)):
            want = [b for b in doc.blocks if rx.search(b.text)]
            assert [f.block for f in scan.hits(doc, ForeignLocality)] == want, p.name
            read += len(want)
    assert read > 10


def test_a_run_of_needles_stops_the_search_in_its_block_only() -> None:
    # a line of 100,000 x: the scanner does not make a hit of each, and the block goes to
    # every rule (their patterns decide, as without the scanner)
    texts = ["甲截止", "x" * 100_000, "乙截止x", "丙"]
    blocks = [Block.single(t, 0, i + 1) for i, t in enumerate(texts)]
    r1, r2, r3 = rule("DL991", [("x", 0)]), rule("DL992", [("截止", 0)]), rule("DL993", [("丁", 0)])
    found = scan.Scanner([r1, r2, r3]).scan(blocks, cap=10)
    assert [(f.block.text[:3], len(f.hits), f.complete) for f in found[0]] == [("xxx", 10, False), ("乙截止", 1, True)]
    assert [(f.block.text[:3], len(f.hits), f.complete) for f in found[1]] == [
        ("甲截止", 1, True), ("xxx", 0, False), ("乙截止", 1, True)]
    assert [(f.block.text[:3], f.complete) for f in found[2]] == [("xxx", False)]
    # the last block too
    found = scan.Scanner([r1]).scan([Block.single("x" * 50, 0, 1)], cap=10)
    assert [(len(f.hits), f.complete) for f in found[0]] == [(10, False)]

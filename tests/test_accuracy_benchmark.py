"""The accuracy benchmark's own arithmetic: verdicts, true/false/missed counts, precision,
recall, errors on clean documents. Uses only fixtures/accuracy (never ../shared)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "accuracy" / "corpus"
EXPECTED = ROOT / "fixtures" / "accuracy" / "expected"


def _load():
    spec = importlib.util.spec_from_file_location("accuracy_bench", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


acc = _load()

PAD = "这一句只是把各处拉开距离。" * 4  # findings 30+ characters apart
TEXT = f"一、总体情况\n本年公开信息XX条，工作工作有序。{PAD}\n\n二、其他\n{PAD}全年收费0元。{PAD}\n落款 2025年1月20日\n"


def _expected(**extra):
    data = {
        "document": "t.txt",
        "defect": [
            {"id": "ph", "what": "占位符", "quote": "信息XX条", "rules": ["leftover-placeholder"],
             "severity": "error"},
            {"id": "dw", "what": "重复", "quote": "工作 工作", "rules": ["repeated-word", "DL31*"],
             "severity": "warning"},
            {"id": "fee", "what": "收费", "quote": "全年收费0元", "rules": ["fee-not-reported"],
             "severity": "warning", "source": "reading"},
            {"id": "typo", "what": "看不出的错字", "quote": "有序", "visible": False, "severity": "info",
             "rules": ["confused-words"]},
        ],
        "non_defect": [{"what": "日期没问题", "quote": "2025年1月20日", "rules": ["date-*"]}],
        "allowed": [{"what": "分行", "quote": "二、其他", "rules": ["broken-line"], "max_severity": "warning"}],
    }
    data.update(extra)
    return acc.Expected.model_validate(data)


def _hit(name, at, severity="warning", code=None, message="", length=2):
    start = TEXT.index(at)
    return acc.Hit(1, start + 1, code or "DL000", name, severity, message, start, start + length)


def test_verdicts_and_counts():
    hits = [
        _hit("leftover-placeholder", "XX", "error", "DL301"),  # TRUE ph
        _hit("leftover-placeholder", "XX", "error", "DL301"),  # TRUE ph again: one defect, two true findings
        _hit("repeated-word", "工作工作", "error", "DL311"),  # TRUE dw, but too severe
        _hit("broken-line", "二、其他", "warning", "DL403"),  # OK (artefact)
        _hit("broken-line", "二、其他", "error", "DL403"),  # FALSE: more severe than the artefact allows
        _hit("date-format", "2025年", "warning", "DL507"),  # FALSE, known non-defect
        _hit("table-value", "落款", "error", "DL205"),  # FALSE, unexpected
        _hit("repeated-word", "落款", "warning", "DL311"),  # FALSE: right rule, wrong place
    ]
    r = acc.judge("real/t.txt", _expected(), TEXT, hits)
    kinds = [(v.kind, v.defect) for v in r.verdicts]
    assert kinds == [("TRUE", "ph"), ("TRUE", "ph"), ("TRUE", "dw"), ("OK", ""), ("FALSE", ""), ("FALSE", ""),
                     ("FALSE", ""), ("FALSE", "")]
    assert r.verdicts[2].why == "severity error, expected warning"
    assert r.verdicts[5].why.startswith("non-defect: 日期没问题")
    assert not r.problems

    fig = acc.score([r])
    o = fig["overall"]
    assert o["findings"] == 8 and o["errors"] == 5
    # errors: ph, ph (right), dw (too severe), broken-line (false), table-value (false)
    assert o["errors_true"] == 2 and o["errors_too_severe"] == 1
    assert o["error_precision"] == pytest.approx(2 / 5)
    assert o["error_precision_any_severity"] == pytest.approx(3 / 5)
    # visible: ph, dw caught; fee missed; typo not visible
    assert (o["visible_defects"], o["caught"]) == (3, 2)
    assert o["recall"] == pytest.approx(2 / 3)
    assert o["missed"] == ["t:fee"]
    assert (o["labelled_defects"], o["labelled_caught"], o["recall_labelled"]) == (2, 2, 1.0)
    assert (o["error_defects"], o["error_defects_as_errors"]) == (1, 1)
    assert o["precision"] == pytest.approx(3 / 7)  # the OK finding is not counted
    assert o["errors_on_clean"] == 0
    rules = fig["rules"]
    assert rules["leftover-placeholder"] == {"true": 2, "false": 0, "ok": 0, "caught": 1, "missed": 0,
                                             "precision": 1.0, "recall": 1.0}
    assert rules["repeated-word"]["true"] == 1 and rules["repeated-word"]["false"] == 1
    assert rules["repeated-word"]["precision"] == pytest.approx(0.5)
    assert rules["broken-line"] == {"true": 0, "false": 1, "ok": 1, "caught": 0, "missed": 0,
                                    "precision": 0.0, "recall": None}
    assert rules["fee-not-reported"]["missed"] == 1 and rules["fee-not-reported"]["recall"] == 0.0
    assert "DL31*" not in rules  # patterns are never charged with misses


def test_near_window_and_zero_width():
    exp = _expected()
    start = TEXT.index("信息XX条")
    end = start + len("信息XX条")
    near = exp.defect[0].near
    inside = acc.Hit(1, 1, "DL301", "leftover-placeholder", "error", "", end + near - 1, end + near - 1)
    outside = acc.Hit(1, 1, "DL301", "leftover-placeholder", "error", "", end + near, end + near + 1)
    before = acc.Hit(1, 1, "DL301", "leftover-placeholder", "error", "", start - near - 1, start - near)
    r = acc.judge("real/t.txt", exp, TEXT + "x" * 100, [inside, outside, before])
    assert [v.kind for v in r.verdicts] == ["TRUE", "FALSE", "FALSE"]


def test_invisible_defect_caught_is_a_bonus_not_recall():
    r = acc.judge("real/t.txt", _expected(), TEXT, [_hit("confused-words", "有序", "info")])
    o = acc.score([r])["overall"]
    assert r.verdicts[0].kind == "TRUE" and o["invisible_caught"] == 1
    assert o["caught"] == 0 and o["visible_defects"] == 3


def test_two_defects_in_one_region_need_two_findings():
    exp = acc.Expected.model_validate({"document": "t.txt", "defect": [
        {"id": "a", "what": "a", "quote": "一、总体情况", "until": "全年收费0元", "rules": ["table-review-total"],
         "severity": "error"},
        {"id": "b", "what": "b", "quote": "一、总体情况", "until": "全年收费0元", "rules": ["table-review-total"],
         "severity": "error"},
    ]})
    one = acc.judge("real/t.txt", exp, TEXT, [_hit("table-review-total", "工作", "error")])
    assert sum(bool(v) for v in one.caught.values()) == 1
    two = acc.judge("real/t.txt", exp, TEXT, [_hit("table-review-total", "工作", "error"),
                                              _hit("table-review-total", "收费", "error")])
    assert all(two.caught.values())


def test_message_pattern_tells_defects_apart():
    exp = acc.Expected.model_validate({"document": "t.txt", "defect": [
        {"id": "review", "what": "复议", "quote": "一、总体情况", "until": "全年收费0元", "rules": ["table-review-total"],
         "message": "^(?!.*起诉).*复议", "severity": "error"},
        {"id": "suit", "what": "诉讼", "quote": "一、总体情况", "until": "全年收费0元", "rules": ["table-review-total"],
         "message": "复议后起诉", "severity": "error"},
    ]})
    r = acc.judge("real/t.txt", exp, TEXT, [_hit("table-review-total", "工作", "error", message="“复议后起诉”：总计 0"),
                                            _hit("table-review-total", "工作", "error", message="“未经复议直接起诉”")])
    assert [(v.kind, v.defect) for v in r.verdicts] == [("TRUE", "suit"), ("FALSE", "")]


def test_errors_on_clean_document():
    clean = acc.Expected.model_validate({"document": "c.txt", "clean": True, "non_defect": [
        {"what": "定义了简称", "quote": "一、总体情况", "rules": ["law-title"]}]})
    r = acc.judge("published/c.pdf", clean, TEXT, [_hit("law-title", "总体", "error"), _hit("law-title", "总体")])
    o = acc.score([r])["overall"]
    assert o["errors_on_clean"] == 1 and o["error_precision"] == 0.0 and o["recall"] is None


def test_locator_ignores_whitespace_and_reports_bad_quotes():
    text = "2024 年，全区受理\n申请 17 件。工作。工作。"
    loc = acc.Locator(text)
    p = loc.place(acc.Defect(id="x", what="x", quote="2024年，全区受理申请17件", rules=["r"], severity="info"))
    assert (p.start, p.end, p.problem) == (0, text.index("件") + 1, "")
    p = loc.place(acc.Defect(id="x", what="x", quote="工作", rules=["r"], severity="info"))
    assert "2 times" in p.problem
    p = loc.place(acc.Defect(id="x", what="x", quote="没有的话", rules=["r"], severity="info"))
    assert "0 times" in p.problem
    p = loc.place(acc.Defect(id="x", what="x", quote="全区", until="工作", rules=["r"], severity="info"))
    assert text[p.start:p.end] == "全区受理\n申请 17 件。工作"
    p = loc.place(acc.Defect(id="x", what="x", line=2, rules=["r"], severity="info"))
    assert text[p.start:p.end] == "申请 17 件。工作。工作。"
    r = acc.judge("real/t.txt", acc.Expected(document="t.txt", defect=[
        acc.Defect(id="x", what="x", quote="工作", rules=["r"], severity="info")]), text, [])
    assert r.problems and acc.score([r])["overall"]["missed"] == ["t:x"]


@pytest.mark.parametrize("bad", [
    {"document": "t.txt", "defect": [{"id": "a", "what": "a", "quote": "q", "line": 3, "rules": ["r"],
                                      "severity": "error"}]},
    {"document": "t.txt", "defect": [{"id": "a", "what": "a", "quote": "q", "severity": "error"}]},
    {"document": "t.txt", "defect": [{"id": "a", "what": "a", "quote": "q", "rules": ["r"], "severity": "fatal"}]},
    {"document": "t.txt", "defect": [{"id": "a", "what": "a", "quote": "q", "rules": ["r"], "severity": "info"},
                                     {"id": "a", "what": "b", "quote": "p", "rules": ["r"], "severity": "info"}]},
    {"document": "t.txt", "clean": True, "defect": [{"id": "a", "what": "a", "quote": "q", "rules": ["r"],
                                                     "severity": "info"}]},
    {"document": "t.txt", "allowed": [{"what": "a", "quote": "q"}]},
    {"document": "t.txt", "non_defect": [{"what": "a", "until": "q"}]},
    {"document": "t.txt", "non_defect": [{"what": "a", "quote": "q", "message": "("}]},
    {"document": "t.txt", "extra": 1},
])
def test_expected_model_rejects(bad):
    with pytest.raises(acc.ValidationError):
        acc.Expected.model_validate(bad)


def test_end_to_end_on_the_fixture_corpus(tmp_path, capsys):
    out = tmp_path / "a.json"
    md = tmp_path / "a.md"
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED), "--json", str(out),
                     "--markdown", str(md)]) == 0
    printed = capsys.readouterr().out
    assert "== real/900_sample-county-2024-annual-report.txt" in printed
    assert "TRUE placeholder" in printed and "error-level precision" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert all(f["verdict"] in ("TRUE", "OK", "FALSE") for f in doc["findings"])
    assert {d["id"]: d["caught"] for d in doc["defects"]}["placeholder"] is True
    assert data["overall"]["documents"] == 1 and data["overall"]["problems"] == 0
    assert "| leftover-placeholder |" in md.read_text(encoding="utf-8")
    assert "| real/900_sample-county-2024-annual-report.txt |" in md.read_text(encoding="utf-8")
    rep = tmp_path / "r.md"
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED), "-q", "--report", str(rep),
                     "--note", "Measured on X."]) == 0
    text = rep.read_text(encoding="utf-8")
    assert text.startswith("# Accuracy\n\nMeasured on X.") and "TRUE placeholder" in text and "| rule |" in text
    # A threshold makes it a gate; without one it measures and exits 0.
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED), "-q", "--min-recall", "1.01"]) == 1


def test_missing_corpus_and_bad_expected_exit_2(tmp_path, capsys):
    assert acc.main(["--corpus", str(tmp_path / "nowhere")]) == 2
    assert "corpus not found" in capsys.readouterr().err
    bad = tmp_path / "expected"
    bad.mkdir()
    (bad / "900_sample-county-2024-annual-report.toml").write_text('document = "other.txt"\n', encoding="utf-8")
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(bad), "-q"]) == 2
    (bad / "900_sample-county-2024-annual-report.toml").write_text("document = \n", encoding="utf-8")
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(bad), "-q"]) == 2


def test_doc_rules_match_anywhere_other_rules_only_at_the_quote():
    exp = acc.Expected.model_validate({"document": "t.txt", "defect": [
        {"id": "s", "what": "缺一节", "quote": "二、其他", "rules": ["heading-number-gap"],
         "doc_rules": ["required-section-missing"], "severity": "error"}]})
    r = acc.judge("real/t.txt", exp, TEXT, [_hit("required-section-missing", "一、总体", "error"),
                                            _hit("heading-number-gap", "一、总体", "error")])
    assert [v.kind for v in r.verdicts] == ["TRUE", "FALSE"]
    assert acc.score([r])["rules"]["required-section-missing"]["caught"] == 1


def test_compare_lists_findings_gone_and_new_and_the_figures(tmp_path, capsys):
    old = {"documents": [{"path": "real/a.txt", "findings": [
        {"code": "DL203", "message": "总计不符", "verdict": "FALSE"},
        {"code": "DL301", "message": "占位符", "verdict": "TRUE"}]}],
        "overall": {"findings": 2, "errors": 2, "error_precision": 0.5, "recall": 0.5,
                    "error_warning_precision": 0.5, "errors_on_clean": 1}}
    new = {"documents": [{"path": "real/a.txt", "findings": [
        {"code": "DL301", "message": "占位符", "verdict": "TRUE"},
        {"code": "DL311", "message": "重复", "verdict": "TRUE"}]}],
        "overall": {"findings": 2, "errors": 1, "error_precision": 1.0, "recall": 1.0,
                    "error_warning_precision": 1.0, "errors_on_clean": 0}}
    lines = acc.compare(old, new)
    assert lines[:3] == ["real/a.txt:", "  - FALSE DL203 总计不符", "  + TRUE  DL311 重复"]
    assert "findings: 2 -> 2" in lines
    assert "error-level precision: 50.0 % -> 100.0 %  *" in lines
    assert "errors on clean documents: 1 -> 0  *" in lines
    # From the command line, against a saved run of the same corpus: nothing changed.
    saved = tmp_path / "old.json"
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED), "-q", "--json", str(saved)]) == 0
    capsys.readouterr()
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED), "-q", "--compare", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "== compared with" in out and "  *" not in out.split("== compared with")[1]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st


@given(st.text(alphabet="工作 \n\t年X1", min_size=1, max_size=40), st.data())
def test_locator_finds_every_unique_substring_where_it_is(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    squeezed = "".join(quote.split())
    if not squeezed:
        return
    place = acc.Locator(text).place(acc.NonDefect(what="x", quote=quote))
    whole = "".join(text.split())
    overlapping = sum(whole.startswith(squeezed, k) for k in range(len(whole)))
    if overlapping != 1:  # "工工" in "工工工" is there twice: ambiguous
        assert place.problem
        return
    assert not place.problem
    assert "".join(text[place.start:place.end].split()) == squeezed


def test_the_most_specific_place_wins_a_tie():
    exp = acc.Expected.model_validate({"document": "t.txt", "defect": [
        {"id": "paragraph", "what": "段", "quote": "一、总体情况", "until": "全年收费0元", "rules": ["prose-table-mismatch"],
         "severity": "warning"},
        {"id": "sentence", "what": "句", "quote": "本年公开信息XX条", "rules": ["prose-table-mismatch"],
         "severity": "warning"},
    ]})
    r = acc.judge("real/t.txt", exp, TEXT, [_hit("prose-table-mismatch", "XX")])
    assert r.verdicts[0].defect == "sentence"


def test_previous_report_is_passed_and_must_exist(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "real").mkdir(parents=True)
    src = CORPUS / "real" / "900_sample-county-2024-annual-report.txt"
    (corpus / "real" / "899_last-year.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "real" / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    exp = tmp_path / "expected"
    exp.mkdir()
    (exp / f"{src.stem}.toml").write_text(f'document = "{src.name}"\nprevious = "899_last-year.txt"\n',
                                          encoding="utf-8")
    seen = []
    real_lint_one = acc.lint_one
    monkeypatch.setattr(acc, "lint_one", lambda p, s, e, prev=None: seen.append((p.name, prev and prev.name))
                        or real_lint_one(p, s, e, prev))
    acc.run(corpus, exp)
    assert (src.name, "899_last-year.txt") in seen
    (exp / f"{src.stem}.toml").write_text(f'document = "{src.name}"\nprevious = "nope.txt"\n', encoding="utf-8")
    with pytest.raises(acc.ExpectedError):
        acc.run(corpus, exp)


def test_a_crashing_reader_is_a_problem_not_the_end(tmp_path, monkeypatch, capsys):
    import disclosure_lint.document.read as source

    def boom(path, encoding=None):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(source, "read_path", boom)
    assert acc.main(["--corpus", str(CORPUS), "--expected", str(EXPECTED)]) == 0
    out = capsys.readouterr().out
    assert "problem: crashed (RuntimeError): reader bug" in out and "missed" in out

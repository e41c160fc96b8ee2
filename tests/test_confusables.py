"""The confused-word pack (rules/confusables.toml): every entry's bad example gives exactly
its finding, at the wrong word, and its good example gives none; the pack is validated."""

from __future__ import annotations

import pytest

from disclosure_lint import lint_text
from disclosure_lint.checks.text.confused_word import entries

CONFIG = {"select": ["confused-word"]}
ENTRIES = list(entries())


def _findings(text: str) -> list:
    return lint_text(text, path="t.txt", config=CONFIG)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_bad_example_gives_its_finding(entry) -> None:
    found = _findings(entry.bad)
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    line = entry.bad.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == entry.wrong
    assert f"应为“{entry.right}”" in f.message
    assert f.fix is not None
    fixed = line[:f.column - 1] + entry.right + line[f.end_column - 1:]
    assert not _findings(fixed), f"the fixed text {fixed!r} still gives a finding"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_good_example_gives_nothing(entry) -> None:
    assert not _findings(entry.good)


def test_quoted_titles_and_names_are_not_reported() -> None:
    text = "依据《关于截止2024年底布署工作的通知》和“倍受关注”专栏开展工作。"
    assert not _findings(text)


def test_word_split_over_lines_is_found_without_a_fix() -> None:
    # Hard-wrapped at 30 characters, as text from a PDF: the first "布署" is cut by a line end.
    body = ("全年主动公开政府信息一千二百条，依申请答复均按照县政府统一布署，扎实推进政务公开工作，"
            "依申请公开答复均在法定期限内完成，群众满意度进一步提升，各项工作有序开展，"
            "政务公开标准化规范化建设持续深化。") * 3
    lines = [body[k:k + 30] for k in range(0, len(body), 30)]
    text = "青山县政府办公室关于做好保密审查工作的说明\n\n" + "\n".join(lines) + "\n"
    found = _findings(text)
    assert len(found) == 3
    first = found[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (3, 30, 4, 2)
    assert first.fix is None
    assert all(f.fix is not None for f in found[1:])


def test_pack_rejects_an_entry_whose_bad_example_lacks_the_word() -> None:
    from pydantic import ValidationError

    from disclosure_lint.checks.text.confused_word import _model

    good = {"id": "x", "pattern": "布署", "wrong": "布署", "right": "部署", "note": "n",
            "source": "s", "bad": "统一布署", "good": "统一部署"}
    _model().model_validate({"entry": [good]})
    with pytest.raises(ValidationError):
        _model().model_validate({"entry": [{**good, "bad": "统一部署"}]})
    with pytest.raises(ValidationError):
        _model().model_validate({"entry": [{**good, "pattern": "(布)署"}]})

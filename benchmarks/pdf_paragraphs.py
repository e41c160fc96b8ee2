"""Paragraph reconstruction of the PDF reader, measured: are the body paragraphs the ones the
page shows?

    python benchmarks/pdf_paragraphs.py            # published PDFs of ../shared/corpus and the fixture PDFs
    python benchmarks/pdf_paragraphs.py -v         # and every paragraph that is not exact
    python benchmarks/pdf_paragraphs.py a.pdf      # a PDF beside a .docx of the same name

The reader's paragraphs are the lines of its text outside the tables (a line without a TAB).
The reference:

* a fixture PDF (or any PDF given with a .docx beside it): the .docx it was made from, read by
  the .docx reader — its paragraphs are the truth; a paragraph is exact when its text is equal;
* a published PDF: ``benchmarks/expected/paragraphs/<stem>.toml``, the start of each paragraph
  as the rendered pages show it (``starts``, written by reading the pages); a paragraph is exact
  when it begins with one start and the next paragraph begins with the next start, so both its
  ends are where the page has them.

Printed per file: paragraphs found, expected, exact (and recall: exact over expected).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "published"
EXPECTED = HERE / "expected" / "paragraphs"
FIXTURES = ROOT / "fixtures" / "readers" / "pdf"

try:
    import disclosure_lint  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint.document.readers.docx import read_docx  # noqa: E402
from disclosure_lint.document.readers.pdf import read_pdf  # noqa: E402
from disclosure_lint.document.source import InputError  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(slots=True, frozen=True)
class Score:
    found: int
    expected: int
    exact: int
    wrong: tuple[str, ...]  # what is not exact, for -v


def paragraphs(text: str) -> list[str]:
    """The body paragraphs of a reader's text: its lines outside tables."""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and "\t" not in ln]


def score_texts(got: list[str], truth: list[str]) -> Score:
    """Exact when equal, matched in order (a paragraph split in two or two joined match none)."""
    import difflib

    sm = difflib.SequenceMatcher(a=got, b=truth, autojunk=False)
    exact = sum(b.size for b in sm.get_matching_blocks())
    wrong = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            wrong += [f"got  {p[:40]}…{p[-12:]}" for p in got[i1:i2]]
            wrong += [f"want {p[:40]}…{p[-12:]}" for p in truth[j1:j2]]
    return Score(len(got), len(truth), exact, tuple(wrong))


def score_starts(got: list[str], starts: list[str]) -> Score:
    """A paragraph is exact when it begins with start k and the next one with start k+1 (or it
    is the last of both)."""
    exact = 0
    wrong = []
    k = 0
    for j, p in enumerate(got):
        at = next((i for i in range(k, len(starts)) if p.startswith(starts[i])), None)
        if at is None:
            wrong.append(f"no start: {p[:40]}")
            continue
        k = at + 1
        nxt_got = got[j + 1] if j + 1 < len(got) else None
        nxt_want = starts[at + 1] if at + 1 < len(starts) else None
        if (nxt_got is None) == (nxt_want is None) and (nxt_want is None or nxt_got.startswith(nxt_want)):
            exact += 1
        else:
            wrong.append(f"ends wrong: {p[:30]}…{p[-12:]} (next should be {nxt_want!r})")
    return Score(len(got), len(starts), exact, tuple(wrong))


def measure(pdf: Path) -> Score | None:
    """The file's score; None without a reference (InputError if a file cannot be read)."""
    got = paragraphs(read_pdf(pdf).text)
    docx = pdf.with_suffix(".docx")
    if docx.exists():
        return score_texts(got, paragraphs(read_docx(docx).text))
    ref = EXPECTED / f"{pdf.stem}.toml"
    if ref.exists():
        return score_starts(got, tomllib.loads(ref.read_text(encoding="utf-8"))["starts"])
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    files = args.files or [*sorted(CORPUS.glob("*.pdf")), *sorted(FIXTURES.glob("*.pdf"))]
    print(f"{'file':48} {'found':>6} {'expected':>8} {'exact':>6} {'recall':>7}")
    total = Score(0, 0, 0, ())
    for f in files:
        try:
            s = measure(f)
        except InputError as exc:
            print(f"{f.name[:48]:48}  cannot be read: {exc}")
            continue
        if s is None:
            print(f"{f.name[:48]:48}  no reference (.docx beside it or {EXPECTED.name}/{f.stem}.toml)")
            continue
        total = Score(total.found + s.found, total.expected + s.expected, total.exact + s.exact, ())
        print(f"{f.name[:48]:48} {s.found:6} {s.expected:8} {s.exact:6} {s.exact / max(s.expected, 1):7.1%}")
        if args.verbose:
            for w in s.wrong:
                print(f"    {w}")
    print(f"{'all':48} {total.found:6} {total.expected:8} {total.exact:6} {total.exact / max(total.expected, 1):7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

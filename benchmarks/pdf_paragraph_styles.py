"""Paragraph reconstruction of the PDF reader on real report texts set in three styles.

    python benchmarks/pdf_paragraph_styles.py        # needs LibreOffice (soffice) and fonts-noto-cjk
    python benchmarks/pdf_paragraph_styles.py -v     # and every paragraph that is not exact

Each text of ``../shared/corpus/real/`` with a paragraph a line (texts hard-wrapped at a fixed
width or flattened to one line are left out) becomes a .docx (python-docx, 12 pt Noto Serif CJK
on A4, one ruled table in the middle so that the layout reader reads it) in three styles —
``indent``: justified, first line indented two characters; ``spaced``: justified, no indent,
8 pt after each paragraph; ``left``: flush left (ragged right), indented — and LibreOffice
makes the PDF, in a temporary folder (nothing is written into the project or the corpus). The
.docx paragraphs are the truth; ``pdf_paragraphs.py`` scores each PDF.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pdf_paragraphs import ROOT, Score, measure  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
STYLES = ("indent", "spaced", "left")


def _paragraphs(path: Path) -> list[str] | None:
    """The text's paragraphs (table rows and Markdown headings left out); None for a text
    hard-wrapped at a fixed width or flattened to one line."""
    lines = [re.sub(r"\s+", "", ln) for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and "|" not in ln and not ln.startswith("#")]
    # flattened: one huge line; hard-wrapped: no line much longer than a printed line
    if not lines or max(map(len, lines)) > 2000 or max(map(len, lines)) < 60:
        return None
    return lines


def _docx(paragraphs: list[str], style: str, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia",
                                  "Noto Serif CJK SC")
    normal.paragraph_format.space_after = Pt(0)
    for k, text in enumerate(paragraphs):
        p = d.add_paragraph(text)
        if style != "spaced":
            p.paragraph_format.first_line_indent = Pt(24)
        else:
            p.paragraph_format.space_after = Pt(8)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if style == "left" else WD_ALIGN_PARAGRAPH.JUSTIFY
        if k == len(paragraphs) // 2:
            t = d.add_table(rows=2, cols=2)
            t.style = "Table Grid"
            for (r, c), v in zip(((0, 0), (0, 1), (1, 0), (1, 1)), ("信息内容", "本年制发件数", "规章", "3")):
                t.cell(r, c).text = v
    d.save(str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("needs LibreOffice: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk", file=sys.stderr)
        return 2
    if not REAL.is_dir():
        print(f"no corpus at {REAL}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        made = []
        for src in sorted(REAL.glob("*.txt")):
            paragraphs = _paragraphs(src)
            if paragraphs is None:
                print(f"{src.name}: left out (hard-wrapped or flattened)")
                continue
            for style in STYLES:
                path = out / f"{src.stem[:24]}-{style}.docx"
                _docx(paragraphs, style, path)
                made.append(path)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                        "--outdir", tmp, *map(str, made)], check=True, capture_output=True)
        print(f"{'file':40} {'found':>6} {'expected':>8} {'exact':>6} {'recall':>7}")
        per_style = {s: Score(0, 0, 0, ()) for s in STYLES}
        for path in made:
            s = measure(path.with_suffix(".pdf"))
            assert s is not None
            style = path.stem.rsplit("-", 1)[1]
            t = per_style[style]
            per_style[style] = Score(t.found + s.found, t.expected + s.expected, t.exact + s.exact, ())
            print(f"{path.stem:40} {s.found:6} {s.expected:8} {s.exact:6} {s.exact / max(s.expected, 1):7.1%}")
            if args.verbose:
                for w in s.wrong:
                    print(f"    {w}")
        for style, t in per_style.items():
            print(f"{'all ' + style:40} {t.found:6} {t.expected:8} {t.exact:6} {t.exact / max(t.expected, 1):7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the PDF layout reader: milliseconds a page, per file and per engine.

    python benchmarks/pdf_speed.py                 # published PDFs of ../shared/corpus and the fixture PDFs
    python benchmarks/pdf_speed.py --runs 7 a.pdf  # other files, more runs

Each file is read ``--runs`` times by each engine of ``read_layout`` (the median is printed,
after one warm-up read that also pays for the imports; the engines take turns), and the texts of the engines are
compared: ``same`` means identical text, page starts and merged cells; "PDFium declined"
a PDF that ``pdf_pdfium`` leaves to pdfplumber (rotated or cropped pages, Chrome's fonts …).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
try:
    import disclosure_lint  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint.document.readers import pdf_layout  # noqa: E402


def _pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    files = args.files or [*sorted((ROOT.parent / "shared" / "corpus" / "published").glob("*.pdf")),
                           *sorted((ROOT / "fixtures" / "readers" / "pdf").glob("*.pdf"))]
    engines = getattr(pdf_layout, "ENGINES", ("pdfplumber",))
    print(f"{'file':48} {'pages':>5} " + " ".join(f"{e + ' ms/page':>18}" for e in engines) + "  text")
    for f in files:
        data = f.read_bytes()
        pages = _pages(data)
        kws = [{"engine": e} if len(engines) > 1 else {} for e in engines]
        outs = [pdf_layout.read_layout(data, **kw) for kw in kws]
        times: list[list[float]] = [[] for _ in engines]
        for _ in range(args.runs):  # the engines in turn, so that the machine's noise hits both
            for k, kw in enumerate(kws):
                t0 = time.perf_counter()
                pdf_layout.read_layout(data, **kw)
                times[k].append(time.perf_counter() - t0)
        ms = [statistics.median(t) * 1000 / pages for t in times]
        if all(o is None for o in outs):
            same = "no ruled table: the text-layer reader reads it"
        elif outs[0] is None and len(outs) > 1:
            same = "PDFium declined: pdfplumber reads it (auto)"
        else:
            same = "same" if all(o == outs[0] for o in outs) else "DIFFERENT"
        print(f"{f.name[:48]:48} {pages:5} " + " ".join(f"{m:18.1f}" for m in ms) + f"  {same}")


if __name__ == "__main__":
    main()

"""Hostile inputs: wall time and peak memory (max RSS) of the command line on each case of
issue 16 that is about size (bombs, nesting, big files, --fix on big files).

    python benchmarks/hostile.py [--only NAME] [--keep DIR]

Each case is built in a temporary folder and linted by `python -m disclosure_lint` in a
process of its own; its peak RSS comes from wait4(). Prints one line per case: seconds,
MB, exit code, and the first error line. POSIX only (wait4). Not a test: run it by hand.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed.txt"


def _docx(paragraphs: int = 3) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("青山县人民政府办公室2023年政务公开工作总结")
    for i in range(paragraphs):
        d.add_paragraph(f"第{i + 1}段：全年公开信息1260条。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _lying_docx(payload_size: int) -> bytes:
    buf = io.BytesIO(_docx())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.bin", b"\0" * payload_size)
    raw = bytearray(buf.getvalue())
    name = b"word/media/image1.bin"
    for sig, size_at, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        pos = 0
        while (pos := raw.find(sig, pos)) >= 0:
            if raw[pos + name_at:pos + name_at + len(name)] == name:
                struct.pack_into("<I", raw, pos + size_at, 1000)
            pos += 4
    return bytes(raw)


def _big_xml_docx(size: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    para = "<w:p><w:r><w:t>公开信息1260条</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + para * (size // len(para)), 1)
            zf.writestr(info.filename, body)
    return out.getvalue()


def _honest_bomb() -> bytes:
    buf = io.BytesIO(_docx())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.bin", b"\0" * 300_000_000)
    return buf.getvalue()


def _seed_copies(size: int) -> bytes:
    seed = SEED.read_bytes()
    return seed * (size // len(seed) + 1)


def _deep(folder: Path, depth: int) -> None:
    fd = os.open(folder, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        child = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    out = os.open("r.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(out, SEED.read_bytes())
    os.close(out)
    os.close(fd)


def _file(name: str, data: Callable[[], bytes], *args: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        p = folder / name
        p.write_bytes(data())
        return [*args, str(p)]

    return build


def _deep_case(folder: Path) -> list[str]:
    top = folder / "deep"
    top.mkdir()
    _deep(top, 1200)
    return [str(top)]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "html: 1.2 M unclosed <b>": _file("b.html", lambda: ("<html><body><p>政务公开" + "<b>内" * 1_200_000).encode()),
    "html: 10^6 nested <div>": _file("div.html", lambda: ("<html><body>" + "<div>" * 1_000_000 + "政务").encode()),
    "html: 3*10^5 nested tables": _file("t.html", lambda: ("<html><body>" + "<table><tr><td>政务" * 300_000).encode()),
    "html: 150,000 unclosed <b> (read)": _file("b2.html", lambda: ("<html><body><p>政务公开工作总结"
                                                                    + "<b>内容" * 150_000).encode()),
    "docx: zip bomb, honest sizes (300 MB)": _file("honest.docx", _honest_bomb),
    "docx: zip bomb, lying sizes (400 MB)": _file("lying.docx", lambda: _lying_docx(400_000_000)),
    "docx: 95 MB document.xml": _file("xml95.docx", lambda: _big_xml_docx(95_000_000)),
    "docx: 15 MB document.xml (read)": _file("xml15.docx", lambda: _big_xml_docx(15_000_000)),
    "text: 19 MB report": _file("big.txt", lambda: _seed_copies(19_000_000)),
    "--fix: 1 MB": _file("fix1.txt", lambda: _seed_copies(1_000_000), "--fix"),
    "--fix: 8 MB": _file("fix8.txt", lambda: _seed_copies(8_000_000), "--fix"),
    "folder 1,200 levels deep": _deep_case,
}


def run(args: list[str]) -> tuple[float, float, int, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "disclosure_lint", "-q", "--no-color", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    first = next((line for line in err.splitlines() if "error" in line.lower()), "")
    return seconds, usage.ru_maxrss / 1024, proc.returncode, first


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        for name, build in CASES.items():
            if args.only and not any(o in name for o in args.only):
                continue
            folder = tmp / str(abs(hash(name)))
            folder.mkdir()
            argv = build(folder)
            seconds, mb, code, first = run(argv)
            first = first.replace(str(folder) + "/", "")
            print(f"{name:40} {seconds:6.1f} s {mb:7.0f} MB  exit {code}  {first[:90]}", flush=True)
            _remove(folder)
    finally:
        _remove(tmp)
    return 0


def _remove(folder: Path) -> None:
    """shutil.rmtree recurses: a 1,200-level tree is taken apart bottom up first."""
    deep = folder / "deep"
    if deep.exists():
        path = deep
        while (path / "d").exists():
            path = path / "d"
        while path != folder:
            shutil.rmtree(path, ignore_errors=True)
            path = path.parent
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

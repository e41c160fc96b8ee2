"""Applying fixes: ``--fix``, ``--unsafe-fixes`` and ``--diff``.

* :func:`apply_fixes` applies the SAFE fixes of a file's findings (and the UNSAFE ones with
  ``unsafe=True``) to its text. A fix is applied whole or not at all; when two fixes
  overlap, the first (in the order of the findings, i.e. position in the file) wins and the
  other is returned as skipped.
* :func:`fix_source` repeats lint → apply until nothing changes, but only when a pass had to
  skip an overlapping fix (the usual case is one pass). The result is idempotent: a second
  run finds nothing more to fix.
* :func:`write_back` writes the new text atomically (a temporary file in the same folder,
  then ``os.replace``), in the file's own encoding, with its byte-order mark if it had one;
  line endings are those of the text (fixes that insert a line break get the file's).
  Sources with ``writable=False`` (.docx, .html, .pdf: text extracted from a container) are
  never written.
* :func:`unified_diff` renders the change for ``--diff``.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..checks.finding import Applicability, Edit, Finding
from ..document.source import Source
from ..util.regexutil import lazy_re

#: Suffixes that are never written back, whatever the source says.
NEVER_WRITE = frozenset({".docx", ".doc", ".html", ".htm", ".pdf", ".xlsx", ".xls", ".odt", ".wps"})

MAX_PASSES = 10

#: Lines with their endings, split as Source splits them (CRLF, CR or LF only).
_LINES = lazy_re(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class FixError(Exception):
    """A fix could not be written; the message says why (not the path)."""


def _eligible(f: Finding, unsafe: bool) -> bool:
    if f.fix is None or not f.fix.edits:
        return False
    return f.fix.applicability is Applicability.SAFE or (unsafe and f.fix.applicability is Applicability.UNSAFE)


def _overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same characters (insertions at one point also clash)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


class _Accepted:
    """Edits accepted so far, kept sorted by (start, end); they never overlap one another, so
    an edit can clash only with its few neighbours: a check is O(log n), and applying n
    fixes O(n log n) instead of comparing each with all the others (an 8 MB file's fixes
    took minutes)."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []

    def clashes(self, e: Edit) -> bool:
        keys = self._keys
        i = bisect_left(keys, (e.start, e.end))
        # Left: at most a range that contains e.start and an insertion at its end.
        for j in range(i - 1, max(-1, i - 3), -1):
            if _overlaps(e, _as_edit(keys[j])):
                return True
        # Right: from e.start on, everything that starts before e.end clashes, but for one
        # insertion at e.start (beside a range starting there).
        j = i
        while j < len(keys) and (keys[j][0] < e.end or keys[j][0] == e.start):
            if _overlaps(e, _as_edit(keys[j])):
                return True
            j += 1
        return False

    def add(self, e: Edit) -> None:
        insort(self._keys, (e.start, e.end))


def _as_edit(key: tuple[int, int]) -> Edit:
    return Edit(key[0], key[1], "")


def _fix_edits(f: Finding, source: Source) -> list[Edit] | None:
    """The fix's edits, checked and with line breaks in the file's style; None if the fix is
    malformed (out of bounds, overlapping itself) or touches generated text."""
    assert f.fix is not None
    n = len(source.text)
    edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    out: list[Edit] = []
    nl = source.newline
    for e in edits:
        if not 0 <= e.start <= e.end <= n:
            return None
        if source.generated and any(s < e.end and e.start < g_end for s, g_end in source.generated):
            return None
        if out and _overlaps(e, out[-1]):  # sorted: a clash is with the edit just before
            return None
        content = e.content
        if nl != "\n" and "\n" in content:
            content = content.replace("\r\n", "\n").replace("\n", nl)
        out.append(Edit(e.start, e.end, content))
    return out


def apply_fixes(source: Source, findings: Iterable[Finding], unsafe: bool = False
                ) -> tuple[str, list[Finding]]:
    """The text with every applicable fix applied, and the findings whose fix was skipped
    because it overlapped one applied before it (or was malformed). Findings of other
    files are ignored."""
    accepted: list[Edit] = []
    index = _Accepted()
    skipped: list[Finding] = []
    for f in findings:
        if f.path != source.path or not _eligible(f, unsafe):
            continue
        edits = _fix_edits(f, source)
        if edits is None or any(index.clashes(e) for e in edits):
            skipped.append(f)
            continue
        accepted.extend(edits)
        for e in edits:
            index.add(e)
    text = source.text
    if not accepted:
        return text, skipped
    parts: list[str] = []
    pos = len(text)
    for e in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        parts.append(text[e.end:pos])
        parts.append(e.content)
        pos = e.start
    parts.append(text[:pos])
    return "".join(reversed(parts)), skipped


@dataclass(slots=True)
class FixOutcome:
    text: str  # the fixed text (the original when nothing applied)
    fixed: list[Finding] = field(default_factory=list)  # findings whose fix was applied
    remaining: list[Finding] = field(default_factory=list)  # findings of the fixed text
    passes: int = 0

    def changed(self, source: Source) -> bool:
        return self.text != source.text


def with_text(source: Source, text: str) -> Source:
    """A copy of ``source`` holding ``text`` (line map rebuilt)."""
    return replace(source, text=text)


def fix_source(source: Source, lint: Callable[[Source], list[Finding]], unsafe: bool = False,
               findings: Sequence[Finding] | None = None, max_passes: int = MAX_PASSES) -> FixOutcome:
    """Fix ``source`` with the findings of ``lint`` (a function Source → findings, e.g.
    ``lambda s: engine.lint_documents(s, settings)[0]``). ``findings`` are the findings of
    the unchanged source if already known (saves one lint). Lints again and re-applies only
    while a pass skipped an overlapping fix; stops on a text seen before (fixes that undo
    each other) or after ``max_passes``."""
    current = source
    found = list(findings) if findings is not None else lint(source)
    outcome = FixOutcome(source.text)
    seen = {source.text}
    while outcome.passes < max_passes:
        new_text, skipped = apply_fixes(current, found, unsafe)
        if new_text == current.text:
            break
        outcome.passes += 1
        skipped_ids = {id(f) for f in skipped}
        outcome.fixed.extend(f for f in found if f.path == source.path and _eligible(f, unsafe)
                             and id(f) not in skipped_ids)
        current = with_text(current, new_text)
        found = lint(current)
        if not skipped or new_text in seen:
            break
        seen.add(new_text)
    outcome.text = current.text
    outcome.remaining = found
    return outcome


_BOM_BYTES = {
    "utf-8": codecs.BOM_UTF8, "utf_8": codecs.BOM_UTF8, "utf8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
}


def encode(source: Source, text: str) -> bytes:
    """``text`` in the source's encoding, with its byte-order mark if it had one."""
    name = codecs.lookup(source.encoding).name
    try:
        data = text.encode(name)
    except UnicodeEncodeError as exc:
        raise FixError(f"the fixed text cannot be written as {source.encoding} "
                       f"(character {text[exc.start]!r})") from None
    if source.bom:
        bom = _BOM_BYTES.get(name) or _BOM_BYTES.get(source.encoding.lower())
        if bom is None:  # utf-16 / utf-32 with the platform's byte order: the codec adds it
            return data
        if not data.startswith(bom):
            data = bom + data
    return data


def can_write(source: Source, path: str | os.PathLike | None = None) -> bool:
    target = Path(path if path is not None else source.path)
    return source.writable and target.suffix.lower() not in NEVER_WRITE and str(target) not in ("-", "")


def write_back(source: Source, new_text: str, path: str | os.PathLike | None = None, force: bool = False) -> None:
    """Write ``new_text`` over ``path`` (default: the source's path) atomically, in the
    source's encoding and byte-order mark, keeping the file's permission bits and owner. A
    symbolic link is followed (the link stays a link).

    Raises FixError, leaving the file as it was, for a source that must not be written
    (``writable=False``, a .docx/.html/.pdf, standard input), text the encoding cannot hold,
    a read-only file (unless ``force``, as an editor's ``:w!``), a folder where no file can
    be made, and a file that changed since it was read (``Source.stamp``: size, mtime and
    content checked just before the rename; another program's edit is never overwritten).

    A file with several hard links is rewritten in place once the new text is safely in a
    temporary file beside it, so every name sees the fix (a rename would give this name a
    new file and leave the others with the old text); if that write is interrupted, the
    temporary file holds the complete new text."""
    target = Path(path if path is not None else source.path)
    if not can_write(source, target):
        raise FixError(f"{source.kind} files are not rewritten (fix the original document)")
    data = encode(source, new_text)
    real = Path(os.path.realpath(target))
    try:
        st = os.stat(real)
    except OSError as exc:
        raise FixError(f"cannot write ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise FixError("not a regular file")
    if not force and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise FixError(f"the file is read-only (mode {stat.S_IMODE(st.st_mode):04o}); "
                       "make it writable, or pass --force to fix it anyway")
    folder = real.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FixError(f"cannot create a temporary file in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        except OSError:
            pass
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not ours to give away: the fixed file is the user's
        _check_unchanged(source, real)
        if st.st_nlink > 1:
            _write_in_place(real, data)
            os.unlink(tmp)
        else:
            os.replace(tmp, real)
    except FixError:
        _unlink(tmp)
        raise
    except OSError as exc:
        _unlink(tmp)
        raise FixError(f"cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _unlink(tmp)
        raise


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _check_unchanged(source: Source, real: Path) -> None:
    """FixError when the file on disk is not the one ``source`` was read from."""
    if source.stamp is None:
        return
    from ..document.source import file_stamp

    size, mtime, _ = source.stamp
    changed = FixError("the file changed since it was read (edited by another program?); "
                       "nothing written: run again")
    try:
        st = os.stat(real)
        if st.st_size != size or st.st_mtime_ns != mtime:
            raise changed
        with open(real, "rb") as fh:
            now = fh.read(size + 1)
    except OSError as exc:
        raise FixError(f"cannot check the file before writing it ({exc.strerror or exc})") from None
    if file_stamp(now, st) != source.stamp:
        raise changed


def _write_in_place(real: Path, data: bytes) -> None:
    with open(real, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    """A unified diff of the change, git style (``--- a/path``, ``+++ b/path``); empty when
    nothing changed. Lines keep their own endings; a last line without one is marked."""
    if old == new:
        return ""
    posix = Path(path).as_posix()
    a = _LINES.findall(old)
    b = _LINES.findall(new)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{posix}", tofile=f"b/{posix}", n=context):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)

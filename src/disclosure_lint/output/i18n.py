"""The interface language: Chinese by default (the people who draft and review these reports
read Chinese), English when the locale asks for it (``LC_ALL``, ``LC_MESSAGES`` or ``LANG``
starting with ``en``, in that order, as POSIX looks them up) or with ``--language en``.

Only the words around the findings change: the summary, progress, error lines, notes and
--explain's headings. Findings' messages are Chinese in every language; option names,
codes, rule names and the machine-readable formats' keys never change."""

from __future__ import annotations

import os
import re

from ..util.regexutil import lazy_re

LANGUAGES = ("zh", "en")

_chosen: str | None = None


def set_language(language: str | None) -> None:
    """Fix the language (``"zh"``, ``"en"``) for this process; None: from the locale."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (one of: {', '.join(LANGUAGES)})")
    _chosen = language


def language() -> str:
    if _chosen is not None:
        return _chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def t(zh: str, en: str) -> str:
    """The text in the interface language."""
    return en if language() == "en" else zh


def plural(n: int, word: str) -> str:
    """English ``1 file`` / ``2 files``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def error_line(path: str, reason: str) -> str:
    """The one line for a file that could not be read: ``path: error: reason`` (the path
    escaped as in findings: a name with a newline stays on one line)."""
    from ..util.paths import display_path

    path = display_path(path)
    return t(f"{path}: 错误：{explain_reason(reason)}", f"{path}: error: {reason}")


def fail_line(message: str) -> str:
    """The line for a usage or config error (exit 2)."""
    return t(f"错误：{explain_reason(message)}", f"error: {message}")


# English reasons (readers, engine, CLI) → Chinese: exact texts, then leading phrases whose
# details (an exception's text, a size) are kept as they are.
_EXACT = {
    "empty file": "空文件",
    "no such file": "文件不存在",
    "no such file or folder": "文件或文件夹不存在",
    "permission denied": "没有读取权限",
    "is a directory": "是文件夹，不是文件",
    "binary file (NUL bytes), not text": "二进制文件（含 NUL 字节），不是文本",
    "binary file (control characters), not text": "二进制文件（含控制字符），不是文本",
    "cannot decode as UTF-8 or GB18030; pass --encoding": "无法按 UTF-8 或 GB18030 解码，请用 --encoding 指定编码",
    "empty PDF (no pages)": "空 PDF（没有页面）",
    "encrypted PDF (needs a password)": "PDF 已加密（需要密码）",
    "not a PDF file (no %PDF- header)": "不是 PDF 文件（没有 %PDF- 文件头）",
    "not a .docx file (not a ZIP package)": "不是 .docx 文件（不是 ZIP 包）",
    "not a .docx package": "不是 .docx 文件包",
    "the .docx has no text in its body": ".docx 正文中没有文字",
    "no text in the HTML page": "网页中没有正文",
    "empty spreadsheet": "空表格",
    "no worksheet in the .xlsx file": ".xlsx 文件中没有工作表",
    "encrypted ZIP package: save the document without a password": "ZIP 包已加密：请去掉密码后重新保存文档",
}
_CONVERT = "请在 Word 或 WPS 中另存为 .docx，或用 LibreOffice 转换：soffice --headless --convert-to docx FILE"
_PATTERNS = [
    (lazy_re(r"^an old Word file \(\.doc, Word 97–2003\), which cannot be read: .*$"),
     f"旧版 Word 文件（.doc，Word 97–2003），无法读取：{_CONVERT}"),
    (lazy_re(r"^a WPS Office file \(\.wps\), which cannot be read: .*$"),
     f"WPS 文件（.wps），无法读取：{_CONVERT}"),
    (lazy_re(r"^an old Word or WPS file \(OLE2 compound file\), which cannot be read: .*$"),
     f"旧版 Word 或 WPS 文件（OLE2 复合文档），无法读取：{_CONVERT}"),
    (lazy_re(r"^not a \.docx: an old \.doc .*$"),
     "不是 .docx：是旧版 .doc（Word 97–2003）或有密码的 Word 文件：请去掉密码另存为 .docx，"
     "或用 LibreOffice 转换：soffice --headless --convert-to docx FILE"),
    (lazy_re(r"^cannot decode as (\S+) \(byte (\d+)\)$"), r"无法按 \1 解码（第 \2 字节）"),
    (lazy_re(r"^unknown encoding (.+)$"), r"未知的编码 \1"),
    (lazy_re(r"^unknown profile (\S+) \(one of: (.+)\)$"), r"未知的文档类型 \1（可选：\2）"),
    (lazy_re(r"^file too large (.*)$"), r"文件过大 \1"),
    (lazy_re(r"^corrupt \.docx (.*)$"), r"损坏的 .docx \1"),
    (lazy_re(r"^corrupt PDF (.*)$"), r"损坏的 PDF \1"),
    (lazy_re(r"^cannot read \.docx (.*)$"), r"无法读取 .docx \1"),
    (lazy_re(r"^cannot read \((.*)\)$"), r"无法读取（\1）"),
    (lazy_re(r"^cannot list folder (.*)$"), r"无法列出文件夹 \1"),
    (lazy_re(r"^not a regular file (.*)$"), r"不是普通文件\1"),
    (lazy_re(r"^refused: (.*)$"), r"拒绝读取：\1"),
    (lazy_re(r"^internal error: (.*)$", re.S), r"内部错误：\1"),
    (lazy_re(r"^not fixed: (.*)$", re.S), r"未修复：\1"),
    (lazy_re(r"^cannot write \((.*)\)$"), r"无法写入（\1）"),
    (lazy_re(r"^cannot create a temporary file in (.+) \((.*)\)$"), r"无法在 \1 中创建临时文件（\2）"),
    (lazy_re(r"^cannot check the file before writing it \((.*)\)$"), r"写入前无法检查文件（\1）"),
    (lazy_re(r"^--previous (.+): no such file$"), r"--previous \1：文件不存在"),
    (lazy_re(r"^--previous (.+): is a folder$"), r"--previous \1：是文件夹，不是文件"),
]


# The system's own words inside a reason (an OSError's strerror, a file's kind).
_DETAILS = {
    "No space left on device": "磁盘空间不足",
    "Permission denied": "没有权限",
    "Read-only file system": "只读文件系统",
    "No such file or directory": "文件或文件夹不存在",
    "Is a directory": "是文件夹",
    "Not a directory": "不是文件夹",
    "File name too long": "文件名过长",
    "Too many levels of symbolic links": "符号链接层数过多",
    "Input/output error": "输入输出错误",
    "Disk quota exceeded": "超出磁盘配额",
    "(a FIFO)": "（命名管道 FIFO）",
    "(a character device)": "（字符设备）",
    "(a block device)": "（块设备）",
    "(a socket)": "（套接字）",
    "(not a file)": "（不是文件）",
}
_DETAIL_RX = lazy_re("|".join(re.escape(k) for k in sorted(_DETAILS, key=len, reverse=True)))


def explain_reason(reason: str) -> str:
    """A reason in the interface language (reasons are written in English; those without a
    translation stay English)."""
    if language() == "en":
        return reason
    if reason in _EXACT:
        return _EXACT[reason]
    for pattern, repl in _PATTERNS:
        if pattern.match(reason):
            reason = pattern.sub(repl, reason, count=1)
            break
    return _DETAIL_RX.sub(lambda m: _DETAILS[m.group()], reason)

"""Realistic synthetic corpora for the benchmarks, made from the project's fixtures.

The pool is every real document the repository ships: the five summaries of
``fixtures/seed.txt`` (split at their "第N篇:" markers), the real reports in ``fixtures/real/``
and the clean examples ``fixtures/rules/*/good*.txt``. A synthetic report is a copy of one of
them with a realistic number of defects put in (most reports have one to three, about a
quarter none): an unreplaced placeholder, a heading number dropped or skipped, a doubled word,
half-width punctuation, a doubled full stop, a leftover template note, an impossible date, the
short name of the 条例. Everything is deterministic for a given seed.

    python benchmarks/corpus.py OUT_DIR --files 200 [--seed 1] [--small]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_MARKER = re.compile(r"^第[一二三四五六七八九十百]+篇[:：]", re.M)
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、", re.M)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_YEAR = re.compile(r"(?<!\d)20\d{2}(?=年)")
_NUMBER = re.compile(r"(?<![\d.])\d{1,4}(?=[个件条项次人篇家])")
_LAW = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    defects: tuple[str, ...]  # the mutations applied, in order

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


@cache
def pool() -> tuple[str, ...]:
    """Every real document shipped in fixtures/, deduplicated, in a fixed order."""
    texts: list[str] = []
    seed = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    starts = [m.start() for m in _MARKER.finditer(seed)] or [0]
    for a, b in zip(starts, starts[1:] + [len(seed)]):
        part = seed[a:b]
        part = _MARKER.sub("", part, count=1).lstrip(" \t")
        # The marker line repeats the title: keep one copy.
        first, _, rest = part.partition("\n")
        if rest.startswith(first.strip()):
            part = rest
        texts.append(part.strip("\n") + "\n")
    for path in sorted((FIXTURES / "real").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for path in sorted((FIXTURES / "rules").glob("*/good*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    out = []
    for t in texts:
        if t not in seen and t.strip():
            seen.add(t)
            out.append(t)
    return tuple(out)


def reports_pool(min_size: int = 2000, max_size: int = 60_000) -> tuple[str, ...]:
    """Documents of report size: 2–15 KB here (work summaries are 2–8 KB, annual reports
    under the 2021 template 8–20 KB)."""
    return tuple(t for t in pool() if min_size <= len(t.encode()) <= max_size)


def small_pool(max_size: int = 5000) -> tuple[str, ...]:
    return tuple(t for t in pool() if len(t.encode()) <= max_size)


# --- Mutations: each takes the text and a Random, returns the new text (or None: not applicable) ---

def _pick(rng: random.Random, matches: list[re.Match[str]]) -> re.Match[str] | None:
    return rng.choice(matches) if matches else None


def placeholder(text: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(_YEAR.finditer(text)) + list(_NUMBER.finditer(text)))
    if m is None:
        return None
    token = rng.choice(["xxxx", "XXXX", "xx", "XX", "××"]) if len(m.group()) == 4 else rng.choice(["xx", "X", "×"])
    return text[: m.start()] + token + text[m.end():]


def drop_heading_number(text: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(_HEADING.finditer(text))[1:])
    if m is None:
        return None
    if rng.random() < 0.5:  # drop the number
        return text[: m.start()] + text[m.end():]
    nums = "一二三四五六七八九十"
    i = nums.find(m.group(1))
    if i < 0 or i + 1 >= len(nums):
        return None
    return text[: m.start(1)] + nums[i + 1] + text[m.end(1):]  # skip one: 三、 → 四、


def duplicate_word(text: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(_CJK_RUN.finditer(text)))
    if m is None:
        return None
    i = rng.randrange(m.start(), m.end() - 1)
    return text[: i + 2] + text[i: i + 2] + text[i + 2:]


def halfwidth_punctuation(text: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(text) if c in "，：；"]
    if not spots:
        return None
    chosen = set(rng.sample(spots, min(len(spots), rng.randint(1, 4))))
    table = {"，": ",", "：": ":", "；": ";"}
    return "".join(table[c] if i in chosen else c for i, c in enumerate(text))


def doubled_stop(text: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(text) if c == "。"]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[: i + 1] + "。" + text[i + 1:]


def template_note(text: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(text) if c == "。"]
    if not spots:
        return None
    i = rng.choice(spots)
    note = rng.choice(["（此处填写具体内容）", "【请填写】", "（单位名称）", "（此处可删除）"])
    return text[:i] + note + text[i:]


def impossible_date(text: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"(20\d{2})年(\d{1,2})月(\d{1,2})日", text)))
    if m is None:
        return None
    return text[: m.start()] + f"{m.group(1)}年2月30日" + text[m.end():]


def short_law_name(text: str, rng: random.Random) -> str | None:
    i = text.find(_LAW)
    if i < 0:
        return None
    return text[:i] + "《政府信息公开条例》" + text[i + len(_LAW):]


MUTATIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "placeholder": placeholder,
    "heading-number": drop_heading_number,
    "duplicate-word": duplicate_word,
    "halfwidth-punctuation": halfwidth_punctuation,
    "doubled-stop": doubled_stop,
    "template-note": template_note,
    "impossible-date": impossible_date,
    "short-law-name": short_law_name,
}

#: How many defects a report gets: about a quarter none, most one to three.
DEFECT_COUNTS = (0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 4)


def mutate(text: str, rng: random.Random) -> tuple[str, tuple[str, ...]]:
    applied: list[str] = []
    for _ in range(rng.choice(DEFECT_COUNTS)):
        name = rng.choice(sorted(MUTATIONS))
        new = MUTATIONS[name](text, rng)
        if new is not None:
            text = new
            applied.append(name)
    return text, tuple(applied)


def reports(n: int, seed: int = 1, small: bool = False) -> Iterator[Report]:
    """``n`` synthetic reports of real sizes (``small``: the short examples, under 5 KB)."""
    rng = random.Random(seed)
    choices = small_pool() if small else reports_pool()
    for i in range(n):
        text, defects = mutate(rng.choice(choices), rng)
        yield Report(f"report-{i:05d}.txt", text, defects)


def corpus_of_size(total_bytes: int, seed: int = 1) -> list[Report]:
    """Reports until their UTF-8 size adds up to at least ``total_bytes``."""
    out: list[Report] = []
    size = 0
    for r in reports(10**9, seed):
        out.append(r)
        size += r.size
        if size >= total_bytes:
            return out
    return out  # pragma: no cover


def one_file(total_bytes: int, seed: int = 1) -> str:
    """One file of about ``total_bytes``: reports one after another, each opened with a
    "第N篇:" line like fixtures/seed.txt (how collections of reports are published)."""
    from disclosure_lint.document.numbering import int_to_cn

    parts = []
    for i, r in enumerate(corpus_of_size(total_bytes, seed), 1):
        title = r.text.lstrip().partition("\n")[0].strip()
        parts.append(f"第{int_to_cn(i)}篇:{title}\n{r.text.rstrip()}\n")
    return "\n".join(parts)


def write_folder(folder: Path, items: list[Report]) -> int:
    """Write reports into ``folder`` (in sub-folders of 1000); returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i, r in enumerate(items):
        sub = folder / f"batch-{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = r.text.encode("utf-8")
        (sub / r.name).write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--small", action="store_true", help="short documents (under 5 KB)")
    args = ap.parse_args()
    items = list(reports(args.files, args.seed, args.small))
    total = write_folder(args.out, items)
    defective = sum(1 for r in items if r.defects)
    print(f"{len(items)} files, {total / 1e6:.2f} MB, {defective} with defects, in {args.out}")


if __name__ == "__main__":
    main()

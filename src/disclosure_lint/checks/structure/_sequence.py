"""Numbering sequences: shared by the heading rules and enumeration-gap.

A sequence is a run of numbered items that should count 1, 2, 3, … A number equal to the
previous one is a duplicate, a larger jump is a gap, a smaller number other than 1 is out of
order, and 1 starts a new sequence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from ...document.model import Document, Heading
from ...document.numbering import LAYER_NAMES

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Step(Generic[T]):
    item: T
    number: int
    previous: int  # 0 at the start of a sequence
    kind: str  # ok | gap | duplicate | order


def step(previous: int, number: int) -> str:
    if number == previous + 1:
        return "ok"
    if number == previous:
        return "duplicate"
    if number > previous + 1:
        return "gap"
    return "ok" if number == 1 else "order"


@dataclass(frozen=True, slots=True)
class HeadingStep:
    heading: Heading
    previous: Heading | None  # previous sibling
    parent: Heading | None
    kind: str  # ok | gap | duplicate | order


_CACHE_KEY = "sequence.heading_steps"


def heading_steps(doc: Document) -> list[HeadingStep]:
    """Each numbered heading with its previous sibling and its parent (computed once per
    document: four heading rules read it)."""
    cached = doc.cache.get(_CACHE_KEY)
    if cached is None:
        cached = doc.cache[_CACHE_KEY] = _heading_steps(doc)
    return cached


def _heading_steps(doc: Document) -> list[HeadingStep]:
    out: list[HeadingStep] = []
    last: dict[int, Heading] = {}  # layer → last heading at that layer under the current parent
    for h in doc.headings:
        if h.marker is None:
            continue
        layer = h.layer
        for deeper in [k for k in last if k > layer]:
            del last[deeper]
        parent_layers = [k for k in last if k < layer]
        parent = last[max(parent_layers)] if parent_layers else None
        prev = last.get(layer)
        kind = step(prev.number if prev else 0, h.number)
        out.append(HeadingStep(h, prev, parent, kind))
        last[layer] = h
    return out


def label(layer: int, number: int) -> str:
    """How a number is written at a layer: 三、 （三） 3. （3）."""
    from ...document.numbering import int_to_cn

    if layer == 0:
        return f"第{int_to_cn(number)}部分"
    if layer == 1:
        return f"{int_to_cn(number)}、"
    if layer == 2:
        return f"（{int_to_cn(number)}）"
    if layer == 3:
        return f"{number}."
    return f"（{number}）"


__all__ = ["LAYER_NAMES", "HeadingStep", "Step", "heading_steps", "label", "step"]

"""Overlap queries over many spans in O(log n) each, so that no per-finding loop compares every pair.

`Overlaps` answers "does any of these fixed spans overlap [start, end)?"; `DisjointSpans` keeps a growing set
of non-overlapping spans (the findings kept so far) and finds the ones a new span overlaps by scanning a
coverage map in C. Both count their calls in `steps`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Overlaps:
    """Fixed spans, sorted by start with a running maximum of their ends."""

    __slots__ = ("_max_end", "_starts", "steps")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(accumulate((e for _, e in ordered), max))
        self.steps = 0

    def any(self, start: int, end: int) -> bool:
        """Some span [s, e) has s < end and start < e."""
        self.steps += 1
        k = bisect_left(self._starts, end)  # spans [0, k) start before `end`
        return k > 0 and self._max_end[k - 1] > start


class DisjointSpans(Generic[T]):
    """Non-overlapping spans inside [0, size), added one at a time, each with a payload. Two byte maps mark
    the positions kept spans cover and where they start, so a test is a C-level scan of the new span
    (bytes.find): the cost of a whole merge is the total length of the spans tested, linear in the text."""

    __slots__ = ("_cover", "_items", "_starts", "steps")

    def __init__(self, size: int) -> None:
        self._cover = bytearray(size)  # 1 where a kept span covers the position
        self._starts = bytearray(size)  # 1 where a kept span starts
        self._items: dict[int, T] = {}  # start of a kept span -> its payload
        self.steps = 0

    def overlapping(self, start: int, end: int) -> tuple[int, int | None]:
        """Whether kept spans overlap [start, end): 0, 1 (with its start) or 2 meaning two or more."""
        self.steps += 1
        first = self._cover.find(1, start, end)
        if first == -1:
            return 0, None
        if self._starts.find(1, first + 1, end) != -1:
            return 2, None
        return 1, self._starts.rfind(1, 0, first + 1)  # the span covering `first` starts there

    def add(self, start: int, end: int, item: T) -> None:
        """Keep [start, end); the caller has checked that it overlaps nothing kept."""
        self.steps += 1
        self._cover[start:end] = b"\x01" * (end - start)
        self._starts[start] = 1
        self._items[start] = item

    def replace(self, old_start: int, start: int, end: int, item: T) -> None:
        """Widen the span kept at `old_start` to [start, end), which overlaps nothing else kept."""
        self._starts[old_start] = 0
        del self._items[old_start]
        self.add(start, end, item)

    def item(self, start: int) -> T:
        return self._items[start]

    def items(self) -> list[T]:
        """The kept payloads in start order."""
        return [self._items[s] for s in sorted(self._items)]

"""Python indexes strings by code point, JavaScript by UTF-16 unit; the one place that converts."""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Maps code-point offsets of one text to UTF-16 offsets and back, in O(log n) per lookup."""

    __slots__ = ("_astral", "length_utf16")

    def __init__(self, text: str) -> None:
        # Positions (code points) of characters outside the BMP: each takes two UTF-16 units.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self.length_utf16 = len(text) + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """UTF-16 offset of code-point offset `index` (0 <= index <= len(text))."""
        if not self._astral:
            return index
        return index + bisect_right(self._astral, index - 1)

    def from_utf16(self, offset: int) -> int:
        """Code-point offset of UTF-16 `offset`; inside a surrogate pair it maps to the pair's start."""
        if not self._astral:
            return offset
        lo, hi = 0, len(self._astral)
        # Find how many astral characters lie wholly before `offset`.
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 2 <= offset:
                lo = mid + 1
            else:
                hi = mid
        index = offset - lo
        if lo < len(self._astral) and self._astral[lo] < index:
            index = self._astral[lo]
        return index


def utf16_len(text: str) -> int:
    """JavaScript's `text.length`; a lone surrogate (JSON can carry one) counts as one unit."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2

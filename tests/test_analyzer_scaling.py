"""The analyser's work grows with the text, not with the square of its findings.

Work is counted, not timed: every Python line the `rapport` package runs during one analysis (sys.settrace).
A linear pass does about k times the work on a text k times longer; a loop over pairs of findings or over
sentences x hits does k squared times. The sizes go up to the host's text cap (262,144 characters).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rapport
from rapport.analyzer.spanset import DisjointSpans, Overlaps

PACKAGE = str(Path(rapport.__file__).parent)
HOST_TEXT_CAP = 262_144
# Texts made of one sentence repeated: thousands of findings of the same rule, overlapping sentence-wide
# findings and questions next to pitch hits (the cases that were quadratic), plus emoji and placeholders.
ADVERSARIAL = [
    "We help you grow. ",
    "Would you be open to a quick call next week? ",
    "Book a quick call with me today! 👉 link in bio. ",
    "Hi {first_name}, I came across your profile. DM me! #growth @a @b ",
    "AMAZING DEAL!!! Use code SAVE20 now. ",
    "If your team needs leads, I can help you 10x revenue with our AI platform. ",
]


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _work(text: str, context: dict | None = None) -> int:
    lines = 0

    def local(frame, event, arg):
        nonlocal lines
        lines += 1
        return local

    def enter(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    rapport.analyze("warm up the readability data")
    sys.settrace(enter)
    try:
        rapport.analyze(text, context)
    finally:
        sys.settrace(None)
    return lines


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_four_times_the_text_is_about_four_times_the_work(unit):
    for context in (None, {"surface": "message", "first_contact": True}):
        small, large = _work(_text(unit, 8192), context), _work(_text(unit, 32768), context)
        assert large / small < 5.5, f"{unit!r}: x4 text took x{large / small:.1f} work (x16 means quadratic)"


@pytest.mark.parametrize("unit", ADVERSARIAL[:3])
def test_a_text_at_the_host_cap_is_linear_in_work(unit):
    small, large = _work(_text(unit, 16384)), _work(_text(unit, HOST_TEXT_CAP))
    assert large / small < 24, f"{unit!r}: x16 text took x{large / small:.1f} work (x256 means quadratic)"


def test_span_sets():
    n = 20_000
    spans = [(3 * i, 3 * i + 2) for i in range(n)]
    index = Overlaps(spans)
    assert index.any(4, 5) and not index.any(2, 3) and index.any(0, 1) and not index.any(3 * n, 3 * n + 5)
    kept: DisjointSpans[int] = DisjointSpans(3 * n)
    for k, (s, e) in enumerate(reversed(spans)):  # added out of order
        assert kept.overlapping(s, e) == (0, None)
        kept.add(s, e, k)
    assert kept.overlapping(1, 7) == (2, None)  # [0,2) [3,5) [6,8): more than one
    assert kept.overlapping(2, 3) == (0, None)
    assert kept.overlapping(4, 6) == (1, 3)
    kept.replace(3, 2, 5, -1)  # widen [3,5) to [2,5)
    assert kept.overlapping(2, 3) == (1, 2) and kept.item(2) == -1
    assert kept.items()[:3] == [n - 1, -1, n - 3]

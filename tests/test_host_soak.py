"""Soak: 20,000 analyze requests of mixed sizes through one source host process, pipelined (a writer thread
and a reader), every reply matched to its id, and the same text always giving the same report."""

from __future__ import annotations

import random
import sys
import threading

import pytest
from rapport.host.client import HostProcess, frame

SENTENCES = [
    "Hi Sam, I came across your profile and would love to connect.",
    "Loved your post on remote onboarding; the buddy system idea stuck with me.",
    "We help companies like yours scale 10x faster with our AI platform.",
    "Would you be open to a quick 15-minute call next week?",
    "Thanks for the thoughtful thread on hiring juniors 🙌.",
    "Book a demo today and get 20% off your first year!",
    "How did your team handle the move to four-day weeks?",
    "I read your paper on rural broadband co-ops and had one question about the pricing data.",
]
SIZES = [50] * 5 + [280] * 9 + [1000] * 4 + [3000] * 2  # the mix of a day of typing: mostly short


def make_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        size = rng.choice(SIZES)
        parts: list[str] = []
        while sum(map(len, parts)) < size:
            parts.append(rng.choice(SENTENCES))
        texts.append(" ".join(parts)[:size])
    return texts


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_soak_20000_pipelined_analyze_requests():
    count = 20_000
    distinct = make_texts(400)
    surfaces = ["post", "comment", "message", "invite_note"]
    requests = [
        {
            "id": f"soak-{i}",
            "type": "analyze",
            "text": distinct[i % len(distinct)],
            "context": {"surface": surfaces[i % 4], "site": "x" if i % 3 else "linkedin"},
        }
        for i in range(count)
    ]
    with HostProcess([sys.executable, "-m", "rapport", "host"]) as host:
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for start in range(0, count, 100):  # batches, as a busy extension would send them
                    host.send_raw(b"".join(frame(r) for r in requests[start : start + 100]))
            except BaseException as e:  # surfaced by the reader's assertions below
                errors.append(e)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        seen: dict[tuple[int, str], dict] = {}
        for i, request in enumerate(requests):
            reply = host.read(timeout=30)
            assert reply is not None, host.stderr[-2000:]
            assert reply["id"] == request["id"], (i, reply.get("error"))
            assert reply["ok"] is True, reply
            key = (i % len(distinct), request["context"]["surface"] + request["context"]["site"])
            if key in seen:
                assert reply["result"] == seen[key]
            else:
                seen[key] = reply["result"]
        writer.join(30)
        assert not errors
        assert host.finish() == 0
    assert any(r["findings"] for r in seen.values()) and any(not r["findings"] for r in seen.values())

"""Benchmark of the native host over real pipes: round trips, memory over a long run, cold start.

    python bench/bench_host.py [--quick] [--requests N] [--spawns N]

Prints tables; asserts nothing (issue 5's targets are printed next to the numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

from rapport.host.client import HostProcess
from rapport.product import CHROME_ORIGIN

ROOT = Path(__file__).resolve().parent.parent
SOURCE_HOST = [sys.executable, "-m", "rapport", "host"]
SENTENCES = [
    "Hi Sam, I came across your profile and would love to connect.",
    "Loved your post on remote onboarding; the buddy system idea stuck with me.",
    "We help companies like yours scale 10x faster with our AI platform.",
    "Would you be open to a quick 15-minute call next week?",
    "Thanks for the thoughtful thread on hiring juniors.",
    "Book a demo today and get 20% off your first year!",
    "How did your team handle the move to four-day weeks?",
    "I read your paper on rural broadband co-ops and had one question about the pricing data.",
]


def text_of(size: int, rng: random.Random) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(rng.choice(SENTENCES))
    return " ".join(parts)[:size]


def rss_mb(pid: int) -> float:
    """Resident set size of `pid` in MB (Linux /proc; NaN elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def percentiles(samples_s: list[float]) -> tuple[float, float, float]:
    ms = sorted(s * 1000 for s in samples_s)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return q[49], q[94], q[98]


def table(title: str, header: tuple[str, ...], rows: list[tuple]) -> None:
    cells = [header, *[tuple(f"{c:.2f}" if isinstance(c, float) else str(c) for c in row) for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for i, row in enumerate(cells):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))


def long_run(cmd: list[str], count: int, name: str) -> None:
    """`count` sequential analyze round trips of 50-280 character texts; RSS at start, 10,000 and end."""
    rng = random.Random(1)
    texts = [text_of(rng.choice([50, 120, 280]), rng) + f" #{i}" for i in range(1000)]
    times: list[float] = []
    with HostProcess(cmd) as host:
        for i in range(200):  # warm-up: imports and caches settle before "start"
            host.request({"id": i, "type": "analyze", "text": texts[i]})
        pid = host.proc.pid
        rss_start = rss_mb(pid)
        rss_10k = float("nan")
        for i in range(count):
            request = {"id": i, "type": "analyze", "text": texts[i % len(texts)]}
            t0 = time.perf_counter()
            reply = host.request(request)
            times.append(time.perf_counter() - t0)
            assert reply["ok"], reply
            if i + 1 == 10_000:
                rss_10k = rss_mb(pid)
        rss_end = rss_mb(pid)
        assert host.finish() == 0
    p50, p95, p99 = percentiles(times)
    table(
        f"host: {count:,} sequential analyze round trips (50-280 chars), {name}",
        ("metric", "value", "target"),
        [
            ("round trip p50 ms", p50, ""),
            ("round trip p95 ms", p95, ""),
            ("round trip p99 ms", p99, ""),
            ("requests/s", count / sum(times), ""),
            ("RSS start MB", rss_start, ""),
            ("RSS after 10,000 MB", rss_10k, "<= 60"),
            ("RSS end MB", rss_end, ""),
            ("RSS growth MB", rss_end - rss_start, "< 5"),
        ],
    )


def round_trips(cmd: list[str], requests: list[dict], count: int) -> tuple[float, float, float]:
    """p50/p95/p99 (ms) of `count` sequential round trips cycling through `requests`, after a warm-up."""
    times: list[float] = []
    with HostProcess(cmd) as host:
        for request in requests[:20]:
            host.request(request)
        for i in range(count):
            t0 = time.perf_counter()
            host.request(requests[i % len(requests)])
            times.append(time.perf_counter() - t0)
        host.finish()
    return percentiles(times)


def in_process(texts: list[str], count: int) -> tuple[float, float, float]:
    """The same analyses without the host: what the analyser alone costs."""
    import rapport

    for text in texts[:20]:
        rapport.analyze(text)
    times: list[float] = []
    for i in range(count):
        t0 = time.perf_counter()
        rapport.analyze(texts[i % len(texts)])
        times.append(time.perf_counter() - t0)
    return percentiles(times)


def pipelined_throughput(cmd: list[str], count: int) -> float:
    rng = random.Random(3)
    requests = [{"id": i, "type": "analyze", "text": text_of(280, rng)} for i in range(count)]
    with HostProcess(cmd) as host:
        host.request({"id": "warm", "type": "analyze", "text": "warm up"})
        t0 = time.perf_counter()
        writer = threading.Thread(target=lambda: [host.send(r) for r in requests], daemon=True)
        writer.start()
        for r in requests:
            assert host.read(30)["id"] == r["id"]
        elapsed = time.perf_counter() - t0
        writer.join()
        host.finish()
    return count / elapsed


def cold_start(cmd: list[str], spawns: int) -> tuple[float, float, float, float]:
    """Median and minimum (ms) of spawn -> first hello reply and of spawn -> first 3,000-character analyze
    reply. On a busy machine the minimum shows what the host itself costs."""
    text = text_of(3000, random.Random(4))
    to_hello: list[float] = []
    to_analyze: list[float] = []
    for _ in range(spawns):
        t0 = time.perf_counter()
        with HostProcess(cmd, [CHROME_ORIGIN]) as host:
            host.send({"id": 1, "type": "hello"})
            host.send({"id": 2, "type": "analyze", "text": text})  # sent at once, as the extension does
            hello = host.read(30)
            to_hello.append(time.perf_counter() - t0)
            report = host.read(30)
            to_analyze.append(time.perf_counter() - t0)
            for reply in (hello, report):
                assert reply and reply["ok"], f"{' '.join(cmd)}: {reply} {host.stderr[-500:]}"
            host.finish()
    ms = [statistics.median(to_hello), min(to_hello), statistics.median(to_analyze), min(to_analyze)]
    return tuple(x * 1000 for x in ms)  # type: ignore[return-value]


def frozen_host() -> list[str] | None:
    info = ROOT / "dist" / "build.json"
    if not info.exists():
        return None
    path = json.loads(info.read_text()).get("host")
    return [path] if path and os.path.exists(path) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="20,000 requests and 5 spawns instead of 200,000/10"
    )
    parser.add_argument("--requests", type=int, help="requests in the long run (default 200,000)")
    parser.add_argument("--spawns", type=int, help="cold starts to take the median of (default 10)")
    parser.add_argument("--frozen", help="frozen host executable (default: `host` in dist/build.json)")
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("RAPPORT_BENCH_QUICK") == "1"
    count = args.requests or (20_000 if quick else 200_000)
    spawns = args.spawns or (5 if quick else 10)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"host benchmark: {count:,} requests, {spawns} spawns; {os.cpu_count()} CPUs, load average {load}")
    long_run(SOURCE_HOST, count, "source host")
    frozen = [args.frozen] if args.frozen else frozen_host()
    if frozen:
        long_run(frozen, 10_000, "frozen host")  # the RSS target is "after 10,000 requests"

    n = 300 if quick else 1000
    rng = random.Random(2)
    long_texts = [text_of(3000, rng) for _ in range(50)]
    ping = round_trips(SOURCE_HOST, [{"id": 1, "type": "ping"}], n)
    trip = round_trips(
        SOURCE_HOST, [{"id": i, "type": "analyze", "text": t} for i, t in enumerate(long_texts)], n
    )
    alone = in_process(long_texts, n)
    rate = pipelined_throughput(SOURCE_HOST, 2000 if quick else 10_000)
    table(
        "host: round trips through the pipes (source host) vs the analyser alone, ms",
        ("measure", "p50", "p95", "p99", "target"),
        [
            ("ping round trip (host + pipes)", *ping, ""),
            ("3,000-char analyze round trip", *trip, "p95 <= 3"),
            ("3,000-char analyze in process", *alone, ""),
        ],
    )
    print(f"  pipelined 280-char analyze: {rate:,.0f} requests/s")

    rows = []
    for name, cmd in (
        (f"frozen ({frozen[0] if frozen else 'dist/build.json'})", frozen),
        ("source (python -m rapport host)", SOURCE_HOST),
    ):
        if cmd is None:
            rows.append((name, "not built", "", "", "", ""))
            continue
        rows.append((name, *cold_start(cmd, spawns), spawns))
    table(
        "host: cold start, ms (frozen targets, medians: hello <= 150, first 3,000-char analyze <= 400)",
        ("host", "->hello median", "->hello min", "->analyze median", "->analyze min", "spawns"),
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

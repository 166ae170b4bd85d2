"""Analyser speed: warm p50/p95 per text size while typing and on fresh texts, cold start, and the ratio
against proselint 0.16.

Run: `python3 bench/bench_analyzer.py` (proselint comes with the `bench` extra). Not a test: prints tables.
The texts are real posts and messages (tests/data/real/texts.jsonl), joined into texts of each size.
- keystroke: the last 60 characters of each text typed one at a time, an analysis per keystroke: what the
  extension asks for while someone writes (a line or a sentence changes at a time; the analyser caches the
  rest). Targets: p95 <= 0.5 ms at 280 characters, <= 2 ms at 3,000.
- fresh: every text new to the process, nothing cached can help: the worst case, and the one compared with
  proselint (which gets fresh texts too).
Wall-clock percentiles are the target; the CPU columns (time this process ran) show the cost when the shared
machine is busy and wall-clock times are inflated.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIZES = (280, 1000, 3000)
TEXTS = 60  # texts per size and workload
TYPED = 60  # characters typed at the end of each text
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "real" / "texts.jsonl"


def real_texts() -> list[str]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def texts_of(size: int, count: int, pool: list[str], start: int) -> tuple[list[str], int]:
    """`count` texts of about `size` characters, each made of real texts never used before."""
    out = []
    i = start
    while len(out) < count:
        parts: list[str] = []
        while sum(map(len, parts)) + 2 * len(parts) < size:
            parts.append(pool[i % len(pool)])
            i += 1
        out.append("\n\n".join(parts)[:size])
    return out, i


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def time_calls(fn, texts: list[str], cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms per call; CPU ms of this process per call go to `cpu` (the machine may be shared)."""
    out = []
    for text in texts:
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return out


def keystrokes(texts: list[str]) -> list[str]:
    """Every prefix of each text from TYPED characters before its end: one per keystroke."""
    return [t[:k] for t in texts for k in range(max(1, len(t) - TYPED), len(t) + 1)]


def cold_textstat_ms() -> tuple[float, float]:
    """A fresh interpreter: time to `warm()` (textstat + dictionary + hyphenation) and the first score."""
    code = (
        "import time; t=time.perf_counter(); from rapport import readability; readability.warm();"
        "w=time.perf_counter(); import rapport; rapport.analyze('Hello there, how are you today?');"
        "print((w-t)*1000, (time.perf_counter()-t)*1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    warm, first = (float(x) for x in out.stdout.split())
    return warm, first


def proselint_fn():
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint()


def main() -> None:
    import rapport
    from rapport import readability

    readability.warm()
    pool = real_texts()
    lint = proselint_fn()
    warmup, at = texts_of(300, 20, pool, 0)
    time_calls(rapport.analyze, warmup)
    if lint:
        time_calls(lint, warmup[:5])

    rows = []
    for size in SIZES:
        fresh, at = texts_of(size, TEXTS, pool, at)
        typed, at = texts_of(size, max(4, TEXTS // 6), pool, at)
        cpu: list[float] = []
        ours_fresh = time_calls(rapport.analyze, fresh, cpu)
        ours_typed = time_calls(rapport.analyze, keystrokes(typed))
        theirs = time_calls(lint, fresh[: max(10, TEXTS // 3)]) if lint else []
        rows.append((size, ours_typed, ours_fresh, cpu, theirs))

    print(f"Rapport analyser benchmark (Python {sys.version.split()[0]}, real texts)\n")
    print(
        f"{'chars':>6} | {'keystroke p50':>13} | {'p95':>6} | {'fresh p50':>9} | {'p95':>6} | "
        f"{'cpu p95':>7} | {'proselint p50':>13} | {'ratio (fresh p50)':>17}"
    )
    print("-" * 104)
    for size, typed, fresh, cpu, theirs in rows:
        f50 = statistics.median(fresh)
        head = (
            f"{size:>6} | {statistics.median(typed):>13.3f} | {percentile(typed, 0.95):>6.3f} | "
            f"{f50:>9.3f} | {percentile(fresh, 0.95):>6.3f} | {percentile(cpu, 0.95):>7.3f}"
        )
        if theirs:
            t50 = statistics.median(theirs)
            print(f"{head} | {t50:>13.2f} | {t50 / f50:>16.1f}x")
        else:
            print(f"{head} | {'n/a':>13} | {'n/a':>17}")
    print(f"(keystroke: {TYPED} characters typed at the end of each text; fresh: {TEXTS} new texts per size)")
    warm, first = cold_textstat_ms()
    print(
        f"\ncold start, fresh process: readability.warm() {warm:.0f} ms; first analyze done at {first:.0f} ms"
    )
    print_adversarial()
    if not lint:
        print("(proselint not installed: pip install -e '.[bench]')")


# Texts that pile up thousands of overlapping findings (one sentence repeated), up to the host's text cap
# and a 1 MB file (`rapport check -f`). Linear work: the ms per 1,000 characters stays flat as sizes grow.
ADVERSARIAL = (
    "We help you grow. ",
    "Would you be open to a quick call next week? ",
    "Book a quick call with me today! 👉 link in bio. ",
)
ADVERSARIAL_SIZES = (16_384, 65_536, 262_144, 1_048_576)


def print_adversarial() -> None:
    import rapport

    print("\nadversarial texts (one sentence repeated; best of 2 runs), ms and ms per 1,000 characters")
    print(f"{'sentence':<48} | " + " | ".join(f"{n:>17,}" for n in ADVERSARIAL_SIZES))
    print("-" * (51 + 20 * len(ADVERSARIAL_SIZES)))
    for unit in ADVERSARIAL:
        cells = []
        for size in ADVERSARIAL_SIZES:
            text = (unit * (size // len(unit) + 1))[:size]
            best = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                report = rapport.analyze(text)
                best = min(best, (time.perf_counter() - t) * 1000)
            cells.append(f"{best:>7.0f} ({best * 1000 / size:>5.2f}/k)")
        print(f"{unit.strip()[:48]:<48} | " + " | ".join(cells) + f"  [{len(report.findings)} findings]")


if __name__ == "__main__":
    main()

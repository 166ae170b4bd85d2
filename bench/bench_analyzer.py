"""Analyser speed: warm p50/p95 per text size, cold textstat load, and the ratio against proselint 0.16.

Run: `python3 bench/bench_analyzer.py` (proselint comes with the `bench` extra). Not a test: prints a table.
Every timed call gets a different text (a counter is appended), so no per-text cache ever helps. Wall-clock
percentiles are the target (p95 <= 0.5 ms at 280 characters, <= 2 ms at 3,000); the CPU columns (time this
process actually ran) show the cost when the shared machine is busy and wall-clock times are inflated.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

SIZES = (280, 1000, 3000)
RUNS = 300

SAMPLE = (
    "Hi Sam, I came across your profile and loved your post about onboarding remote engineers. "
    "We help SaaS companies cut ramp-up time in half with our platform 🚀. Would you be open to a quick call "
    "next week? I think it could be a game changer for your team, and I'd love to hear how you run it now.\n"
    "Last year I changed teams twice and learned that the first week decides almost everything. "
    "Thanks for sharing what worked for you! #onboarding #remote "
)


def text_of(size: int, salt: int) -> str:
    base = (SAMPLE * (size // len(SAMPLE) + 2))[: size - 8]
    return f"{base} n{salt:06d}"


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def time_calls(fn, size: int, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms per call; CPU ms of this process per call go to `cpu` (the machine may be shared)."""
    out = []
    for i in range(runs):
        text = text_of(size, i)
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return out


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
    for size in SIZES:  # warm both tools on every size first
        time_calls(rapport.analyze, size, 20)
    lint = proselint_fn()
    if lint:
        for size in SIZES:
            time_calls(lint, size, 3)

    rows = []
    for size in SIZES:
        cpu: list[float] = []
        ours = time_calls(rapport.analyze, size, RUNS, cpu)
        theirs = time_calls(lint, size, max(20, RUNS // 10)) if lint else []
        rows.append((size, ours, cpu, theirs))

    print(f"Rapport analyser benchmark (Python {sys.version.split()[0]}, {RUNS} distinct texts per size)\n")
    print(
        f"{'chars':>6} | {'p50 ms':>7} | {'p95 ms':>7} | {'cpu p50':>7} | {'cpu p95':>7} | "
        f"{'proselint p50':>13} | {'ratio (p50)':>11}"
    )
    print("-" * 80)
    for size, ours, cpu, theirs in rows:
        p50, p95 = statistics.median(ours), percentile(ours, 0.95)
        c50, c95 = statistics.median(cpu), percentile(cpu, 0.95)
        head = f"{size:>6} | {p50:>7.3f} | {p95:>7.3f} | {c50:>7.3f} | {c95:>7.3f}"
        if theirs:
            t50 = statistics.median(theirs)
            print(f"{head} | {t50:>13.2f} | {t50 / p50:>10.0f}x")
        else:
            print(f"{head} | {'n/a':>13} | {'n/a':>11}")
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

"""Keystroke to hint, in both browsers. The browser harness measures it (tests/browser/test_latency.py
in Chromium, tests/firefox/latency.test.mjs in Firefox ESR: real extension, frozen host, host warm, keys one
at a time, the hint polled from the page); this prints one table from what they wrote in tests/artifacts/.

Run: `python3 bench/bench_latency.py` (needs the built dist/, Chromium, Firefox ESR, Node; `python3 build.py
test` sets all of them up). Targets: p95 <= 10 ms, p99 <= 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
RUNS = {
    "chromium": "tests/browser/test_latency.py",
    "firefox": "tests/browser/test_firefox.py::test_firefox[latency]",
}


def main() -> int:
    for browser, test in RUNS.items():
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
            cwd=ROOT,
            env=dict(os.environ, RAPPORT_BUILD_DONE="1"),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(f"{browser}: the measurement failed\n{done.stdout[-2000:]}{done.stderr[-1000:]}")
            return 1
    print("keystroke to hint painted for the new text, host warm (ms)")
    print(f"{'browser':<10} {'surface':<48} {'keys':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
    print("-" * 86)
    for browser in RUNS:
        data = json.loads((ARTIFACTS / f"latency-{browser}.json").read_text())
        for s in data["surfaces"]:
            print(
                f"{browser:<10} {s['surface']:<48} {s['keystrokes']:>5} {s['p50_ms']:>6} {s['p95_ms']:>6} "
                f"{s['p99_ms']:>6}"
            )
        print(
            f"{browser:<10} {'all':<48} {data['keystrokes']:>5} {data['p50_ms']:>6} {data['p95_ms']:>6} "
            f"{data['p99_ms']:>6}"
        )
    print("(targets: p95 <= 10, p99 <= 16)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

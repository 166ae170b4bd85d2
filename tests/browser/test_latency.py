"""Keystroke to updated hint, measured in the page: from each keydown to the moment the hint shows the report
for the text including that key, on three surfaces and at the end of a 3,000-character post in 40 paragraphs.
Writes tests/artifacts/latency-chromium.json, which `bench/bench_latency.py` reports beside
Firefox's (targets,
host warm: p95 <= 10 ms, p99 <= 16 ms). A measurement, not a timed test: it asserts only that every
keystroke was reflected."""

from __future__ import annotations

import json
import statistics

import pytest
from browser_surfaces import ARTIFACTS, BY_NAME
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = "Loved your talk on compilers, Grace. How did the team take the new build? Book a call"

# Records keydown times and every hint update (data-chars changes) of the watched box, wherever its hint is.
RECORDER = """(surface) => {
  const find = (root) => {
    const hit = root.querySelector(`rapport-hint[data-surface="${surface}"]`);
    if (hit) return hit;
    for (const el of root.querySelectorAll("*")) {
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const hint = find(document);
  const log = (window.__latency = { keys: [], updates: [] });
  document.addEventListener("keydown", () => log.keys.push(performance.now()), true);
  new MutationObserver(() => log.updates.push([performance.now(), Number(hint.dataset.chars)]))
    .observe(hint, { attributes: true, attributeFilter: ["data-chars"] });
}"""

SHOWN = "(n) => window.__latency.updates.some((u) => u[1] === n)"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# A long post: 40 paragraphs, about 3,000 characters, typed in before the measured keystrokes.
PARAGRAPH = (
    "Shipping notes from this week: we moved the build to the new runners and halved the queue times. "
)
LONG = [f"{i + 1}. {PARAGRAPH}"[:74] for i in range(40)]


def measure(b, name: str, long: bool = False) -> dict:
    surface = BY_NAME[name]
    page = surface.open(b)
    page.click(surface.editor)
    if long:
        for k, paragraph in enumerate(LONG):
            if k:
                page.keyboard.press("Enter")
            page.keyboard.insert_text(paragraph)
        page.keyboard.insert_text(" ")
    else:
        page.keyboard.type("Hi")  # warm the path: host spawned, first report in
    start = len(surface.text(page))
    expect(surface.hint(page)).to_have_attribute("data-chars", str(start), timeout=10_000)
    page.evaluate(RECORDER, surface.surface)
    for i, ch in enumerate(TEXT):
        page.keyboard.type(ch)
        page.wait_for_function(
            "(n) => window.__latency.updates.some((u) => u[1] === n)", arg=start + 1 + i, timeout=5000
        )
    log = page.evaluate("() => window.__latency")
    latencies = []
    for i, pressed in enumerate(log["keys"]):
        shown = next(t for t, n in log["updates"] if n == start + 1 + i)
        latencies.append(shown - pressed)
    assert len(latencies) == len(TEXT)
    assert surface.text(page).endswith(TEXT)

    # A burst typed without pause: coalesced to the newest text, the hint settles right after the last key.
    burst = " and tell me more about it"
    page.evaluate("() => { window.__latency.keys = []; window.__latency.updates = []; }")
    page.keyboard.type(burst)
    final = start + len(TEXT) + len(burst)
    page.wait_for_function(SHOWN, arg=final, timeout=5000)
    log = page.evaluate("() => window.__latency")
    settle = next(t for t, n in log["updates"] if n == final) - log["keys"][-1]
    updates = len(log["updates"])
    page.close()
    return {
        "surface": name + (" (3,000 characters, 40 paragraphs)" if long else ""),
        "chars_before": start,
        "keystrokes": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1),
        "burst_keys": len(burst),
        "burst_hint_updates": updates,
        "burst_settle_ms": round(settle, 1),
        "samples_ms": [round(x, 1) for x in latencies],
    }


def test_keystroke_to_hint_latency(b):
    results = [measure(b, name) for name in ("x-post", "linkedin-message-page", "linkedin-post")]
    results.append(measure(b, "linkedin-post", long=True))
    everything = [x for r in results for x in r["samples_ms"]]
    summary = {
        "browser": "chromium",
        "what": "keydown to <rapport-hint> showing the report for the text with that key (headless Chromium, "
        "real extension, frozen host over native messaging)",
        "p50_ms": round(statistics.median(everything), 1),
        "p95_ms": round(percentile(everything, 95), 1),
        "p99_ms": round(percentile(everything, 99), 1),
        "keystrokes": len(everything),
        "surfaces": results,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "latency-chromium.json").write_text(json.dumps(summary, indent=2) + "\n")
    p50, p95 = summary["p50_ms"], summary["p95_ms"]
    print(f"\nkeystroke-to-hint over {len(everything)} keystrokes: p50 {p50} ms, p95 {p95} ms")
    for r in results:
        print(
            f"  {r['surface']}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms; "
            f"burst of {r['burst_keys']} keys -> {r['burst_hint_updates']} hint updates, "
            f"settled {r['burst_settle_ms']} ms after the last key"
        )
    # Every keystroke was reflected, and no burst leaves the hint behind for long.
    assert all(r["burst_settle_ms"] < 1000 for r in results)

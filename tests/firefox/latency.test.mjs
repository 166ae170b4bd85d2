// Keystroke to updated hint in Firefox, measured in the page as tests/browser/test_latency.py does in Chromium:
// three surfaces and the end of a 3,000-character post in 40 paragraphs. Writes
// tests/artifacts/latency-firefox.json for bench/bench_latency.py. A measurement: it asserts only that every
// keystroke was reflected.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { BY_NAME, ROOT, editorText, focusEditor, launch, waitForHint } from "./harness.mjs";

const TEXT = "Loved your talk on compilers, Grace. How did the team take the new build? Book a call";
const PARAGRAPH = "Shipping notes from this week: we moved the build to the new runners and halved the queue times. ";
const LONG = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${PARAGRAPH}`.slice(0, 74));
const RECORDER = (name) => {
  const find = (root) => {
    const hit = root.querySelector(`rapport-hint[data-surface="${name}"]`);
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
  new MutationObserver(() => log.updates.push([performance.now(), Number(hint.dataset.chars)])).observe(hint, {
    attributes: true,
    attributeFilter: ["data-chars"],
  });
};

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  const k = ((s.length - 1) * p) / 100;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (k - lo);
};
const round = (x) => Math.round(x * 10) / 10;

let ff;
before(async () => {
  ff = await launch();
});
after(async () => {
  await ff?.close();
});

async function measure(name, long = false) {
  const surface = BY_NAME[name];
  const page = await ff.open(surface);
  await focusEditor(page, surface);
  if (long) {
    for (const [k, paragraph] of LONG.entries()) {
      if (k) await page.keyboard.press("Enter");
      await page.evaluate((t) => document.execCommand("insertText", false, t), paragraph);
    }
    await page.evaluate(() => document.execCommand("insertText", false, " "));
  } else {
    await page.keyboard.type("Hi");
  }
  const start = (await editorText(page, surface)).length;
  await waitForHint(page, surface, (h) => h.chars === String(start), 10_000);
  await page.evaluate(RECORDER, surface.surface);
  for (const [i, ch] of [...TEXT].entries()) {
    await page.keyboard.type(ch);
    await page.waitForFunction((n) => window.__latency.updates.some((u) => u[1] === n), { timeout: 5000 }, start + 1 + i);
  }
  const log = await page.evaluate(() => window.__latency);
  const samples = log.keys.map((pressed, i) => log.updates.find(([, n]) => n === start + 1 + i)[0] - pressed);
  assert.equal(samples.length, TEXT.length);
  assert.ok((await editorText(page, surface)).endsWith(TEXT));
  await page.close();
  return {
    surface: name + (long ? " (3,000 characters, 40 paragraphs)" : ""),
    chars_before: start,
    keystrokes: samples.length,
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(Math.max(...samples)),
    samples_ms: samples.map(round),
  };
}

test("keystroke to hint latency", async () => {
  const results = [];
  for (const name of ["x-post", "linkedin-message-page", "linkedin-post"]) results.push(await measure(name));
  results.push(await measure("linkedin-post", true));
  const all = results.flatMap((r) => r.samples_ms);
  const summary = {
    browser: "firefox",
    what: "keydown to <rapport-hint> showing the report for the text with that key (headless Firefox ESR, real extension, frozen host over native messaging)",
    p50_ms: round(percentile(all, 50)),
    p95_ms: round(percentile(all, 95)),
    p99_ms: round(percentile(all, 99)),
    keystrokes: all.length,
    surfaces: results,
  };
  fs.mkdirSync(path.join(ROOT, "tests", "artifacts"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "tests", "artifacts", "latency-firefox.json"), JSON.stringify(summary, null, 2) + "\n");
  console.log(`firefox keystroke-to-hint over ${all.length} keystrokes: p50 ${summary.p50_ms} p95 ${summary.p95_ms} p99 ${summary.p99_ms} ms`);
});

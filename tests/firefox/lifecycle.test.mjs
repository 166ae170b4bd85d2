// The host's life as Firefox sees it, as in the Chromium tests: killing the host recovers within 2 s; a missing
// host says so in the hint and the popup; the popup shows the active tab's summary; ignoring a rule survives a
// reload; a text in another language is not checked.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { BY_NAME, PITCH, clickInCard, expected, focusEditor, launch, openCard, waitForHint } from "./harness.mjs";

let ff;
before(async () => {
  ff = await launch();
});
after(async () => {
  await ff?.close();
});

test("killing the host recovers within 2 s", async () => {
  const surface = BY_NAME["linkedin-message-page"];
  const page = await ff.typeIn(surface, "Hi Grace, ");
  const pids = ff.hostPids();
  assert.ok(pids.length, "a host process runs under this Firefox");
  for (const pid of pids) process.kill(pid, "SIGKILL");
  const killed = Date.now();
  await page.keyboard.type("how did the launch go?");
  await waitForHint(page, surface, (h) => h.chars === String("Hi Grace, how did the launch go?".length) && h.status === "ok", 8_000);
  const took = Date.now() - killed;
  assert.ok(took < 2_000, `recovered in ${took} ms`);
  assert.ok(ff.hostPids().some((p) => !pids.includes(p)), "a new host process answers");
  await page.close();
});

test("the popup shows the active tab's summary", async () => {
  const surface = BY_NAME["linkedin-message-page"];
  const report = expected(surface, PITCH);
  const page = await ff.typeIn(surface, PITCH);
  await waitForHint(page, surface, (h) => h.level === report.level);
  const popup = await ff.popup(surface.url);
  const state = await popup.evaluate(() => ({
    host: document.querySelector("#host-status")?.textContent,
    boxes: [...document.querySelectorAll("article[data-box]")].map((b) => ({
      level: b.dataset.level,
      surface: b.dataset.surface,
      pitch: b.querySelector("[data-gauge=pitch]")?.getAttribute("aria-valuenow"),
      impersonal: b.querySelector("[data-gauge=impersonal]")?.getAttribute("aria-valuenow"),
    })),
  }));
  assert.equal(state.host, "Connected");
  assert.deepEqual(state.boxes, [
    {
      level: report.level,
      surface: "message",
      pitch: String(report.scores.pitch),
      impersonal: String(report.scores.impersonal),
    },
  ]);
  await popup.close();
  await page.close();
});

test("ignoring a rule hides it and survives a reload", async () => {
  const surface = BY_NAME["linkedin-message-page"];
  const report = expected(surface, PITCH);
  const rule = report.findings.find((f) => f.rule.startsWith("pitch.")).rule;
  const page = await ff.typeIn(surface, PITCH);
  await waitForHint(page, surface, (h) => h.level === report.level);
  await openCard(page, surface);
  await clickInCard(page, surface, `[data-ignore="${rule}"]`);
  await waitForHint(page, surface, (h) => h.count === String(report.findings.length - 1));
  await page.reload();
  await page.waitForSelector(`>>> ${surface.editor}[data-rapport=on]`);
  await focusEditor(page, surface);
  await page.keyboard.type(PITCH);
  await waitForHint(page, surface, (h) => h.chars === String(PITCH.length) && h.count !== "0");
  const card = await openCard(page, surface);
  assert.ok(!card.rules.includes(rule), `${rule} is still shown after a reload`);
  // Settings: turn it back on for the other tests.
  const options = await ff.extensionPage("options/options.html");
  await options.evaluate(() => browser.storage.sync.clear());
  await options.close();
  await page.close();
});

test("a text in another language is not checked", async () => {
  const surface = BY_NAME["linkedin-message-page"];
  const german =
    "Hallo Herr Müller, ich bin auf Ihr Profil gestoßen und würde gerne einen kurzen Termin vereinbaren, um Ihnen unsere Lösung vorzustellen.";
  const page = await ff.typeIn(surface, german);
  await waitForHint(page, surface, (h) => h.level === "unchecked");
  const card = await openCard(page, surface);
  assert.ok(card.why.includes("not_checked"));
  assert.equal(card.pill, "Rapport: Not checked: Rapport reads English for now.");
  await page.close();
});

test("a missing host says so in the hint and the popup", async () => {
  const bare = await launch({ home: process.env.RAPPORT_FIREFOX_BARE_HOME });
  try {
    const surface = BY_NAME["linkedin-message-page"];
    const page = await bare.open(surface);
    await focusEditor(page, surface);
    await page.keyboard.type("Hello there");
    await waitForHint(page, surface, (h) => h.status === "missing", 10_000);
    const card = await openCard(page, surface);
    assert.ok(card.text.includes("Host not installed") && card.text.includes("build.py install"));
    const popup = await bare.popup(surface.url);
    await sleep(200);
    const missing = await popup.evaluate(() => !document.querySelector("#missing")?.hidden);
    assert.ok(missing, "the popup shows the missing-host notice");
  } finally {
    await bare.close();
  }
});

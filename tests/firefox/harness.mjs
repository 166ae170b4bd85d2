// Debian's firefox-esr, headless, driven by Puppeteer over WebDriver BiDi: the built dist/firefox installed as a
// temporary add-on, the frozen host registered (by `build.py install`) under a temporary HOME, and the fixture
// pages served at the sites' real URLs from tests/fixtures by request interception (no network, no certificate).
// Run by tests/browser/test_firefox.py, which passes RAPPORT_FIREFOX_HOME (a HOME with the host registered),
// RAPPORT_FIREFOX_BARE_HOME (one without) and RAPPORT_EXPECTED (the host's reports for the texts typed here).
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "..", "..");
const PAGES = path.join(ROOT, "tests", "fixtures", "pages");
const EDITORS = path.join(ROOT, "tests", "fixtures", "editors", "dist");
const ROUTES = JSON.parse(fs.readFileSync(path.join(PAGES, "routes.json"), "utf8")).pages;
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
const SITES = /^https:\/\/(www\.linkedin\.com|linkedin\.com|x\.com|twitter\.com)\//;

export const DATA = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "browser", "surfaces.json"), "utf8"));
export const PITCH = DATA.pitch;
export const SURFACES = DATA.surfaces;
export const BY_NAME = Object.fromEntries(SURFACES.map((s) => [s.name, s]));
export const EXPECTED = JSON.parse(fs.readFileSync(process.env.RAPPORT_EXPECTED, "utf8"));
export const GECKO_ID = "rapport@rapport.org";
// A fixed moz-extension:// host for the add-on, so the tests can open its popup.
export const EXTENSION_UUID = "7d1f3c2a-5b6e-4c8d-9a0b-1e2f3a4b5c6d";

// Every web request is answered from the fixtures or refused; extension pages load as they are.
function serve(page) {
  page.on("request", (req) => {
    const url = req.url().split("#")[0].split("?")[0];
    if (!/^(https?|wss?):/.test(url)) return req.continue();
    if (!SITES.test(url)) return req.abort();
    const where = "/" + url.split("/").slice(3).join("/");
    let file = null;
    if (where.startsWith("/rapport-fixtures/editors/")) file = path.join(EDITORS, where.slice(26));
    else if (where.startsWith("/rapport-fixtures/")) file = path.join(PAGES, where.slice(18));
    else if (ROUTES[url]) file = path.join(PAGES, ROUTES[url]);
    if (!file || !fs.existsSync(file)) return req.respond({ status: 404, contentType: "text/plain", body: "not a fixture" });
    req.respond({ status: 200, contentType: TYPES[path.extname(file)] ?? "application/octet-stream", body: fs.readFileSync(file) });
  });
}

export async function launch({ home = process.env.RAPPORT_FIREFOX_HOME } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.RAPPORT_FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
    // BiDi may not navigate to moz-extension:// pages; the privileged scope can (extensionPage below).
    args: ["--remote-allow-system-access"],
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  await browser.installExtension(path.join(ROOT, "dist", "firefox"));
  return new Firefox(browser);
}

class Firefox {
  constructor(browser) {
    this.browser = browser;
    this.pages = 0;
  }

  async newPage(url) {
    const page = await this.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.setRequestInterception(true);
    serve(page);
    await page.goto(url);
    return page;
  }

  // The surface's fixture page with its editor watched by the extension.
  async open(surface) {
    const page = await this.newPage(surface.url);
    for (const selector of surface.opens ?? []) await page.click(`>>> ${selector}`);
    await page.waitForSelector(`>>> ${surface.editor}[data-rapport=on]`, { timeout: 10_000 });
    return page;
  }

  // Open the surface, type `text`, wait until the hint shows the report for that text.
  async typeIn(surface, text) {
    const page = await this.open(surface);
    await focusEditor(page, surface);
    await typeText(page, surface, text);
    await waitForHint(page, surface, (h) => h.chars === String(text.length));
    return page;
  }

  // One of the extension's own pages in a new tab. WebDriver BiDi refuses to navigate to moz-extension://, so
  // a blank tab is marked and the browser's privileged scope loads the page into it.
  async extensionPage(where) {
    const page = await this.browser.newPage();
    await page.setViewport({ width: 380, height: 640 });
    const mark = `about:blank#rapport-${++this.pages}`;
    await page.goto(mark);
    const url = `moz-extension://${EXTENSION_UUID}/${where}`;
    const conn = this.browser.connection;
    const tree = await conn.send("browsingContext.getTree", { "moz:scope": "chrome" });
    const expression = `(() => {
      const b = gBrowser.browsers.find((x) => x.currentURI.spec === ${JSON.stringify(mark)});
      const system = Services.scriptSecurityManager.getSystemPrincipal();
      b.loadURI(Services.io.newURI(${JSON.stringify(url)}), { triggeringPrincipal: system });
    })()`;
    await conn.send("script.evaluate", { expression, target: { context: tree.result.contexts[0].context }, awaitPromise: false });
    await page.waitForFunction(() => location.protocol === "moz-extension:" && document.readyState === "complete");
    return page;
  }

  // The toolbar popup, in a tab, for the tab showing `url`.
  async popup(url) {
    const page = await this.extensionPage("popup/popup.html");
    const tabId = await page.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
    await page.evaluate((id) => {
      location.href = `popup.html?tab=${id}`;
    }, tabId);
    await page.waitForFunction(() => location.search.startsWith("?tab=") && document.body?.dataset.ready === "true");
    return page;
  }

  // Native host processes this Firefox started (descendants of its process).
  hostPids() {
    const root = this.browser.process()?.pid;
    const parent = new Map();
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      } catch {}
    }
    const descends = (pid) => {
      for (let p = pid, n = 0; p > 1 && n < 50; p = parent.get(p) ?? 0, n++) if (p === root) return true;
      return false;
    };
    return [...parent.keys()].filter((pid) => {
      try {
        return descends(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("rapport-host");
      } catch {
        return false;
      }
    });
  }

  async close() {
    await this.browser.close();
  }
}

// Click into the editor and wait until it has the focus (Quill takes its selection a moment after the click).
export async function focusEditor(page, surface) {
  const el = await page.waitForSelector(`>>> ${surface.editor}`);
  await el.click();
  await page.waitForFunction(
    (e) => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a === e || e.contains(a);
    },
    { timeout: 5_000 },
    el,
  );
}

export const typeText = (page, surface, text) => page.keyboard.type(text);

// The watched box's <rapport-hint> attributes, wherever it is (document, dialog, open shadow root).
export function hintState(page, surface) {
  return page.evaluate((name) => {
    const find = (root) => {
      for (const h of root.querySelectorAll(`rapport-hint[data-surface="${name}"]`)) if (!h.hidden) return h;
      for (const el of root.querySelectorAll("*")) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const h = find(document);
    return h ? { ...h.dataset, hidden: h.hidden } : null;
  }, surface.surface);
}

export async function waitForHint(page, surface, predicate, timeout = 8_000) {
  const until = Date.now() + timeout;
  let last = null;
  while (Date.now() < until) {
    last = await hintState(page, surface);
    if (last && predicate(last)) return last;
    await sleep(25);
  }
  throw new Error(`hint of ${surface.name} never matched; last ${JSON.stringify(last)}`);
}

// Evaluate in the hint's shadow root: open the card, list its findings' rule ids and messages.
export function openCard(page, surface) {
  return page.evaluate(async (name) => {
    const find = (root) => {
      for (const h of root.querySelectorAll(`rapport-hint[data-surface="${name}"]`)) if (!h.hidden) return h;
      for (const el of root.querySelectorAll("*")) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const host = find(document);
    const shadow = host.shadowRoot;
    const card = shadow.querySelector(".card");
    if (card.hidden) shadow.querySelector(".pill").click();
    await new Promise((r) => requestAnimationFrame(r));
    return {
      rules: [...shadow.querySelectorAll("li[data-rule]")].map((li) => li.dataset.rule),
      text: card.textContent,
      why: [...shadow.querySelectorAll("[data-why]")].map((e) => e.dataset.why),
      pill: shadow.querySelector(".pill").getAttribute("aria-label"),
    };
  }, surface.surface);
}

export function clickInCard(page, surface, selector) {
  return page.evaluate(
    (name, sel) => {
      const find = (root) => {
        for (const h of root.querySelectorAll(`rapport-hint[data-surface="${name}"]`)) if (!h.hidden) return h;
        for (const el of root.querySelectorAll("*")) {
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      find(document).shadowRoot.querySelector(sel).click();
    },
    surface.surface,
    selector,
  );
}

// The text of every range in the document's highlight registry, by highlight name.
export function highlights(page) {
  return page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights ?? []) out[name] = [...h].map((r) => r.toString());
    return out;
  });
}

export const editorText = (page, s) => page.evaluate((id) => window.fixtureEditors[id].text(), s.editor_id);
export const editorCaret = (page, s) => page.evaluate((id) => window.fixtureEditors[id].caret(), s.editor_id);

// What the host reported for `text` typed into `surface` (computed by the pytest side with rapport.analyze).
export function expected(surface, text) {
  const report = EXPECTED[surface.name]?.[text];
  if (!report) throw new Error(`no expected report for ${surface.name}: ${text.slice(0, 30)}`);
  return report;
}

// The spans a report underlines: findings that do not cover the whole message.
export function underlined(text, findings) {
  // JavaScript strings are UTF-16, like the host's spans.
  const first = text.search(/\S/);
  const last = text.trimEnd().length;
  return new Set(findings.filter((f) => !(f.start <= first && f.end >= last)).map((f) => text.slice(f.start, f.end)));
}

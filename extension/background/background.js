// Relays analyze requests from our content scripts to the native host and keeps per-tab summaries for the
// toolbar badge and the popup. Only messages from this extension's own scripts are accepted.
import { PRODUCT } from "../shared/product.js";
import { Settings } from "../shared/settings.js";
import { HostConnection } from "./host.js";
import * as Stats from "./stats.js";
import { Tabs } from "./tabs.js";

const api = globalThis.browser ?? globalThis.chrome;
const product = PRODUCT;
const CONTENT_PORT = "rapport-content";

const contentPorts = new Set();
const portsByTab = new Map(); // tabId -> Set of ports (one per frame that runs our content script)
let rules = null; // the host's `rules` result, cached

const host = new HostConnection(product.hostName, (snapshot) => {
  for (const port of contentPorts) safePost(port, { type: "host", host: snapshot });
  if (snapshot.status === "connected" && !rules) loadRules();
});

function safePost(port, message) {
  try {
    port.postMessage(message);
  } catch {
    contentPorts.delete(port);
  }
}

async function loadRules() {
  try {
    rules = await host.request("rules");
    await api.storage.local.set({ rulesCache: rules });
  } catch {
    // Served from the cache below until the host answers.
  }
}

async function cachedRules() {
  if (rules) return rules;
  const got = await api.storage.local.get("rulesCache");
  return got.rulesCache ?? null;
}

const fromUs = (sender) => sender?.id === api.runtime.id;

// --- content scripts -------------------------------------------------------------------------------------------
api.runtime.onConnect.addListener((port) => {
  const sender = port.sender;
  if (port.name !== CONTENT_PORT || !fromUs(sender) || !sender.tab) {
    port.disconnect();
    return;
  }
  const tabId = sender.tab.id;
  contentPorts.add(port);
  if (!portsByTab.has(tabId)) portsByTab.set(tabId, new Set());
  portsByTab.get(tabId).add(port);
  safePost(port, { type: "host", host: host.snapshot() });
  port.onDisconnect.addListener(() => {
    contentPorts.delete(port);
    portsByTab.get(tabId)?.delete(port);
  });
  port.onMessage.addListener((msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "analyze") analyze(port, tabId, msg);
    else if (msg.type === "summary") Tabs.update(tabId, { ...msg.summary, at: Date.now() });
    else if (msg.type === "retry") host.retryNow();
    else if (msg.type === "ignore" && typeof msg.rule === "string") Settings.ignoreRule(msg.rule).catch(() => {});
  });
});

async function analyze(port, tabId, msg) {
  const { box, seq, text, context, options } = msg;
  if (typeof text !== "string" || typeof box !== "string") return;
  const started = performance.now();
  try {
    const report = await host.request("analyze", { text, context, options });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    safePost(port, { type: "report", box, seq, report, ms });
    Stats.record(tabId, box, text, report, context);
  } catch (err) {
    if (err?.name === "superseded") return;
    safePost(port, {
      type: "failed",
      box,
      seq,
      status: host.status,
      code: err?.name ?? "error",
      message: String(err?.message ?? err),
      installCommand: product.installCommand,
    });
  }
}

// --- popup and options page ------------------------------------------------------------------------------------
async function ping() {
  const started = performance.now();
  await host.request("ping");
  return Math.round((performance.now() - started) * 10) / 10;
}

async function waitSettled(ms) {
  const until = Date.now() + ms;
  while (host.status === "connecting" && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

async function popupState(tabId) {
  host.ensure();
  await waitSettled(1500);
  let pingMs = null;
  if (host.status === "connected") pingMs = await ping().catch(() => null);
  return {
    product,
    host: { ...host.snapshot(), pingMs },
    summary: tabId == null ? null : Tabs.get(tabId),
    rules: await cachedRules(),
    stats: await Stats.lastDays(),
  };
}

const handlers = {
  "popup:state": (msg) => popupState(msg.tabId ?? null),
  "popup:retry": async () => {
    host.retryNow();
    await waitSettled(3000);
    return host.snapshot();
  },
  // The options page's changes, written here with every other settings change (Settings.update's queue).
  "settings:patch": (msg) => Settings.patch(msg.fields ?? {}),
  "settings:ignore": (msg) => Settings.ignoreRule(String(msg.rule)),
  "settings:unignore": (msg) => Settings.unignoreRule(String(msg.rule)),
  "settings:restore": () => Settings.restoreDefaults(),
  rules: async () => {
    host.ensure();
    await waitSettled(1500);
    if (host.status === "connected" && !rules) await loadRules();
    return cachedRules();
  },
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && handlers[msg.type];
  // Only our own pages (popup, options) ask these; content scripts talk over their port.
  const ownPage = fromUs(sender) && String(sender.url ?? "").startsWith(api.runtime.getURL(""));
  if (!handler || !ownPage) return false;
  handler(msg).then(
    (result) => sendResponse({ ok: true, result }),
    (err) => sendResponse({ ok: false, error: String(err?.message ?? err) }),
  );
  return true; // answered asynchronously
});

// Keyboard: a browser shortcut (never a key the page sees) opens the hint of the box being typed in.
function openHint(tabId) {
  for (const port of portsByTab.get(tabId) ?? []) safePost(port, { type: "open-hint" });
}
api.commands?.onCommand?.addListener(async (command, tab) => {
  if (command !== "open-hint") return;
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id != null) openHint(id);
});
// For the browser tests, which cannot press browser shortcuts nor reach module scope.
globalThis.RapportTest = Object.freeze({ openHint, tabSummary: (tabId) => Tabs.get(tabId) });

Tabs.restore();
host.connect();

// What each tab's content script last reported (its watched boxes and which one has focus), and the toolbar badge.
import { Categories } from "../shared/categories.js";

const api = globalThis.browser ?? globalThis.chrome;
const { level } = Categories;
const summaries = new Map(); // tabId -> {url, focused, boxes: [...], hostStatus}
const storage = api.storage.session; // survives the service worker sleeping, not the browser

async function restore() {
  if (!storage) return;
  try {
    const got = await storage.get("tabs");
    for (const [id, summary] of Object.entries(got.tabs ?? {})) summaries.set(Number(id), summary);
  } catch {
    // storage.session unavailable: start empty.
  }
}

let persistTimer = null;
function persist() {
  if (!storage || persistTimer) return;
  persistTimer = setTimeout(() => {
    persistTimer = null;
    storage.set({ tabs: Object.fromEntries(summaries) }).catch(() => {});
  }, 250);
}

function badgeFor(summary) {
  const box = summary?.boxes?.find((b) => b.id === summary.focused);
  if (!box) return { text: "", color: "#5f6368" };
  if (box.status === "missing") return { text: "!", color: "#5f6368" };
  const count = box.count ?? 0;
  return { text: count ? String(count) : "", color: level(box.level).color };
}

async function paintBadge(tabId) {
  const { text, color } = badgeFor(summaries.get(tabId));
  try {
    await api.action.setBadgeBackgroundColor({ tabId, color });
    if (api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ tabId, color: "#ffffff" });
    await api.action.setBadgeText({ tabId, text });
  } catch {
    // The tab closed meanwhile.
  }
}

function update(tabId, summary) {
  summaries.set(tabId, summary);
  persist();
  paintBadge(tabId);
}

function remove(tabId) {
  summaries.delete(tabId);
  persist();
}

api.tabs?.onRemoved?.addListener(remove);
// A tab loading a new page starts over; its content script reports again once it finds boxes.
api.tabs?.onUpdated?.addListener((tabId, change) => {
  if (change.status !== "loading" || !summaries.has(tabId)) return;
  remove(tabId);
  paintBadge(tabId);
});

export const Tabs = { restore, update, remove, get: (tabId) => summaries.get(tabId) ?? null, paintBadge };

// Finds the site's compose boxes as the single-page app adds and removes them (MutationObservers on the document
// and on the open shadow roots that hold editors), attaches a Box to each once, detaches it when it leaves, and
// talks to the background over one port. Nothing here throws into the page or touches the editors' content.
import { PRODUCT } from "../shared/product.js";
import { Settings } from "../shared/settings.js";
import { Box } from "./box.js";
import { Sites } from "./sites/registry.js";
import "./sites/linkedin.js";
import "./sites/x.js";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const site = Sites.forHost(location.hostname);
  if (!site || globalThis.__rapportStarted) return;
  globalThis.__rapportStarted = true;

  let settings = Settings.normalize(null);
  let hostStatus = null;
  let focusedId = null;
  let dead = false; // the extension was reloaded or removed: stop quietly
  const boxes = new Map(); // element -> Box
  const byId = new Map(); // box id -> Box

  // --- the port to the background ---------------------------------------------------------------------------------
  let port = null;
  function connect() {
    if (port || dead) return port;
    try {
      port = api.runtime.connect({ name: "rapport-content" });
    } catch {
      shutdown();
      return null;
    }
    port.onMessage.addListener(received);
    port.onDisconnect.addListener(() => {
      port = null;
      if (!api.runtime?.id) return shutdown();
      for (const box of byId.values()) box.lost();
    });
    return port;
  }

  function send(box, msg) {
    const p = connect();
    if (!p) return;
    try {
      p.postMessage(msg);
    } catch {
      port = null;
      box.lost();
    }
  }

  function received(msg) {
    try {
      if (msg?.type === "host") {
        const was = hostStatus;
        hostStatus = msg.host.status;
        if (hostStatus === "connected" && was && was !== "connected") for (const b of byId.values()) b.refresh();
        return;
      }
      if (msg?.type === "open-hint") {
        byId.get(focusedId)?.openHint();
        return;
      }
      const box = byId.get(msg?.box);
      if (box && (msg.type === "report" || msg.type === "failed")) box.received(msg);
    } catch {
      // A bad message must never break the page.
    }
  }

  // --- summaries for the badge and the popup ---------------------------------------------------------------------
  let summaryTimer = null;
  function summaryChanged() {
    if (summaryTimer) return;
    summaryTimer = setTimeout(() => {
      summaryTimer = null;
      const p = connect();
      if (!p) return;
      const list = [...byId.values()].map((b) => b.summary());
      try {
        p.postMessage({ type: "summary", summary: { url: location.href, focused: focusedId, boxes: list } });
      } catch {
        port = null;
      }
    }, 30);
  }

  const env = {
    site,
    send,
    settings: () => settings,
    summaryChanged,
    installCommand: () => PRODUCT.installCommand ?? "python3 build.py install",
    ignore: (rule) => {
      // Hide at once; the stored setting reaches every tab through storage.onChanged.
      settings = { ...settings, ignoredRules: [...new Set([...settings.ignoredRules, rule])] };
      for (const b of byId.values()) b.apply();
      connect()?.postMessage({ type: "ignore", rule }); // the background writes settings, one change at a time
    },
    retry: () => {
      const p = connect();
      try {
        p?.postMessage({ type: "retry" });
      } catch {
        port = null;
      }
      for (const b of byId.values()) b.refresh();
    },
  };

  // --- finding compose boxes --------------------------------------------------------------------------------------
  const enabledSurfaces = () =>
    settings.sites[site.id] ? site.surfaces.filter((s) => settings.surfaces[s.surface]) : [];
  const allSelectors = site.surfaces.flatMap((s) => s.selectors).join(", ");

  // The element that takes the text: a textarea, or the contenteditable root of an editor.
  function editableOf(el) {
    if (el instanceof HTMLTextAreaElement) return el;
    if (el.isContentEditable) {
      let top = el;
      while (top.parentElement?.isContentEditable) top = top.parentElement;
      return top;
    }
    return el.querySelector('[contenteditable="true"], textarea');
  }

  function surfaceFor(el) {
    for (const def of enabledSurfaces()) {
      if (!def.selectors.some((sel) => el.matches(sel))) continue;
      if (def.when && !def.when(el)) continue;
      return def;
    }
    return null;
  }

  const roots = new Set();
  const rootObserver = new MutationObserver(onMutations);
  function observeRoot(root) {
    if (roots.has(root)) return;
    roots.add(root);
    rootObserver.observe(root, { childList: true, subtree: true });
    // Focus moving between two elements of one shadow root (LinkedIn's "Add a note" button, then the note) is
    // retargeted to the host twice and never reaches the window: listen in the shadow root itself.
    if (root !== document) root.addEventListener("focusin", onFocusIn, true);
  }

  function discoverShadowRoots(scope) {
    for (const sel of site.shadowHosts) {
      for (const hostEl of scope.querySelectorAll(sel)) if (hostEl.shadowRoot) observeRoot(hostEl.shadowRoot);
    }
  }

  function attach(el, def) {
    if (boxes.has(el)) return;
    const box = new Box(el, def, env);
    boxes.set(el, box);
    byId.set(box.id, box);
    summaryChanged();
  }

  function detach(box) {
    box.detach();
    boxes.delete(box.el);
    byId.delete(box.id);
    if (focusedId === box.id) focusedId = null;
    summaryChanged();
  }

  function scan() {
    scanTimer = null;
    if (dead) return;
    try {
      discoverShadowRoots(document);
      for (const root of roots) {
        if (root !== document) discoverShadowRoots(root);
        for (const found of root.querySelectorAll(allSelectors)) {
          const el = editableOf(found);
          if (!el || boxes.has(el)) continue;
          const def = surfaceFor(el) ?? surfaceFor(found);
          if (def) attach(el, def);
        }
      }
      for (const box of [...boxes.values()]) {
        if (!box.el.isConnected || !enabledSurfaces().includes(box.def)) detach(box);
      }
    } catch {
      // Never let a surprise in the site's DOM surface as a page error.
    }
  }

  let scanTimer = null;
  function scheduleScan() {
    if (!scanTimer) scanTimer = setTimeout(scan, 50);
  }

  // Typing inside a watched box or our own hints changes nothing about which boxes exist.
  function onMutations(records) {
    for (const r of records) {
      const t = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
      if (!t?.closest?.('[data-rapport="on"], rapport-hint, rapport-mirror')) return scheduleScan();
      if (r.removedNodes.length) return scheduleScan();
    }
  }

  // Focus is composed: it reveals editors in shadow roots we have not seen yet.
  function onFocusIn(event) {
    if (dead) return;
    try {
      const target = event.composedPath()[0];
      if (!(target instanceof Element)) return;
      const root = target.getRootNode();
      if (root instanceof ShadowRoot && root.host.matches("rapport-hint, rapport-mirror")) return; // our own UI
      if (root instanceof ShadowRoot) observeRoot(root);
      let box = null;
      for (const b of boxes.values()) if (b.el === target || b.el.contains(target)) box = b;
      if (!box && target.matches(allSelectors)) {
        const el = editableOf(target);
        const def = el && surfaceFor(el);
        if (def) {
          attach(el, def);
          box = boxes.get(el);
        }
      }
      if (box && focusedId !== box.id) {
        focusedId = box.id;
        summaryChanged();
      }
    } catch {
      // ignore
    }
  }

  let placeQueued = false;
  function placeAll() {
    if (placeQueued) return;
    placeQueued = true;
    requestAnimationFrame(() => {
      placeQueued = false;
      for (const b of boxes.values()) b.place();
    });
  }

  function shutdown() {
    if (dead) return;
    dead = true;
    rootObserver.disconnect();
    for (const box of [...boxes.values()]) detach(box);
    removeEventListener("focusin", onFocusIn, true);
    for (const root of roots) if (root !== document) root.removeEventListener("focusin", onFocusIn, true);
    removeEventListener("scroll", placeAll, true);
    removeEventListener("resize", placeAll);
  }

  Settings.onChange((next) => {
    const sensitivityChanged = next.sensitivity !== settings.sensitivity;
    const rulesChanged = next.ignoredRules.join() !== settings.ignoredRules.join();
    settings = next;
    scan();
    for (const b of byId.values()) {
      if (sensitivityChanged || rulesChanged) b.refresh();
      else b.apply();
    }
  });

  addEventListener("focusin", onFocusIn, true);
  addEventListener("scroll", placeAll, { capture: true, passive: true });
  addEventListener("resize", placeAll, { passive: true });

  Settings.load().then((loaded) => {
    settings = loaded;
    observeRoot(document);
    connect();
    scan();
  });
})();

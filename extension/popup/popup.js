// The toolbar popup: the active tab's watched compose boxes (scores, top findings, readability), the host's
// status, the install command when the host is missing, and the last 7 days of counts.
import { Categories as C } from "../shared/categories.js";
import { Dom } from "../shared/dom.js";
import { gaugeLevel } from "../shared/states.js";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  const { h } = Dom;

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    return el;
  }

  // A half-circle gauge 0-100: green when low, amber, then red.
  function gauge(label, value, threshold) {
    const v = Math.max(0, Math.min(100, Math.round(value ?? 0)));
    const color = `var(--${gaugeLevel(v, threshold)})`; // against the host's threshold for the sensitivity
    const arc = "M 8 40 A 31 31 0 0 1 70 40";
    const s = svg("svg", { viewBox: "0 0 78 44", "aria-hidden": "true" });
    s.append(
      svg("path", { d: arc, class: "track", fill: "none", "stroke-width": 8, "stroke-linecap": "round" }),
      svg("path", {
        d: arc,
        fill: "none",
        stroke: color,
        "stroke-width": 8,
        "stroke-linecap": "round",
        pathLength: 100,
        "stroke-dasharray": `${v} 100`,
      }),
    );
    const text = svg("text", { x: 39, y: 40, "text-anchor": "middle", class: "value" });
    text.textContent = String(v);
    s.append(text);
    return h("div", { class: "gauge", "data-gauge": label.toLowerCase(), role: "meter", "aria-valuemin": 0,
      "aria-valuemax": 100, "aria-valuenow": v, "aria-label": `${label} score` }, s, label);
  }

  const fmt = (n) => (typeof n === "number" ? String(Math.round(n * 10) / 10) : "–");

  function renderBox(box, focused) {
    const level = box.status === "ok" ? box.level : "ok";
    const card = h("article", {
      class: `box level-${level}${focused ? " focused" : ""}`,
      "data-box": box.id,
      "data-level": level,
      "data-surface": box.surface,
    });
    const title = `${C.SITE_LABELS[box.site] ?? box.site} · ${C.SURFACE_LABELS[box.surface] ?? box.surface}`;
    card.append(
      h("div", { class: "box-head" }, h("strong", {}, title), h("span", { class: "chip" }, C.level(level).label)),
    );
    if (box.first_contact) card.append(h("span", { class: "fc" }, `First contact. ${C.FIRST_CONTACT_WHY}`));
    if (box.status === "missing") {
      card.append(h("p", { class: "muted" }, "Not checked: the host is not installed."));
      return card;
    }
    if (!box.chars) {
      card.append(h("p", { class: "muted" }, "Empty."));
      return card;
    }
    if (box.checked === false) {
      card.append(h("p", { class: "muted", "data-why": "not_checked" }, C.NOT_CHECKED));
      return card;
    }
    const t = box.thresholds ?? {};
    const gauges = [gauge("Pitch", box.scores?.pitch, t.pitch), gauge("Impersonal", box.scores?.impersonal, t.impersonal)];
    card.append(h("div", { class: "gauges" }, ...gauges));
    const r = box.readability;
    if (r?.words) {
      const seconds = Math.max(1, Math.round((r.words / 238) * 60));
      card.append(
        h(
          "div",
          { class: "read" },
          h("div", {}, h("b", {}, fmt(r.grade)), h("span", {}, "grade")),
          h("div", {}, h("b", {}, fmt(r.flesch_reading_ease)), h("span", {}, "reading ease")),
          h("div", {}, h("b", {}, String(r.words)), h("span", {}, "words")),
          h("div", {}, h("b", {}, `${seconds}s`), h("span", {}, "to read")),
        ),
      );
    }
    if (box.limit) card.append(h("p", { class: "muted" }, `${box.chars} / ${box.limit.max} characters (free accounts: ${box.limit.free})`));
    if (box.top?.length) {
      card.append(
        h(
          "ul",
          { class: "findings" },
          box.top.map((f) =>
            h(
              "li",
              { "data-rule": f.rule, style: `--cat:${C.category(f.category).color}` },
              h("div", {}, f.message),
              f.advice ? h("div", { class: "advice" }, f.advice) : null,
            ),
          ),
        ),
      );
    } else card.append(h("p", { class: "muted" }, "Nothing reads as a pitch or a broadcast."));
    return card;
  }

  function renderHost(host, product) {
    const status = $("host-status");
    status.dataset.status = host.status;
    status.textContent =
      { connected: "Connected", missing: "Not installed", crashed: "Restarting", connecting: "Connecting…" }[host.status] ??
      host.status;
    const missing = host.status === "missing";
    $("missing").hidden = !missing;
    $("install-command").textContent = product.installCommand;
    $("missing-detail").textContent = missing && host.lastError ? `Browser said: ${host.lastError}` : "";
    const bits = [];
    if (host.version) bits.push(`host ${host.version}`);
    if (host.pingMs != null) bits.push(`round trip ${host.pingMs} ms`);
    else if (host.roundTripMs != null) bits.push(`round trip ${host.roundTripMs} ms`);
    const detail = $("host-detail");
    detail.textContent = bits.join(" · ") || `extension ${product.version}`;
    detail.dataset.pingMs = host.pingMs ?? "";
  }

  function renderWeek(days) {
    const chart = $("week-chart");
    const max = Math.max(1, ...days.map((d) => d.drafts));
    chart.replaceChildren(
      ...days.map((d) =>
        h(
          "div",
          { class: "day", title: `${d.day}: ${d.drafts} drafts, ${d.pitchy} read as a pitch` },
          h("div", { class: "bar", style: `height:${(30 * (d.drafts - d.pitchy)) / max}px` }),
          h("div", { class: "bar pitchy", style: `height:${(30 * d.pitchy) / max}px` }),
          h("label", {}, new Date(`${d.day}T12:00:00`).toLocaleDateString(undefined, { weekday: "narrow" })),
        ),
      ),
    );
    const drafts = days.reduce((a, d) => a + d.drafts, 0);
    const pitchy = days.reduce((a, d) => a + d.pitchy, 0);
    chart.setAttribute("aria-label", `${drafts} drafts checked, ${pitchy} read as a pitch`);
    $("week-text").textContent = drafts
      ? `${drafts} draft${drafts === 1 ? "" : "s"} checked, ${pitchy} read as a pitch. ` +
        "Counts only; your text is never stored."
      : "No drafts checked yet. Counts only; your text is never stored.";
  }

  async function activeTabId() {
    const param = new URLSearchParams(location.search).get("tab");
    if (param) return Number(param);
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  }

  let tabId = null;
  async function refresh() {
    const reply = await api.runtime.sendMessage({ type: "popup:state", tabId });
    if (!reply?.ok) return;
    const { host, summary, product, stats } = reply.result;
    renderHost(host, product);
    const boxes = summary?.boxes ?? [];
    $("no-boxes").hidden = boxes.length > 0;
    $("boxes").replaceChildren(...boxes.map((b) => renderBox(b, b.id === summary.focused)));
    renderWeek(stats);
    document.body.dataset.ready = "true";
  }

  $("retry").addEventListener("click", async () => {
    $("retry").disabled = true;
    $("host-status").textContent = "Connecting…";
    await api.runtime.sendMessage({ type: "popup:retry" });
    $("retry").disabled = false;
    refresh();
  });
  $("open-settings").addEventListener("click", () => api.runtime.openOptionsPage());

  activeTabId().then((id) => {
    tabId = id;
    refresh();
    setInterval(refresh, 1500);
  });
})();

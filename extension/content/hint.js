// <rapport-hint>: a pill at the compose box's corner (level colour, finding count) that opens a card listing each
// finding with its message, advice and "Ignore this rule". All UI lives in the element's shadow root, text is
// only ever set through textContent, and the element sits outside the editor (never inside the site's markup).
import { Categories as C } from "../shared/categories.js";
import { Dom } from "../shared/dom.js";
import { heading } from "../shared/states.js";
import { CARD, cardPlacement } from "./placement.js";


const { h } = Dom;

const STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; font: 13px/1.45 system-ui, -apple-system, "Segoe UI",
Roboto, sans-serif; --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --chip: #f6f8fa;
--shadow: 0 8px 28px rgba(0,0,0,.18); --level: #15803d; }
:host([data-theme="dark"]) { --bg: #1c2128; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --chip: #2d333b;
--shadow: 0 8px 28px rgba(0,0,0,.55); }
:host([hidden]) { display: none; }
:host([data-level="info"]) { --level: #0369a1; }
:host([data-level="warning"]) { --level: #b45309; }
:host([data-level="error"]) { --level: #b91c1c; }
:host([data-status="missing"]), :host([data-status="crashed"]), :host([data-status="refused"]), :host([data-level="unchecked"]) { --level: #57606a; }
* { box-sizing: border-box; }
button { font: inherit; color: inherit; cursor: pointer; }
.pill { display: inline-flex; align-items: center; gap: 5px; height: 24px; padding: 0 8px 0 6px; border-radius: 12px;
border: 1px solid color-mix(in srgb, var(--level) 55%, transparent); background: var(--bg); color: var(--level);
font-weight: 600; box-shadow: 0 1px 3px rgba(0,0,0,.15); white-space: nowrap; }
.pill:hover { background: color-mix(in srgb, var(--level) 10%, var(--bg)); }
.pill:focus-visible, .card :focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: var(--level); flex: none; }
.pill .len { font-weight: 500; color: var(--muted); }
.pill .len.over { color: #b91c1c; }
.card { position: fixed; width: 340px; max-height: 520px; overflow: auto; background: var(--bg);
color: var(--fg); border: 1px solid var(--line); border-radius: 10px; box-shadow: var(--shadow); padding: 12px 14px; }
.card[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
.head h2 { font-size: 14px; margin: 0; flex: 1; color: var(--level); }
.close { border: 0; background: transparent; font-size: 18px; line-height: 1; color: var(--muted); padding: 2px 6px;
border-radius: 6px; }
.why { margin: 0 0 10px; padding: 8px 10px; border-radius: 8px; background: color-mix(in srgb, #a21caf 12%, var(--bg));
border-left: 3px solid #a21caf; }
.why strong { display: block; }
.meter { margin: 0 0 10px; }
.meter .bar { height: 6px; border-radius: 3px; background: var(--chip); overflow: hidden; margin-top: 3px; }
.meter .fill { height: 100%; background: #15803d; }
.meter.free .fill { background: #b45309; } .meter.over .fill { background: #b91c1c; }
.meter small { color: var(--muted); }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; border-left: 4px solid var(--cat); }
li:hover, li:focus-within, li:focus { background: color-mix(in srgb, var(--cat) 8%, var(--bg)); outline: none; }
.cat { font-size: 11px; font-weight: 700; letter-spacing: .02em; text-transform: uppercase; color: var(--cat); }
.sev { font-size: 11px; color: var(--muted); margin-left: 6px; }
.msg { margin: 2px 0 0; font-weight: 600; }
.advice { margin: 3px 0 0; color: var(--muted); }
.ignore { margin-top: 6px; border: 1px solid var(--line); background: var(--chip); border-radius: 6px;
padding: 2px 8px; font-size: 12px; }
.ok { margin: 0; color: var(--muted); }
.read { margin: 10px 0 0; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
.status { margin: 0; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--chip); padding: 2px 5px;
border-radius: 4px; user-select: all; }
.retry { margin-top: 8px; border: 1px solid var(--line); background: var(--chip); border-radius: 6px; padding: 3px 10px; }
`;

// Card geometry (px): width range, tallest, shortest worth placing whole, shortest worth scrolling, gaps.
let nextId = 1;

class Hint {
  constructor({ onIgnore, onEmphasis, onRetry, dark }) {
    this.onIgnore = onIgnore;
    this.onEmphasis = onEmphasis;
    this.onRetry = onRetry;
    this.uid = `rapport-card-${nextId++}`;
    this.el = document.createElement("rapport-hint");
    this.el.hidden = true;
    this.el.dataset.level = "ok";
    this.el.dataset.count = "0";
    this.el.dataset.theme = dark ? "dark" : "light";
    this.root = this.el.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    this.pill = h("button", {
      class: "pill",
      type: "button",
      "aria-expanded": "false",
      "aria-controls": this.uid,
      onclick: () => this.toggle(),
    });
    this.card = h("div", {
      class: "card",
      id: this.uid,
      role: "dialog",
      "aria-label": "Rapport",
      hidden: true,
      onkeydown: (e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          this.toggle(false);
          const back = this.returnTo;
          this.returnTo = null;
          if (back) back();
          else this.pill.focus();
        }
      },
    });
    this.root.append(style, this.pill, this.card);
    this.anchor = null;
  }

  setTheme(dark) {
    this.el.dataset.theme = dark ? "dark" : "light";
  }

  mount(parent) {
    parent.appendChild(this.el);
  }

  destroy() {
    this.el.remove();
  }

  // Open the card with focus on the first finding (or its first button); Escape calls `returnTo`.
  open(returnTo) {
    if (this.el.hidden) return;
    this.returnTo = returnTo;
    this.toggle(true);
    const first = ["li[data-rule]", "button.retry", "button.close"].map((sel) => this.card.querySelector(sel));
    (first.find(Boolean) ?? this.pill).focus();
  }

  toggle(open = this.card.hidden) {
    if (open && this.state) this.renderCard(this.state);
    this.card.hidden = !open;
    this.pill.setAttribute("aria-expanded", String(open));
    if (open) this.placeCard();
    else this.onEmphasis(null);
  }

  // Keep the pill at the box's top-right corner, outside the text; fall back to above it, then inside.
  place(rect) {
    this.anchor = rect;
    if (!rect || rect.width === 0 || rect.height === 0) {
      this.el.style.visibility = "hidden";
      return;
    }
    this.el.style.visibility = "";
    const w = this.pill.offsetWidth || 48;
    const hgt = this.pill.offsetHeight || 24;
    let left = rect.right + 6;
    let top = rect.top;
    if (left + w > innerWidth - 4) {
      left = rect.right - w;
      top = rect.top - hgt - 4;
      if (top < 4) {
        left = rect.right - w - 6;
        top = rect.bottom - hgt - 6;
      }
    }
    this.el.style.left = `${Math.max(4, left)}px`;
    this.el.style.top = `${Math.max(4, top)}px`;
    if (!this.card.hidden) this.placeCard();
  }

  // The open card goes beside the compose box, never over its text: to the right where there is room, else to
  // the left, else below, else above, kept inside the viewport (and inside the dialog's box when the dialog
  // clips its content). When nothing fits (a tiny window) it sits below, as low as it can, and scrolls.
  placeCard() {
    const box = this.anchor;
    if (!box) return;
    const s = this.card.style;
    s.left = "0px";
    s.top = "0px";
    // A transformed ancestor (an animated dialog) moves the origin of fixed positioning: measure it.
    const origin = this.card.getBoundingClientRect();
    const natural = (w) => {
      s.width = `${w}px`;
      s.maxHeight = "none";
      return this.card.offsetHeight;
    };
    const spot = cardPlacement(box, this.bounds(origin), this.pill.getBoundingClientRect(), natural);
    s.width = `${spot.width}px`;
    s.maxHeight = `${Math.max(0, spot.height)}px`;
    s.left = `${spot.left - origin.left}px`;
    s.top = `${spot.top - origin.top}px`;
    this.card.dataset.side = spot.side;
  }


  // Where the card may go: the viewport less a margin, and the clipping dialog's box when fixed positioning
  // is relative to that dialog (`origin` away from the viewport's corner).
  bounds(origin) {
    const m = CARD.margin;
    const b = { left: m, top: m, right: innerWidth - m, bottom: innerHeight - m };
    const dialog = this.el.closest("dialog");
    if (dialog && (Math.abs(origin.left) > 0.5 || Math.abs(origin.top) > 0.5)) {
      const d = dialog.getBoundingClientRect();
      b.left = Math.max(b.left, d.left + m);
      b.top = Math.max(b.top, d.top + m);
      b.right = Math.min(b.right, d.right - m);
      b.bottom = Math.min(b.bottom, d.bottom - m);
    }
    return b;
  }

  // state: {status, text length, report, findings (already filtered), context, limit, installCommand, message}
  render(state) {
    const { status, findings = [], context, length = 0 } = state;
    const unchecked = status === "ok" && state.report?.checked === false;
    this.el.dataset.status = status;
    this.el.dataset.level = unchecked ? "unchecked" : status === "ok" ? effectiveLevel(findings) : "ok";
    this.el.dataset.count = String(status === "ok" ? findings.length : 0);
    this.el.dataset.chars = String(length);
    this.el.dataset.surface = context?.surface ?? "";
    this.el.toggleAttribute("data-first-contact", !!context?.first_contact);
    this.el.hidden = length === 0 && status !== "missing";
    this.renderPill(state);
    this.state = state;
    // The card is built when it is open (or opens): while someone types, only the pill changes.
    if (!this.card.hidden) {
      this.renderCard(state);
      this.placeCard();
    }
    if (this.anchor) this.place(this.anchor);
  }

  renderPill({ status, findings = [], length = 0, limit, report, refusal }) {
    const parts = [h("span", { class: "dot", "aria-hidden": "true" })];
    let label;
    if (status === "ok" && report?.checked === false) {
      parts.push("–");
      label = `Rapport: ${C.NOT_CHECKED}`;
    } else if (status === "refused") {
      parts.push("–");
      label = `Rapport: ${refusal}`;
    } else if (status === "missing") {
      parts.push("Rapport: host not installed");
      label = "Rapport host not installed. Open for the install command.";
    } else if (status === "crashed" || status === "error") {
      parts.push("Rapport: reconnecting");
      label = "Rapport is reconnecting to its host.";
    } else {
      const level = effectiveLevel(findings);
      parts.push(findings.length ? String(findings.length) : "✓");
      label = `Rapport: ${C.level(level).label}, ${findings.length} finding${findings.length === 1 ? "" : "s"}`;
    }
    if (limit) {
      const cls = length > limit.max ? "len over" : "len";
      parts.push(h("span", { class: cls }, `${length}/${limit.max}`));
      label += `. ${length} of ${limit.max} characters`;
    }
    this.pill.replaceChildren(...parts);
    this.pill.setAttribute("aria-label", label);
    this.pill.title = label;
  }

  renderCard(state) {
    const { status, findings = [], report, context, length = 0, limit } = state;
    const close = h("button", { class: "close", type: "button", "aria-label": "Close", onclick: () => this.toggle(false) }, "×");
    if (status === "missing" || status === "crashed" || status === "error") {
      const missing = status === "missing";
      this.card.replaceChildren(
        h("div", { class: "head" }, h("h2", {}, missing ? "Host not installed" : "Reconnecting to the host"), close),
        h(
          "p",
          { class: "status" },
          missing
            ? "Rapport checks your text on this computer with a small helper program, which is not installed. Install it once with:"
            : "Rapport's helper program stopped; it is being restarted. If this stays, reinstall it with:",
        ),
        h("p", {}, h("code", {}, state.installCommand)),
        h("button", { class: "retry", type: "button", onclick: () => this.onRetry() }, "Retry"),
      );
      return;
    }
    if (report?.checked === false) {
      this.card.replaceChildren(
        h("div", { class: "head" }, h("h2", {}, C.level("unchecked").label), close),
        h("p", { class: "status", "data-why": "not_checked" }, C.NOT_CHECKED),
      );
      return;
    }
    if (status === "refused") {
      this.card.replaceChildren(
        h("div", { class: "head" }, h("h2", {}, "Not checked"), close),
        h("p", { class: "status", "data-why": "refused" }, state.refusal),
      );
      return;
    }
    const body = [h("div", { class: "head" }, h("h2", {}, heading(findings, !!context?.first_contact)), close)];
    const pitchy = findings.some((f) => f.category === "pitch" || f.category === "first_contact");
    if (context?.first_contact && pitchy) {
      body.push(
        h(
          "p",
          { class: "why", "data-why": "first_contact" },
          h("strong", {}, C.FIRST_CONTACT_WHY),
          "Open a conversation about them first: their work, a post of theirs, something you share.",
        ),
      );
    }
    if (limit) {
      const cls = length > limit.max ? "meter over" : length > limit.free ? "meter free" : "meter";
      body.push(
        h(
          "div",
          { class: cls, "data-meter": "invite" },
          h("span", {}, `${length} / ${limit.max} characters`),
          h("div", { class: "bar" }, h("div", { class: "fill", style: `width:${Math.min(100, (100 * length) / limit.max)}%` })),
          h("small", {}, length > limit.free ? `Over ${limit.free}: free accounts cannot send notes this long.` : `Free accounts: up to ${limit.free}.`),
        ),
      );
    }
    if (!findings.length) body.push(h("p", { class: "ok" }, "Nothing reads as a pitch or a broadcast. Nice."));
    else {
      body.push(
        h(
          "ul",
          { "aria-label": "Findings" },
          findings.map((f) => {
            const cat = C.category(f.category);
            const item = h(
              "li",
              {
                "data-rule": f.rule,
                "data-category": f.category,
                "data-severity": f.severity,
                tabindex: "0",
                style: `--cat:${this.el.dataset.theme === "dark" ? cat.dark : cat.color}`,
                onmouseenter: () => this.onEmphasis(f),
                onmouseleave: () => this.onEmphasis(null),
                onfocusin: () => this.onEmphasis(f),
                onfocusout: () => this.onEmphasis(null),
              },
              h("span", { class: "cat" }, cat.label),
              h("span", { class: "sev" }, f.severity),
              f.whole ? h("span", { class: "sev" }, "· whole message") : null,
              h("p", { class: "msg" }, f.message),
              f.advice ? h("p", { class: "advice" }, f.advice) : null,
              h(
                "button",
                { class: "ignore", type: "button", "data-ignore": f.rule, onclick: () => this.onIgnore(f.rule) },
                "Ignore this rule",
              ),
            );
            return item;
          }),
        ),
      );
    }
    const r = report?.readability;
    if (r && r.words) {
      const seconds = Math.max(1, Math.round((r.words / 238) * 60));
      body.push(
        h(
          "p",
          { class: "read" },
          `Grade ${fmt(r.grade)} · Reading ease ${fmt(r.flesch_reading_ease)} · ${r.words} words · ${seconds} s to read`,
        ),
      );
    }
    this.card.replaceChildren(...body);
  }
}

const fmt = (n) => (typeof n === "number" ? (Math.round(n * 10) / 10).toString() : "–");

function effectiveLevel(findings) {
  let best = "ok";
  for (const f of findings) if (C.level(f.severity).rank > C.level(best).rank) best = f.severity;
  return best;
}

function sortFindings(findings) {
  // Most severe first (the ranks of RapportCategories.LEVELS; an unknown severity ranks as "ok"), then by place.
  return [...findings].sort((a, b) => C.level(b.severity).rank - C.level(a.severity).rank || a.start - b.start);
}

export { Hint, sortFindings, effectiveLevel };

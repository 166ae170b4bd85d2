// Underlines flagged spans with the CSS Custom Highlight API: one Highlight per category (plus one for the finding
// under the pointer), built from live Ranges over the editor's own text nodes, so the editor's DOM is untouched.
// The ::highlight() rules must live in the tree scope that holds the text, so each document or shadow root that
// contains a watched editor adopts our style sheet. Where the API is missing, a positioned overlay draws the lines.
import { Categories } from "../shared/categories.js";

const { CATEGORIES } = Categories;
const supported = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
const names = Object.keys(CATEGORIES);
const FOCUS = "rapport-focus";

function css(dark) {
  const rules = names.map((name) => {
    const color = dark ? CATEGORIES[name].dark : CATEGORIES[name].color;
    return `::highlight(rapport-${name}) { text-decoration: underline wavy ${color} 1.5px; text-underline-offset: 3px;
      text-decoration-skip-ink: none; background-color: color-mix(in srgb, ${color} 9%, transparent); }`;
  });
  rules.push(`::highlight(${FOCUS}) { background-color: color-mix(in srgb, #f59e0b 38%, transparent); }`);
  return rules.join("\n");
}

const styledRoots = new WeakSet();
function styleRoot(root, dark) {
  if (!supported || styledRoots.has(root)) return;
  styledRoots.add(root);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css(dark));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Older engines: a <style> in the head (documents) or at the end of the shadow root.
    const style = document.createElement("style");
    style.dataset.rapport = "highlights";
    style.textContent = css(dark);
    (root.head ?? root).appendChild(style);
  }
}

// boxId -> [{category, range}] ; rebuilt into one Highlight per category on every change.
const byBox = new Map();
let focused = null;

function paint() {
  if (!supported) return Overlay.paint(byBox, focused);
  const sets = Object.fromEntries(names.map((n) => [n, []]));
  for (const marks of byBox.values()) for (const m of marks) sets[m.category].push(m.range);
  for (const name of names) {
    const key = `rapport-${name}`;
    if (sets[name].length) CSS.highlights.set(key, new Highlight(...sets[name]));
    else CSS.highlights.delete(key);
  }
  if (focused) {
    const h = new Highlight(focused);
    h.priority = 1;
    CSS.highlights.set(FOCUS, h);
  } else CSS.highlights.delete(FOCUS);
}

// Positioned lines for browsers without CSS.highlights (drawn from the ranges' client rects).
const Overlay = {
  layer: null,
  paint(boxes, focusRange) {
    if (!this.layer) {
      const host = document.createElement("rapport-underlines");
      host.style.cssText = "position:fixed;inset:0;pointer-events:none;z-index:2147483646;";
      this.layer = host.attachShadow({ mode: "open" });
      document.documentElement.appendChild(host);
      addEventListener("scroll", () => this.paint(byBox, focused), { capture: true, passive: true });
      addEventListener("resize", () => this.paint(byBox, focused), { passive: true });
    }
    this.layer.replaceChildren();
    const line = (rect, color, focus) => {
      const d = document.createElement("div");
      d.style.cssText =
        `position:fixed;left:${rect.left}px;width:${rect.width}px;` +
        (focus
          ? `top:${rect.top}px;height:${rect.height}px;background:rgba(245,158,11,.35);`
          : `top:${rect.bottom - 2}px;height:2px;background:${color};`);
      this.layer.appendChild(d);
    };
    for (const marks of boxes.values()) {
      for (const m of marks) for (const r of m.range.getClientRects()) line(r, CATEGORIES[m.category].color, false);
    }
    if (focusRange) for (const r of focusRange.getClientRects()) line(r, "", true);
  },
};

export const Highlights = {
  supported,
  styleRoot,
  set(boxId, marks) {
    byBox.set(boxId, marks);
    paint();
  },
  clear(boxId) {
    if (!byBox.delete(boxId)) return;
    if (focused && ![...byBox.values()].some((ms) => ms.some((m) => m.range === focused))) focused = null;
    paint();
  },
  focus(range) {
    focused = range ?? null;
    paint();
  },
  repaint: paint,
};

// Textareas cannot hold highlights, so a transparent copy of the textarea's text is laid exactly over it (same
// box, font, wrapping and scroll position, in our own shadow root) and the highlights are drawn on the copy.
// The copy never takes pointer events and its text is set with textContent only.
import { Highlights } from "./highlights.js";

const COPIED = [
  "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontStretch", "fontVariant", "fontKerning",
  "letterSpacing", "wordSpacing", "lineHeight", "textTransform", "textIndent", "textAlign", "direction",
  "tabSize", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth",
  "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "wordBreak",
];

class TextareaMirror {
  constructor(textarea, parent) {
    this.textarea = textarea;
    this.host = document.createElement("rapport-mirror");
    this.host.style.cssText = "position:fixed;pointer-events:none;overflow:hidden;z-index:2147483646;margin:0;";
    this.root = this.host.attachShadow({ mode: "open" });
    this.copy = document.createElement("div");
    this.copy.setAttribute("aria-hidden", "true");
    this.root.appendChild(this.copy);
    Highlights.styleRoot(this.root, false);
    parent.appendChild(this.host);
    this.onScroll = () => this.scroll();
    textarea.addEventListener("scroll", this.onScroll, { passive: true });
    this.restyle();
  }

  restyle() {
    const cs = getComputedStyle(this.textarea);
    const s = this.copy.style;
    for (const prop of COPIED) s[prop] = cs[prop];
    s.boxSizing = "border-box";
    s.borderStyle = "solid";
    s.borderColor = "transparent";
    s.color = "transparent";
    s.whiteSpace = "pre-wrap";
    s.overflowWrap = "break-word";
    s.overflow = "hidden";
    s.margin = "0";
  }

  // Show `text` and return the one segment that maps offsets onto the copy's text node.
  sync(text) {
    this.copy.textContent = text;
    this.place();
    const node = this.copy.firstChild;
    return node ? [{ node, start: 0, end: text.length }] : [];
  }

  place() {
    const ta = this.textarea;
    const rect = ta.getBoundingClientRect();
    const cs = getComputedStyle(ta);
    const bx = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
    const by = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    Object.assign(this.host.style, {
      left: `${rect.left}px`,
      top: `${rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
      visibility: rect.width && rect.height ? "visible" : "hidden",
    });
    // Without the textarea's scrollbar, so both wrap at the same width.
    this.copy.style.width = `${ta.clientWidth + bx}px`;
    this.copy.style.height = `${ta.clientHeight + by}px`;
    this.scroll();
  }

  scroll() {
    this.copy.scrollTop = this.textarea.scrollTop;
    this.copy.scrollLeft = this.textarea.scrollLeft;
  }

  destroy() {
    this.textarea.removeEventListener("scroll", this.onScroll);
    this.host.remove();
  }
}

export { TextareaMirror };

// Builds DOM from data: h("li", {class, "data-rule": id, onclick}, "text", child). Text always goes in as text
// nodes, never as HTML, so nothing a user typed can become markup.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child != null && child !== false) el.append(child);
  return el;
}
export const Dom = Object.freeze({ h });

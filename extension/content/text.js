// Reads a compose box's plain text and maps UTF-16 offsets in that text back to DOM positions, without ever
// writing to the editor. Blocks (Quill and ProseMirror <p>, Draft.js block <div>s, list items) become lines
// joined by "\n"; a <br> inside a line is a "\n"; the placeholder <br> of an empty line and editors' trailing
// breaks add nothing. JavaScript strings and DOM text offsets are both UTF-16, like the host's spans.
const BLOCKS = new Set([
  "P", "DIV", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "SECTION", "ARTICLE",
  "TABLE", "TR",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IMG", "SVG", "VIDEO", "AUDIO", "CANVAS", "IFRAME"]);

const isTextArea = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

// A <br> that only keeps an empty line open or ends its block (ProseMirror-trailingBreak, Quill's <p><br></p>,
// Draft.js's <br data-text>): nothing but other placeholders follows it inside the block.
function isPlaceholderBreak(br, root) {
  if (br.classList.contains("ProseMirror-trailingBreak")) return true;
  let block = br.parentElement;
  while (block && block !== root && !BLOCKS.has(block.nodeName)) block = block.parentElement;
  const walker = document.createTreeWalker(block ?? root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  walker.currentNode = br;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE ? n.data.length > 0 : n.nodeName === "BR") return false;
  }
  return true;
}

// Returns {text, segments: [{node, start, end}]} where node is a Text node holding text[start, end).
function read(root) {
  if (isTextArea(root)) return { text: root.value, segments: null };
  let text = "";
  const segments = [];
  let started = false;
  let needBreak = false;
  const flush = () => {
    if (needBreak) {
      text += "\n";
      needBreak = false;
    }
    started = true;
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (!child.data.length) continue;
        flush();
        segments.push({ node: child, start: text.length, end: text.length + child.data.length });
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (SKIP.has(child.nodeName)) continue;
        if (child.nodeName === "BR") {
          if (isPlaceholderBreak(child, root)) continue;
          flush();
          text += "\n";
        } else if (BLOCKS.has(child.nodeName)) {
          if (started) needBreak = true;
          const before = text.length;
          walk(child);
          // An empty line (<p><br></p>) still counts as a line.
          if (text.length === before && needBreak && !child.querySelector("p, div, li")) flush();
          if (!started) started = true;
        } else {
          walk(child);
        }
      }
    }
  };
  walk(root);
  return { text, segments };
}

// DOM position of a UTF-16 offset; `bias` picks the segment a boundary belongs to ("start" or "end").
function position(segments, offset, bias) {
  if (!segments.length) return null;
  for (const seg of segments) {
    if (bias === "start" ? offset < seg.end : offset <= seg.end) {
      return { node: seg.node, offset: Math.max(0, Math.min(seg.node.data.length, offset - seg.start)) };
    }
  }
  const last = segments[segments.length - 1];
  return { node: last.node, offset: last.node.data.length };
}

// A live Range over text[start, end), or null when the span is empty or lies outside the text.
function range(segments, start, end) {
  if (!segments || end <= start) return null;
  const a = position(segments, start, "start");
  const b = position(segments, end, "end");
  if (!a || !b) return null;
  const r = new Range();
  try {
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return r.collapsed ? null : r;
}

export { read, range, isTextArea };

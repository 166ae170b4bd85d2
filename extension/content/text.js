// Reads a compose box's plain text and maps UTF-16 offsets in that text back to DOM positions, without ever
// writing to the editor. Blocks (Quill and ProseMirror <p>, Draft.js block <div>s, list items) become lines
// joined by "\n"; a <br> inside a line is a "\n"; the placeholder <br> of an empty line and editors' trailing
// breaks add nothing. JavaScript strings and DOM text offsets are both UTF-16, like the host's spans.
const BLOCKS = new Set([
  "P", "DIV", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "SECTION", "ARTICLE",
  "TABLE", "TR",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IMG", "SVG", "VIDEO", "AUDIO", "CANVAS", "IFRAME"]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

const isTextArea = (el) => el.nodeName === "TEXTAREA" || el.nodeName === "INPUT";

// Returns {text, segments: [{node, start, end}]} where node is a Text node holding text[start, end), in one walk
// over the editor's DOM. A <br> that only keeps an empty line open or ends its block (ProseMirror-trailingBreak,
// Quill's <p><br></p>, Draft.js's <br data-text>) adds nothing: a <br> counts as "\n" only once more text or
// another <br> follows it inside its block, so the walk notes it and decides when it sees what comes next.
function read(root) {
  if (isTextArea(root)) return { text: root.value, segments: null };
  let text = "";
  const segments = [];
  let started = false;
  let needBreak = false;
  let depth = 0; // how many blocks deep the walk is
  let pendingBreak = -1; // depth of the block holding a <br> not yet known to be a line break, or -1
  const flush = () => {
    if (needBreak) {
      text += "\n";
      needBreak = false;
    }
    started = true;
  };
  const settleBreak = () => {
    if (pendingBreak < 0) return;
    pendingBreak = -1;
    flush();
    text += "\n";
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        if (!child.data.length) continue;
        settleBreak();
        flush();
        segments.push({ node: child, start: text.length, end: text.length + child.data.length });
        text += child.data;
      } else if (child.nodeType === ELEMENT_NODE) {
        if (SKIP.has(child.nodeName)) continue;
        if (child.nodeName === "BR") {
          settleBreak(); // a <br> after another makes that one a line break
          if (!child.classList.contains("ProseMirror-trailingBreak")) pendingBreak = depth;
        } else if (BLOCKS.has(child.nodeName)) {
          if (started) needBreak = true;
          const before = text.length;
          depth += 1;
          walk(child);
          depth -= 1;
          if (pendingBreak > depth) pendingBreak = -1; // it ended its block: a placeholder
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

// DOM position of a UTF-16 offset; `bias` picks the segment a boundary belongs to ("start" or "end"). The
// segments are in text order: a binary search finds the first that ends after (or at) the offset.
function position(segments, offset, bias) {
  if (!segments.length) return null;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = segments[mid].end;
    if (bias === "start" ? offset < end : offset <= end) hi = mid;
    else lo = mid + 1;
  }
  if (lo === segments.length) {
    const last = segments[segments.length - 1];
    return { node: last.node, offset: last.node.data.length };
  }
  const seg = segments[lo];
  return { node: seg.node, offset: Math.max(0, Math.min(seg.node.data.length, offset - seg.start)) };
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

export { read, range, position, isTextArea };

// content/text.js: an editor's plain text, read in one walk, and UTF-16 offsets mapped back to its text nodes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { position, read } from "../content/text.js";

const editor = (html) => parseHTML(`<!doctype html><html><body><div id="e">${html}</div></body></html>`).document.getElementById("e");

test("blocks become lines, a <br> inside a line is a line break, placeholders add nothing", () => {
  assert.equal(read(editor("<p>Hello</p><p>world</p>")).text, "Hello\nworld");
  assert.equal(read(editor("<p>one<br>two</p>")).text, "one\ntwo");
  assert.equal(read(editor("<p>one<br></p><p>two</p>")).text, "one\ntwo"); // a <br> ending its block
  assert.equal(read(editor("<p>one</p><p><br></p><p>two</p>")).text, "one\n\ntwo"); // an empty line stays
  assert.equal(read(editor('<p>one<br class="ProseMirror-trailingBreak"></p>')).text, "one");
  assert.equal(read(editor("<p>a<br><br>b</p>")).text, "a\n\nb");
  assert.equal(read(editor("<p>a<br><span></span>b</p>")).text, "a\nb");
  assert.equal(read(editor('<div data-contents="true"><div><span>x</span></div><div><br data-text="true"></div></div>')).text, "x\n");
  assert.equal(read(editor("<p>skip <script>alert(1)</script>this</p>")).text, "skip this");
});

test("segments map every text node to its span of the text", () => {
  const { text, segments } = read(editor("<p>Hi <b>Ada</b> 👋</p><p>ok</p>"));
  assert.equal(text, "Hi Ada 👋\nok");
  for (const seg of segments) assert.equal(text.slice(seg.start, seg.end), seg.node.data);
});

test("an offset maps to its node by binary search, with start and end bias at boundaries", () => {
  const { segments } = read(editor("<p>ab<i>cd</i>ef</p>"));
  const at = (offset, bias) => {
    const p = position(segments, offset, bias);
    return [p.node.data, p.offset];
  };
  assert.deepEqual(at(0, "start"), ["ab", 0]);
  assert.deepEqual(at(2, "start"), ["cd", 0]); // a start at a boundary opens the next node
  assert.deepEqual(at(2, "end"), ["ab", 2]); // an end at a boundary closes the previous one
  assert.deepEqual(at(5, "end"), ["ef", 1]);
  assert.deepEqual(at(99, "end"), ["ef", 2]); // past the end: the end of the last node
  assert.equal(position([], 0, "start"), null);
});

test("reading is linear: a thousand lines with breaks are read in one walk", () => {
  const html = Array.from({ length: 1000 }, (_, i) => `<p>line ${i}<br>more</p>`).join("");
  const started = performance.now();
  const { text } = read(editor(html));
  assert.equal(text.split("\n").length, 2000);
  assert.ok(performance.now() - started < 1000);
});

// content/placement.js: the hint card beside the box, else below or above, inside the viewport, never over it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CARD, cardPlacement } from "../content/placement.js";

const rect = (left, top, width, height) => ({ left, top, width, height, right: left + width, bottom: top + height });
const viewport = (w, h) => ({ left: CARD.margin, top: CARD.margin, right: w - CARD.margin, bottom: h - CARD.margin });
const noPill = { width: 0 };
const overlaps = (a, b) => a.left < b.right && b.left < a.left + a.width && a.top < b.bottom && b.top < a.top + a.height;

test("beside the box on the right when there is room, under the pill", () => {
  const box = rect(100, 100, 500, 200);
  const pill = rect(602, 90, 40, 24);
  const spot = cardPlacement(box, viewport(1280, 900), pill, () => 300);
  assert.equal(spot.side, "right");
  assert.equal(spot.left, box.right + CARD.gap);
  assert.ok(spot.top >= pill.bottom);
  assert.ok(!overlaps(spot, box));
});

test("on the left when the right is too narrow", () => {
  const box = rect(700, 100, 500, 200);
  const spot = cardPlacement(box, viewport(1280, 900), noPill, () => 300);
  assert.equal(spot.side, "left");
  assert.ok(spot.left + spot.width <= box.left && !overlaps(spot, box));
});

test("below, then above, a box as wide as the viewport; scrolling when the card is tall", () => {
  const v = viewport(800, 900);
  const below = cardPlacement(rect(10, 50, 780, 200), v, noPill, () => 300);
  assert.equal(below.side, "below");
  const above = cardPlacement(rect(10, 600, 780, 250), v, noPill, () => 300);
  assert.equal(above.side, "above");
  assert.ok(above.top + above.height <= 600 - CARD.gap + 0.5);
  const tall = cardPlacement(rect(10, 50, 780, 200), v, noPill, () => 5000);
  assert.ok(tall.height <= CARD.maxH && tall.top + tall.height <= v.bottom);
});

test("a tiny window: the card stays inside the viewport", () => {
  const v = viewport(320, 240);
  const spot = cardPlacement(rect(8, 8, 304, 224), v, noPill, () => 400);
  assert.ok(spot.left >= v.left && spot.left + spot.width <= v.right + 0.5);
  assert.ok(spot.top >= v.top && spot.top + spot.height <= v.bottom + 0.5);
});

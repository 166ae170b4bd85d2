// Where the hint card goes: beside the compose box (right, then left), else below or above it, inside the
// viewport, never over the text it flags. Pure geometry (rectangles in viewport pixels), unit tested in
// test/placement.test.js.
export const CARD = { maxW: 340, minW: 260, maxH: 520, minH: 160, scrollH: 90, gap: 8, margin: 8 };

const clamp = (v, lo, hi) => Math.max(lo, Math.min(v, hi));

// box: the compose box's rect; bounds: {left, top, right, bottom} the card may use; pill: the hint pill's rect
// ({width: 0} when hidden); natural(width): the card's height at that width. Returns {side, left, top, width,
// height} where height is the most the card may take (it scrolls inside).
export function cardPlacement(box, bounds, pill, natural) {
  const b = bounds;
  const fit = (w) => Math.min(natural(w), CARD.maxH, b.bottom - b.top);
  // Beside: the pill sits at the box's top-right corner, so a card on the right starts under it.
  for (const side of ["right", "left"]) {
    const space = side === "right" ? b.right - box.right - CARD.gap : box.left - CARD.gap - b.left;
    if (space < CARD.minW) continue;
    const w = Math.min(CARD.maxW, space);
    const hgt = fit(w);
    const pillBeside = side === "right" && pill.width && pill.left >= box.right - 1;
    const lowest = pillBeside ? pill.bottom + 6 : b.top;
    const top = Math.max(lowest, clamp(box.top, b.top, b.bottom - hgt));
    const room = b.bottom - top;
    if (room < Math.min(hgt, CARD.minH)) continue;
    const left = side === "right" ? box.right + CARD.gap : box.left - CARD.gap - w;
    return { side, left, top, width: w, height: Math.min(hgt, room) };
  }
  // Below or above, right-aligned with the box.
  const w = Math.min(CARD.maxW, b.right - b.left);
  const left = clamp(box.right - w, b.left, b.right - w);
  const hgt = fit(w);
  const pillAbove = pill.width && pill.bottom <= box.top + 1;
  const ceiling = Math.min(box.top, pillAbove ? pill.top : box.top) - CARD.gap;
  const below = b.bottom - box.bottom - CARD.gap;
  const above = ceiling - b.top;
  const want = Math.min(hgt, CARD.minH);
  if (below >= want) return { side: "below", left, top: box.bottom + CARD.gap, width: w, height: Math.min(hgt, below) };
  if (above >= want) {
    const h = Math.min(hgt, above);
    return { side: "above", left, top: ceiling - h, width: w, height: h };
  }
  if (below >= CARD.scrollH) return { side: "below", left, top: box.bottom + CARD.gap, width: w, height: below };
  if (above >= CARD.scrollH) return { side: "above", left, top: b.top, width: w, height: above };
  // No room outside the box at all: as low as possible, scrolling.
  const top = clamp(box.bottom + CARD.gap, b.top, b.bottom - Math.min(hgt, CARD.scrollH));
  return { side: "over", left, top, width: w, height: Math.min(hgt, b.bottom - top) };
}

"""The open hint card never covers the text it flags: it opens beside the compose box (right, then left),
else below or above it, inside the viewport; only in a window too small for any of that does it overlap the
box, below the text as far as it can and scrolling. The pill stays at the box's corner."""

from __future__ import annotations

import pytest
from browser_surfaces import BY_NAME, PITCH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The rect of the text itself (a range over the editor's contents; for a textarea, its box).
TEXT_RECT_JS = """(el) => {
  const rect = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  if (el instanceof HTMLTextAreaElement) return rect(el.getBoundingClientRect());
  const range = document.createRange();
  range.selectNodeContents(el);
  return rect(range.getBoundingClientRect());
}"""
CARD_JS = """(hint) => {
  const card = hint.shadowRoot.querySelector(".card");
  const r = card.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, side: card.dataset.side,
           scrolls: card.scrollHeight > card.clientHeight, vw: innerWidth, vh: innerHeight };
}"""


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def open_card(b, name: str, viewport: tuple[int, int]):
    surface = BY_NAME[name]
    page = b.new_page(surface.url, viewport=viewport)
    for selector in surface.opens:
        page.click(selector)
    page.wait_for_selector(f"{surface.editor}[data-rapport=on]", state="attached")
    page.click(surface.editor)
    page.keyboard.type(PITCH)
    hint = surface.hint(page)
    expect(hint).to_have_attribute("data-chars", str(len(PITCH)), timeout=5000)
    expect(hint).not_to_have_attribute("data-level", "ok")
    hint.locator(".pill").click()
    expect(hint.locator(".card")).to_be_visible()
    text = page.locator(surface.editor).evaluate(TEXT_RECT_JS)
    card = hint.evaluate(CARD_JS)
    return surface, page, hint, text, card


def inside_viewport(card: dict) -> bool:
    return (
        card["left"] >= 0
        and card["top"] >= 0
        and card["right"] <= card["vw"]
        and card["bottom"] <= card["vh"]
    )


@pytest.mark.parametrize("viewport", [(1280, 900), (900, 700)], ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize(
    "name", ["linkedin-post", "linkedin-post-sdui", "x-post", "linkedin-message-overlay", "linkedin-invite"]
)
def test_open_card_leaves_the_text_visible(b, name, viewport):
    surface, page, hint, text, card = open_card(b, name, viewport)
    assert text["right"] > text["left"] and text["bottom"] > text["top"], text
    assert not overlaps(card, text), (card, text)
    assert inside_viewport(card), card
    assert card["side"] in ("right", "left", "below", "above")
    # The pill stays visible at the box's corner, not under the card.
    pill = hint.locator(".pill").bounding_box()
    pill_rect = {
        "left": pill["x"],
        "top": pill["y"],
        "right": pill["x"] + pill["width"],
        "bottom": pill["y"] + pill["height"],
    }
    assert not overlaps(card, pill_rect), (card, pill_rect)
    # Focus handling and Escape are as before: nothing typed changed.
    hint.locator("li[data-rule]").first.focus()
    page.keyboard.press("Escape")
    expect(hint.locator(".card")).to_be_hidden()
    assert surface.text(page) == PITCH


def test_card_on_the_messaging_bubble_opens_to_its_left(b):
    """The overlay bubble sits at the screen's right edge: no room on its right, so the card opens left."""
    _, _, _, text, card = open_card(b, "linkedin-message-overlay", (1280, 900))
    assert card["side"] == "left"
    assert card["right"] <= text["left"]


def test_tiny_window_keeps_the_card_in_view_and_scrolling(b):
    """A window too small for the card anywhere: it stays inside the viewport, low down, and scrolls."""
    _, _, _, text, card = open_card(b, "x-post", (420, 320))
    assert inside_viewport(card), card
    assert card["scrolls"]
    assert card["top"] >= text["top"] or not overlaps(card, text)

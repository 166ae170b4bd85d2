"""First contacts: a connection-request note or a message in a conversation with no earlier messages. A pitch
there is an error that says why, and the invitation note shows its length against LinkedIn's limit."""

from __future__ import annotations

import pytest
import rapport
from browser_surfaces import BY_NAME, IMAGES, PITCH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
WHY = "Nobody answers a first contact that is a blatant pitch."


def test_invitation_note_pitch_is_a_first_contact_error(b):
    surface = BY_NAME["linkedin-invite"]
    page, hint = surface.type_in(b, PITCH)
    expect(hint).to_have_attribute("data-level", "error")
    expect(hint).to_have_attribute("data-first-contact", "")
    hint.locator(".pill").click()
    card = hint.locator(".card")
    first_contact = card.locator('li[data-category="first_contact"][data-severity="error"]')
    expect(first_contact.first).to_be_visible()
    assert first_contact.first.get_attribute("data-rule").startswith("first_contact.")
    expect(card.locator("[data-why=first_contact]")).to_contain_text(WHY)
    expect(card.locator("[data-meter=invite]")).to_contain_text(f"{len(PITCH)} / 300 characters")
    IMAGES.mkdir(parents=True, exist_ok=True)
    modal, shown = page.locator(".send-invite").bounding_box(), card.bounding_box()
    left, top = min(modal["x"], shown["x"]) - 12, min(modal["y"], shown["y"]) - 12
    right = max(modal["x"] + modal["width"], shown["x"] + shown["width"]) + 12
    bottom = max(modal["y"] + modal["height"], shown["y"] + shown["height"]) + 12
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    page.screenshot(path=str(IMAGES / "first-contact.png"), clip=clip)


def test_invitation_note_length_follows_typing(b):
    surface = BY_NAME["linkedin-invite"]
    page = surface.open(b)
    page.click(surface.editor)
    hint = surface.hint(page)
    page.keyboard.type("Hi Ada, we met at the Bletchley meetup.")
    expect(hint.locator(".pill .len")).to_have_text("39/300", timeout=5000)
    hint.locator(".pill").click()
    meter = hint.locator("[data-meter=invite]")
    expect(meter).to_contain_text("39 / 300 characters")
    expect(meter).to_contain_text("Free accounts: up to 200.")
    more = " I enjoyed your point about notation and how it shapes what people can think." * 3
    page.locator(surface.editor).focus()  # the click moved focus to the hint
    page.keyboard.type(more)
    total = 39 + len(more)
    assert 200 < total <= 300
    expect(meter).to_contain_text(f"{total} / 300 characters", timeout=5000)
    expect(meter).to_contain_text("Over 200: free accounts cannot send notes this long.")
    expect(meter).to_have_class("meter free")
    assert surface.text(page) == "Hi Ada, we met at the Bletchley meetup." + more


@pytest.mark.parametrize(
    ("name", "first_contact"),
    [
        ("linkedin-message-new", True),
        ("linkedin-message-overlay", False),
        ("x-dm-legacy", True),
        ("x-dm", False),
    ],
)
def test_pitch_in_a_conversation_without_messages_is_an_error(b, name, first_contact):
    surface = BY_NAME[name]
    page, hint = surface.type_in(b, PITCH)
    expected = rapport.analyze(PITCH, surface.context).to_dict()
    expect(hint).to_have_attribute("data-level", expected["level"])
    hint.locator(".pill").click()
    fc = hint.locator('li[data-category="first_contact"]')
    why = hint.locator("[data-why=first_contact]")
    if first_contact:
        assert expected["level"] == "error"
        expect(fc.first).to_be_visible()
        expect(why).to_contain_text(WHY)
    else:
        expect(fc).to_have_count(0)
        expect(why).to_have_count(0)

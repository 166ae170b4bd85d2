"""Compose boxes come and go as the single-page apps navigate: each is watched once while it exists, and when
it goes its hint and underlines go with it."""

from __future__ import annotations

import pytest
from browser_surfaces import BY_NAME, HIGHLIGHTS_JS, PITCH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


MUTATE = "() => { for (let i = 0; i < 50; i++) document.body.append(document.createElement('i')); }"


def rapport_highlights(page) -> set[str]:
    return {name for name in page.evaluate(HIGHLIGHTS_JS) if name.startswith("rapport-")}


def test_dialog_editor_attaches_once_and_detaches_cleanly(b):
    surface = BY_NAME["linkedin-post"]
    page, hint = surface.type_in(b, PITCH)
    expect(page.locator('rapport-hint[data-surface="post"]')).to_have_count(1)
    assert rapport_highlights(page)

    page.click(".artdeco-modal__dismiss")
    expect(page.locator('rapport-hint[data-surface="post"]')).to_have_count(0, timeout=3000)
    assert not rapport_highlights(page)

    # Opened again: a fresh editor, watched once, however much the page mutates meanwhile.
    page.click("#start-post")
    page.wait_for_selector(f"{surface.editor}[data-rapport=on]", state="attached")
    page.evaluate(
        "() => { for (let i = 0; i < 50; i++) document.body.append(document.createElement('div')); }"
    )
    page.wait_for_timeout(200)
    expect(page.locator('rapport-hint[data-surface="post"]')).to_have_count(1)
    page.click(surface.editor)
    page.keyboard.type("Thanks for all the kind words this week!")
    expect(surface.hint(page)).to_have_attribute("data-level", "ok", timeout=5000)
    assert surface.text(page) == "Thanks for all the kind words this week!"


def test_editor_added_later_by_the_app_is_found(b):
    surface = BY_NAME["linkedin-message-page"]
    page = surface.open(b)
    # The app replaces the thread (another conversation opened): the old box goes, the new one is watched.
    page.evaluate(
        """() => {
          const old = document.querySelector('.msg-form__contenteditable');
          const fresh = old.cloneNode(true);
          fresh.id = 'message-page-2';
          fresh.removeAttribute('data-rapport');
          old.replaceWith(fresh);
          registerPlainEditor('message-page-2', fresh);
        }"""
    )
    page.wait_for_selector("#message-page-2[data-rapport=on]", state="attached")
    expect(page.locator('rapport-hint[data-surface="message"]')).to_have_count(1)
    page.click("#message-page-2")
    page.keyboard.type(PITCH)
    expect(surface.hint(page)).to_have_attribute("data-level", "warning", timeout=5000)
    assert page.evaluate("() => fixtureEditors['message-page-2'].text()") == PITCH


@pytest.mark.parametrize("name", ["x-post", "linkedin-post", "linkedin-invite"])
def test_keyboard_shortcut_opens_the_card_and_escape_returns_to_the_editor(b, name):
    surface = BY_NAME[name]
    page, hint = surface.type_in(b, PITCH)
    tab = b.tab_id(surface.url)
    b.worker.evaluate("(tabId) => RapportTest.openHint(tabId)", tab)  # what Alt+Shift+H does
    card = hint.locator(".card")
    expect(card).to_be_visible()
    first = card.locator("li[data-rule]").first
    expect(first).to_be_focused()
    # The focused finding's span is emphasised; a finding about the whole message (first contact) has none.
    whole = "whole message" in first.inner_text()
    assert bool(page.evaluate(HIGHLIGHTS_JS).get("rapport-focus")) is not whole
    page.keyboard.press("Tab")  # on to its "Ignore this rule" button
    expect(card.locator("li[data-rule] button.ignore").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.keyboard.type(" Thanks")
    assert surface.text(page) == PITCH + " Thanks"
    assert surface.caret(page) == len(PITCH + " Thanks")


@pytest.mark.parametrize(
    "name", ["linkedin-post", "linkedin-comment", "x-post", "linkedin-message-page", "x-dm"]
)
def test_the_editors_own_undo_still_works(b, name):
    surface = BY_NAME[name]
    page, hint = surface.type_in(b, PITCH)
    page.keyboard.press("Control+z")
    expect(page.locator(surface.editor)).not_to_have_text(PITCH)  # undone by the editor itself
    undone = surface.text(page).replace("\xa0", " ")  # a contenteditable's native undo may leave an nbsp
    assert len(undone) < len(PITCH) and PITCH.startswith(undone)
    if undone:
        expect(hint).to_have_attribute("data-chars", str(len(undone)), timeout=5000)
    else:  # an empty box hides its hint; no box of this surface may still show text (the feed has two)
        shown = f'rapport-hint[data-surface="{surface.surface}"]:not([data-chars="0"])'
        expect(page.locator(shown)).to_have_count(0, timeout=5000)


def test_hint_follows_the_sites_dark_theme(b):
    surface = BY_NAME["linkedin-message-page"]
    page, hint = surface.type_in(b, PITCH)
    expect(hint).to_have_attribute("data-theme", "light")
    page.evaluate("() => document.documentElement.classList.add('theme--dark')")  # LinkedIn's dark mode
    page.keyboard.type(" Thanks")
    expect(hint).to_have_attribute("data-theme", "dark", timeout=5000)
    hint.locator(".pill").click()
    background = hint.locator(".card").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(28, 33, 40)"

"""The host can vanish: killed mid-session it is restarted and the hint catches up within 2 s; never
installed, the hint and the popup say so (once, with the install command) and nothing is thrown into the
page."""

from __future__ import annotations

import re
import time

import pytest
from browser_surfaces import BY_NAME, PITCH, wait_until
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_killed_host_recovers_within_two_seconds(b):
    surface = BY_NAME["x-post"]
    page, hint = surface.type_in(b, PITCH)
    errors = []
    page.on("pageerror", lambda e: errors.append(e))
    before = set(b.host_pids())
    assert b.kill_host() >= 1

    started = time.monotonic()
    page.keyboard.type(" Reply here")
    expect(hint).to_have_attribute("data-chars", str(len(PITCH) + 11), timeout=2000)
    recovered = time.monotonic() - started
    expect(hint).to_have_attribute("data-status", "ok")
    expect(hint).to_have_attribute("data-level", "warning")
    after = set(wait_until(b.host_pids, timeout=2))
    assert after and not (after & before), "a new host process serves the extension"
    assert recovered < 2.0
    assert surface.text(page) == PITCH + " Reply here"
    assert not errors
    print(f"\nhost killed: hint updated again after {recovered * 1000:.0f} ms")


def test_missing_host_is_reported_in_hint_and_popup(browser_without_host):
    b = browser_without_host
    surface = BY_NAME["linkedin-message-page"]
    page = surface.open(b)
    errors = []
    page.on("pageerror", lambda e: errors.append(e))
    page.click(surface.editor)
    page.keyboard.type(PITCH)
    hint = surface.hint(page)
    expect(hint).to_have_attribute("data-status", "missing", timeout=5000)
    expect(hint.locator(".pill")).to_contain_text("host not installed")
    # Typing on keeps one quiet notice: no error storm, nothing thrown into the page, text untouched.
    page.keyboard.type(" Thanks!")
    time.sleep(0.3)
    expect(page.locator("rapport-hint[data-status=missing]")).to_have_count(1)
    assert surface.text(page) == PITCH + " Thanks!"
    assert surface.caret(page) == len(PITCH + " Thanks!")
    assert not errors
    hint.locator(".pill").click()
    expect(hint.locator(".card")).to_contain_text("python3 build.py install")

    popup = b.popup(b.tab_id(surface.url))
    expect(popup.locator("#missing")).to_be_visible()
    expect(popup.locator("#install-command")).to_have_text("python3 build.py install")
    expect(popup.locator("#host-status")).to_have_text("Not installed")
    expect(popup.locator("#retry")).to_be_enabled()
    popup.locator("#retry").click()
    expect(popup.locator("#missing")).to_be_visible()
    b.close_pages()


def test_a_text_the_host_refuses_is_shown_as_what_it_is(b):
    """A host error reply (a text over the host's limit) is not a broken host: no reconnect, no reinstall."""
    surface = BY_NAME["x-dm"]  # a textarea: a long text can be pasted in at once
    page = surface.open(b)
    page.fill(surface.editor, "word " * 60_000)  # 300,000 UTF-16 units, over the 262,144 limit
    hint = surface.hint(page)
    expect(hint).to_have_attribute("data-status", "refused", timeout=10_000)
    pill = hint.locator(".pill")
    expect(pill).to_have_attribute("aria-label", re.compile("too long to check"))
    pill.click()
    card = hint.locator(".card")
    expect(card.locator("[data-why=refused]")).to_contain_text("too long to check")
    expect(card).not_to_contain_text("reinstall")
    page.fill(surface.editor, "Thanks Grace, that fix saved my weekend.")
    expect(hint).to_have_attribute("data-status", "ok", timeout=10_000)

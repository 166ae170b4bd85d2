"""Each compose surface of LinkedIn and X, in its fixture page with the real editor library: a pitch is
flagged with its rules and underlined, a warm personal text is ok, and the editor's text and caret are left
alone."""

from __future__ import annotations

import re

import pytest
import rapport
from browser_surfaces import HIGHLIGHTS_JS, PITCH, SURFACES, underlined
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_pitch_is_flagged_and_underlined(b, surface):
    page, hint = surface.type_in(b, PITCH)
    expected = rapport.analyze(PITCH, surface.context).to_dict()
    assert expected["level"] in ("warning", "error")
    expect(hint).to_have_attribute("data-level", expected["level"])
    expect(hint).to_have_attribute("data-count", str(len(expected["findings"])))

    # The card lists every finding by rule id, with its message and advice.
    hint.locator(".pill").click()
    listed = hint.locator("li[data-rule]")
    expect(listed).to_have_count(len(expected["findings"]))
    rules = set(listed.evaluate_all("items => items.map((li) => li.dataset.rule)"))
    assert rules == {f["rule"] for f in expected["findings"]}
    assert any(r.startswith("pitch.") for r in rules)
    first = expected["findings"][0]
    expect(hint.locator(".card")).to_contain_text(first["message"])

    # Underlines: exactly the spans the host reported, over the editor's own text nodes (for a textarea, over
    # a transparent copy of its text laid on top of it).
    highlighted = page.evaluate(HIGHLIGHTS_JS)
    spans = underlined(PITCH, expected["findings"])
    got = {text for name, texts in highlighted.items() if name != "rapport-focus" for text in texts}
    assert got == spans
    assert "book a quick call" in " ".join(highlighted["rapport-pitch"])
    if surface.textarea:
        mirror = page.locator("rapport-mirror div")
        expect(mirror).to_have_text(PITCH)
        box, copy = page.locator(surface.editor).bounding_box(), mirror.bounding_box()
        assert abs(box["x"] - copy["x"]) < 1 and abs(box["y"] - copy["y"]) < 1

    # Nothing the user typed changed; the caret is where typing left it.
    assert surface.text(page) == PITCH
    assert surface.caret(page) == len(PITCH)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_warm_personal_text_is_ok(b, surface):
    page, hint = surface.type_in(b, surface.warm)
    expect(hint).to_have_attribute("data-level", "ok")
    expect(hint).to_have_attribute("data-count", "0")
    assert not {k for k in page.evaluate(HIGHLIGHTS_JS) if k.startswith("rapport-")}
    assert surface.text(page) == surface.warm
    assert surface.caret(page) == len(surface.warm)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_surface_and_first_contact_reach_the_host(b, surface):
    page, hint = surface.type_in(b, "Hello")
    if surface.first_contact:
        expect(hint).to_have_attribute("data-first-contact", "")
    else:
        expect(hint).not_to_have_attribute("data-first-contact", re.compile(".*"))
    # The editor is marked as watched, and its markup is otherwise the site's own.
    assert page.locator(f"{surface.editor}[data-rapport=on]").count() == 1

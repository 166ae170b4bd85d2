"""The toolbar badge and popup summarise the active tab; ignoring a rule hides it everywhere and survives a
reload; sites and surfaces can be switched off. Saves the README screenshots of the hint card and the
popup."""

from __future__ import annotations

import pytest
import rapport
from browser_surfaces import BY_NAME, HIGHLIGHTS_JS, IMAGES, PITCH, wait_until
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def typed(b, name, text=PITCH):
    surface = BY_NAME[name]
    page, hint = surface.type_in(b, text)
    return surface, page, hint


def test_popup_shows_the_active_tab_summary(b):
    surface, page, hint = typed(b, "linkedin-message-page")
    expected = rapport.analyze(PITCH, surface.context).to_dict()
    tab = b.tab_id(surface.url)

    def badge():
        return b.worker.evaluate("(tabId) => chrome.action.getBadgeText({ tabId })", tab)

    assert wait_until(lambda: badge() == str(len(expected["findings"])), timeout=3)

    popup = b.popup(tab)
    expect(popup.locator("#host-status")).to_have_text("Connected")
    expect(popup.locator("#host-detail")).to_contain_text("round trip")
    box = popup.locator("article[data-box]")
    expect(box).to_have_count(1)
    expect(box).to_have_attribute("data-level", expected["level"])
    expect(box).to_have_attribute("data-surface", "message")
    pitch_gauge = box.locator("[data-gauge=pitch]")
    expect(pitch_gauge).to_have_attribute("aria-valuenow", str(expected["scores"]["pitch"]))
    impersonal = box.locator("[data-gauge=impersonal]")
    expect(impersonal).to_have_attribute("aria-valuenow", str(expected["scores"]["impersonal"]))
    expect(box.locator(".read")).to_contain_text(f"{expected['readability']['words']}words")
    shown = box.locator(".findings li[data-rule]").evaluate_all("els => els.map((e) => e.dataset.rule)")
    assert shown and set(shown) <= {f["rule"] for f in expected["findings"]}
    expect(popup.locator("#missing")).to_be_hidden()
    expect(popup.locator("#week-text")).to_contain_text("1 draft checked, 1 read as a pitch")
    IMAGES.mkdir(parents=True, exist_ok=True)
    popup.screenshot(path=str(IMAGES / "popup.png"), full_page=True)


def test_hint_card_screenshot_and_emphasis(b):
    surface, page, hint = typed(b, "linkedin-post")
    hint.locator(".pill").click()
    card = hint.locator(".card")
    expect(card).to_be_visible()
    # Keyboard: Tab reaches the findings; focusing one emphasises its span in the editor.
    card.locator("li[data-rule]").first.focus()
    emphasised = page.evaluate(HIGHLIGHTS_JS).get("rapport-focus")
    assert emphasised and emphasised[0] in PITCH
    box = page.locator(".share-box-v2__modal").bounding_box()
    card_box = card.bounding_box()
    left = min(box["x"], card_box["x"]) - 12
    top = min(box["y"], card_box["y"]) - 12
    right = max(box["x"] + box["width"], card_box["x"] + card_box["width"]) + 12
    bottom = max(box["y"] + box["height"], card_box["y"] + card_box["height"]) + 12
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(IMAGES / "hint-card.png"),
        clip={"x": left, "y": top, "width": right - left, "height": bottom - top},
    )
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert not page.evaluate(HIGHLIGHTS_JS).get("rapport-focus")
    assert surface.text(page) == PITCH


def test_ignored_rule_is_hidden_and_survives_a_reload(b):
    surface, page, hint = typed(b, "x-post")
    expected = rapport.analyze(PITCH, surface.context).to_dict()
    count = len(expected["findings"])
    rule = "pitch.call_to_action"
    assert rule in {f["rule"] for f in expected["findings"]}
    hint.locator(".pill").click()
    hint.locator(f'li[data-rule="{rule}"] button.ignore').click()
    expect(hint.locator(f'li[data-rule="{rule}"]')).to_have_count(0)
    expect(hint).to_have_attribute("data-count", str(count - 1))
    assert "book a quick call" not in page.evaluate(HIGHLIGHTS_JS).get("rapport-pitch", [])

    page.reload()
    page.wait_for_selector(f"{surface.editor}[data-rapport=on]", state="attached")
    page.click(surface.editor)
    page.keyboard.type(PITCH)
    hint = surface.hint(page)
    expect(hint).to_have_attribute("data-chars", str(len(PITCH)), timeout=5000)
    expect(hint).to_have_attribute("data-count", str(count - 1))
    hint.locator(".pill").click()
    expect(hint.locator("li[data-rule]")).to_have_count(count - 1)
    expect(hint.locator(f'li[data-rule="{rule}"]')).to_have_count(0)

    # The settings page lists it as ignored; restoring defaults brings it back on the open tab.
    options = b.context.new_page()
    options.goto(f"chrome-extension://{b.extension_id}/options/options.html")
    options.wait_for_selector("body[data-ready=true]")
    expect(options.locator(f'label[data-rule="{rule}"] input')).not_to_be_checked()
    options.click("#restore")
    expect(options.locator(f'label[data-rule="{rule}"] input')).to_be_checked()
    expect(hint).to_have_attribute("data-count", str(count), timeout=5000)
    expect(hint.locator(f'li[data-rule="{rule}"]')).to_have_count(1)


def test_sites_and_surfaces_can_be_switched_off(b):
    surface, page, hint = typed(b, "x-post")
    options = b.context.new_page()
    options.goto(f"chrome-extension://{b.extension_id}/options/options.html")
    options.wait_for_selector("body[data-ready=true]")
    rules = options.locator("label[data-rule]")
    assert rules.count() >= 10, "the rule list comes from the host"
    options.set_viewport_size({"width": 900, "height": 1000})
    IMAGES.mkdir(parents=True, exist_ok=True)
    options.screenshot(path=str(IMAGES / "options.png"))

    options.uncheck('input[name="site"][value="x"]')
    expect(page.locator("rapport-hint")).to_have_count(0, timeout=3000)
    expect(page.locator(f"{surface.editor}[data-rapport]")).to_have_count(0)
    assert not {k for k in page.evaluate(HIGHLIGHTS_JS) if k.startswith("rapport-")}
    assert surface.text(page) == PITCH

    options.check('input[name="site"][value="x"]')
    options.uncheck('input[name="surface"][value="post"]')
    expect(page.locator("rapport-hint")).to_have_count(0, timeout=3000)
    options.check('input[name="surface"][value="post"]')
    expect(surface.hint(page)).to_have_attribute("data-chars", str(len(PITCH)), timeout=5000)
    expect(surface.hint(page)).to_have_attribute("data-level", "warning")


SENSITIVE = [
    "Our tool saves teams hours every week. Link in bio.",
    "Would love to connect and learn more about your work.",
    "Check out my latest blog post on growth hacking!",
    "Happy to help if you ever need a hand with your data pipeline.",
]


def test_sensitivity_reaches_the_host(b):
    context = BY_NAME["x-post"].context

    def seen(text, sensitivity):
        """What the extension shows of a report: the findings count and the scores (popup gauges)."""
        report = rapport.analyze(text, context, {"sensitivity": sensitivity}).to_dict()
        return len(report["findings"]), report["scores"]

    # A text the analyzer reads differently at some sensitivity (the analyzer's tuning decides which).
    choices = [(t, s) for t in SENSITIVE for s in ("low", "high") if seen(t, s) != seen(t, "normal")]
    assert choices, "sensitivity changes nothing for any of these texts"
    text, sensitivity = choices[0]
    surface, page, hint = typed(b, "x-post", text)
    tab = b.tab_id(surface.url)

    def shown():
        summary = b.worker.evaluate("(tabId) => RapportTest.tabSummary(tabId)", tab)
        box = next((x for x in (summary or {}).get("boxes", []) if x["surface"] == "post"), None)
        return box and (box["count"], box["scores"])

    assert wait_until(lambda: shown() == seen(text, "normal")), shown()
    options = b.context.new_page()
    options.goto(f"chrome-extension://{b.extension_id}/options/options.html")
    options.wait_for_selector("body[data-ready=true]")
    options.check(f'input[name="sensitivity"][value="{sensitivity}"]')
    assert wait_until(lambda: shown() == seen(text, sensitivity)), (shown(), seen(text, sensitivity))
    expect(hint).to_have_attribute("data-count", str(seen(text, sensitivity)[0]), timeout=5000)
    options.click("#restore")
    expect(options.locator('input[name="sensitivity"][value="normal"]')).to_be_checked()
    assert wait_until(lambda: shown() == seen(text, "normal")), shown()


GERMAN = (
    "Hallo Herr Müller, ich bin auf Ihr Profil gestoßen und würde gerne einen kurzen Termin vereinbaren, "
    "um Ihnen unsere Lösung vorzustellen."
)


def test_a_text_in_another_language_is_not_checked_in_the_hint_and_the_popup(b):
    surface, page, hint = typed(b, "linkedin-message-page", GERMAN)
    expect(hint).to_have_attribute("data-level", "unchecked")
    expect(hint.locator(".pill")).to_have_attribute(
        "aria-label", "Rapport: Not checked: Rapport reads English for now."
    )
    hint.locator(".pill").click()
    expect(hint.locator(".card [data-why=not_checked]")).to_have_text(
        "Not checked: Rapport reads English for now."
    )
    assert not {k for k in page.evaluate(HIGHLIGHTS_JS) if k.startswith("rapport-") and k != "rapport-focus"}
    popup = b.popup(b.tab_id(surface.url))
    box = popup.locator("article[data-box]")
    expect(box).to_have_attribute("data-level", "unchecked")
    expect(box.locator("[data-why=not_checked]")).to_have_text("Not checked: Rapport reads English for now.")
    expect(box.locator("[data-gauge]")).to_have_count(0)
    assert surface.text(page) == GERMAN

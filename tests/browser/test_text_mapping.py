"""UTF-16 spans map to the right DOM ranges across paragraphs, blank lines and emoji in every editor: what is
underlined is exactly the host's span of the text the editor holds."""

from __future__ import annotations

import pytest
import rapport
from browser_surfaces import BY_NAME, HIGHLIGHTS_JS, underlined, utf16_len
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = "Big week for the team 🚀🎉 and for me.\n\nBook a demo today and see our product.\nThanks, Ada"


@pytest.mark.parametrize(
    "name",
    ["linkedin-post", "linkedin-comment", "linkedin-message-page", "x-post", "x-dm", "linkedin-invite"],
)
def test_spans_across_paragraphs_and_emoji(b, name):
    surface = BY_NAME[name]
    units = utf16_len(TEXT)
    page = surface.open(b)
    page.click(surface.editor)
    for i, line in enumerate(TEXT.split("\n")):
        if i:
            page.keyboard.press("Enter")
        if line:
            page.keyboard.type(line)
    hint = surface.hint(page)
    expect(hint).to_have_attribute("data-chars", str(units), timeout=5000)
    assert surface.text(page) == TEXT

    report = rapport.analyze(TEXT, surface.context).to_dict()
    spans = underlined(TEXT, report["findings"])
    assert any("demo" in s for s in spans)
    highlighted = page.evaluate(HIGHLIGHTS_JS)
    got = {t for name, texts in highlighted.items() if name != "rapport-focus" for t in texts}
    # Range.toString() joins paragraphs without the "\n" between them (the textarea copy keeps them).
    assert {g.replace("\n", "") for g in got} == {s.replace("\n", "") for s in spans}
    expect(hint).to_have_attribute("data-count", str(len(report["findings"])))

"""Every compose surface the extension covers, with how to open it in its fixture page and texts to type."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"  # measurements (git-ignored)
IMAGES = ROOT / "docs" / "img"  # screenshots for the README and docs/extension.md


HIGHLIGHTS_JS = """() => {
  const out = {};
  for (const [name, h] of CSS.highlights) out[name] = [...h].map((r) => r.toString());
  return out;
}"""


@dataclass(frozen=True)
class Surface:
    name: str
    url: str
    editor: str  # selector of the element that takes the text (Playwright pierces open shadow roots)
    editor_id: str  # key in the fixture page's window.fixtureEditors (text and caret as the page sees them)
    site: str
    surface: str
    warm: str
    first_contact: bool = False
    textarea: bool = False
    opens: tuple[str, ...] = ()  # clicks that reveal the editor

    def open(self, browser):
        page = browser.new_page(self.url)
        for selector in self.opens:
            page.click(selector)
        page.wait_for_selector(f"{self.editor}[data-rapport=on]", state="attached")
        return page

    def type_in(self, browser, text: str):
        """Open the surface, type `text` into it, wait until the hint shows the report for it."""
        page = self.open(browser)
        page.click(self.editor)
        page.keyboard.type(text)
        hint = self.hint(page)
        expect(hint).to_have_attribute("data-chars", str(len(text)), timeout=5000)
        return page, hint

    def hint(self, page):
        return page.locator(f'rapport-hint[data-surface="{self.surface}"]:not([hidden])')

    def text(self, page) -> str:
        return page.evaluate("(id) => window.fixtureEditors[id].text()", self.editor_id)

    def caret(self, page) -> int:
        return page.evaluate("(id) => window.fixtureEditors[id].caret()", self.editor_id)

    @property
    def context(self) -> dict:
        return {"site": self.site, "surface": self.surface, "first_contact": self.first_contact}


# The surfaces and the pitch typed into them live in surfaces.json, shared with the Firefox tests.
_DATA = json.loads((Path(__file__).with_name("surfaces.json")).read_text(encoding="utf-8"))
PITCH = _DATA["pitch"]
SURFACES = [
    Surface(
        **{k: v for k, v in d.items() if k != "opens"},
        opens=tuple(d.get("opens", ())),
    )
    for d in _DATA["surfaces"]
]
BY_NAME = {s.name: s for s in SURFACES}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def underlined(text: str, findings: list[dict]) -> set[str]:
    """The spans the extension underlines: all but findings about the whole message (listed, not drawn)."""
    first, last = utf16_len(text) - utf16_len(text.lstrip()), utf16_len(text.rstrip())
    return {
        utf16_slice(text, f["start"], f["end"])
        for f in findings
        if not (f["start"] <= first and f["end"] >= last)
    }


def utf16_slice(text: str, start: int, end: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * start : 2 * end].decode("utf-16-le")


def wait_until(predicate: Callable[[], object], timeout: float = 5.0, interval: float = 0.02):
    """Poll `predicate` until it returns something true or `timeout` seconds pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)

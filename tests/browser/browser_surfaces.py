"""Every compose surface the extension covers, with how to open it in its fixture page and texts to type."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"  # measurements (git-ignored)
IMAGES = ROOT / "docs" / "img"  # screenshots for the README and docs/extension.md

PITCH = "Hi, I came across your profile and would love to book a quick call to show you our product."

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


LINKEDIN_FEED = "https://www.linkedin.com/feed/"
SURFACES = [
    Surface(
        "linkedin-post",
        LINKEDIN_FEED,
        ".share-creation-state__text-editor .ql-editor",
        "post",
        "linkedin",
        "post",
        "Shipped our first compiler build today. Three weeks of late nights, and the team pulled it off "
        "together.\nProud of them.",
        opens=("#start-post",),
    ),
    Surface(
        "linkedin-post-sdui",
        LINKEDIN_FEED,
        '[componentkey="ShareBox_textEditor"]',
        "post-sdui",
        "linkedin",
        "post",
        "Our team shipped the new compiler today after three weeks of late nights.\n"
        "Proud of every one of them.",
        opens=("#start-post-sdui",),
    ),
    Surface(
        "linkedin-comment",
        LINKEDIN_FEED,
        '[data-view-name="comment-box"] .ProseMirror',
        "comment",
        "linkedin",
        "comment",
        "Congrats on the launch, Grace! Which part of the migration surprised you most?",
    ),
    Surface(
        "linkedin-comment-classic",
        LINKEDIN_FEED,
        ".comments-comment-texteditor .ProseMirror",
        "comment-classic",
        "linkedin",
        "comment",
        "Part two was worth the wait, Ada. How long did the notation take you?",
    ),
    Surface(
        "linkedin-message-overlay",
        LINKEDIN_FEED,
        "#message-existing",
        "message-existing",
        "linkedin",
        "message",
        "Glad the intro helped, Grace. How did it go with Ada?",
    ),
    Surface(
        "linkedin-message-new",
        LINKEDIN_FEED,
        "#message-new",
        "message-new",
        "linkedin",
        "message",
        "Hi Ada, your post on the analytical engine's notation made me rethink how I document code. "
        "What got you started on it?",
        first_contact=True,
    ),
    Surface(
        "linkedin-message-page",
        "https://www.linkedin.com/messaging/thread/2-YWRhLWxvdmVsYWNl/",
        "#message-page",
        "message-page",
        "linkedin",
        "message",
        "Loved your talk on compilers yesterday, Grace. How did you get the team to trust the new toolchain?",
    ),
    Surface(
        "linkedin-invite",
        "https://www.linkedin.com/in/ada-lovelace/",
        'textarea[name="message"]',
        "invite",
        "linkedin",
        "invite_note",
        "Hi Ada, we met at the Bletchley meetup last week and I enjoyed your point about notation. "
        "What are you working on next?",
        first_contact=True,
        textarea=True,
        opens=("#connect", "#add-note"),
    ),
    Surface(
        "x-post",
        "https://x.com/home",
        '[data-testid="tweetTextarea_0"]',
        "post",
        "x",
        "post",
        "Spent the weekend rereading Ada's notes on the engine. Still amazed how much she saw coming.",
    ),
    Surface(
        "x-reply",
        "https://x.com/adalovelace/status/1858000000000000001",
        '[data-testid="tweetTextarea_0"]',
        "reply",
        "x",
        "comment",
        "Great thread, Ada. What made you pick that notation?",
    ),
    Surface(
        "x-dm",
        "https://x.com/i/chat/1000-2000",
        '[data-testid="dm-composer-textarea"]',
        "dm",
        "x",
        "message",
        "Thanks Grace, that fix saved my weekend. How did you track it down?",
        textarea=True,
    ),
    Surface(
        "x-dm-legacy",
        "https://twitter.com/messages/compose",
        '[data-testid="dmComposerTextInput"]',
        "dm",
        "x",
        "message",
        "Hi Ada, your thread on the engine's notation was the clearest explanation I've read. "
        "What got you started on it?",
        first_contact=True,
    ),
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

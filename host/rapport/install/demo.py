"""`build.py demo`: Chromium with a throw-away profile, the built extension and the frozen host, on the test
fixture pages served at the real LinkedIn and X addresses: try Rapport without logging in anywhere.
Nothing reaches the network: every request is answered from tests/fixtures or refused."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from rapport.install.manifests import host_manifest, manifest_text
from rapport.product import HOST_NAME

SITES = r"^https://(www\.linkedin\.com|linkedin\.com|x\.com|twitter\.com)/"
TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json"}
PITCH = (
    "Hi Ada, I came across your profile and was impressed. I'd love to book a quick 15-minute call "
    "to show you how our platform can 10x your pipeline. Are you free Tuesday or Wednesday?"
)


def serve(context, pages: Path, editors: Path) -> None:
    """Fixture pages at the sites' URLs (routes.json), editor bundles and assets under /rapport-fixtures/;
    every other request is refused. Shared by `build.py demo` and the browser tests (their conftest)."""
    routes = json.loads((pages / "routes.json").read_text())["pages"]
    # Only web requests: the extension's own pages (chrome-extension://, the popup) must still load.
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())

    def answer(route) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        file = None
        if path.startswith("/rapport-fixtures/editors/"):
            file = editors / path.removeprefix("/rapport-fixtures/editors/")
        elif path.startswith("/rapport-fixtures/"):
            file = pages / path.removeprefix("/rapport-fixtures/")
        elif url in routes:
            file = pages / routes[url]
        if file is None or not file.is_file():
            route.fulfill(status=404, content_type="text/plain", body="not a fixture page")
            return
        kind = TYPES.get(file.suffix, "application/octet-stream")
        route.fulfill(status=200, content_type=kind, body=file.read_bytes())

    context.route(re.compile(SITES), answer)


def type_a_pitch(page) -> str:
    """Open LinkedIn's post composer, type a pitchy first message, wait for the hint; returns its level."""
    page.click("#start-post")
    box = page.locator('[data-rapport="on"]:visible').last
    box.wait_for(timeout=15_000)
    box.click()
    page.keyboard.type(PITCH, delay=5)
    hint = page.locator('rapport-hint[data-level="warning"], rapport-hint[data-level="error"]').last
    hint.wait_for(timeout=15_000)
    hint.click()  # open the card with the findings
    return hint.get_attribute("data-level") or "?"


def demo_command(
    info: dict,
    templates: Path,
    fixtures: Path,
    browser_path: str | None,
    headless: bool,
    screenshot: Path | None,
) -> int:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        print("error: the demo drives Chromium with Playwright: .venv/bin/pip install -e '.[test]'")
        return 1
    if not browser_path:
        print("error: no Chromium or Chrome found; pass --browser-path (Debian: apt-get install -y chromium)")
        return 1
    profile = Path(tempfile.mkdtemp(prefix="rapport-demo-"))
    folder = profile / "NativeMessagingHosts"
    folder.mkdir()
    (folder / f"{HOST_NAME}.json").write_text(manifest_text(host_manifest(templates, "chrome", info["host"])))
    args = [
        f"--disable-extensions-except={info['chrome']}",
        f"--load-extension={info['chrome']}",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
    ]
    if headless or screenshot:
        args += ["--headless=new", "--no-sandbox"]
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(profile),
                executable_path=browser_path,
                headless=False,
                args=args,
                ignore_default_args=["--disable-extensions"],
                viewport={"width": 1280, "height": 860},
            )
            serve(context, fixtures / "pages", fixtures / "editors" / "dist")
            if not context.service_workers:
                context.wait_for_event("serviceworker", timeout=15_000)
            page = context.pages[0] if context.pages else context.new_page()
            page.goto("https://www.linkedin.com/feed/")
            if screenshot:
                level = type_a_pitch(page)
                page.wait_for_timeout(300)
                page.screenshot(path=str(screenshot))
                context.close()
                print(f"wrote {screenshot} (hint level: {level})")
                return 0
            context.new_page().goto("https://x.com/home")
            print("Chromium is open on fixture copies of LinkedIn and X (no network, no login).")
            print("Type in a compose box, e.g.:", PITCH)
            print("Close the browser window to end the demo.")
            context.wait_for_event("close", timeout=0)
            return 0
    except Error as exc:
        print(f"error: the demo browser failed: {str(exc).splitlines()[0]}")
        return 1
    finally:
        shutil.rmtree(profile, ignore_errors=True)

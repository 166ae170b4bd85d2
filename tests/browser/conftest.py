"""Browser fixtures: Debian's Chromium (headless, via Playwright) with the built extension loaded, the real
host registered under the test's own profile, and the saved fixture pages served at the sites' real URLs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_surfaces import ROOT
from rapport.install.demo import serve  # fixture pages at the sites' URLs (routes.json); nothing else

FIXTURES = ROOT / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
EDITORS = FIXTURES / "editors"

pytestmark = pytest.mark.browser


def chromium_path() -> str:
    """Debian's Chromium; a missing browser fails the suite unless RAPPORT_SKIP_BROWSER=1 says to skip."""
    for candidate in (os.environ.get("RAPPORT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("RAPPORT_SKIP_BROWSER") == "1":
        pytest.skip("chromium is not installed and RAPPORT_SKIP_BROWSER=1")
    pytest.fail(
        "chromium is not installed (Debian: apt-get install -y chromium); set RAPPORT_SKIP_BROWSER=1 to skip"
    )


@pytest.fixture(scope="session")
def editor_bundles() -> Path:
    """The fixture pages' editor libraries, built from npm (Quill, tiptap, Draft.js) if not built yet."""
    dist = EDITORS / "dist"
    if not all((dist / f"{name}.js").exists() for name in ("quill", "tiptap", "draft")):
        npm = shutil.which("npm")
        if not npm:
            pytest.fail(
                "npm is missing: the editor fixtures are built from npm packages (install Node.js 20+)"
            )
        if not (EDITORS / "node_modules").is_dir():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EDITORS, check=True)
        subprocess.run([npm, "run", "build"], cwd=EDITORS, check=True)
    return dist


@dataclass
class Browser:
    """One Chromium profile with the extension; `host` says whether the native host is registered in it."""

    context: object
    profile: Path
    extension_id: str
    host_registered: bool
    pages: list = field(default_factory=list)

    @property
    def worker(self):
        workers = self.context.service_workers
        return workers[0] if workers else self.context.wait_for_event("serviceworker", timeout=10_000)

    def new_page(self, url: str, viewport=(1280, 900)):
        page = self.context.new_page()
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        page.goto(url)
        return page

    def tab_id(self, url: str) -> int:
        """The tabs API id of the open tab showing `url` (asked in the service worker)."""
        return self.worker.evaluate(
            "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? null", url
        )

    def popup(self, tab_id: int | None):
        page = self.context.new_page()
        page.set_viewport_size({"width": 380, "height": 640})
        query = f"?tab={tab_id}" if tab_id is not None else ""
        page.goto(f"chrome-extension://{self.extension_id}/popup/popup.html{query}")
        page.wait_for_selector("body[data-ready=true]")
        return page

    def reset_settings(self) -> None:
        self.worker.evaluate(
            "() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.remove('stats')])"
        )

    def close_pages(self) -> None:
        for page in list(self.context.pages):
            page.close()

    def host_pids(self) -> list[int]:
        """Native host processes this browser profile started (matched by the profile dir in an ancestor)."""
        ours = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if not any(f"chrome-extension://{self.extension_id}/".encode() == arg for arg in cmdline[1:]):
                continue
            if self._started_by_profile(int(proc.name)):
                ours.append(int(proc.name))
        return ours

    def _started_by_profile(self, pid: int) -> bool:
        marker = str(self.profile).encode()
        for _ in range(12):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                pid = int(stat.rsplit(")", 1)[1].split()[1])
                if pid <= 1:
                    return False
                if marker in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
            except OSError:
                return False
        return False

    def kill_host(self) -> int:
        pids = self.host_pids()
        assert pids, "no running host process belongs to this browser"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return len(pids)


def launch(playwright, extension: Path, profile: Path, editors: Path):
    args = [
        "--headless=new",
        f"--disable-extensions-except={extension}",
        f"--load-extension={extension}",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-features=DialMediaRouteProvider",
    ]
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium_path(),
        headless=False,
        args=args,
        ignore_default_args=["--disable-extensions"],
    )
    serve(context, PAGES, editors)
    if not context.service_workers:
        context.wait_for_event("serviceworker", timeout=15_000)
    return context


def register_host(profile: Path) -> None:
    """`build.py install --user-data-dir` writes the host manifest this profile's Chromium reads."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "install", "--user-data-dir", str(profile)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, RAPPORT_BUILD_DONE="1"),
    )
    manifest = profile / "NativeMessagingHosts" / "org.rapport.host.json"
    assert done.returncode == 0 and manifest.exists(), (
        f"build.py install failed:\n{done.stdout}\n{done.stderr}"
    )


@pytest.fixture(scope="session")
def playwright_instance():
    chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def extension_dir(build_info) -> Path:
    path = Path(build_info["chrome"])
    assert (path / "manifest.json").exists(), f"no built extension in {path}"
    return path


@pytest.fixture(scope="session")
def browser(
    playwright_instance, extension_dir, build_info, editor_bundles, tmp_path_factory
) -> Iterator[Browser]:
    """The shared browser: extension loaded, frozen host registered."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    register_host(profile)
    context = launch(playwright_instance, extension_dir, profile, editor_bundles)
    yield Browser(context, profile, build_info["extension_id"], True)
    context.close()


@pytest.fixture(scope="session")
def browser_without_host(playwright_instance, extension_dir, build_info, editor_bundles, tmp_path_factory):
    """A profile where the host was never installed."""
    profile = tmp_path_factory.mktemp("chromium-no-host")
    context = launch(playwright_instance, extension_dir, profile, editor_bundles)
    yield Browser(context, profile, build_info["extension_id"], False)
    context.close()


@pytest.fixture
def b(browser) -> Iterator[Browser]:
    """The shared browser with default settings and no pages left over from the previous test."""
    browser.reset_settings()
    yield browser
    browser.close_pages()

"""The real extension in Debian's firefox-esr, headless: the same behaviour the Chromium tests check, on every
LinkedIn and X surface, driven by Puppeteer over WebDriver BiDi (tests/firefox/*.test.mjs, Node's test
runner). Playwright and Selenium cannot drive this Firefox here (they need their own builds or geckodriver).

The built dist/firefox is installed as a temporary add-on; the frozen host is registered by `build.py install
--browser firefox` under a temporary HOME (Firefox reads $HOME/.mozilla/native-messaging-hosts); a second HOME
has no host. The host's reports for the texts typed are computed here and handed to the JS tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rapport
from browser_surfaces import PITCH, ROOT, SURFACES

pytestmark = pytest.mark.browser

FIREFOX_TESTS = ROOT / "tests" / "firefox"


def firefox_path() -> str:
    for candidate in (os.environ.get("RAPPORT_FIREFOX"), "/usr/bin/firefox-esr", shutil.which("firefox-esr")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("firefox-esr is not installed (Debian: apt-get install -y firefox-esr)")


@pytest.fixture(scope="module")
def firefox_env(build_info, editor_bundles, tmp_path_factory) -> dict:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: the Firefox tests run on Node's test runner (install Node.js 18+)")
    if not (FIREFOX_TESTS / "node_modules" / "puppeteer-core").is_dir():
        npm = shutil.which("npm")
        env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=FIREFOX_TESTS, env=env, check=True)
    home = tmp_path_factory.mktemp("firefox-home")
    bare = tmp_path_factory.mktemp("firefox-home-no-host")
    env = dict(os.environ, HOME=str(home), RAPPORT_BUILD_DONE="1")
    installed = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "install", "--browser", "firefox"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    manifest = home / ".mozilla" / "native-messaging-hosts" / "org.rapport.host.json"
    assert json.loads(manifest.read_text())["path"] == build_info["host"]
    expected = {}
    for s in SURFACES:
        context = {"site": s.site, "surface": s.surface, "first_contact": s.first_contact}
        texts = (PITCH, s.warm, "Hi Grace, how did the launch go?")
        expected[s.name] = {t: rapport.analyze(t, context).to_dict() for t in texts}
    reports = tmp_path_factory.mktemp("firefox-expected") / "expected.json"
    reports.write_text(json.dumps(expected))
    return {
        "RAPPORT_FIREFOX": firefox_path(),
        "RAPPORT_FIREFOX_HOME": str(home),
        "RAPPORT_FIREFOX_BARE_HOME": str(bare),
        "RAPPORT_EXPECTED": str(reports),
    }


@pytest.mark.parametrize("suite", ["surfaces", "lifecycle", "latency"])
def test_firefox(firefox_env, suite):
    done = subprocess.run(
        [shutil.which("node"), "--test", "--test-reporter=spec", f"{suite}.test.mjs"],
        cwd=FIREFOX_TESTS,
        env=dict(os.environ, **firefox_env),
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(done.stdout[-6000:])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "ℹ fail 0" in done.stdout and "ℹ skipped 0" in done.stdout and "ℹ pass 0" not in done.stdout

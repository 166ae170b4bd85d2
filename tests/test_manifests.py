"""Manifests: the native-host manifests rendered for every browser and OS, the built extension manifests
against what Chrome and Firefox require, and Mozilla's `web-ext lint` on the Firefox build."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from rapport import product
from rapport.install import browsers as B
from rapport.install.manifests import host_manifest

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "manifest"
HOSTS = {
    "linux": ("/home/ann/rapport/dist/host/rapport-host/rapport-host", PurePosixPath),
    "darwin": ("/Users/ann/My Apps/rapport-host/rapport-host", PurePosixPath),
    "windows": (r"C:\Users\ann\rapport\dist\host\rapport-host\rapport-host.exe", PureWindowsPath),
}
SITES = {"https://www.linkedin.com/*", "https://x.com/*", "https://twitter.com/*"}


def load_build_module():
    spec = importlib.util.spec_from_file_location("rapport_build_script", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("os_name", sorted(HOSTS))
@pytest.mark.parametrize("browser", sorted(B.BROWSERS))
def test_host_manifest_for_each_browser_and_os(os_name, browser):
    host, flavour = HOSTS[os_name]
    kind = B.BROWSERS[browser][1]
    manifest = host_manifest(MANIFESTS, kind, host)
    assert manifest["name"] == product.HOST_NAME
    assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", manifest["name"])  # Chrome's rule for host names
    assert manifest["type"] == "stdio"
    assert manifest["path"] == host and flavour(manifest["path"]).is_absolute()
    assert manifest["description"] == product.DESCRIPTION
    if kind == "chrome":
        assert manifest["allowed_origins"] == [f"chrome-extension://{product.EXTENSION_ID}/"]
        assert "allowed_extensions" not in manifest
    else:
        assert manifest["allowed_extensions"] == [product.GECKO_ID]
        assert "allowed_origins" not in manifest
    allowed = manifest.get("allowed_origins", []) + manifest.get("allowed_extensions", [])
    assert not any("*" in item for item in allowed)


def test_host_manifest_escapes_awkward_paths():
    path = 'C:\\Users\\Zoë "Z"\\rapport-host.exe'
    assert host_manifest(MANIFESTS, "chrome", path)["path"] == path


def referenced_files(manifest: dict) -> set[str]:
    files = set(manifest["icons"].values()) | set(manifest["action"].get("default_icon", {}).values())
    files.add(manifest["action"]["default_popup"])
    files.add(manifest["options_ui"]["page"])
    background = manifest["background"]
    files.update(background.get("scripts", []))
    if "service_worker" in background:
        files.add(background["service_worker"])
    for script in manifest["content_scripts"]:
        files.update(script.get("js", []) + script.get("css", []))
    return files


@pytest.mark.frozen
def test_chrome_manifest_is_minimal_mv3_with_the_documented_id(build_info):
    folder = Path(build_info["chrome"])
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["name"] == product.NAME and manifest["version"] == product.VERSION
    assert re.fullmatch(r"\d+(\.\d+){0,3}", manifest["version"])
    assert len(manifest["description"]) <= 132  # the Chrome Web Store limit
    assert product.extension_id(manifest["key"]) == product.EXTENSION_ID == build_info["extension_id"]
    assert set(manifest["permissions"]) <= {"nativeMessaging", "storage"}
    assert "nativeMessaging" in manifest["permissions"]
    assert set(manifest["host_permissions"]) <= SITES
    assert "service_worker" in manifest["background"] and "scripts" not in manifest["background"]
    for script in manifest["content_scripts"]:
        assert set(script["matches"]) <= SITES
    assert "browser_specific_settings" not in manifest
    for name in referenced_files(manifest):
        assert (folder / name).is_file(), name


@pytest.mark.frozen
def test_firefox_manifest_names_the_gecko_id(build_info):
    folder = Path(build_info["firefox"])
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["browser_specific_settings"]["gecko"]["id"] == product.GECKO_ID
    assert "key" not in manifest
    assert manifest["background"].get("scripts") and "service_worker" not in manifest["background"]
    assert set(manifest["permissions"]) <= {"nativeMessaging", "storage"}
    for name in referenced_files(manifest):
        assert (folder / name).is_file(), name


@pytest.mark.frozen
@pytest.mark.parametrize("browser", ["chrome", "firefox"])
def test_rendered_product_js_matches_the_product(build_info, browser):
    """manifest/product.js.j2 is rendered per browser and bundled into the entry points."""
    text = (Path(build_info[browser]) / "background" / "background.js").read_text()
    assert json.dumps(product.HOST_NAME) in text and json.dumps(product.EXTENSION_ID) in text
    assert f'browser: "{browser}"' in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.frozen
@pytest.mark.parametrize(("folder", "package"), [("chrome", "chrome_zip"), ("firefox", "firefox_xpi")])
def test_packages_hold_exactly_the_unpacked_extension(build_info, folder, package):
    unpacked = Path(build_info[folder])
    expected = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    with zipfile.ZipFile(build_info[package]) as zf:
        assert set(zf.namelist()) == expected
        assert json.loads(zf.read("manifest.json")) == json.loads((unpacked / "manifest.json").read_text())


@pytest.mark.frozen
@pytest.mark.slow
def test_web_ext_lint_finds_no_errors_in_the_firefox_build(build_info):
    web_ext = load_build_module().ensure_web_ext()
    cmd = [str(web_ext), "lint", "--source-dir", build_info["firefox"], "--output", "json"]
    done = subprocess.run([*cmd, "--no-config-discovery"], capture_output=True, text=True, timeout=240)
    report = json.loads(done.stdout)
    assert report["summary"]["errors"] == 0, report["errors"]
    assert done.returncode == 0

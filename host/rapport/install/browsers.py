"""Where each supported browser looks for native-messaging host manifests, per OS: one table, no branches.

Paths are computed for any OS from a `Platform` (so Linux can unit-test macOS and Windows); only the installer
touches the real file system and registry.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from rapport.product import HOST_NAME

# key: (title, manifest family)
BROWSERS: dict[str, tuple[str, str]] = {
    "chrome": ("Google Chrome", "chrome"),
    "chromium": ("Chromium", "chrome"),
    "brave": ("Brave", "chrome"),
    "edge": ("Microsoft Edge", "chrome"),
    "vivaldi": ("Vivaldi", "chrome"),
    "firefox": ("Firefox", "firefox"),
}

# Manifest folders. Linux user folders are under $XDG_CONFIG_HOME (~/.config) except Firefox's (under ~);
# macOS user folders under ~/Library/Application Support. Brave and Vivaldi read Chrome's system folder.
LINUX_USER = {
    "chrome": "{config}/google-chrome/NativeMessagingHosts",
    "chromium": "{config}/chromium/NativeMessagingHosts",
    "brave": "{config}/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    "edge": "{config}/microsoft-edge/NativeMessagingHosts",
    "vivaldi": "{config}/vivaldi/NativeMessagingHosts",
    "firefox": "{home}/.mozilla/native-messaging-hosts",
}
LINUX_SYSTEM = {
    "chrome": "/etc/opt/chrome/native-messaging-hosts",
    "chromium": "/etc/chromium/native-messaging-hosts",
    "brave": "/etc/opt/chrome/native-messaging-hosts",
    "edge": "/etc/opt/edge/native-messaging-hosts",
    "vivaldi": "/etc/opt/chrome/native-messaging-hosts",
    "firefox": "/usr/lib/mozilla/native-messaging-hosts",
}
MAC_USER = {
    "chrome": "{appsupport}/Google/Chrome/NativeMessagingHosts",
    "chromium": "{appsupport}/Chromium/NativeMessagingHosts",
    "brave": "{appsupport}/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    "edge": "{appsupport}/Microsoft Edge/NativeMessagingHosts",
    "vivaldi": "{appsupport}/Vivaldi/NativeMessagingHosts",
    "firefox": "{appsupport}/Mozilla/NativeMessagingHosts",
}
MAC_SYSTEM = {
    "chrome": "/Library/Google/Chrome/NativeMessagingHosts",
    "chromium": "/Library/Application Support/Chromium/NativeMessagingHosts",
    "brave": "/Library/Google/Chrome/NativeMessagingHosts",
    "edge": "/Library/Microsoft/Edge/NativeMessagingHosts",
    "vivaldi": "/Library/Google/Chrome/NativeMessagingHosts",
    "firefox": "/Library/Application Support/Mozilla/NativeMessagingHosts",
}
# Windows: a registry key whose default value is the manifest's path. Chrome, Brave and Vivaldi share
# Chrome's key; Chromium and Edge use the same layout under their own vendor; Firefox has its own.
WINDOWS_KEYS = {
    "chrome": r"Software\Google\Chrome\NativeMessagingHosts",
    "chromium": r"Software\Chromium\NativeMessagingHosts",
    "brave": r"Software\Google\Chrome\NativeMessagingHosts",
    "edge": r"Software\Microsoft\Edge\NativeMessagingHosts",
    "vivaldi": r"Software\Google\Chrome\NativeMessagingHosts",
    "firefox": r"Software\Mozilla\NativeMessagingHosts",
}

# Evidence that a browser is present: executables on PATH, or folders that exist.
LINUX_FOUND = {
    "chrome": ["google-chrome", "google-chrome-stable", "{config}/google-chrome"],
    "chromium": ["chromium", "chromium-browser", "{config}/chromium"],
    "brave": ["brave-browser", "brave", "{config}/BraveSoftware/Brave-Browser"],
    "edge": ["microsoft-edge", "microsoft-edge-stable", "{config}/microsoft-edge"],
    "vivaldi": ["vivaldi", "vivaldi-stable", "{config}/vivaldi"],
    "firefox": ["firefox", "firefox-esr", "{home}/.mozilla/firefox"],
}
MAC_APPS = {
    "chrome": "Google Chrome.app",
    "chromium": "Chromium.app",
    "brave": "Brave Browser.app",
    "edge": "Microsoft Edge.app",
    "vivaldi": "Vivaldi.app",
    "firefox": "Firefox.app",
}
WINDOWS_FOUND = {
    "chrome": "{localappdata}/Google/Chrome/User Data",
    "chromium": "{localappdata}/Chromium/User Data",
    "brave": "{localappdata}/BraveSoftware/Brave-Browser/User Data",
    "edge": "{localappdata}/Microsoft/Edge/User Data",
    "vivaldi": "{localappdata}/Vivaldi/User Data",
    "firefox": "{appdata}/Mozilla/Firefox",
}


@dataclass(frozen=True)
class Platform:
    """The OS to compute paths for: name ("linux", "darwin", "windows"), home, environment, path flavour."""

    name: str
    home: str
    env: dict = field(default_factory=dict)
    path: type[PurePath] | None = None  # defaults to the OS's own flavour

    @classmethod
    def current(cls) -> Platform:
        name = {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
        return cls(name, os.path.expanduser("~"), dict(os.environ))

    def p(self, *parts: str) -> PurePath:
        flavour = self.path or (PureWindowsPath if self.name == "windows" else PurePosixPath)
        return flavour(*parts)

    def fill(self, pattern: str) -> PurePath:
        home = self.home
        names = {
            "home": home,
            "config": self.env.get("XDG_CONFIG_HOME") or str(self.p(home, ".config")),
            "appsupport": str(self.p(home, "Library", "Application Support")),
            "localappdata": self.env.get("LOCALAPPDATA") or str(self.p(home, "AppData", "Local")),
            "appdata": self.env.get("APPDATA") or str(self.p(home, "AppData", "Roaming")),
        }
        return self.p(pattern.format(**names))  # "/" separates parts in both flavours


@dataclass(frozen=True)
class Target:
    """One place to register the host: a manifest file, plus a registry key on Windows."""

    browser: str  # a key of BROWSERS, or "profile" for a --user-data-dir
    kind: str  # manifest family: "chrome" or "firefox"
    manifest: str
    registry: tuple[str, str] | None = None  # (hive, key) whose default value is `manifest`


def title(browser: str) -> str:
    return BROWSERS.get(browser, ("Chromium profile", ""))[0]


def target(plat: Platform, browser: str, system: bool = False) -> Target:
    kind = BROWSERS[browser][1]
    if plat.name == "windows":
        base = plat.env.get("PROGRAMDATA", r"C:\ProgramData") if system else plat.fill("{localappdata}")
        manifest = plat.p(str(base), "Rapport", "NativeMessagingHosts", f"{HOST_NAME}.{kind}.json")
        hive = "HKEY_LOCAL_MACHINE" if system else "HKEY_CURRENT_USER"
        return Target(browser, kind, str(manifest), (hive, WINDOWS_KEYS[browser] + "\\" + HOST_NAME))
    table = {
        ("linux", False): LINUX_USER,
        ("linux", True): LINUX_SYSTEM,
        ("darwin", False): MAC_USER,
        ("darwin", True): MAC_SYSTEM,
    }[plat.name, system]
    return Target(browser, kind, str(plat.fill(table[browser]) / f"{HOST_NAME}.json"))


def profile_target(plat: Platform, user_data_dir: str) -> Target:
    """What Chromium started with --user-data-dir DIR reads on Linux and macOS: DIR/NativeMessagingHosts/."""
    return Target(
        "profile", "chrome", str(plat.p(user_data_dir, "NativeMessagingHosts", f"{HOST_NAME}.json"))
    )


def receipt_path(plat: Platform, system: bool = False) -> PurePath:
    """Where install records what it wrote, so uninstall removes exactly that."""
    if plat.name == "windows":
        base = plat.env.get("PROGRAMDATA", r"C:\ProgramData") if system else str(plat.fill("{localappdata}"))
        return plat.p(base, "Rapport", "install-receipt.json")
    if plat.name == "darwin":
        base = "/Library/Application Support" if system else str(plat.fill("{appsupport}"))
        return plat.p(base, "Rapport", "install-receipt.json")
    if system:
        return plat.p("/var/lib/rapport/install-receipt.json")
    data = plat.env.get("XDG_DATA_HOME") or str(plat.p(plat.home, ".local", "share"))
    return plat.p(data, "rapport", "install-receipt.json")


def evidence(plat: Platform, browser: str) -> list[str]:
    """Executables (bare names, looked up on PATH) and folders whose presence means the browser is here."""
    if plat.name == "windows":
        return [str(plat.fill(WINDOWS_FOUND[browser]))]
    if plat.name == "darwin":
        app = MAC_APPS[browser]
        return ["/Applications/" + app, str(plat.p(plat.home, "Applications", app))] + [
            str(plat.fill(MAC_USER[browser]).parent)
        ]
    return [item if "{" not in item else str(plat.fill(item)) for item in LINUX_FOUND[browser]]


def found(plat: Platform, exists=os.path.exists, which=shutil.which) -> list[str]:
    """The supported browsers present on this machine, in table order."""

    def present(item: str) -> bool:
        return exists(item) if ("/" in item or "\\" in item) else which(item) is not None

    return [b for b in BROWSERS if any(present(item) for item in evidence(plat, b))]

"""Install/uninstall/doctor: the path tables for Linux, macOS and Windows (computed here on Linux, the Windows
registry faked), and a real install -> doctor -> uninstall round trip under a temporary HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from rapport import product
from rapport.install import browsers as B
from rapport.install.doctor import diagnose
from rapport.install.installer import Installer
from rapport.install.probe import ProbeError, hello
from rapport.install.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "manifest"
NAME = f"{product.HOST_NAME}.json"

LINUX = B.Platform("linux", "/home/ann", {})
MAC = B.Platform("darwin", "/Users/ann", {})
WINDOWS = B.Platform("windows", r"C:\Users\ann", {"LOCALAPPDATA": r"C:\Users\ann\AppData\Local"})


class FakeWinreg:
    """The part of the `winreg` module that Registry uses; keys are case-insensitive as in Windows."""

    HKEY_CURRENT_USER = "HKCU"
    HKEY_LOCAL_MACHINE = "HKLM"
    KEY_READ, KEY_WRITE, REG_SZ = 1, 2, 1

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], str | None] = {}

    class Handle:
        def __init__(self, where: tuple[str, str]) -> None:
            self.where = where

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            pass

    def CreateKeyEx(self, hive, key, reserved, access):  # noqa: N802 (winreg's names)
        assert access == self.KEY_WRITE
        self.keys.setdefault((hive, key.lower()), None)
        return self.Handle((hive, key.lower()))

    def SetValueEx(self, handle, name, reserved, kind, value):  # noqa: N802
        assert name is None and kind == self.REG_SZ
        self.keys[handle.where] = value

    def OpenKey(self, hive, key, reserved, access):  # noqa: N802
        if (hive, key.lower()) not in self.keys:
            raise FileNotFoundError(key)
        return self.Handle((hive, key.lower()))

    def QueryValueEx(self, handle, name):  # noqa: N802
        value = self.keys[handle.where]
        if value is None:
            raise FileNotFoundError(name)
        return value, self.REG_SZ

    def DeleteKey(self, hive, key):  # noqa: N802
        if (hive, key.lower()) not in self.keys:
            raise FileNotFoundError(key)
        del self.keys[hive, key.lower()]


# ---------------------------------------------------------------- path tables


@pytest.mark.parametrize(
    ("browser", "expected"),
    [
        ("chrome", "/home/ann/.config/google-chrome/NativeMessagingHosts"),
        ("chromium", "/home/ann/.config/chromium/NativeMessagingHosts"),
        ("brave", "/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts"),
        ("edge", "/home/ann/.config/microsoft-edge/NativeMessagingHosts"),
        ("vivaldi", "/home/ann/.config/vivaldi/NativeMessagingHosts"),
        ("firefox", "/home/ann/.mozilla/native-messaging-hosts"),
    ],
)
def test_linux_user_folders(browser, expected):
    t = B.target(LINUX, browser)
    assert t.manifest == f"{expected}/{NAME}"
    assert t.registry is None
    assert t.kind == ("firefox" if browser == "firefox" else "chrome")


def test_linux_honours_xdg_config_home_for_chromium_browsers_only():
    plat = B.Platform("linux", "/home/ann", {"XDG_CONFIG_HOME": "/cfg"})
    assert B.target(plat, "chromium").manifest == f"/cfg/chromium/NativeMessagingHosts/{NAME}"
    assert B.target(plat, "firefox").manifest == f"/home/ann/.mozilla/native-messaging-hosts/{NAME}"


@pytest.mark.parametrize(
    ("browser", "expected"),
    [
        ("chrome", "/etc/opt/chrome/native-messaging-hosts"),
        ("chromium", "/etc/chromium/native-messaging-hosts"),
        ("brave", "/etc/opt/chrome/native-messaging-hosts"),
        ("edge", "/etc/opt/edge/native-messaging-hosts"),
        ("firefox", "/usr/lib/mozilla/native-messaging-hosts"),
    ],
)
def test_linux_system_folders(browser, expected):
    assert B.target(LINUX, browser, system=True).manifest == f"{expected}/{NAME}"


@pytest.mark.parametrize(
    ("browser", "user", "system"),
    [
        ("chrome", "Google/Chrome", "/Library/Google/Chrome/NativeMessagingHosts"),
        ("chromium", "Chromium", "/Library/Application Support/Chromium/NativeMessagingHosts"),
        ("brave", "BraveSoftware/Brave-Browser", "/Library/Google/Chrome/NativeMessagingHosts"),
        ("edge", "Microsoft Edge", "/Library/Microsoft/Edge/NativeMessagingHosts"),
        ("vivaldi", "Vivaldi", "/Library/Google/Chrome/NativeMessagingHosts"),
        ("firefox", "Mozilla", "/Library/Application Support/Mozilla/NativeMessagingHosts"),
    ],
)
def test_macos_folders(browser, user, system):
    assert B.target(MAC, browser).manifest == (
        f"/Users/ann/Library/Application Support/{user}/NativeMessagingHosts/{NAME}"
    )
    assert B.target(MAC, browser, system=True).manifest == f"{system}/{NAME}"


@pytest.mark.parametrize(
    ("browser", "key", "family"),
    [
        ("chrome", r"Software\Google\Chrome", "chrome"),
        ("chromium", r"Software\Chromium", "chrome"),
        ("brave", r"Software\Google\Chrome", "chrome"),
        ("edge", r"Software\Microsoft\Edge", "chrome"),
        ("vivaldi", r"Software\Google\Chrome", "chrome"),
        ("firefox", r"Software\Mozilla", "firefox"),
    ],
)
def test_windows_registry_keys_and_per_user_manifests(browser, key, family):
    t = B.target(WINDOWS, browser)
    assert t.registry == ("HKEY_CURRENT_USER", rf"{key}\NativeMessagingHosts\{product.HOST_NAME}")
    assert (
        t.manifest
        == rf"C:\Users\ann\AppData\Local\Rapport\NativeMessagingHosts\{product.HOST_NAME}.{family}.json"
    )
    system = B.target(WINDOWS, browser, system=True)
    assert system.registry[0] == "HKEY_LOCAL_MACHINE"
    assert system.manifest.startswith("C:\\ProgramData\\Rapport\\")


@pytest.mark.parametrize("plat", [LINUX, MAC, WINDOWS], ids=["linux", "macos", "windows"])
def test_every_browser_has_an_absolute_manifest_path_and_a_receipt(plat):
    flavour = PureWindowsPath if plat.name == "windows" else PurePosixPath
    for browser in B.BROWSERS:
        for system in (False, True):
            assert flavour(B.target(plat, browser, system).manifest).is_absolute()
    assert flavour(str(B.receipt_path(plat))).is_absolute()
    profile = B.profile_target(plat, "C:\\p" if plat.name == "windows" else "/tmp/p")
    assert profile.manifest.endswith(NAME) and "NativeMessagingHosts" in profile.manifest


def test_browsers_found_by_executable_or_folder():
    on_path = {"chromium", "firefox-esr"}
    folders = {"/home/ann/.config/vivaldi"}
    found = B.found(LINUX, exists=folders.__contains__, which=lambda n: n if n in on_path else None)
    assert found == ["chromium", "vivaldi", "firefox"]
    mac = B.found(MAC, exists={"/Applications/Brave Browser.app"}.__contains__, which=lambda n: None)
    assert mac == ["brave"]
    win_dirs = {r"C:\Users\ann\AppData\Local\Microsoft\Edge\User Data"}
    assert B.found(WINDOWS, exists=win_dirs.__contains__, which=lambda n: None) == ["edge"]


# ---------------------------------------------------------------- installer with a fake registry


def test_windows_install_and_uninstall_with_a_faked_registry(tmp_path):
    fake = FakeWinreg()
    plat = B.Platform("windows", str(tmp_path), {"LOCALAPPDATA": str(tmp_path / "local")}, PurePosixPath)
    inst = Installer(plat, registry=Registry(fake))
    host = tmp_path / "rapport-host.exe"
    lines = inst.install(inst.targets(["chrome", "brave", "edge", "firefox"], []), host, MANIFESTS)
    chrome_key = ("HKCU", rf"software\google\chrome\nativemessaginghosts\{product.HOST_NAME}")
    edge_key = ("HKCU", rf"software\microsoft\edge\nativemessaginghosts\{product.HOST_NAME}")
    firefox_key = ("HKCU", rf"software\mozilla\nativemessaginghosts\{product.HOST_NAME}")
    assert set(fake.keys) == {chrome_key, edge_key, firefox_key}  # Brave shares Chrome's key
    chrome_manifest = json.loads(Path(fake.keys[chrome_key]).read_text())
    firefox_manifest = json.loads(Path(fake.keys[firefox_key]).read_text())
    assert chrome_manifest["path"] == str(host)
    assert chrome_manifest["allowed_origins"] == [product.CHROME_ORIGIN]
    assert firefox_manifest["allowed_extensions"] == [product.GECKO_ID]
    assert any(line.startswith("set HKEY_CURRENT_USER\\Software\\Mozilla") for line in lines)

    inst.uninstall({"brave"})  # Chrome still uses the shared key and file
    assert chrome_key in fake.keys and Path(fake.keys[chrome_key]).exists()
    inst.uninstall(None)
    assert fake.keys == {}
    assert sorted(tmp_path.rglob("*")) == []


def test_uninstall_keeps_a_key_that_now_points_elsewhere(tmp_path):
    fake = FakeWinreg()
    plat = B.Platform("windows", str(tmp_path), {"LOCALAPPDATA": str(tmp_path)}, PurePosixPath)
    inst = Installer(plat, registry=Registry(fake))
    inst.install(inst.targets(["firefox"], []), tmp_path / "h.exe", MANIFESTS)
    (key,) = fake.keys
    fake.keys[key] = r"C:\Other\manifest.json"
    lines = inst.uninstall(None)
    assert fake.keys == {key: r"C:\Other\manifest.json"}
    assert any("now points at" in line for line in lines)


# ---------------------------------------------------------------- real file system, in-process


def linux_installer(home: Path) -> Installer:
    return Installer(B.Platform("linux", str(home), {}))


def test_install_creates_missing_folders_and_uninstall_removes_only_those(tmp_path):
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "keep.txt").write_text("the user's")
    before = sorted(tmp_path.rglob("*"))
    inst = linux_installer(tmp_path)
    inst.install(inst.targets(["chromium", "firefox"], []), Path("/opt/rapport/rapport-host"), MANIFESTS)
    written = tmp_path / ".config" / "chromium" / "NativeMessagingHosts" / NAME
    assert json.loads(written.read_text())["path"] == "/opt/rapport/rapport-host"
    assert (tmp_path / ".mozilla" / "native-messaging-hosts" / NAME).exists()
    receipt = json.loads(inst.receipt_file.read_text())
    assert {e["path"] for e in receipt["entries"] if e["type"] == "file"} == {
        str(written),
        str(tmp_path / ".mozilla" / "native-messaging-hosts" / NAME),
    }
    inst.uninstall({"firefox"})
    assert not (tmp_path / ".mozilla").exists() and written.exists()
    inst.uninstall(None)
    assert sorted(tmp_path.rglob("*")) == before


def test_uninstall_leaves_a_manifest_changed_since_install(tmp_path):
    inst = linux_installer(tmp_path)
    inst.install(inst.targets(["chromium"], []), Path("/opt/h"), MANIFESTS)
    manifest = tmp_path / ".config" / "chromium" / "NativeMessagingHosts" / NAME
    manifest.write_text('{"edited": "by someone else"}')
    lines = inst.uninstall(None)
    assert manifest.read_text() == '{"edited": "by someone else"}'
    assert any("changed since install" in line for line in lines)
    assert any("kept folder" in line for line in lines)


def test_reinstall_is_idempotent_and_profiles_are_separate(tmp_path):
    inst = linux_installer(tmp_path / "home")
    profile = tmp_path / "profile"
    for _ in range(2):
        inst.install(inst.targets(["chromium"], [str(profile)]), Path("/opt/h"), MANIFESTS)
    entries = json.loads(inst.receipt_file.read_text())["entries"]
    assert len([e for e in entries if e["type"] == "file"]) == 2
    assert (profile / "NativeMessagingHosts" / NAME).exists()
    inst.uninstall({f"profile:{profile}"})
    assert not profile.exists()  # install created it, and it is empty again
    assert (tmp_path / "home" / ".config" / "chromium" / "NativeMessagingHosts" / NAME).exists()


# ---------------------------------------------------------------- the real commands, temporary HOME


def run_build(command: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), RAPPORT_BUILD_DONE="1")
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.frozen
def test_install_doctor_uninstall_round_trip(build_info, tmp_path):
    home = tmp_path / "home"
    profile = tmp_path / "profile"
    home.mkdir()
    before = sorted(tmp_path.rglob("*"))
    installed = run_build(
        [
            "install",
            "--no-build",
            "--browser",
            "chromium",
            "--browser",
            "firefox",
            "--user-data-dir",
            str(profile),
        ],
        home,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert build_info["chrome"] in installed.stdout  # where to "Load unpacked" from
    manifest = json.loads((home / ".config/chromium/NativeMessagingHosts" / NAME).read_text())
    assert manifest["path"] == build_info["host"]
    assert json.loads((profile / "NativeMessagingHosts" / NAME).read_text()) == manifest

    doctor = run_build(["doctor"], home)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert doctor.stdout.count("host answers hello") == 3  # Chromium, Firefox, the profile
    assert "FAIL" not in doctor.stdout
    assert f"ok    {build_info['chrome']} {product.VERSION}" in doctor.stdout  # the extension to load

    removed = run_build(["uninstall"], home)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.frozen
def test_doctor_names_each_problem_with_a_fix(build_info, tmp_path):
    home = tmp_path / "home"
    folder = home / ".config" / "chromium" / "NativeMessagingHosts"
    folder.mkdir(parents=True)
    (folder / NAME).write_text(
        json.dumps(
            {
                "name": product.HOST_NAME,
                "type": "stdio",
                "path": str(tmp_path / "gone" / "rapport-host"),
                "allowed_origins": ["chrome-extension://*/"],
            }
        )
    )
    doctor = run_build(["doctor", "--browser", "chromium", "--browser", "firefox"], home)
    assert doctor.returncode == 1
    out = doctor.stdout
    assert "FAIL  allowed_origins does not name Rapport" in out
    assert "is not an executable file" in out
    assert f"no host manifest at {home}/.mozilla/native-messaging-hosts/{NAME}" in out
    assert out.count("fix: ") >= 3
    assert "fix: python3 build.py install --browser firefox" in out


# ---------------------------------------------------------------- the hello probe against misbehaving hosts


def python_host(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_probe_reports_a_host_that_writes_text_to_stdout():
    with pytest.raises(ProbeError, match="absurd reply length"):
        hello(python_host("import sys; print('starting up...'); sys.stdin.read()"))


def test_probe_reports_a_host_that_exits_without_replying_with_its_stderr():
    with pytest.raises(ProbeError, match=r"closed stdout without replying \(stderr: ImportError: boom\)"):
        hello(python_host("import sys; sys.stderr.write('ImportError: boom\\n'); sys.exit(1)"))


def test_probe_gives_up_on_a_silent_host_and_stops_it():
    with pytest.raises(ProbeError, match="no reply within 1 s"):
        hello(python_host("import time; time.sleep(60)"), timeout=1)


def test_probe_reports_a_missing_executable(tmp_path):
    with pytest.raises(ProbeError, match="cannot start"):
        hello([str(tmp_path / "rapport-host")])


@pytest.mark.frozen
def test_doctor_follows_the_windows_registry_to_the_manifest(build_info, tmp_path):
    fake = FakeWinreg()
    plat = B.Platform("windows", str(tmp_path), {"LOCALAPPDATA": str(tmp_path)}, PurePosixPath)
    target = B.target(plat, "edge")
    missing = diagnose(target, "", Registry(fake), {})
    assert [(c.ok, c.fix) for c in missing] == [(False, "python3 build.py install --browser edge")]
    assert "no registry key HKEY_CURRENT_USER\\Software\\Microsoft\\Edge" in missing[0].text

    inst = Installer(plat, registry=Registry(fake))
    inst.install(inst.targets(["edge"], []), Path(build_info["host"]), MANIFESTS)
    checks = diagnose(target, "", Registry(fake), {})
    assert all(c.ok for c in checks), checks
    assert "host answers hello" in checks[-1].text
    assert checks[0].text.endswith(target.manifest) and checks[0].text.startswith("registry key")

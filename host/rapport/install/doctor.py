"""`build.py doctor`: for each browser, is the host registered, runnable, for our extension, and answering?"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from rapport import product
from rapport.install import browsers as B
from rapport.install.probe import ProbeError, hello
from rapport.install.receipt import Receipt
from rapport.install.registry import Registry, system_registry


@dataclass
class Check:
    ok: bool
    text: str
    fix: str = ""


def install_hint(target: B.Target, profile: str) -> str:
    flag = f"--user-data-dir {profile}" if target.browser == "profile" else f"--browser {target.browser}"
    return f"python3 build.py install {flag}"


def diagnose(target: B.Target, profile: str, registry: Registry | None, probes: dict) -> list[Check]:
    """Checks in order; stops at the first problem that makes the following checks meaningless."""
    fix = install_hint(target, profile)
    manifest = target.manifest
    checks: list[Check] = []
    if target.registry:
        hive, key = target.registry
        value = registry.get_default(hive, key) if registry else None
        if value is None:
            return [Check(False, f"no registry key {hive}\\{key}", fix)]
        checks.append(Check(True, f"registry key {hive}\\{key} -> {value}"))
        manifest = value
    path = Path(manifest)
    if not path.is_file():
        return [*checks, Check(False, f"no host manifest at {path}", fix)]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [*checks, Check(False, f"unreadable manifest {path}: {exc}", fix)]
    if data.get("name") != product.HOST_NAME or data.get("type") != "stdio":
        return [*checks, Check(False, f"{path} is not a stdio manifest for {product.HOST_NAME}", fix)]
    checks.append(Check(True, f"manifest {path}"))
    checks.append(allow_list_check(target.kind, data, fix))
    host = data.get("path", "")
    if not (os.path.isabs(host) and os.path.isfile(host) and os.access(host, os.X_OK)):
        rebuild = "python3 build.py build && " + fix
        return [*checks, Check(False, f"host {host!r} is not an executable file (absolute path)", rebuild)]
    checks.append(Check(True, f"host {host}"))
    if host not in probes:
        probes[host] = probe(host, target.kind)
    checks.append(probes[host])
    return checks


def allow_list_check(kind: str, data: dict, fix: str) -> Check:
    key, wanted = ("allowed_origins", product.CHROME_ORIGIN)
    if kind == "firefox":
        key, wanted = ("allowed_extensions", product.GECKO_ID)
    allowed = data.get(key)
    if not isinstance(allowed, list) or wanted not in allowed:
        return Check(False, f"{key} does not name Rapport ({wanted})", fix)
    if any("*" in str(item) for item in allowed):
        return Check(False, f"{key} has a wildcard: {allowed}", fix)
    return Check(True, f"{key} {allowed}")


def probe(host: str, kind: str) -> Check:
    # Chrome passes the caller's origin; Firefox passes the manifest path and the extension ID.
    args = [product.CHROME_ORIGIN] if kind == "chrome" else ["manifest.json", product.GECKO_ID]
    try:
        reply = hello([host, *args])
    except ProbeError as exc:
        return Check(False, f"host does not answer hello: {exc}", "python3 build.py build, then doctor again")
    result = reply.message.get("result") or {}
    if not reply.message.get("ok") or result.get("protocol") != product.PROTOCOL_VERSION:
        return Check(False, f"host answered hello with {reply.message}", "python3 build.py build")
    version = result.get("version")
    ms = reply.seconds * 1000
    name = result.get("name", "?")
    text = f"host answers hello in {ms:.0f} ms ({name} {version}, protocol {result['protocol']})"
    if version != product.VERSION:
        return Check(False, text + f" but this checkout is {product.VERSION}", "python3 build.py install")
    return Check(True, text)


def extension_checks(build_json: Path) -> list[Check]:
    """The built extensions that the browsers load (dist/build.json names them)."""
    fix = "python3 build.py build"
    try:
        info = json.loads(build_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [Check(False, f"no build at {build_json}", fix)]
    checks = []
    for browser, hint in (("chrome", "chrome://extensions > Load unpacked"), ("firefox", "about:debugging")):
        manifest = Path(info.get(browser, "")) / "manifest.json"
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            checks.append(Check(False, f"no built {browser} extension at {manifest.parent}", fix))
            continue
        if browser == "chrome" and product.extension_id(data.get("key", "")) != product.EXTENSION_ID:
            checks.append(Check(False, f"{manifest} does not carry the key of {product.EXTENSION_ID}", fix))
            continue
        version = data.get("version")
        if version != product.VERSION:
            checks.append(
                Check(False, f"{manifest.parent} is version {version}, this checkout {product.VERSION}", fix)
            )
            continue
        checks.append(Check(True, f"{manifest.parent} {version} (load it from {hint})"))
    return checks


def doctor_command(
    browsers: list[str] | None,
    system: bool,
    user_data_dirs: list[Path] | None,
    build_json: Path,
    plat: B.Platform | None = None,
) -> int:
    plat = plat or B.Platform.current()
    registry = system_registry()
    receipt = Receipt.load(Path(str(B.receipt_path(plat, system))))
    installed = receipt.labels()
    chosen = browsers or [b for b in B.BROWSERS if b in B.found(plat) or b in installed]
    profiles = [str(d) for d in user_data_dirs or []]
    if not browsers and not user_data_dirs:
        profiles = sorted(x[8:] for x in installed if x.startswith("profile:") and Path(x[8:]).exists())
    if not chosen and not profiles:
        print("FAIL  no supported browser found and nothing installed")
        print("      fix: python3 build.py install --browser chromium  (or " + ", ".join(B.BROWSERS) + ")")
        return 1
    probes: dict = {}
    problems = report("Extension", extension_checks(build_json))
    for browser in chosen:
        problems += report(B.title(browser), diagnose(B.target(plat, browser, system), "", registry, probes))
    for d in profiles:
        problems += report(f"Chromium profile {d}", diagnose(B.profile_target(plat, d), d, registry, probes))
    print(f"{problems} problem(s) found" if problems else "everything looks right")
    return 1 if problems else 0


def report(heading: str, checks: list[Check]) -> int:
    print(heading)
    for c in checks:
        print(f"  {'ok  ' if c.ok else 'FAIL'}  {c.text}")
        if c.fix:
            print(f"        fix: {c.fix}")
    return sum(not c.ok for c in checks)

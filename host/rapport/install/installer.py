"""Register the native host for browsers (manifest files, and registry keys on Windows) and remove it again.

Everything written is recorded in a receipt (see `receipt`); uninstall removes exactly that, and only while
it is still what install wrote.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from rapport.install import browsers as B
from rapport.install.manifests import host_manifest, manifest_text
from rapport.install.receipt import Entry, Receipt
from rapport.install.registry import Registry, system_registry


def label(target: B.Target, profile: str = "") -> str:
    return f"profile:{profile}" if target.browser == "profile" else target.browser


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Installer:
    def __init__(self, plat: B.Platform, system: bool = False, registry: Registry | None = None) -> None:
        self.plat = plat
        self.system = system
        self.registry = registry
        self.receipt_file = Path(str(B.receipt_path(plat, system)))

    def targets(self, browsers: list[str], profiles: list[str]) -> list[tuple[B.Target, str]]:
        out = [(B.target(self.plat, b, self.system), b) for b in browsers]
        out += [(B.profile_target(self.plat, d), f"profile:{d}") for d in profiles]
        return out

    def _mkdirs(self, folder: Path, receipt: Receipt) -> None:
        """Create missing folders, recording each one created (uninstall removes them if left empty)."""
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for d in reversed(missing):
            d.mkdir()
            if not receipt.find("dir", str(d)):
                receipt.entries.append(Entry("dir", str(d)))

    def install(self, targets: list[tuple[B.Target, str]], host: Path, templates: Path) -> list[str]:
        receipt = Receipt.load(self.receipt_file)
        self._prune(receipt)
        self._mkdirs(self.receipt_file.parent, receipt)
        receipt.host = str(host)
        lines = []
        for target, who in targets:
            data = manifest_text(host_manifest(templates, target.kind, str(host))).encode()
            path = Path(target.manifest)
            self._mkdirs(path.parent, receipt)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            os.chmod(path, 0o644)
            entry = receipt.find("file", str(path)) or Entry("file", str(path))
            if entry not in receipt.entries:
                receipt.entries.append(entry)
            entry.sha256 = sha256(data)
            entry.browsers = sorted(set(entry.browsers) | {who})
            lines.append(f"wrote {path}  ({B.title(target.browser)})")
            if target.registry:
                hive, key = target.registry
                if self.registry is None:
                    raise RuntimeError("the Windows registry is not available")
                self.registry.set_default(hive, key, str(path))
                reg = receipt.find("registry", str(path), key) or Entry(
                    "registry", str(path), hive=hive, key=key
                )
                if reg not in receipt.entries:
                    receipt.entries.append(reg)
                reg.browsers = sorted(set(reg.browsers) | {who})
                lines.append(f"set {hive}\\{key} = {path}")
            receipt.save()
        return lines

    def _prune(self, receipt: Receipt) -> None:
        """Forget files that are gone (e.g. temporary test profiles deleted since)."""
        gone = {e.path for e in receipt.entries if e.type == "file" and not Path(e.path).exists()}
        receipt.entries = [
            e
            for e in receipt.entries
            if not (e.type == "file" and e.path in gone)
            and not (e.type == "dir" and not Path(e.path).exists())
        ]

    def uninstall(self, labels: set[str] | None = None) -> list[str]:
        """Remove what the receipt lists for `labels` (browser keys / "profile:<dir>"; None: everything)."""
        receipt = Receipt.load(self.receipt_file)
        lines, kept = [], []
        for e in receipt.entries:
            if e.type == "dir":
                continue
            remaining = [] if labels is None else [b for b in e.browsers if b not in labels]
            if remaining:
                e.browsers = remaining
                kept.append(e)
                continue
            lines.append(self._remove(e))
        # Folders install created: removed (deepest first) when nothing still installed lives in them.
        survivors = [Path(e.path) for e in kept if e.type == "file"] + ([self.receipt_file] if kept else [])
        if not kept:
            self.receipt_file.unlink(missing_ok=True)
        kept_dirs = []
        dirs = sorted((e for e in receipt.entries if e.type == "dir"), key=lambda e: -len(Path(e.path).parts))
        for e in dirs:
            d = Path(e.path)
            if any(d in p.parents for p in survivors):
                kept_dirs.append(e)
            elif d.exists():
                self._rmdir(d, lines)
        receipt.entries = kept + kept_dirs
        receipt.save()
        return lines or ["nothing to remove"]

    @staticmethod
    def _rmdir(d: Path, lines: list[str]) -> None:
        try:
            d.rmdir()
            lines.append(f"removed folder {d}")
        except OSError:
            lines.append(f"kept folder {d} (not empty)")

    def _remove(self, e: Entry) -> str:
        """Remove one file or registry key if it is still what install wrote; say what happened."""
        if e.type == "registry":
            current = self.registry.get_default(e.hive, e.key) if self.registry else None
            if current is None:
                return f"already gone: {e.hive}\\{e.key}"
            if current != e.path:
                return f"left {e.hive}\\{e.key}: it now points at {current}"
            self.registry.delete(e.hive, e.key)
            return f"removed {e.hive}\\{e.key}"
        path = Path(e.path)
        if not path.exists():
            return f"already gone: {path}"
        if sha256(path.read_bytes()) != e.sha256:
            return f"left {path}: changed since install"
        path.unlink()
        return f"removed {path}"


def load_instructions(chrome_dir: Path, firefox_xpi: Path) -> list[str]:
    firefox_manifest = chrome_dir.parent / "firefox" / "manifest.json"
    return [
        "",
        "Now load the extension:",
        "  Chrome, Chromium, Brave, Edge, Vivaldi: open chrome://extensions, switch on Developer mode,",
        f'    click "Load unpacked" and choose {chrome_dir}',
        '  Firefox: open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on..." and choose',
        f"    {firefox_manifest}",
        "    (Firefox Developer Edition or Nightly with xpinstall.signatures.required=false can install",
        f"    the unsigned {firefox_xpi})",
        "Check the set-up any time with: python3 build.py doctor",
    ]


def install_command(
    host: Path,
    templates: Path,
    browsers: list[str] | None,
    system: bool,
    user_data_dirs: list[Path] | None,
    chrome_dir: Path,
    firefox_xpi: Path,
) -> int:
    plat = B.Platform.current()
    profiles = [str(d) for d in user_data_dirs or []]
    chosen = browsers or ([] if profiles else B.found(plat))
    if not chosen and not profiles:
        names = ", ".join(B.BROWSERS)
        print(f"error: no supported browser found on this machine; name one with --browser ({names})")
        return 1
    if profiles and plat.name == "windows":
        print(
            "note: on Windows, Chromium finds hosts through the registry only; --user-data-dir has no effect"
        )
    installer = Installer(plat, system, system_registry())
    try:
        lines = installer.install(installer.targets(chosen, profiles), host, templates)
    except PermissionError as exc:
        print(f"error: {exc}" + ("\n  --system needs root (sudo) or administrator rights" if system else ""))
        return 1
    except (OSError, ValueError) as exc:
        print(f"error: {exc}")
        return 1
    print(f"Registered the Rapport host {host}")
    print("\n".join("  " + line for line in lines))
    print(f"  receipt: {installer.receipt_file}")
    print("\n".join(load_instructions(chrome_dir, firefox_xpi)))
    return 0


def uninstall_command(browsers: list[str] | None, system: bool, user_data_dirs: list[Path] | None) -> int:
    plat = B.Platform.current()
    labels = set(browsers or []) | {f"profile:{d}" for d in user_data_dirs or []}
    installer = Installer(plat, system, system_registry())
    try:
        lines = installer.uninstall(labels or None)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}")
        return 1
    print("\n".join(lines))
    print("Remove the extension itself on the browser's extensions page (chrome://extensions, about:addons).")
    return 0
